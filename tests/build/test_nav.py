"""The generated index in the navigation: one entry spelt "OKRs" where MkDocs puts the folder,
in both themes; with the site's own `nav:`, listed only where the site lists it, and no word from
MkDocs about a page the site's writers never wrote."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixtures.pages import OKR_PAGE, THEMES
from fixtures.sites import build_site, run_mkdocs

# A hook that writes the navigation as the theme gets it, after every plugin changed it.
NAV_HOOK = """\
import json, os
from mkdocs.plugins import event_priority

def entry(item):
    if item.is_section:
        return {item.title: [entry(child) for child in item.children]}
    return item.title or item.file.src_uri

@event_priority(-1000)
def on_page_context(context, page, config, nav):
    with open(os.path.join(os.path.dirname(config.config_file_path), "nav.json"), "w") as out:
        json.dump([entry(item) for item in nav], out)
"""


def nav_of(root: Path) -> list[Any]:
    return json.loads((root / "nav.json").read_text(encoding="utf-8"))


def site_config(theme: str, extra: str = "") -> str:
    return f"site_name: Test\ntheme:\n  name: {theme}\nhooks:\n  - nav_hook.py\nplugins:\n  - okr\n{extra}"


def with_hook(root: Path) -> Path:
    (root / "nav_hook.py").write_text(NAV_HOOK, encoding="utf-8")
    return root


@pytest.mark.parametrize("theme", THEMES)
def test_without_a_nav_the_index_is_one_entry_spelt_okrs_not_a_section_holding_it(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, theme: str
) -> None:
    root = with_hook(site({"index.md": "# Home\n", "teams/menu.md": OKR_PAGE}, site_config(theme)))
    built = build_site(root, caplog)
    assert nav_of(root) == ["Home", "OKRs", {"Teams": ["Menu team OKRs"]}]
    assert "Okrs" not in built.html("index.html") and 'href="okrs/"' in built.html("index.html")


@pytest.mark.parametrize("theme", THEMES)
def test_a_folder_of_okr_pages_that_holds_the_index_is_one_section_spelt_okrs(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, theme: str
) -> None:
    root = with_hook(site({"index.md": "# Home\n", "okrs/menu.md": OKR_PAGE}, site_config(theme)))
    built = build_site(root, caplog)
    assert nav_of(root) == ["Home", {"OKRs": ["OKRs", "Menu team OKRs"]}]
    assert "Okrs" not in built.html("index.html")


def test_with_its_own_nav_a_site_is_not_told_of_the_index_and_shows_it_where_it_lists_it(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    pages = {"index.md": "# Home\n", "teams/menu.md": OKR_PAGE}
    root = with_hook(site(pages, site_config("mkdocs", "nav:\n  - index.md\n  - teams/menu.md\n")))
    run = run_mkdocs("build", cwd=root)
    assert run.returncode == 0, run.stderr
    assert 'not included in the "nav"' not in run.stderr and "okrs/index.md" not in run.stderr
    assert nav_of(root) == ["Home", "Menu team OKRs"] and (root / "site/okrs/index.html").is_file()
    root = with_hook(
        site(pages, site_config("mkdocs", "nav:\n  - index.md\n  - Plans: okrs/index.md\n  - teams/menu.md\n"))
    )
    build_site(root, caplog)
    assert nav_of(root) == ["Home", "Plans", "Menu team OKRs"]
