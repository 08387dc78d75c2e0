"""How long `mkdocs-okr` takes to start: a one-file check, as a pre-commit hook runs it, and `--version`.

It generates a small site in a temporary folder (bench/build_overhead.py's pages: --pages pages,
half of them OKR pages, and a mkdocs.yml that sets the okr plugin's customer), then times these
commands as whole processes, one after the other in each round, from the site's folder:

    mkdocs-okr check docs/okrs/okr-00001.md   one clean page, as pre-commit names a changed file:
                                              mkdocs.yml is read, and the rest of docs_dir for
                                              the cross-page rules
    mkdocs-okr check docs/okrs/broken.md      the same in a copy of the site where that page has
                                              two schema errors: a period off the pattern and
                                              a misspelt key (worded without jsonschema)
    mkdocs-okr --version
    python -c pass                            the interpreter's own start-up
    python -c "import yaml"                   and with PyYAML, which any check reads pages with

Every process reads and writes compiled bytecode, as for a package installed by pip, after an
untimed warm-up (build_overhead.bytecode_env). It prints each command's median wall time and its
ratios to the two baselines: the median of the round-by-round ratios, so they hold when the
machine's speed drifts. A ratio is the figure to compare between machines and versions; the
seconds are this machine's.

    python bench/startup.py                  # a 20-page site, 20 rounds
    python bench/startup.py --pages 200 --rounds 40
    python bench/startup.py --quick          # smoke run: 2 rounds
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_overhead import CUSTOMER, generate, nproc, package_version, run, source_fingerprint

PAGE = "docs/okrs/okr-00001.md"
BROKEN = "docs/okrs/broken.md"


def command() -> list[str]:
    """The command as a hook runs it: the installed script, else the module."""
    script = Path(sys.executable).parent / "mkdocs-okr"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "mkdocs_okr"]


def site(root: Path, pages: int, broken: bool) -> Path:
    """A generated site under `root`; with `broken`, a copy of its first OKR page whose period
    the schema refuses and whose first objective's title is misspelt."""
    root.mkdir()
    generate(root, pages)
    (root / "mkdocs.yml").write_text(
        f"site_name: Start-up benchmark\nplugins:\n  - okr:\n      customer: [{CUSTOMER}]\n", encoding="utf-8"
    )
    if broken:
        text = (root / PAGE).read_text(encoding="utf-8")
        (root / PAGE).unlink()  # the copy takes its place, so that no objective id is repeated
        text = re.sub(r"(?m)^  period: .*$", '  period: "2026-Q5"', text, count=1)
        (root / BROKEN).write_text(re.sub(r"(?m)^(\s+(?:- )?)title:", r"\1titel:", text, count=1), encoding="utf-8")
    return root


def expect(label: str, result: tuple[float, subprocess.CompletedProcess[str], float], code: int, marker: str) -> float:
    """The wall seconds of a run that exited with `code` and printed `marker`; else stop."""
    seconds, proc, _ = result
    if proc.returncode != code or marker not in proc.stdout:
        sys.exit(
            f"startup: {label} exited {proc.returncode}, expected {code} and {marker!r}:\n"
            f"{proc.stdout[-1500:]}{proc.stderr[-1500:]}"
        )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="pages in the site, half of them OKR pages [20]")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of every command [20]")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 rounds")
    args = parser.parse_args()
    rounds = 2 if args.quick else args.rounds
    base = Path(tempfile.mkdtemp(prefix="okr-startup-"))
    try:
        clean, broken = site(base / "clean", args.pages, False), site(base / "broken", args.pages, True)
        okr = command()
        runs = {  # label: (argv, folder, exit code, what its output holds)
            "check one page": (okr + ["check", PAGE], clean, 0, "no findings"),
            "check one page, schema errors": (okr + ["check", BROKEN], broken, 1, 'did you mean "title"'),
            "--version": (okr + ["--version"], clean, 0, package_version("mkdocs-okr")),
            "python -c pass": ([sys.executable, "-c", "pass"], clean, 0, ""),
            'python -c "import yaml"': ([sys.executable, "-c", "import yaml"], clean, 0, ""),
        }
        for label, (argv, folder, code, marker) in runs.items():  # untimed: fills the bytecode cache
            expect(label, run(argv, folder), code, marker)
        times: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(rounds):
            for label, (argv, folder, code, marker) in runs.items():
                times[label].append(expect(label, run(argv, folder), code, marker))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    python, yaml = times["python -c pass"], times['python -c "import yaml"']
    print(
        f"Python {sys.version.split()[0]}, nproc {nproc()}, mkdocs-okr {package_version('mkdocs-okr')} "
        f"(sources {source_fingerprint()}); a site of {args.pages} pages; {rounds} rounds, the commands in turn\n"
    )
    print(f"{'command':<30} {'median s':>9} {'x python -c pass':>17} {'x import yaml':>14}")
    for label, seconds in times.items():
        over_python = statistics.median(s / p for s, p in zip(seconds, python))
        over_yaml = statistics.median(s / y for s, y in zip(seconds, yaml))
        print(f"{label:<30} {statistics.median(seconds):>9.3f} {over_python:>17.2f} {over_yaml:>14.2f}")
    print(
        "\nmedian s: wall seconds of the whole process on this machine; x: the median of the round-by-round"
        "\nratios to that baseline, the figure to compare between machines."
    )


if __name__ == "__main__":
    main()
