"""`mkdocs-okr check` against `check-jsonschema` on the same front matter, as whole processes.

For each size N it generates the benchmark site of bench/build_overhead.py (N pages, half of them
OKR pages), writes each OKR page's front matter to its own YAML file, and times, alternating:

    mkdocs-okr check DOCS --format json     every page: positions, duplicate keys, YAML traps,
                                            the schema, whose behaviour each key result measures
    check-jsonschema --schemafile schema/okr.schema.json FRONT_MATTER/*.yaml     the schema only

Each command runs once untimed first, so both read compiled bytecode (build_overhead.bytecode_env).
It prints the median of the pair-by-pair ratios check-jsonschema / mkdocs-okr (how many times
faster the checker is) and the peak memory (max RSS) of each process.

    python bench/check_speed.py                                # 5,000 pages, 3 pairs
    python bench/check_speed.py --pages 1000,5000,20000
    python bench/check_speed.py --quick                        # smoke run: 100 pages, 1 pair
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_overhead import cli_command, generate, nproc, run, write_configs

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "okr.schema.json"


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process that must succeed."""
    seconds, proc, mb = run(cmd, cwd)
    if proc.returncode != 0:
        sys.exit(f"check_speed: {' '.join(cmd[:4])} … exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return seconds, mb


def front_matter_files(docs: Path, out: Path) -> list[Path]:
    """Each OKR page's front matter as its own YAML file, as check-jsonschema takes them."""
    out.mkdir()
    files = []
    for n, page in enumerate(sorted(docs.rglob("*.md"))):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            path = out / f"{n:06d}.yaml"
            path.write_text(text[4 : text.index("\n---", 4) + 1], encoding="utf-8")
            files.append(path)
    return files


def measure(base: Path, pages: int, rounds: int) -> dict[str, float]:
    root = base / f"n{pages}"
    root.mkdir()
    docs, okr_pages = generate(root, pages)
    config, _ = write_configs(root, "mkdocs", search=False)
    yaml_files = front_matter_files(docs, root / "front-matter")
    assert len(yaml_files) == okr_pages, (len(yaml_files), okr_pages)
    ours = cli_command(docs, config)
    theirs = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), *map(str, yaml_files)]
    for cmd in (ours, theirs[:6]):  # untimed, theirs on one file: fills the bytecode cache (bytecode_env)
        timed(cmd, root)
    pairs = []
    for r in range(rounds):
        ours_s, ours_mb = timed(ours, root)
        theirs_s, theirs_mb = timed(theirs, root)
        pairs.append((ours_s, ours_mb, theirs_s, theirs_mb))
        print(
            f"  {pages} pages, pair {r + 1}/{rounds}: mkdocs-okr {ours_s:.2f} s, check-jsonschema {theirs_s:.2f} s",
            flush=True,
        )
    med = lambda i: statistics.median(p[i] for p in pairs)  # noqa: E731
    return {
        "pages": pages,
        "okr_pages": okr_pages,
        "ours": med(0),
        "ours_mb": max(p[1] for p in pairs),
        "theirs": med(2),
        "theirs_mb": max(p[3] for p in pairs),
        "ratio": statistics.median(p[2] / p[0] for p in pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="5000", help="comma-separated site sizes [5000]")
    parser.add_argument("--rounds", type=int, default=3, help="pairs per size [3]")
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 pages, 1 pair")
    args = parser.parse_args()
    sizes, rounds = ([100], 1) if args.quick else ([int(p) for p in args.pages.split(",")], args.rounds)
    print(f"Python {sys.version.split()[0]}, nproc {nproc()}; {rounds} pair(s) per size, alternating")
    base = Path(tempfile.mkdtemp(prefix="okr-check-speed-"))
    try:
        rows = [measure(base, pages, rounds) for pages in sizes]
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(
        f"\n{'pages':>7} {'OKR pages':>9} {'mkdocs-okr s':>12} {'MB':>5} {'check-jsonschema s':>18} {'MB':>5} {'faster':>7} {'µs/page':>8}"
    )
    for row in rows:
        print(
            f"{row['pages']:>7,} {row['okr_pages']:>9,} {row['ours']:>12.2f} {row['ours_mb']:>5.0f} "
            f"{row['theirs']:>18.2f} {row['theirs_mb']:>5.0f} {row['ratio']:>6.1f}x {row['ours'] / row['pages'] * 1e6:>8.0f}"
        )
    print(
        "\ntimes: medians of whole processes; faster: median of pair ratios check-jsonschema / mkdocs-okr;"
        "\nMB: peak resident memory; µs/page: mkdocs-okr's time per page (flat across sizes = linear)."
    )


if __name__ == "__main__":
    main()
