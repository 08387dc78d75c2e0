"""What the README tells a first-time reader holds: its quick start builds as written, and its
options, rules, badges and example output are the plugin's own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from itertools import takewhile
from pathlib import Path

import pytest
import yaml

from fixtures.sites import REPO, run_cli, run_mkdocs
from mkdocs_okr.levels import levels
from mkdocs_okr.options.table import MKDOCS, of_host
from mkdocs_okr.rules.registry import registry

README = (REPO / "README.md").read_text(encoding="utf-8")
SEVERITY_WORDS = {"errors": "error", "warnings": "warning", "info": "info"}


def section(heading: str) -> str:
    """The README's text under `## heading`, up to the next second-level heading."""
    return README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def blocks(text: str) -> list[tuple[str, str]]:
    """The fenced code blocks of a text, as (language, content)."""
    return re.findall(r"^```(\w*)\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def table(text: str, header: str) -> list[list[str]]:
    """The body rows of the Markdown table whose header row starts with `header`, cells stripped."""
    lines = text.split(f"\n| {header}", 1)[1].splitlines()[2:]
    return [
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in lines[: next((i for i, line in enumerate(lines) if not line.startswith("|")), len(lines))]
    ]


def test_the_quick_start_builds_as_written_and_its_mistake_reads_as_shown(tmp_path: Path) -> None:
    quick = section("Quick start")
    (_, config), (_, page), (_, shown) = [b for b in blocks(quick) if b[0] in ("yaml", "markdown", "text")]
    path = re.search(r"write a page, `(docs/[^`]+)`", quick)
    assert path, "the quick start says where its page goes"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")  # copied as it is, comment and all
    (tmp_path / path[1]).parent.mkdir(parents=True)
    (tmp_path / path[1]).write_text(page, encoding="utf-8")
    run = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "site/okrs/q1/index.html").read_text(encoding="utf-8")
    assert '<section class="okr-card"' in html and "82% → 90%" in html
    assert (tmp_path / "site/okrs/index.html").is_file()  # "and an index of the site's OKRs at okrs/"
    # the mistake it shows, made in the same page, is reported in the very words it shows
    wrong = re.search(r"write `period: ([^`]+)`", quick)
    assert wrong
    (tmp_path / path[1]).write_text(page.replace("2026-Q1", wrong[1], 1), encoding="utf-8")
    command, *expected = shown.splitlines()
    run = run_cli(*command.removeprefix("$ mkdocs-okr ").split(), cwd=tmp_path)
    assert (run.stdout + run.stderr).splitlines() == expected
    assert run.returncode == 1


def test_the_options_table_is_the_plugins_options_with_their_defaults() -> None:
    defaults = {option.name: option.default for option in of_host(MKDOCS)}
    listed = []
    for names, default, _ in table(section("Options"), "option | default"):
        row = re.findall(r"`(\w+)`", names)
        listed += row
        literals = default.split(", ")
        if all(re.fullmatch(r"`[^`]+`", v) for v in literals) and len(literals) == len(row):
            for name, literal in zip(row, literals):
                expected = defaults[name]
                assert yaml.safe_load(literal.strip("`")) == (
                    list(expected) if isinstance(expected, tuple) else expected
                ), name
    assert sorted(listed) == sorted(defaults)


def test_the_rule_list_is_the_registry_with_its_default_severities() -> None:
    text = section("Options").split("Rules, by their default severity", 1)[1]
    items = re.findall(r"^- ([a-z ]+): (.*?)(?=^- |\Z)", text, re.MULTILINE | re.DOTALL)
    found: dict[str, object] = {}
    for group, body in items:
        if group == "by level":
            rule, *_ = re.findall(r"`([a-z-]+)`", body)
            found[rule] = dict(re.findall(r"`(\w+)`: (\w+)", body))
        else:
            found.update({rule: SEVERITY_WORDS[group] for rule in re.findall(r"`([a-z-]+)`", body)})
    expected = {
        rule.id: {level: s.value for level, s in rule.by_level.items()} if rule.by_level else rule.severity.value
        for rule in registry().values()
    }
    assert found == expected


@pytest.mark.parametrize("page", ["README.md", "docs/principle.md", "docs/writing.md"])
def test_every_badge_named_beside_its_level_is_the_badge_the_plugin_shows(page: str) -> None:
    lines = (REPO / page).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|") and "| badge |" in f"{line} ")
    header, *rows = [
        [c.strip() for c in line.strip("|").split(" | ")]
        for line in takewhile(lambda line: line.startswith("|"), lines[start:])
    ]
    badge, level = header.index("badge"), header.index("level")
    shown = {row[level].strip("`"): row[badge] for row in rows[1:]}
    assert shown == {name: words["label"] for name, words in levels().items()}


def test_the_explain_example_is_what_the_command_prints() -> None:
    ((_, example),) = [b for b in blocks(section("Whose behaviour does a key result measure?")) if b[0] == "text"]
    command, *lines = example.splitlines()
    quoted = re.findall(r'"([^"]+)"|(\S+)', command.removeprefix("$ mkdocs-okr "))
    run = run_cli(*[a or b for a, b in quoted], cwd=REPO)
    assert run.returncode == 0, run.stderr
    printed = run.stdout.splitlines()
    assert len(printed) == len(lines)
    for shown, real in zip(lines, printed):  # a long line is shown cut short, with "..."
        assert real.startswith(shown.removesuffix("...").rstrip()) if shown.endswith("...") else real == shown


def test_the_browser_tests_skip_without_chromium_and_fail_under_ci(tmp_path: Path) -> None:
    """As the README's "Two commands" says: a reader without Chromium is told the browser tests were
    skipped; a CI run without it fails."""
    shutil.copy(REPO / "tests/browser/test_browser.py", tmp_path / "test_browser.py")
    shutil.copy(REPO / "tests/conftest.py", tmp_path / "conftest.py")
    shutil.copytree(REPO / "tests/fixtures", tmp_path / "fixtures", ignore=shutil.ignore_patterns("__pycache__"))
    source = (tmp_path / "fixtures/browser.py").read_text(encoding="utf-8")
    moved = source.replace('CHROMIUM = "/usr/bin/chromium"', 'CHROMIUM = "/nowhere/chromium"')
    assert moved != source
    (tmp_path / "fixtures/browser.py").write_text(moved, encoding="utf-8")
    args = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "test_browser.py"]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    local = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert local.returncode == 5, local.stdout  # pytest's "no tests ran": the only module here was skipped
    assert "SKIPPED" in local.stdout and "/nowhere/chromium is not installed" in local.stdout
    ci = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env={**env, "CI": "true"}, timeout=120)
    assert ci.returncode != 0
    assert "/nowhere/chromium is missing" in ci.stdout
