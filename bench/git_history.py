"""What reading check-ins from git adds to `mkdocs build`, against the same build with `git_history: false`.

For each size N it generates the site of build_overhead.py (half OKR pages) in a new git
repository, commits it, then commits a weekly check-in WEEKS times, each changing the `current`
of every key result that has one (so each OKR page has WEEKS + 1 versions), and times

    history, no history, history, no history, ...   (--rounds pairs, separate processes)

The cost is the median of the pair-by-pair ratios, minus one; it should stay linear in pages, as
ms per page shows. The history build's okrs.json must carry the check-ins, and both builds must
give the same site otherwise. Sites are written to a RAM disk when the machine has one.

    python bench/git_history.py                  # 1,000 and 5,000 pages, 3 pairs each
    python bench/git_history.py --quick          # smoke run: 100 pages, 1 pair

Standard library, MkDocs and git only; nothing is imported from mkdocs_okr or the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from build_overhead import CUSTOMER, build, bytecode_env, generate, ram_disk, run

WEEKS = 5
CURRENT = re.compile(r"^(\s+current: )([0-9.]+)$", re.MULTILINE)


def git(root: Path, *args: str, day: str = "2026-01-05") -> None:
    when = f"{day}T09:00:00+00:00"
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def repository(root: Path, pages: int) -> tuple[Path, int]:
    """The generated site, committed once and then checked in weekly: every `current` up by one."""
    docs, okr_pages = generate(root, pages)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "site")
    okr_files = sorted(docs.glob("okrs*/okr-*.md"))
    for week in range(1, WEEKS + 1):
        for path in okr_files:
            text = path.read_text(encoding="utf-8")
            path.write_text(CURRENT.sub(lambda m: f"{m[1]}{float(m[2]) + 1:g}", text), encoding="utf-8")
        git(root, "commit", "-q", "-am", f"week {week}", day=(date(2026, 1, 5) + timedelta(weeks=week)).isoformat())
    return docs, okr_pages


def configs(root: Path) -> tuple[Path, Path]:
    common = "site_name: OKR benchmark\ndocs_dir: docs\nnav:\n  - Home: index.md\nplugins:\n  - search\n"
    on, off = root / "mkdocs-history.yml", root / "mkdocs-no-history.yml"
    # the day the pages are measured against is pinned, so stale findings are the same in every run
    plugin = f"  - okr:\n      customer: [{CUSTOMER}]\n      today: 2026-02-10\n"
    on.write_text(common + plugin, encoding="utf-8")
    off.write_text(common + plugin + "      git_history: false\n", encoding="utf-8")
    return on, off


def check_ins(site: Path) -> int:
    data = json.loads((site / "okrs.json").read_text(encoding="utf-8"))
    return sum(
        len(kr.get("checkins", [])) for okr in data["okrs"] for o in okr["objectives"] for kr in o["key_results"]
    )


def measure(base: Path, pages: int, rounds: int, out: Path) -> dict[str, float]:
    root = base / f"n{pages}"
    root.mkdir()
    _, okr_pages = repository(root, pages)
    on_cfg, off_cfg = configs(root)
    on_s: list[float] = []
    off_s: list[float] = []
    found = 0
    for r in range(1, rounds + 1):
        on_site, off_site = out / f"site-history-{r}", out / f"site-none-{r}"
        on_s.append(build(root, on_cfg, on_site)[0])
        off_s.append(build(root, off_cfg, off_site)[0])
        if r == 1:
            found = check_ins(on_site)
            if not found or check_ins(off_site):
                sys.exit(f"git_history: expected check-ins with history only, got {found} and {check_ins(off_site)}")
        shutil.rmtree(on_site)
        shutil.rmtree(off_site)
        print(f"  {pages} pages, pair {r}/{rounds}: history {on_s[-1]:.2f} s, none {off_s[-1]:.2f} s", flush=True)
    ratios = [a / b for a, b in zip(on_s, off_s)]
    return {
        "pages": pages,
        "okr_pages": okr_pages,
        "checkins": found,
        "history": statistics.median(on_s),
        "none": statistics.median(off_s),
        "cost": statistics.median(ratios) - 1,
        "ms_per_page": statistics.median([a - b for a, b in zip(on_s, off_s)]) / pages * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, action="append", help="site sizes (repeatable)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="100 pages, 1 pair")
    args = parser.parse_args()
    sizes = [100] if args.quick else args.pages or [1000, 5000]
    rounds = 1 if args.quick else args.rounds
    base = Path(tempfile.mkdtemp(prefix="okr-git-bench-", dir=ram_disk()))
    try:
        warm = base / "warm-up"
        warm.mkdir()
        repository(warm, 20)
        for config in configs(warm):
            run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(warm / config.stem)], warm)
        rows = [measure(base, n, rounds, base) for n in sizes]
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(
        f"\n{WEEKS} weekly check-ins per key result; environment as build_overhead.py ({bytecode_env()['PYTHONPYCACHEPREFIX']})"
    )
    print("| pages | OKR pages | check-ins read | with history | without | cost | ms per page |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['pages']:,} | {r['okr_pages']:,} | {r['checkins']:,} | {r['history']:.2f} s | {r['none']:.2f} s "
            f"| {r['cost']:+.1%} | {r['ms_per_page']:.2f} |"
        )


if __name__ == "__main__":
    main()
