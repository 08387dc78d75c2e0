"""How the checker grows with hostile sizes that used to be quadratic: thousands of unknown keys
in one mapping, thousands of `aligns_to` that match nothing, and one long loop of `aligns_to`.

    python bench/hostile_scaling.py [--sizes 1000,2000,4000]

Each case runs in this process at each size; prints the time, the time per item and its ratio to
the smallest size (flat ratios mean linear growth), and for the loop the size of its messages.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from mkdocs_okr.check import Options, check_text
from mkdocs_okr.rules.crosspage import cross_page


def unknown_keys(n: int) -> Callable[[], int]:
    keys = "".join(f"  unknown{i}: 1\n" for i in range(n))
    page = f"---\nokr:\n  team: A\n  period: 2026-Q1\n{keys}  objectives:\n    - title: T\n      key_results: [a 1, b 2]\n---\n"
    return lambda: sum(len(d.message) for d in check_text(page, "p.md", Options()).diagnostics)


def _okr(i: int, target: str) -> dict[str, object]:
    return {
        "file": f"p{i:05d}.md",
        "team": f"Team {i}",
        "period": "2026-Q1",
        "objectives": [
            {
                "id": "O1",
                "title": "t",
                "line": 5,
                "column": 7,
                "pointer": "/okr/objectives/0",
                "aligns_to": {"objective": target, "line": 6, "column": 18},
            }
        ],
    }


def misses(n: int) -> Callable[[], int]:
    okrs = [_okr(i, f"Nowhere {i}/2026-Q1/O9") for i in range(n)]
    return lambda: sum(len(d.message) for d in cross_page(okrs, {}))


def loop(n: int) -> Callable[[], int]:
    okrs = [_okr(i, f"Team {(i + 1) % n}/2026-Q1/O1") for i in range(n)]
    return lambda: sum(len(d.message) for d in cross_page(okrs, {}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    for name, case in (
        ("unknown keys in one mapping", unknown_keys),
        ("aligns_to matching nothing", misses),
        ("one loop of aligns_to", loop),
    ):
        first = None
        case(10)()  # the validator and the vocabularies are built once, as in a build
        for n in sizes:
            run = case(n)
            start = time.perf_counter()
            characters = run()
            seconds = time.perf_counter() - start
            per = seconds / n
            first = first or per
            print(
                f"{name:<30} {n:>6,}: {seconds:7.3f} s, {per * 1e6:8.1f} us each (x{per / first:.2f}), {characters:,} characters of findings"
            )


if __name__ == "__main__":
    main()
