"""The project's own site under docs/ builds strictly with the plugin, as the README's first command does."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fixtures.sites import REPO, run_mkdocs
from mkdocs_okr.levels import levels
from mkdocs_okr.options.table import OPTIONS
from mkdocs_okr.rules.registry import registry


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guidance site, built once as the README's first command builds it."""
    site = tmp_path_factory.mktemp("guidance") / "site"
    run = run_mkdocs("build", "--strict", "-d", str(site), cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert "WARNING -" not in run.stderr
    return site


def test_the_docs_site_builds_strictly_with_cards(site: Path) -> None:
    html = (site / "examples/food-delivery-after/index.html").read_text(encoding="utf-8")
    assert '<section class="okr-card"' in html and "82% → 90%" in html
    before = (site / "examples/food-delivery-before/index.html").read_text(encoding="utf-8")
    assert before.count("</span> Outside your control<") == 3
    # the references are generated from the code: one page per rule in the registry, the schema, the CLI
    for rule in registry():
        assert (site / "rules" / rule / "index.html").is_file(), rule
    assert "customers_users" in (site / "reference/schema/index.html").read_text(encoding="utf-8")
    assert "--format" in (site / "reference/command-line/index.html").read_text(encoding="utf-8")
    assert "guidance_url" in (site / "reference/configuration/index.html").read_text(encoding="utf-8")
    # the cards' "About this rule" links land on this site's own rule page
    href = html.split('class="okr-kr__rule" href="', 1)[1].split('"', 1)[0]
    assert href == "../../rules/controllability/"
    assert (site / "examples/food-delivery-after" / href / "index.html").resolve().is_file()


def test_every_rule_page_is_in_the_nav_so_a_reader_keeps_the_sidebar(site: Path) -> None:
    for rule in registry():
        page = (site / "rules" / rule / "index.html").read_text(encoding="utf-8")
        active = re.findall(r'<a href="([^"]*)" class="md-nav__link md-nav__link--active">', page)
        assert active == ["./"], rule  # the page's own entry in the primary sidebar, marked as where the reader is


def test_the_controllability_rule_page_says_each_badge_with_its_meaning(site: Path) -> None:
    page = html.unescape((site / "rules/controllability/index.html").read_text(encoding="utf-8"))
    for level, words in levels().items():
        meaning = re.sub(r"`([^`]+)`", r"<code>\1</code>", words["meaning"])
        assert f"<strong>{words['label']}</strong> (<code>{level}</code>): {meaning}." in page, level


def test_the_configuration_reference_shows_each_default_as_yaml(site: Path) -> None:
    page = (site / "reference/configuration/index.html").read_text(encoding="utf-8")
    shown = dict(
        re.findall(r'<h2 id="(\w+)"><code>\w+</code>.*?</h2>\s*<p>Default: <code>(.*?)</code></p>', page, re.DOTALL)
    )
    defaults = {option.name: option.default for option in OPTIONS}
    assert shown.keys() == defaults.keys()
    for name, default in defaults.items():
        written = html.unescape(shown[name])
        assert yaml.safe_load(written) == (list(default) if isinstance(default, tuple) else default), name
        assert not re.search(r"^\(|^'|^True$|^False$|^None$", written), written  # no Python reprs


def test_the_ci_page_links_the_machine_readable_report_to_the_report_page(site: Path) -> None:
    page = (site / "ci/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+)">machine-readable report</a>', page) == ["../reference/report/"]


def test_every_benchmark_command_in_the_docs_runs_a_script_that_takes_its_options() -> None:
    """The performance page keeps the commands for users; bench/README.md keeps the method."""
    pages = [REPO / "README.md", REPO / "bench/README.md", *sorted((REPO / "docs").rglob("*.md"))]
    commands = [
        c
        for p in pages
        for c in re.findall(
            r"^python (bench/\S+\.py)((?: --?[\w-]+(?: [\w,]+)?)*)", p.read_text(encoding="utf-8"), re.MULTILINE
        )
    ]
    assert len(commands) >= 8
    for script, args in commands:
        assert (REPO / script).is_file(), script
        usage = subprocess.run(
            [sys.executable, script, "--help"], cwd=REPO, capture_output=True, text=True, timeout=60
        ).stdout
        for flag in re.findall(r"--[\w-]+", args):
            assert flag in usage, (script, flag)
    performance = (REPO / "docs/performance.md").read_text(encoding="utf-8")
    assert "blob/main/bench/README.md" in performance and (REPO / "bench/README.md").is_file()


def test_the_cycle_page_shows_a_quarter_read_from_a_real_history(site: Path) -> None:
    page = (site / "cycle/index.html").read_text(encoding="utf-8")
    assert page.count("<td>Priya Raman</td>") == 3 and page.count("<td>Tomás Ortega</td>") == 2
    card = page.split('<section class="okr-card"', 1)[1].split("</section>", 1)[0]
    assert "Confidence fell from 6 to 3 since the check-in of 2026-02-16" in card
    href = card.split('class="okr-finding__rule" href="', 1)[1].split('"', 1)[0]
    assert (site / "cycle" / href / "index.html").resolve() == (site / "rules/confidence-drop/index.html").resolve()
    # five check-ins of two key results drawn as two lines; the milestone has no line, and the
    # health metric that rose above its band is apart from the key results, with its finding
    assert card.count('<svg class="okr-trend"') == 2 and "Milestone: done" in card
    assert (
        'aria-label="Check-ins: 82% on 2026-01-05, 84% on 2026-01-19, 85% on 2026-02-02, 85% on 2026-02-16, 85% on 2026-03-02; target 90%"'
        in card
    )
    assert "Two restaurant chains put their renewals on hold until April</span>" in card
    assert card.index("Ship the import of menus") < card.index('<div class="okr-health">')
    assert "1.2 is above its max of 1" in card.split('<div class="okr-health">', 1)[1]


def test_the_same_sources_build_the_same_cycle_page(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    run = run_mkdocs("build", "--strict", "-d", str(again), cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert (again / "cycle/index.html").read_bytes() == (site / "cycle/index.html").read_bytes()
