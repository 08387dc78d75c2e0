"""What the okr plugin adds to `mkdocs build`, and how fast `mkdocs-okr check` is.

For each size N it generates a site of N pages in a temporary folder (half OKR pages, half plain
pages of similar length, a one-entry explicit `nav` because MkDocs' auto nav is quadratic in pages),
then times `python -m mkdocs build -q` as separate processes, so imports count as a user sees them:

    plugin, bare, plugin, bare, ...   (--rounds pairs)

The plugin build adds `okr` (customer: [restaurant owners]) to the bare build's plugins: `[search]`,
as MkDocs has by default, or none with --no-search. The overhead is the median of the pair-by-pair ratios
plugin/bare, minus one; the machines are noisy, so pairs are alternated (see DESIGN.md section 8).
Both builds write their site to a RAM disk (/dev/shm) when the machine has one, each to a fresh
folder, deleted after the pair: on a virtual machine's disk, the writes of one build slow the
next by up to 40% as the dirty pages pile up, which drowns a few percent (--disk to measure there).
Every timed process reads and writes compiled bytecode, as for a package installed by pip, after
an untimed warm-up on a small site (see `bytecode_env`).
It also times `mkdocs-okr check DOCS_DIR --format json` on the same pages.

    python bench/build_overhead.py                  # 1,000 and 5,000 pages, 3 pairs each
    python bench/build_overhead.py --quick          # smoke run: 100 pages, 1 pair
    python bench/build_overhead.py --pages 2000 --rounds 5 --theme material

Standard library and MkDocs only; nothing is imported from mkdocs_okr or the tests.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import mkdocs

SEED = 20260101
CUSTOMER = "restaurant owners"

TEAMS = [
    "Restaurant platform",
    "Menu publishing",
    "Owner onboarding",
    "Billing and plans",
    "Reservations",
    "Owner insights",
    "Partner integrations",
    "Growth",
]

OBJECTIVES = [
    "Make it effortless for restaurant owners to show diners what they offer",
    "Help restaurant owners run their tables without a phone call",
    "Make restaurant owners confident that their bill is right",
    "Give restaurant owners the numbers they need to decide each week",
    "Get new restaurant owners live in their first week",
    "Make our platform the easiest way for restaurant owners to take orders",
]

# (text, baseline, target, current, unit): key results about what restaurant owners do
KEY_RESULTS = [
    ("Raise the 12-month renewal rate of restaurant owners from 82% to 90%", 82, 90, 84, "%"),
    ("Cut the median time restaurant owners take to publish a full menu from 3 days to 1 day", 3, 1, 2, "days"),
    ("Raise the share of restaurant owners who update their menu every month from 40% to 60%", 40, 60, 45, "%"),
    ("Increase the number of restaurant owners who enable online booking from 1,200 to 2,000", 1200, 2000, 1350, None),
    ("Reduce support tickets opened by restaurant owners per 100 accounts from 9 to 5", 9, 5, 8, None),
    ("Raise the share of restaurant owners who connect their point-of-sale from 25% to 40%", 25, 40, 31, "%"),
    ("Cut the churn of restaurant owners in their first 90 days from 12% to 7%", 12, 7, 10.5, "%"),
    ("Increase the number of restaurant owners who refer another restaurant from 150 to 300", 150, 300, 170, None),
    ("Raise the weekly active rate of restaurant owners in the dashboard from 55% to 70%", 55, 70, 58, "%"),
    ("Grow the number of restaurant owners on the annual plan from 800 to 1,100", 800, 1100, 860, None),
]

WORDS = (
    "menu kitchen table service owner diner booking order evening lunch dinner weekly report "
    "price dish season supplier staff shift review photo update publish account plan invoice "
    "terminal payment reservation guest counter delivery pickup special allergen wine dessert"
).split()

OKR_DIRS = ["okrs", "okrs/platform", "okrs/menus", "okrs/onboarding", "okrs/billing"]
PLAIN_DIRS = ["pages", "pages/guides", "pages/reference", "pages/how-to", "pages/notes/archive"]


# --------------------------------------------------------------------------- site generation


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, title: str) -> str:
    """A few paragraphs, a list and a code block: the same shape for OKR and plain pages."""
    paragraphs = ["\n".join(sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(3)]
    items = "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(3, 5)))
    code = "```python\ndef weekly_total(orders):\n    return sum(o.amount for o in orders)\n```"
    return (
        f"# {title}\n\n{paragraphs[0]}\n\n## Context\n\n{paragraphs[1]}\n\n{items}\n\n"
        f"## Notes\n\n{paragraphs[2]}\n\n{code}\n"
    )


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def okr_front_matter(rng: random.Random, index: int) -> str:
    # one page per team and period, as on a real site (two would repeat objective ids: duplicate-id)
    team = f"{TEAMS[index % len(TEAMS)]} {index // len(TEAMS) + 1}"
    period = f"2026-Q{index % 4 + 1}"
    lines = ["---", "okr:", f"  team: {team}", f"  period: {period}", "  objectives:"]
    for o in range(rng.randint(1, 3)):
        if rng.random() < 0.7:
            lines += [f"    - id: O{o + 1}", f"      title: {rng.choice(OBJECTIVES)}"]
        else:  # no id: it defaults to O1, O2, ...
            lines.append(f"    - title: {rng.choice(OBJECTIVES)}")
        lines.append("      key_results:")
        for k, (text, baseline, target, current, unit) in enumerate(rng.sample(KEY_RESULTS, rng.randint(2, 4))):
            if rng.random() < 0.4:
                lines.append(f"        - {text}")  # shorthand: a plain string
                continue
            lines.append(f"        - id: KR{k + 1}")
            lines.append(f"          text: {text}")
            lines.append(f"          baseline: {baseline}")
            lines.append(f"          target: {target}")
            if rng.random() < 0.6:
                lines.append(f"          current: {current}")
            if unit:
                lines.append(f"          unit: {quoted(unit)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def generate(root: Path, pages: int) -> tuple[Path, int]:
    """Write docs/ under root; returns the docs folder and the number of OKR pages."""
    rng = random.Random(SEED + pages)
    docs = root / "docs"
    for folder in OKR_DIRS + PLAIN_DIRS:
        (docs / folder).mkdir(parents=True, exist_ok=True)
    okr_pages = pages // 2
    plain_pages = pages - okr_pages  # index.md is one of them
    (docs / "index.md").write_text(body(rng, "Home"), encoding="utf-8")
    for i in range(okr_pages):
        folder = OKR_DIRS[i % len(OKR_DIRS)]
        text = okr_front_matter(rng, i) + "\n" + body(rng, f"OKRs {i + 1}")
        (docs / folder / f"okr-{i + 1:05d}.md").write_text(text, encoding="utf-8")
    for i in range(plain_pages - 1):
        folder = PLAIN_DIRS[i % len(PLAIN_DIRS)]
        (docs / folder / f"page-{i + 1:05d}.md").write_text(body(rng, f"Page {i + 1}"), encoding="utf-8")
    return docs, okr_pages


def write_configs(root: Path, theme: str, search: bool) -> tuple[Path, Path]:
    common = f"site_name: OKR benchmark\ndocs_dir: docs\ntheme:\n  name: {theme}\nnav:\n  - Home: index.md\n"
    plugin = root / "mkdocs-plugin.yml"
    bare = root / "mkdocs-bare.yml"
    others = "  - search\n" if search else ""
    plugin.write_text(common + f"plugins:\n{others}  - okr:\n      customer: [{CUSTOMER}]\n", encoding="utf-8")
    bare.write_text(common + (f"plugins:\n{others}" if search else "plugins: []\n"), encoding="utf-8")
    return plugin, bare


# --------------------------------------------------------------------------- running


def fail(message: str) -> None:
    print(f"build_overhead: {message}", file=sys.stderr)
    sys.exit(1)


@functools.cache
def bytecode_env() -> dict[str, str]:
    """The environment of every timed process: Python's compiled bytecode read and written (in a
    cache folder of its own), as for a package installed by pip, even where the shell sets
    PYTHONDONTWRITEBYTECODE; otherwise an editable install's modules are compiled anew by every
    process, which times the compiler, not the plugin."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "okr-bench-pycache")
    return env


def warm_up(base: Path, theme: str, search: bool) -> None:
    """Build a small site with each configuration and check it once, untimed: the bytecode cache
    is then filled for every module the timed processes import."""
    root = base / "warm-up"
    root.mkdir()
    docs, _ = generate(root, 20)
    for config in write_configs(root, theme, search):
        build(root, config, root / f"site-{config.stem}")
    run(cli_command(docs, config), root)


def run(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess, float]:
    """Wall seconds, the finished process, and its peak memory in MB: the kernel's max RSS of the
    process or of any process it started and waited for (a build's workers), whichever is larger."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=err, env=bytecode_env())
        out = proc.stdout.read() if proc.stdout else b""
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        done = subprocess.CompletedProcess(
            cmd, proc.returncode, out.decode(errors="replace"), err.read().decode(errors="replace")
        )
    return seconds, done, usage.ru_maxrss / 1024


def build(root: Path, config: Path, site: Path) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    seconds, proc, mb = run(cmd, root)
    if proc.returncode != 0:
        fail(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return seconds, mb


def cli_command(docs: Path, config: Path) -> list[str]:
    script = Path(sys.executable).parent / "mkdocs-okr"
    if script.is_file():
        head = [str(script)]
    else:
        head = [sys.executable, "-c", "import sys; from mkdocs_okr.cli import main; sys.exit(main())"]
    return head + ["check", str(docs), "--config", str(config), "--format", "json"]


def check_clean(root: Path, docs: Path, config: Path, pages: int, okr_pages: int) -> None:
    """The generated pages must give no findings at all, else the comparison measures logging."""
    _, proc, _ = run(cli_command(docs, config), root)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        fail(f"mkdocs-okr check exited {proc.returncode} without JSON:\n{proc.stderr[-3000:]}")
    found = report.get("diagnostics", [])
    if proc.returncode != 0 or found:
        shown = "\n".join(
            f"  {d['file']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}" for d in found[:10]
        )
        fail(f"the generated pages are not clean ({len(found)} findings, exit {proc.returncode}):\n{shown}")
    if report.get("files_checked") != pages or len(report.get("okrs", [])) != okr_pages:
        fail(
            f"expected {pages} files and {okr_pages} OKR pages, the CLI saw "
            f"{report.get('files_checked')} and {len(report.get('okrs', []))}"
        )


def check_card(site: Path) -> None:
    """The plugin build must show a card on an OKR page, and the bare build none."""
    first = next(iter(sorted((site / "okrs").glob("okr-*/index.html"))), None)
    if first is None or "okr-card" not in first.read_text(encoding="utf-8"):
        fail(f"no OKR card in {first or site / 'okrs'}: is the plugin installed?")


def ram_disk() -> Path | None:
    """A memory-backed folder to write the sites to, when the machine has one (Linux: /dev/shm)."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else None


def measure(base: Path, pages: int, rounds: int, theme: str, search: bool, out: Path) -> dict[str, float]:
    root = base / f"n{pages}"
    root.mkdir()
    docs, okr_pages = generate(root, pages)
    plugin_cfg, bare_cfg = write_configs(root, theme, search)
    check_clean(root, docs, plugin_cfg, pages, okr_pages)

    plugin_s: list[float] = []
    bare_s: list[float] = []
    plugin_mb: list[float] = []
    bare_mb: list[float] = []
    for r in range(1, rounds + 1):
        plugin_site, bare_site = out / f"site-plugin-{r}", out / f"site-bare-{r}"
        for seconds, mb, cfg, site in (
            (plugin_s, plugin_mb, plugin_cfg, plugin_site),
            (bare_s, bare_mb, bare_cfg, bare_site),
        ):
            took, peak = build(root, cfg, site)
            seconds.append(took)
            mb.append(peak)
        if r == 1:
            check_card(plugin_site)
            if "okr-card" in next((bare_site / "okrs").glob("okr-*/index.html")).read_text(encoding="utf-8"):
                fail("the bare build shows an OKR card")
        shutil.rmtree(plugin_site)
        shutil.rmtree(bare_site)
        print(f"  {pages} pages, pair {r}/{rounds}: plugin {plugin_s[-1]:.2f} s, bare {bare_s[-1]:.2f} s", flush=True)

    cli_s: list[float] = []
    for _ in range(rounds):
        took, proc, _ = run(cli_command(docs, plugin_cfg), root)
        if proc.returncode != 0:
            fail(f"mkdocs-okr check exited {proc.returncode}:\n{proc.stderr[-3000:]}")
        cli_s.append(took)

    ratios = [p / b for p, b in zip(plugin_s, bare_s)]
    diffs = [p - b for p, b in zip(plugin_s, bare_s)]
    cli = statistics.median(cli_s)
    return {
        "pages": pages,
        "okr_pages": okr_pages,
        "bare": statistics.median(bare_s),
        "plugin": statistics.median(plugin_s),
        "bare_mb": max(bare_mb),
        "plugin_mb": max(plugin_mb),
        "overhead": statistics.median(ratios) - 1,
        "ms_per_page": statistics.median(diffs) / pages * 1000,
        "cli": cli,
        "cli_pps": pages / cli,
        "cli_okr_pps": okr_pages / cli,
    }


# --------------------------------------------------------------------------- report


def nproc() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def source_fingerprint() -> str:
    """A short hash of the installed mkdocs_okr sources (found without importing them)."""
    spec = importlib.util.find_spec("mkdocs_okr")
    if spec is None or not spec.submodule_search_locations:
        return "not found"
    digest = hashlib.sha256()
    for folder in spec.submodule_search_locations:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def table(rows: list[dict[str, float]]) -> str:
    head = [
        "pages",
        "bare s",
        "plugin s",
        "overhead %",
        "ms/page",
        "bare MB",
        "plugin MB",
        "CLI s",
        "CLI pages/s",
        "CLI OKR pages/s",
    ]
    body = [
        [
            f"{r['pages']:,}",
            f"{r['bare']:.2f}",
            f"{r['plugin']:.2f}",
            f"{r['overhead'] * 100:+.1f}",
            f"{r['ms_per_page']:.3f}",
            f"{r['bare_mb']:.0f}",
            f"{r['plugin_mb']:.0f}",
            f"{r['cli']:.2f}",
            f"{r['cli_pps']:,.0f}",
            f"{r['cli_okr_pps']:,.0f}",
        ]
        for r in rows
    ]
    widths = [max(len(h), *(len(row[i]) for row in body)) for i, h in enumerate(head)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(head, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in body]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="1000,5000", help="comma-separated site sizes [1000,5000]")
    parser.add_argument("--rounds", type=int, default=3, help="plugin/bare pairs per size [3]")
    parser.add_argument("--theme", choices=["mkdocs", "material"], default="mkdocs", help="theme [mkdocs]")
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 pages, 1 pair")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument(
        "--disk",
        action="store_true",
        help="write the sites to the temporary folder's disk, not to a RAM disk (/dev/shm) when there is one",
    )
    parser.add_argument(
        "--search",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the search plugin in both builds, as MkDocs has it by default [on]",
    )
    args = parser.parse_args()

    sizes = [100] if args.quick else [int(p) for p in args.pages.split(",") if p.strip()]
    rounds = 1 if args.quick else args.rounds
    if rounds < 1 or not sizes or min(sizes) < 2:
        parser.error("--rounds must be at least 1 and each size at least 2 pages")
    if args.theme == "material" and importlib.util.find_spec("material") is None:
        parser.error("--theme material: mkdocs-material is not installed")

    fingerprint = source_fingerprint()
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"MkDocs {mkdocs.__version__}, mkdocs-okr {package_version('mkdocs-okr')} "
        f"(sources {fingerprint}), nproc {nproc()}"
    )
    searching = "the search plugin in both builds" if args.search else "no search plugin in either build"
    print(
        f"theme {args.theme}; nav: index.md only; {searching}; "
        f"{rounds} pair(s) per size, alternating plugin/bare; half the pages are OKR pages"
    )
    base = Path(tempfile.mkdtemp(prefix="okr-bench-"))
    shm = None if args.disk else ram_disk()
    out = Path(tempfile.mkdtemp(prefix="okr-bench-sites-", dir=shm)) if shm else base
    print(f"sites written to {'a RAM disk' if shm else 'disk'} ({out})")
    try:
        warm_up(base, args.theme, args.search)
        rows = [measure(base, n, rounds, args.theme, args.search, out) for n in sizes]
    finally:
        if args.keep:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
        if out != base:
            shutil.rmtree(out, ignore_errors=True)
    print()
    print(table(rows))
    print()
    print("bare s, plugin s, CLI s: medians of wall time per process; overhead: median of pair ratios - 1;")
    print("ms/page: median of pair differences / all pages; MB: peak memory of the largest process;")
    print("CLI: mkdocs-okr check DOCS --format json.")
    if source_fingerprint() != fingerprint:
        print("WARNING: the mkdocs_okr sources changed during the run; the figures mix versions.")


if __name__ == "__main__":
    main()
