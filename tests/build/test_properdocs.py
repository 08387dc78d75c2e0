"""Under ProperDocs (installed from PyPI), the maintained fork of MkDocs 1.x: a real site built
with it, through the `properdocs.plugins` entry point it looks for."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path

from fixtures.pages import OKR_PAGE

DINERS = OKR_PAGE.replace(
    "Cut the median time for restaurant owners to publish a full menu from 3 days to 1 day",
    "Increase orders per diner per week from 1.2 to 1.5",
)
CONFIG = "site_name: Test\ntheme:\n  name: material\nplugins:\n  - search\n  - okr\n"


def test_the_plugin_is_declared_to_properdocs_as_its_guide_asks() -> None:
    declared = {ep.name: ep.value for ep in entry_points(group="properdocs.plugins")}
    assert declared["okr"] == "mkdocs_okr.plugin:OkrPlugin"


def test_a_properdocs_build_shows_the_cards_and_the_index_and_reports_the_findings(site: Callable[..., Path]) -> None:
    root = site({"index.md": "# Home\n", "okrs/q1.md": DINERS}, CONFIG)
    (root / "mkdocs.yml").rename(root / "properdocs.yml")
    run = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 1, run.stderr  # the warning fails a strict build, as under MkDocs
    assert "WARNING -  mkdocs_okr: docs/okrs/q1.md:14:11: O1 KR2 measures diners" in run.stderr
    assert "Aborted with 1 warnings in strict mode!" in run.stdout + run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "properdocs", "build"], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    page = (root / "site/okrs/q1/index.html").read_text(encoding="utf-8")
    assert page.count('<section class="okr-card"') == 1 and "82% → 90%" in page
    assert 'href="q1/#okr-o1"' in (root / "site/okrs/index.html").read_text(encoding="utf-8")
    assert (root / "site/okrs.json").is_file() and "renewal rate" in (root / "site/search/search_index.json").read_text(
        encoding="utf-8"
    )
