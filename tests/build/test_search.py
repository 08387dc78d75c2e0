"""Site search finds what the cards and the index say: a real `search/search_index.json`, from
MkDocs' own search plugin and from Material's."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixtures.pages import OKR_PAGE, PLAIN, THEMES, config
from fixtures.sites import build_site


def entries(site: Path, words: str) -> list[tuple[str, str]]:
    """(page, title) of each entry of the site's search index whose text has `words`."""
    index: dict[str, Any] = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return [(e["location"].split("#")[0], e["title"]) for e in index["docs"] if words in e["text"]]


@pytest.mark.parametrize("theme", THEMES)
def test_key_results_objectives_and_teams_are_found_on_their_page_and_the_index(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, theme: str
) -> None:
    built = build_site(site({**PLAIN, "okrs/q1.md": OKR_PAGE}, config(theme)), caplog)
    key_result = "Raise the 12-month renewal rate of restaurant customers from 82% to 90%"
    objective = "Make it effortless for restaurant owners to show diners what they offer"
    assert {location for location, _ in entries(built.site, key_result)} == {"okrs/q1/"}
    assert {location for location, _ in entries(built.site, objective)} == {"okrs/q1/", "okrs/"}
    assert {location for location, _ in entries(built.site, "Restaurant platform")} == {"okrs/q1/", "okrs/"}
    assert not entries(built.site, "In your control")  # the badges' words are not what a reader searches for
    page = built.html("okrs/q1/index.html")
    assert "mkdocs-okr: search" not in page and page.count('<section class="okr-card"') == 1
