"""Golden outputs: what the project produces, recorded once and compared byte for byte later.

A change that should change no behaviour (a move, a new layout, a refactor) is proved by
recording the outputs before it and comparing after it. The outputs are those a user sees:

  guidance/    the guidance site (`mkdocs build --strict` of this repository), every file
  bench/       okrs.json of a build of the benchmark site (bench/build_overhead.py), a digest
               of every file it builds, and `mkdocs-okr check --format json` of its pages
  tests-check/ `mkdocs-okr check tests/data` as text and as JSON, with its exit status
  hosts/       the Markdown extension's HTML and a Sphinx build's pages and okrs.json, for the
               example pages of the guidance site

    python dev/golden.py record OUT [--source TREE] [--pages N]
    python dev/golden.py compare OUT [--source TREE] [--pages N]

`--source` runs another checkout, its package (PYTHONPATH), its site and its data, so a baseline
can be recorded from an older commit in a git worktree. `compare` records into a temporary folder and lists every file
that differs, with the first lines of a diff; it exits 1 when any does. SOURCE_DATE_EPOCH is fixed,
so the dates in the sites are the same in every run.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent  # the checkout `--source` defaults to
EPOCH = "1767225600"  # 2026-01-01
CONF = 'extensions = ["myst_parser", "mkdocs_okr.sphinx"]\nexclude_patterns = []\nroot_doc = "index"\n'
MARKDOWN = """\
import sys, pathlib, markdown
out = pathlib.Path(sys.argv[1])
for page in sys.argv[2:]:
    path = pathlib.Path(page)
    html = markdown.markdown(path.read_text(encoding="utf-8"), extensions=["okr"], extension_configs={"okr": {"file": path.name}})
    (out / (path.stem + ".html")).write_text(html, encoding="utf-8")
"""


def run(cmd: list[str], source: Path, cwd: Path, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(source), "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode not in ok:
        sys.exit(f"golden: {' '.join(cmd[:5])} … exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done


def record(out: Path, source: Path, pages: int) -> None:
    py = sys.executable
    out.mkdir(parents=True, exist_ok=True)
    run(
        [py, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(source / "mkdocs.yml"), "-d", str(out / "guidance")],
        source,
        source,
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sys.path.insert(0, str(source / "bench"))
        from build_overhead import generate, write_configs

        docs, _ = generate(work / "bench", pages)
        config, _ = write_configs(work / "bench", "mkdocs", search=False)
        (out / "bench").mkdir()
        run([py, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "built")], source, work / "bench")
        shutil.copy(work / "built" / "okrs.json", out / "bench" / "okrs.json")
        built = sorted(p for p in (work / "built").rglob("*") if p.is_file())
        digests = "".join(
            f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(work / 'built').as_posix()}\n" for p in built
        )
        (out / "bench" / "site.sha256").write_text(digests)  # every page of the build, not kept whole
        check = [py, "-m", "mkdocs_okr", "check", str(docs.relative_to(work / "bench")), "--config", config.name]
        (out / "bench" / "check.json").write_text(
            run([*check, "--format", "json"], source, work / "bench", (0, 1)).stdout
        )

        (out / "tests-check").mkdir()
        for fmt in ("text", "json"):
            done = run([py, "-m", "mkdocs_okr", "check", "tests/data", "--format", fmt], source, source, (0, 1))
            (out / "tests-check" / f"check.{fmt}").write_text(done.stdout + done.stderr + f"\nexit {done.returncode}\n")

        examples = sorted((source / "docs" / "examples").glob("*.md"))
        (out / "hosts" / "markdown").mkdir(parents=True)
        run([py, "-c", MARKDOWN, str(out / "hosts" / "markdown"), *map(str, examples)], source, source)
        project = work / "sphinx"
        project.mkdir()
        for page in examples:
            shutil.copy(page, project / page.name)
        (project / "conf.py").write_text(CONF, encoding="utf-8")
        run([py, "-m", "sphinx", "-q", "-b", "html", ".", "_build"], source, project)
        (out / "hosts" / "sphinx").mkdir()
        for example in examples:
            shutil.copy(project / "_build" / f"{example.stem}.html", out / "hosts" / "sphinx" / f"{example.stem}.html")
        shutil.copy(project / "_build" / "okrs.json", out / "hosts" / "sphinx" / "okrs.json")


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is only in one of the folders or differs, with the start of its diff."""
    found = []
    left = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for name in sorted(left ^ right):
        found.append(f"{name}: only in {'the baseline' if name in left else 'this run'}")
    for name in sorted(left & right):
        if not filecmp.cmp(a / name, b / name, shallow=False):
            try:
                old, new = ((d / name).read_text(encoding="utf-8").splitlines() for d in (a, b))
                diff = list(difflib.unified_diff(old, new, "baseline", "now", n=0, lineterm=""))[2:8]
            except UnicodeDecodeError:
                diff = ["(binary)"]
            found.append(f"{name}: differs\n    " + "\n    ".join(line[:200] for line in diff))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("out", type=Path, help="the folder of the golden outputs")
    parser.add_argument("--source", type=Path, default=REPO, help="the checkout whose package runs [this one]")
    parser.add_argument("--pages", type=int, default=5000, help="pages of the benchmark site [5000]")
    args = parser.parse_args()
    if args.action == "record":
        if args.out.exists():
            shutil.rmtree(args.out)
        record(args.out, args.source.resolve(), args.pages)
        print(f"recorded {sum(1 for p in args.out.rglob('*') if p.is_file()):,} files in {args.out}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        record(Path(tmp) / "now", args.source.resolve(), args.pages)
        found = differences(args.out, Path(tmp) / "now")
    print("\n".join(found) if found else "every golden output is byte-identical")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
