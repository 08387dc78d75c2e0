"""The project's own site under docs/ builds strictly with the plugin, as the README's first command does."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, run_mkdocs
from mkdocs_okr.rules import registry


def test_the_docs_site_builds_strictly_with_cards(tmp_path: Path) -> None:
    site = tmp_path / "site"
    run = run_mkdocs("build", "--strict", "-d", str(site), cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert "WARNING -" not in run.stderr
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
