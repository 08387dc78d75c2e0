"""Accuracy and speed of the controllability classifier on the labelled sets under tests/data.

    python bench/accuracy.py [--set key_results.yaml] [--repeat 20]

Prints, per set: accuracy, the confusion matrix (rows: label, columns: answer), recall and precision
per level, and key results classified per second on one core (best of --repeat passes over the set,
with the vocabularies already loaded, as in a build).
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

from mkdocs_okr.controllability import classify  # noqa: E402
from mkdocs_okr.vocabulary import vocabulary  # noqa: E402

LEVELS = ["customer", "customers_users", "team", "unknown"]
SETS = ["key_results.yaml", "key_results_holdout.yaml", "key_results_blind.yaml", "key_results_blind2.yaml", "key_results_blind3.yaml"]


def items(path: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (kr["text"], tuple(g.get("customer") or ()), tuple(g.get("customers_users") or ()), kr["level"])
        for g in data["groups"]
        for kr in g["key_results"]
    ]


def report(name: str, rows: list, repeat: int) -> None:
    confusion: Counter = Counter()
    for text, customer, users, label in rows:
        confusion[(label, classify(text, customer, users)[0].level.value)] += 1
    right = sum(confusion[(lv, lv)] for lv in LEVELS)
    print(f"\n{name}: {len(rows)} key results, accuracy {right / len(rows):.3f} ({right}/{len(rows)})")
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
        for text, customer, users, _ in rows:
            classify(text, customer, users)
        best = min(best, time.perf_counter() - start)
    print(f"  speed: {len(rows) / best:,.0f} key results per second (one core, best of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", help="a YAML file under tests/data (repeatable)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    vocabulary()  # loaded once per process, as in a build
    for name in args.set or SETS:
        path = ROOT / "tests" / "data" / name
        if path.exists():
            report(name, items(path), args.repeat)


if __name__ == "__main__":
    main()
