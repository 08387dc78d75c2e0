"""The project's own site under docs/ builds strictly with the plugin, as the README's first command does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_the_docs_site_builds_strictly_with_cards(tmp_path: Path) -> None:
    site = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "WARNING -" not in run.stderr
    html = (site / "examples/food-delivery/index.html").read_text(encoding="utf-8")
    assert '<section class="okr-card"' in html and "82% → 90%" in html
