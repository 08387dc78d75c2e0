"""What needs every OKR page at once: the cross-page findings, where each objective is, and the
index as each page that holds it shows it. Takes and gives plain data, so a build can run it in a
worker process while MkDocs writes the pages."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Diagnostic, Severity
from ..rules.crosspage import cross_page, objectives, resolve
from ..show import render
from ..show.anchors import page_ids
from ..show.siteindex import Unread, build_index

# an OKR page that could not be read: its file as the report names it, and its findings in page order
UnreadPage = tuple[str, Sequence[Diagnostic]]


@dataclass(frozen=True)
class Holder:
    """A page that shows the index: the link from it to each OKR page (by the page's file as the
    report names it; "" for itself), and to the stylesheet."""

    links: Mapping[str, str]
    css_url: str


class ShownIndex(NamedTuple):
    """The index rendered for one page: its HTML, the ids it adds, and the (title, id) entries for
    the page's table of contents."""

    html: str
    anchors: tuple[str, ...]
    toc: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SiteWide:
    findings: list[Diagnostic]  # the cross-page ones, each naming its page's file
    objectives: dict[str, tuple[str, str]]  # team/period/id -> (page file, the objective's anchor in it, or "")
    indexes: dict[str, ShownIndex]  # holder's key -> its index


def site_wide(
    okr_json: Sequence[str],
    severity: Mapping[str, Severity],
    holders: Mapping[str, Holder],
    search_paths: tuple[str, ...] = (),
    unread: Sequence[UnreadPage] = (),
    salvaged: Sequence[str] = (),
) -> SiteWide:
    """The site-wide steps over every page's OKRs, given as the JSON report has them, serialised;
    the index lists the `unread` pages too, so that its counts say what they leave out. The
    cross-page rules read the invalid pages' valid rest too (`salvaged`: their outlines,
    serialised), which the index does not show; a card's link to an objective of one goes to its
    page, whose card has no objective to link to."""
    okrs = [json.loads(text) for text in okr_json]
    rest = [json.loads(text) for text in salvaged]
    invalid = {str(okr["file"]) for okr in rest}
    ids = {str(okr["file"]): page_ids(okr).objectives for okr in okrs}
    where = {
        key: (ref.file, "" if ref.file in invalid else ids[ref.file][ref.position])
        for key, ref in resolve(objectives([*okrs, *rest])).items()
    }
    shown = {key: show_index(okrs, holder, search_paths, unread) for key, holder in holders.items()}
    return SiteWide(cross_page([*okrs, *rest], severity), where, shown)


def show_index(
    okrs: Sequence[Mapping[str, object]],
    holder: Holder,
    search_paths: tuple[str, ...],
    unread: Sequence[UnreadPage] = (),
) -> ShownIndex:
    """The index as `holder` shows it."""

    def url_of(file: str, anchor: str) -> str:
        return f"{holder.links[file]}#{anchor}"

    site = build_index(okrs, url_of, [_unread(file, found, holder) for file, found in unread])
    toc = [(p.name, p.anchor) for p in site.periods]
    if site.unplaced:
        toc.append(("Key results the plugin could not place", "okr-unplaced"))
    if site.tree:
        toc.append(("How objectives align", "okr-alignment"))
    return ShownIndex(render.index(site, holder.css_url, search_paths), tuple(site.anchors()), tuple(toc))


def _unread(file: str, findings: Sequence[Diagnostic], holder: Holder) -> Unread:
    url = holder.links.get(file)
    if not findings:
        return Unread(file, url)
    first = findings[0]
    return Unread(file, url, first.line, first.column, first.message, first.rule, len(findings) - 1)
