"""How the site-wide steps grow with the site: cross-page rules, the index's data and its HTML.

    python bench/index_scaling.py [--pages 1000,5000,20000]

Synthetic OKR pages (as the JSON report has them: 2 objectives, 3 key results each, a quarter of
the objectives supporting a yearly company objective, a few `aligns_to` that match nothing) go
through the same functions the build runs after reading every page. Prints the time per page at
each size and its ratio to the smallest size: flat ratios mean linear growth.
"""

from __future__ import annotations

import argparse
import random
import time

from mkdocs_okr.model import Diagnostic
from mkdocs_okr.rules.crosspage import add_cross_page
from mkdocs_okr.show import render
from mkdocs_okr.show.siteindex import build_index

LEVELS = ["customer", "customers_users", "team", "unknown"]
PERIODS = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]


def site(pages: int) -> list[dict[str, object]]:
    rng = random.Random(pages)
    okrs: list[dict[str, object]] = [
        {
            "file": "docs/company.md",
            "team": "Company",
            "period": "2026",
            "customer": [],
            "customers_users": [],
            "objectives": [
                {
                    "id": "O1",
                    "title": "Restaurants choose us",
                    "line": 6,
                    "column": 7,
                    "pointer": "/okr/objectives/0",
                    "key_results": [
                        {"id": "KR1", "text": "Raise renewal", "line": 8, "controllability": {"level": "customer"}}
                    ],
                }
            ],
        }
    ]
    for n in range(pages):
        objectives = []
        for o in range(2):
            krs = [
                {
                    "id": f"KR{k + 1}",
                    "text": "Raise something from 1 to 2",
                    "line": 8 + k,
                    "controllability": {"level": rng.choice(LEVELS)},
                    **({"progress": rng.random()} if k else {}),
                }
                for k in range(3)
            ]
            objective = {
                "id": f"O{o + 1}",
                "title": f"Objective {n}.{o}",
                "line": 6 + 10 * o,
                "column": 7,
                "pointer": f"/okr/objectives/{o}",
                "key_results": krs,
            }
            if rng.random() < 0.25:
                target = "Company/2026/O1" if rng.random() < 0.95 else f"Company/2026/O{rng.randint(2, 9)}"
                objective["aligns_to"] = {"objective": target, "line": 7 + 10 * o, "column": 18}
            objectives.append(objective)
        okrs.append(
            {
                "file": f"docs/teams/team-{n:05d}.md",
                "team": f"Team {n % 400}",
                "period": PERIODS[n % 4],
                "customer": [],
                "customers_users": [],
                "objectives": objectives,
            }
        )
    return okrs


def measure(pages: int, rounds: int) -> dict[str, float]:
    okrs = site(pages)
    best = {"cross-page": float("inf"), "index data": float("inf"), "index HTML": float("inf")}
    for _ in range(rounds):
        diagnostics: dict[str, list[Diagnostic]] = {str(o["file"]): [] for o in okrs}
        t0 = time.perf_counter()
        add_cross_page(diagnostics, okrs, {})
        t1 = time.perf_counter()
        index = build_index(okrs, lambda file, ident: f"../{file}#okr-{ident.lower()}")
        t2 = time.perf_counter()
        render.index(index, "okr.css")
        t3 = time.perf_counter()
        for name, seconds in zip(best, (t1 - t0, t2 - t1, t3 - t2)):
            best[name] = min(best[name], seconds)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="1000,5000,20000", help="comma-separated site sizes [1000,5000,20000]")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs per size [3]")
    args = parser.parse_args()
    sizes = [int(p) for p in args.pages.split(",")]
    render.index(build_index(site(10), lambda f, i: f), "okr.css")  # load the templates first
    rows = [(pages, measure(pages, args.rounds)) for pages in sizes]
    first_pages, first = rows[0]
    print(f"{'pages':>7}  {'step':<11} {'seconds':>8} {'µs/page':>8} {'ratio':>6}")
    for pages, best in rows:
        for step, seconds in best.items():
            per_page = seconds / pages * 1e6
            ratio = per_page / (first[step] / first_pages * 1e6)
            print(f"{pages:>7,}  {step:<11} {seconds:>8.3f} {per_page:>8.1f} {ratio:>6.2f}")
    print("ratio: time per page over the smallest size's; 1.00 is linear growth.")


if __name__ == "__main__":
    main()
