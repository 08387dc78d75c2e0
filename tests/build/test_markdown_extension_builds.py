"""The Python-Markdown extension `okr` in real builds: in a MkDocs site through `markdown_extensions`,
and in Zensical (in Python-Markdown itself: tests/unit/test_markdown_extension.py)."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pages import DINERS, FENCED
from fixtures.sites import build_site, run_mkdocs

LOGGER = "mkdocs.okr"
MKDOCS_CONFIG = """\
site_name: Test
markdown_extensions:
  - okr:
      customer: restaurant owners
      customers_users: [diners]
"""


def test_in_a_mkdocs_site_without_the_plugin(site: Callable[..., Path], caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs gives Markdown the page without its front matter; the lines are still the file's."""
    fenced = "---\ntitle: Menu\n---\n" + FENCED
    root = site({"index.md": "# Home\n", "okrs/q1.md": DINERS, "okrs/fenced.md": fenced}, MKDOCS_CONFIG)
    with caplog.at_level(logging.INFO, logger=LOGGER):
        built = build_site(root, caplog)
    lines = sorted(r.getMessage().split(" measures")[0] for r in caplog.records if r.name == LOGGER)
    assert lines == ["docs/okrs/fenced.md:15:9: O1 KR2", "docs/okrs/q1.md:14:11: O1 KR2"]
    q1 = built.html("okrs/q1/index.html")
    assert q1.count('<section class="okr-card"') == 1 and "82% → 90%" in q1 and "okr:" not in q1
    assert q1.index("Menu team OKRs</h1>") < q1.index('<div class="okr-block">')
    assert built.html("okrs/fenced/index.html").count('<section class="okr-card"') == 1
    assert "okr-card" not in built.html("index.html")


def test_a_finding_fails_a_strict_mkdocs_build(site: Callable[..., Path]) -> None:
    root = site({"index.md": FENCED}, MKDOCS_CONFIG)
    run = run_mkdocs("build", "--strict", cwd=root, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "WARNING -  docs/index.md:12:9: O1 KR2 measures diners" in run.stderr


def test_a_wrong_option_stops_mkdocs_with_a_message_not_a_traceback(site: Callable[..., Path]) -> None:
    root = site({"index.md": FENCED}, MKDOCS_CONFIG + "      severity: {controlability: error}\n")
    run = run_mkdocs("build", cwd=root, timeout=120)
    assert run.returncode == 1
    assert 'okr extension: severity: unknown rule or level "controlability"' in run.stderr
    assert "Traceback" not in run.stderr


def test_a_zensical_build_shows_the_card_and_reports_the_findings(site: Callable[..., Path]) -> None:
    """On the Zensical installed: 0.0.73, the newest that installs (0.0.74 to 0.1.3 need
    zensical-ui, which has no release pip can find); docs/hosts/markdown.md says so, and
    test_host_pages holds it to the version this run has."""
    broken = FENCED.replace("period: 2026-Q1", "period: Q1 2026")
    root = site(
        {"index.md": "# Home\n", "okrs/q1.md": DINERS, "okrs/fenced.md": FENCED, "okrs/broken.md": broken},
        MKDOCS_CONFIG,
    )
    run = subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    output = run.stdout + run.stderr
    assert "docs/okrs/q1.md:14:11: O1 KR2 measures diners" in output
    assert "docs/okrs/fenced.md:12:9: O1 KR2 measures diners" in output
    assert 'docs/okrs/broken.md:7:9: period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q1 2026" [schema]' in output
    q1 = (root / "site/okrs/q1/index.html").read_text(encoding="utf-8")
    assert q1.count('<section class="okr-card"') == 1 and "82% → 90%" in q1 and "okr-card__team" in q1
    assert (root / "site/okrs/fenced/index.html").read_text(encoding="utf-8").count(
        "</span> Outside your control<"
    ) == 1
    assert "could not be read" in (root / "site/okrs/broken/index.html").read_text(encoding="utf-8")
    assert "okr-card" not in (root / "site/index.html").read_text(encoding="utf-8")
