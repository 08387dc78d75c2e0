"""Translations, as mkdocs-static-i18n lays them out, for the cross-page rules of the command line.

A translated site is built once per language, each build showing one version of each page: the
page in its language (`q1.fr.md`, or `fr/q1.md` with `docs_structure: folder`), or, when there is
none, the default language's. A page and its translation are never in the same build, so they are
not duplicates of each other: the cross-page rules run over each language's pages, as each build
runs them, and a finding that two languages share is reported once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from ..model import Diagnostic, Severity
from ..rules.crosspage import RefsOf, cross_page, page_objectives

LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")  # the i18n plugin's


@dataclass(frozen=True)
class Languages:
    """The i18n plugin's options that decide which version of a page each language's build shows."""

    default: str
    built: tuple[str, ...]  # each language built, the default first
    folders: bool = False  # `docs_structure: folder`, else `suffix`
    fallback: bool = True  # `fallback_to_default`

    def version(self, path: str) -> tuple[str, str]:
        """(language, the page's path without it) of a page's path inside docs_dir."""
        parts = PurePosixPath(path)
        if self.folders:
            first = parts.parts[0] if len(parts.parts) > 1 else ""
            if LOCALE.match(first):
                return first, str(PurePosixPath(*parts.parts[1:]))
            return self.default, path
        suffixes = parts.suffixes
        if len(suffixes) > 1 and LOCALE.match(suffixes[-2][1:]):
            return suffixes[-2][1:], str(parts.with_name(parts.name.replace(suffixes[-2], "", 1)))
        return self.default, path

    def builds(self, paths: Iterable[str]) -> list[list[str]]:
        """The pages each language's build shows, of `paths`."""
        versions: dict[str, dict[str, str]] = {}
        for path in paths:
            language, page = self.version(path)
            versions.setdefault(page, {})[language] = path
        shown = []
        for language in self.built:
            wanted = (language, self.default) if self.fallback else (language,)
            shown.append(
                [next(v[c] for c in wanted if c in v) for v in versions.values() if any(c in v for c in wanted)]
            )
        return shown


def languages_from(options: Any) -> Languages | None:
    """The Languages of the i18n plugin's options in mkdocs.yml, or None when they are not such."""
    if not isinstance(options, Mapping) or not isinstance(options.get("languages"), list):
        return None
    languages = [
        lang for lang in options["languages"] if isinstance(lang, Mapping) and isinstance(lang.get("locale"), str)
    ]
    if not languages:
        return None
    default = next((lang["locale"] for lang in languages if lang.get("default") is True), languages[0]["locale"])
    others = [
        lang["locale"]
        for lang in languages
        if lang.get("build", True) is True and lang["locale"] not in ("null", default)
    ]
    built = (default, *others)  # the default language's build comes first, whatever its `build`
    return Languages(
        default, built, options.get("docs_structure") == "folder", options.get("fallback_to_default", True) is not False
    )


def cross_page_by_language(
    okrs: Sequence[Mapping[str, Any]],
    severity: Mapping[str, Severity],
    languages: Languages,
    inside: Mapping[str, str],
    refs_of: RefsOf = page_objectives,
) -> list[Diagnostic]:
    """The cross-page findings of each language's build, each once; `inside` gives each page's
    path inside docs_dir, by its file's name in the report."""
    by_path = {inside.get(str(okr["file"])) or str(okr["file"]): okr for okr in okrs}
    found: dict[Diagnostic, None] = {}
    for pages in languages.builds(by_path):
        found.update(dict.fromkeys(cross_page([by_path[p] for p in pages], severity, refs_of)))
    return list(found)
