"""Fuzz the one-page core with many more examples than CI runs (10,000 by default): arbitrary YAML
under `okr:`, arbitrary text and bytes as pages. Prints the count, the time, and how the pages were
answered. Usage: python bench/fuzz.py [--examples N] [--seed S]"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fixtures.fuzzing import check_one, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    answers: Counter[str] = Counter()

    @seed(args.seed)
    @settings(max_examples=args.examples, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(pages)
    def fuzz(raw: bytes) -> None:
        result = check_one(raw)
        answers["OKR model" if result.okr else "findings, no model" if result.is_okr_page else "not an OKR page"] += 1

    start = time.perf_counter()
    fuzz()
    seconds = time.perf_counter() - start
    total = sum(answers.values())
    print(
        f"{total:,} examples in {seconds:.1f} s ({seconds / total * 1000:.2f} ms each, generation included), no failure"
    )
    for answer, count in answers.most_common():
        print(f"  {answer:<20} {count:>7,}")


if __name__ == "__main__":
    main()
