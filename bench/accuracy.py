"""Accuracy and speed of the controllability classifier on the labelled sets under tests/data.

    python bench/accuracy.py [--set key_results.yaml] [--repeat 20] [--lodo]

Each set's groups become pages that go through the checker as a user's pages do (`check_text`,
with the group's team, objective and declared parties). Prints, per set: accuracy, false alarms
(an "Outside your control" answer on a key result labelled customer or team: the costliest
mistake, since it fails a strict build), the share answered "unknown", the confusion matrix (rows:
label, columns: answer), recall and precision per level, and key results classified per second
on one core. Key results labelled "mixed" measure both parties and are left out of scoring.

The shipped model is fitted on these same sets, so their figures flatter it; `--lodo` also prints
the honest ones: each domain scored by a model fitted without it (leave-one-domain-out), per set.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs_okr.check import Options, check_text  # noqa: E402
from mkdocs_okr.classify import assess, fit, warm_up  # noqa: E402
from mkdocs_okr.read.normalise import names  # noqa: E402

LEVELS = ["customer", "customers_users", "team", "unknown"]
SETS = [
    "key_results.yaml",
    "key_results_holdout.yaml",
    "key_results_blind.yaml",
    "key_results_blind2.yaml",
    "key_results_blind3.yaml",
    "key_results_blind4.yaml",
    "key_results_published.yaml",
    "corpus",
    "unseen/key_results_blind5.yaml",
    "unseen/key_results_published2.yaml",
    "unseen/key_results_blind6.yaml",
    "unseen/key_results_blind7.yaml",
    "unseen/key_results_published3.yaml",
    "unseen/key_results_blind8.yaml",
    "unseen/key_results_blind9.yaml",
    "unseen/key_results_blind10.yaml",
    "unseen/key_results_blind11.yaml",
    "unseen/key_results_blind12.yaml",
    "unseen/key_results_published4.yaml",
]
Row = tuple[str, tuple[str, ...], tuple[str, ...], str, str]  # text, customer, customers' users, label, answer


def answered(path: Path) -> list[Row]:
    """Every scored key result of a set (a file, or a folder of files), with the checker's answer."""
    rows: list[Row] = []
    for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
        for group in yaml.safe_load(file.read_text(encoding="utf-8"))["groups"]:
            rows += _page(group)
    return rows


def _page(group: dict) -> list[Row]:
    block = {"team": group.get("team") or group["domain"], "period": "2026-Q1"}
    block |= {key: group[key] for key in ("customer", "customers_users") if group.get(key) is not None}
    results = group["key_results"]
    block["objectives"] = [
        {"title": group.get("objective") or group["domain"], "key_results": [{"text": kr["text"]} for kr in results]}
    ]
    page = "---\n" + yaml.safe_dump({"okr": block}, allow_unicode=True, sort_keys=False) + "---\n"
    okr = check_text(page, "page.md", Options()).okr
    assert okr is not None, f"the page of {group['domain']!r} does not validate"
    customer, users = names(group.get("customer")), names(group.get("customers_users"))
    return [
        (kr["text"], customer, users, kr["level"], model.controllability.level.value)  # type: ignore[union-attr]  # every key result of a set's page has its controllability
        for kr, model in zip(results, okr.objectives[0].key_results)
        if kr["level"] != "mixed"
    ]


def figures(rows: list[Row]) -> dict[str, float]:
    """Accuracy, false-alarm rate (among key results labelled customer or team) and unknown rate."""
    theirs = [r for r in rows if r[3] in ("customer", "team")]
    return {
        "accuracy": sum(r[3] == r[4] for r in rows) / len(rows),
        "false_alarms": sum(r[4] == "customers_users" for r in theirs) / len(theirs),
        "unknown": sum(r[4] == "unknown" for r in rows) / len(rows),
    }


def report(name: str, rows: list[Row], repeat: int) -> None:
    confusion: Counter = Counter((label, answer) for *_, label, answer in rows)
    shown = figures(rows)
    alarms = sum(confusion[(lv, "customers_users")] for lv in ("customer", "team"))
    print(
        f"\n{name}: {len(rows)} key results, accuracy {shown['accuracy']:.3f}, false alarms {shown['false_alarms']:.1%} "
        f"({alarms} of {sum(r[3] in ('customer', 'team') for r in rows)} labelled customer or team), unknown {shown['unknown']:.1%}"
    )
    print("label \\ answer".ljust(18) + "".join(f"{lv:>17}" for lv in LEVELS))
    for label in LEVELS:
        print(f"{label:<18}" + "".join(f"{confusion[(label, guess)]:>17}" for guess in LEVELS))
    for level in LEVELS:
        labelled = sum(confusion[(level, g)] for g in LEVELS)
        answered = sum(confusion[(lbl, level)] for lbl in LEVELS)
        recall = confusion[(level, level)] / labelled if labelled else float("nan")
        precision = confusion[(level, level)] / answered if answered else float("nan")
        print(f"  {level:<16} recall {recall:.2f}  precision {precision:.2f}  ({labelled} labelled)")
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text, customer, users, *_ in rows:
            assess(text, customer, users)
        best = min(best, time.perf_counter() - start)
    print(f"  speed: {len(rows) / best:,.0f} key results per second (one core, best of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", help="a YAML file under tests/data (repeatable)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--lodo", action="store_true", help="also print leave-one-domain-out figures (a few minutes)")
    args = parser.parse_args()
    warm_up()  # loaded once per process, as in a build
    for name in args.set or SETS:
        path = ROOT / "tests" / "data" / name
        if path.exists():
            report(name, answered(path), args.repeat)
    if args.lodo:
        leave_one_domain_out()


def leave_one_domain_out() -> None:
    """Figures per set, and over all, with each domain answered by a model fitted without it."""
    model, found, deals = fit.fitted(ROOT / "tests" / "data")
    labels, answers = fit.pooled(found, deals, model.thresholds)
    print(
        f"\nleave-one-domain-out over {len(found)} key results from {len({e.domain for e in found})} domains"
        f" (each domain once in each of {len(deals)} deals into folds):"
    )
    by_set: dict[str, list[int]] = {}
    for i, e in enumerate(found * len(deals)):
        by_set.setdefault(e.domain.split("::")[0].split("/")[0], []).append(i)
    for name, rows in [*sorted(by_set.items()), ("all", list(range(len(labels))))]:
        shown = fit.figures([labels[i] for i in rows], [answers[i] for i in rows])
        print(f"  {name:<28} {len(rows) // len(deals):>5}  " + ", ".join(f"{k} {v:.3f}" for k, v in shown.items()))


if __name__ == "__main__":
    main()
