"""Where the generated OKR index stands in the site's navigation.

Without a `nav:`, MkDocs puts each folder in a section titled from the folder's name, so the index
at `okrs/index.md` showed as a section "Okrs" holding one page "OKRs". The page stands in the
section's place instead; a section that holds other pages too keeps them, spelt as the index's
title when it differs from it only in case. A site with its own `nav:` decides where the index goes:
listed there, it is shown there; left out, MkDocs is told it is not meant for the nav, as it never
was a page the site's writers wrote."""

from __future__ import annotations

import re

from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

_H1 = re.compile(r"^# +(.+?) *#* *$", re.MULTILINE)


def title_of(markdown: str) -> str | None:
    """The title the page's first `# ` heading gives it."""
    found = _H1.search(markdown)
    return found.group(1) if found else None


def place_index(nav: Navigation, index: File, title: str | None) -> None:
    """Put the section that MkDocs made for the index's folder right, as the module says."""
    page = index.page
    section = page.parent if isinstance(page, Page) else None
    if section is None:
        return
    siblings = section.parent.children if section.parent is not None else nav.items
    if section.children == [page]:
        siblings[siblings.index(section)] = page
        page.parent = section.parent
    elif title is not None and section.title.casefold() == title.casefold():
        section.title = title
