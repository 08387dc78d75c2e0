"""HTML injection: script, event handlers, `javascript:` URLs and Jinja in every string a page can
set, built into a real site and opened in Chromium: no script runs, no dialog opens, and the text is
shown as the author wrote it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from fixtures.browser import open_page, require_chromium, serve
from fixtures.sites import REPO, run_mkdocs, write_site

require_chromium()

TEAM = '<script>window.__pwned = "team"; alert("team")</script>'
TITLE = "\"><img src=x onerror=\"window.__pwned = 'title'; alert('title')\"> {{ 7 * 7 }} {% raw %}"
UNIT = "<img src=x onerror=alert('unit')>"
KR = "Raise the renewal rate of restaurant owners from 82% to 90% <b onmouseover=alert(1)>now</b> javascript:alert(1)"
REASON = '<script>window.__pwned = "reason"</script> {{ config }}'
CUSTOMER = '"><svg onload="window.__pwned = \'customer\'">'
ALIGNS = '<script>alert("aligns")</script>/2026-Q1/O9'
# what must never appear in the HTML unescaped
RAW = ["<script>window.__pwned", "<script>alert", "<img src=x", "<svg onload", "<b onmouseover"]


def yaml_text(value: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + value.replace("'", "''") + "'"


VALID = f"""\
---
okr:
  team: {yaml_text(TEAM)}
  period: 2026-Q1
  customer: [restaurant owners, {yaml_text(CUSTOMER)}]
  customers_users: [diners]
  ignore:
    controllability: {yaml_text(REASON)}
  objectives:
    - id: O1
      title: {yaml_text(TITLE)}
      aligns_to: {yaml_text(ALIGNS)}
      key_results:
        - text: {yaml_text(KR)}
          baseline: 82
          target: 90
          current: 84
          unit: {yaml_text(UNIT)}
        - text: Increase orders per diner from 1.2 to 1.5
          ignore:
            controllability: {yaml_text(REASON)}
---
# Valid page
"""
INVALID = f"""\
---
okr:
  team: Second team
  period: {yaml_text('<script>alert("period")</script>')}
  objectives:
    - id: {yaml_text(UNIT)}
      title: {yaml_text(TITLE)}
      key_results: [{yaml_text(KR)}]
      ignore:
        {yaml_text(TEAM)}: {yaml_text(REASON)}
---
# Invalid page
"""
ALIGNED = f"""\
---
okr:
  team: Third team
  period: 2026-Q1
  objectives:
    - title: Support the first team
      aligns_to: {yaml_text(TEAM + "/2026-Q1/O1")}
      key_results: [Raise the renewal rate of restaurant owners from 82% to 90%, Ship it by May]
---
# Aligned page
"""
THEMES = {"material": "theme:\n  name: material\n  font: false\n", "mkdocs": "theme:\n  name: mkdocs\n"}


@pytest.fixture(scope="module", params=list(THEMES))
def hostile_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    config = "site_name: Hostile\n" + THEMES[request.param] + "plugins:\n  - search\n  - okr\n"
    root = write_site(
        tmp_path_factory.mktemp(request.param),
        {"index.md": "# Home\n", "valid.md": VALID, "invalid.md": INVALID, "aligned.md": ALIGNED},
        config,
    )
    run = run_mkdocs("build", cwd=root)
    assert run.returncode == 0, run.stderr
    server, url = serve(root / "site")
    yield root / "site", url
    server.shutdown()


@pytest.mark.parametrize("page", ["valid/", "invalid/", "aligned/", "okrs/"])
def test_no_script_runs_and_the_text_is_shown_as_text(
    browser: object, hostile_site: tuple[Path, str], page: str
) -> None:
    site, url = hostile_site
    html = (site / page / "index.html").read_text(encoding="utf-8")
    assert "okr-card" in html or "okr-index" in html
    assert [raw for raw in RAW if raw in html] == []
    context, tab, _ = open_page(browser, url + page, 1280, "light")
    try:
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
        requested: list[str] = []
        tab.on("request", lambda request: requested.append(request.url))  # type: ignore[attr-defined]
        tab.reload(wait_until="networkidle")  # type: ignore[attr-defined]
        tab.mouse.move(200, 300)  # type: ignore[attr-defined]
        for element in tab.locator(".okr-card b, .okr-card img, .okr-card svg, .okr-index img").all():  # type: ignore[attr-defined]
            element.hover()
        assert tab.evaluate("window.__pwned === undefined")  # type: ignore[attr-defined]
        assert dialogs == []
        assert [u for u in requested if u.rstrip("/").endswith("/x")] == []  # no <img src=x> was made
        assert tab.locator('a[href^="javascript:"]').count() == 0  # type: ignore[attr-defined]
        shown = tab.locator(".okr-card, .okr-index").first.inner_text()  # type: ignore[attr-defined]
        expected = {
            "valid/": [TEAM, TITLE, UNIT, KR, REASON, "Supports " + ALIGNS, "restaurant owners"],
            "invalid/": [json.dumps('<script>alert("period")</script>'), UNIT, TEAM],  # messages quote values as JSON
            "aligned/": ["Supports " + TEAM + "/2026-Q1/O1"],
            "okrs/": [TEAM, TITLE],
        }[page]
        assert [text for text in expected if text not in shown] == []
    finally:
        context.close()  # type: ignore[attr-defined]


def test_no_template_marks_user_data_safe() -> None:
    """Autoescaping is on for every template, and `safe` marks only what the package itself makes:
    the index marker and the card's own stylesheet."""
    from mkdocs_okr.show.render import environment

    assert environment().autoescape("okr/card.html") and environment().autoescape(None)
    uses = [
        (path.name, line.strip())
        for path in (REPO / "mkdocs_okr" / "templates" / "okr").iterdir()
        for line in path.read_text(encoding="utf-8").splitlines()
        if "safe" in line.replace("safely", "")
    ]
    assert sorted(uses) == [("card.html", "<style>{{ style | safe }}</style>"), ("index.md", "{{ marker | safe }}")], (
        textwrap.shorten(str(uses), 300)
    )
