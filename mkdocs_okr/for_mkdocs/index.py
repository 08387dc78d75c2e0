"""The OKR index page: the marker that places the index on a page, and the page generated when
no page holds it: where it is written, and where it stands in the navigation.

With mkdocs-static-i18n, each language's build writes it in that language's folder. Without a
`nav:`, MkDocs puts each folder in a section titled from the folder's name, so the index at
`okrs/index.md` showed as a section "Okrs" holding one page "OKRs". The page stands in the
section's place instead; a section that holds other pages too keeps them, spelt as the index's
title when it differs from it only in case. A site with its own `nav:` decides where the index
goes: listed there, it is shown there; left out, MkDocs is told it is not meant for the nav, as
it never was a page the site's writers wrote."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..read.fences import fenced_blocks
from ..read.frontmatter import FRONT_MATTER_RE
from ..read.text import normalise
from ..show import render
from .build import Build
from .languages import LanguageBuild, translate

INDEX_MARKER = "<!-- mkdocs-okr: index -->"  # a page holding it shows the site's index there
_H1 = re.compile(r"^# +(.+?) *#* *$", re.MULTILINE)


def holds_marker(markdown: str) -> bool:
    """Whether the index marker stands on a line of its own outside fenced code, where Markdown
    keeps it as HTML (a page that shows the marker as an example does not hold the index), and
    outside the page's front matter, which MkDocs does not render."""
    text = normalise(markdown)
    front = FRONT_MATTER_RE.match(text)
    lines = text[front.end() if front else 0 :].splitlines()
    code = {n for start, end, _ in fenced_blocks(lines) for n in range(start, end + 1)}
    return any(
        line.strip() == INDEX_MARKER and not line.startswith(("    ", "\t")) and n not in code
        for n, line in enumerate(lines)
    )


def index_file(config: MkDocsConfig, path: str, content: str, language: LanguageBuild) -> File:
    """The generated index page at `path`, in the language's folder; not in a `nav:` of the
    site's own, unless that lists it."""
    inclusion = InclusionLevel.NOT_IN_NAV if config.nav is not None else InclusionLevel.UNDEFINED

    def generated(folder: str) -> File:
        file = File.generated(config, path, content=content, inclusion=inclusion)
        file.dest_uri = folder + file.dest_uri
        return file

    file = generated(language.folder)
    translate(file, language, generated)
    return file


def generated_index(
    files: Files, config: MkDocsConfig, path: str, language: LanguageBuild, build: Build
) -> tuple[File | None, str]:
    """The index page to generate at `path` (in the language's folder, with mkdocs-static-i18n),
    or None when none is wanted or a page of the site is there, with a line that tells the writer so."""
    if not path:
        return None, ""
    if files.get_file_from_path(path) is not None:
        return (
            None,
            f"{path} is a page of yours, so the OKR index is not generated there; add the line {INDEX_MARKER} to it to show the index in it",
        )
    return index_file(config, path, render.index_page(INDEX_MARKER, build.look.search_paths), language), ""


def title_of(markdown: str) -> str | None:
    """The title the page's first `# ` heading gives it."""
    found = _H1.search(markdown)
    return found.group(1) if found else None


def place_index(nav: Navigation, index: File, title: str | None) -> None:
    """Put the section that MkDocs made for the index's folder right, as the module says."""
    page = index.page
    section = page.parent if isinstance(page, Page) else None
    if section is None or not isinstance(page, Page):
        return
    siblings = section.parent.children if section.parent is not None else nav.items
    if section.children == [page]:
        siblings[siblings.index(section)] = page
        page.parent = section.parent
    elif title is not None and section.title.casefold() == title.casefold():
        section.title = title
