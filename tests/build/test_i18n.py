"""Beside mkdocs-static-i18n (installed from PyPI), which builds the site once per language with
the same plugins: one index per language, in that language's folder and theme; one export and one
report of every page; a page and its translation are not duplicates of each other."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pages import OKR_PAGE
from fixtures.sites import build_site, run_cli

FRENCH = OKR_PAGE.replace(
    "Make it effortless for restaurant owners to show diners what they offer",
    "Rendre simple aux restaurateurs de montrer leur carte aux clients",
).replace("# Menu team OKRs", "# OKR de l'équipe menu")
DINERS = "Increase orders per diner per week from 1.2 to 1.5"
PAGES = {
    "index.md": "# Home\n",
    "index.fr.md": "# Accueil\n",
    "okrs/q1.md": OKR_PAGE.replace(
        "Cut the median time for restaurant owners to publish a full menu from 3 days to 1 day", DINERS
    ),
    "okrs/q1.fr.md": FRENCH.replace(
        "Cut the median time for restaurant owners to publish a full menu from 3 days to 1 day", DINERS
    ),
}
I18N = """\
  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          default: true
          name: English
        - locale: fr
          name: Français
"""


def i18n_config(theme: str, okr_first: bool) -> str:
    plugins = "  - okr\n" + I18N if okr_first else I18N + "  - okr\n"
    return f"site_name: Test\ntheme:\n  name: {theme}\nplugins:\n  - search\n{plugins}"


def lang(html: str) -> str:
    return re.search(r'<html[^>]* lang="([^"]+)"', html).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("okr_first", [True, False], ids=["okr-before-i18n", "okr-after-i18n"])
def test_each_language_gets_its_index_in_its_folder_and_theme_and_one_report_of_every_page(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, theme: str, okr_first: bool
) -> None:
    built = build_site(site(PAGES, i18n_config(theme, okr_first)), caplog)
    english, french = built.html("okrs/index.html"), built.html("fr/okrs/index.html")
    assert (lang(english), lang(french)) == ("en", "fr")
    assert "Make it effortless" in english and "Rendre simple" not in english
    assert "Rendre simple" in french and "Make it effortless" not in french
    assert 'href="q1/#okr-o1"' in english and 'href="q1/#okr-o1"' in french
    export = built.export()
    assert export["files_checked"] == 4
    assert [okr["file"] for okr in export["okrs"]] == ["docs/okrs/q1.fr.md", "docs/okrs/q1.md"]
    assert built.logs == [
        (
            "WARNING",
            f"mkdocs_okr: docs/okrs/{name}:14:11: O1 KR2 measures diners, your customers' users: "
            'outside your control ("orders", "diner") [controllability]',
        )
        for name in ("q1.fr.md", "q1.md")
    ]
    assert not [d for d in export["diagnostics"] if d["rule"] == "duplicate-id"]


def test_the_language_switcher_and_the_sitemap_lead_to_the_index_in_each_language(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(site(PAGES, "site_url: https://example.com/\n" + i18n_config("material", True)), caplog)
    sitemap = re.findall(r"<loc>([^<]*)</loc>", built.html("sitemap.xml"))
    assert {"https://example.com/okrs/", "https://example.com/fr/okrs/"} <= set(sitemap)
    entries = re.findall(r"<url>(.*?)</url>", built.html("sitemap.xml"), re.DOTALL)
    for url in (
        "https://example.com/okrs/",
        "https://example.com/fr/okrs/",
    ):  # each with both languages' index as alternates
        (entry,) = [e for e in entries if f"<loc>{url}</loc>" in e]
        assert re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry) == [
            ("en", "https://example.com/okrs/"),
            ("fr", "https://example.com/fr/okrs/"),
        ]
    switch = r'<a href="([^"]*)" hreflang="{}" class="md-select__link">'
    assert re.search(switch.format("fr"), built.html("okrs/index.html")).group(1) == "../fr/okrs/"  # type: ignore[union-attr]
    assert re.search(switch.format("en"), built.html("fr/okrs/index.html")).group(1) == "../../okrs/"  # type: ignore[union-attr]


def test_a_page_not_translated_is_reported_once_though_both_languages_show_it(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    pages = {**PAGES, "okrs/q2.md": OKR_PAGE.replace("2026-Q1", "2026-Q2").replace("a full menu", "a first menu")}
    built = build_site(site(pages, i18n_config("mkdocs", False)), caplog)
    assert "a first menu" in built.html("fr/okrs/q2/index.html")  # the French site falls back to it
    assert [okr["file"] for okr in built.export()["okrs"]] == [
        "docs/okrs/q1.fr.md",
        "docs/okrs/q1.md",
        "docs/okrs/q2.md",
    ]
    assert len(built.logs) == 2


def test_the_checker_does_not_take_a_translation_for_a_duplicate_and_agrees_with_the_build(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site(PAGES, i18n_config("mkdocs", False))
    built = build_site(root, caplog)
    report = json.loads(run_cli("check", "--format", "json", cwd=root).stdout)
    assert report == built.export()


@pytest.mark.parametrize(
    ("folders", "path", "version"),
    [
        (False, "okrs/q1.fr.md", ("fr", "okrs/q1.md")),
        (False, "okrs/q1.md", ("en", "okrs/q1.md")),
        (False, "okrs/v1.2.md", ("en", "okrs/v1.2.md")),  # not a language: a version number
        (False, "index.pt_BR.md", ("pt_BR", "index.md")),
        (True, "fr/okrs/q1.md", ("fr", "okrs/q1.md")),
        (True, "okrs/q1.md", ("en", "okrs/q1.md")),
        (True, "fr.md", ("en", "fr.md")),
    ],
)
def test_each_page_is_the_version_of_a_page_in_a_language_as_the_i18n_plugin_reads_it(
    folders: bool, path: str, version: tuple[str, str]
) -> None:
    from mkdocs_okr.site.translations import Languages

    assert Languages("en", ("en", "fr"), folders).version(path) == version


@pytest.mark.parametrize("fallback", [True, False])
def test_each_language_shows_its_version_of_a_page_or_the_default_one(fallback: bool) -> None:
    from mkdocs_okr.site.translations import Languages

    shown = Languages("en", ("en", "fr"), False, fallback).builds(["a.md", "a.fr.md", "b.md", "c.fr.md"])
    assert shown == [["a.md", "b.md"], ["a.fr.md", "b.md", "c.fr.md"] if fallback else ["a.fr.md", "c.fr.md"]]
