"""Which language a build is for, on a site translated with mkdocs-static-i18n.

That plugin builds the site once per language, with the same plugins: the default language's
build first, into the site's root, then each other language's inside the first one's
`on_post_build`, into a folder named for it (`fr/`), with the theme set to that language and only
that language's pages (and the default language's, for pages not translated). Read from the
plugin's own state; a site without it has one build, for no language in particular."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LanguageBuild:
    language: str | None = None  # this build's language, None without i18n
    folders: Mapping[str, str] = field(default_factory=dict)  # each language built -> its folder: "" or "fr/"
    later: bool = False  # one of the builds after the first of the same run

    @property
    def folder(self) -> str:
        """Where this build's pages go in the site."""
        return self.folders.get(self.language or "", "")


def language_build(plugins: Any) -> LanguageBuild:
    """The build under way, from the i18n plugin among `plugins` (MkDocs' `config.plugins`)."""
    i18n = plugins.get("i18n")
    later = bool(getattr(i18n, "building", False))
    current = getattr(i18n, "current_language", None)
    if current is None:
        return LanguageBuild(later=later)
    default = getattr(i18n, "default_language", current)
    codes = [*getattr(i18n, "build_languages", ()), current]
    return LanguageBuild(current, {code: "" if code == default else f"{code}/" for code in codes}, later)


def translate(file: Any, build: LanguageBuild, copy: Callable[[str], Any]) -> None:
    """Mark a page generated in each language's folder as mkdocs-static-i18n marks the pages it
    builds, so that the language switcher on it leads to the same page in each language (`copy`
    gives the page as it is in a folder); it would lead to the translations of the page rendered
    before it."""
    if build.language is None:
        return
    file.locale = file.locale_alternate_of = build.language
    file.alternates = {code: file if code == build.language else copy(folder) for code, folder in build.folders.items()}


def list_page(plugins: Any, build: LanguageBuild, file: Any) -> None:
    """List a generated page among its language's pages, as mkdocs-static-i18n's sitemap.xml
    lists only those (it takes the list before the page is generated)."""
    pages = getattr(plugins.get("i18n"), "i18n_files_per_language", {}).get(build.language)
    if isinstance(pages, list):
        pages.append(file)
