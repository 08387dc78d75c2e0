"""What every host makes of one checked page or block: its card, its OKRs as JSON, the ids the
card adds, and its findings as log lines. The MkDocs plugin, the Markdown extension and the Sphinx
extension all go through `outcome`, so a page reads the same in each."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..check import Options, PageResult, check_block, check_bytes, check_text
from ..history.checkins import Version
from ..model import Diagnostic, Severity, one_line
from ..read.fences import Fence, okr_fences
from ..read.positions import Origin
from ..read.text import normalise
from ..rules.crosspage import outline
from ..show import render, report
from ..show.anchors import page_ids

# logging.ERROR, WARNING and INFO: the command line logs nothing and need not import logging
LOG_LEVEL = {Severity.ERROR: 40, Severity.WARNING: 30, Severity.INFO: 20}
ALIGN_HREF = re.compile(r'href="okr-align:([^"]*)"')  # a card's link to the objective it supports


@dataclass(frozen=True)
class Look:
    """How cards are rendered: the site's template folders, searched before the package's; no
    cards at all for the command line; `findings`, for hosts whose build log is easy to miss: each
    finding on a card gives its line and column, and the controllability ones, which the badges
    show, are listed too; the stylesheet inside the card, for hosts that cannot add a file.
    `outlines`: each page's outline too, for a host that runs the cross-page rules on outlines
    alone (the command line)."""

    search_paths: tuple[str, ...] = ()
    cards: bool = True
    findings: bool = False
    inline_css: bool = False
    outlines: bool = False


@dataclass(frozen=True)
class Checked:
    """What a host needs of a checked page: its findings, its card's HTML and the ids the card
    adds when it is an OKR page, and its OKRs as the JSON report has them, serialised: one string
    travels from a worker cheaper than a tree of objects, and the host's garbage collector does not
    walk it on every pass of a large build."""

    file: str  # as diagnostics name it
    diagnostics: list[Diagnostic]
    card: str | None
    okr_json: str | None = None
    anchors: tuple[str, ...] = ()
    is_okr_page: bool = False
    outline_json: str | None = None  # what the cross-page rules read of the OKRs, serialised (`Look.outlines`;
    # for an invalid page always, its valid rest's: `PageResult.outline`)

    def okr(self) -> dict[str, Any] | None:
        """The page's OKRs as plain data, read anew at each call."""
        return json.loads(self.okr_json) if self.okr_json else None

    def outline(self) -> dict[str, Any] | None:
        """The page's OKRs without their key results (`crosspage.outline`), read anew at each
        call: a fifth of the reading for a caller that only runs the cross-page rules."""
        return json.loads(self.outline_json) if self.outline_json else None


def outcome(
    result: PageResult,
    look: Look,
    css_url: str | None,
    guidance_url: str = render.GUIDANCE_URL,
    taken: set[str] | None = None,
) -> Checked:
    """A checked page as a host uses it: the card (when `look` wants cards), the OKRs' JSON, the
    card's ids, told apart from those in `taken` (other cards' on the page), which gets them.
    `css_url` None leaves the stylesheet to the host."""
    card, anchors = None, tuple[str, ...]()
    if result.is_okr_page and look.cards:
        ids = page_ids(result.okr, taken) if result.okr else None
        anchors = tuple(ids.all()) if ids else ()
        card = render.card(
            result.okr,
            result.diagnostics,
            css_url,
            guidance_url,
            look.search_paths,
            look.findings,
            look.inline_css,
            ids,
        )
    okr = result.okr.to_dict() if result.okr else None
    okr_json = report.serialise(okr) if okr else None
    outline_json = report.serialise(outline(okr)) if okr and look.outlines else None
    if result.outline is not None:  # an invalid page: its only part in the cross-page rules, for every host
        outline_json = report.serialise(result.outline)
    return Checked(result.file, result.diagnostics, card, okr_json, anchors, result.is_okr_page, outline_json)


def page(
    raw: bytes,
    file: str,
    options: Options,
    look: Look,
    css_url: str | None,
    guidance_url: str = render.GUIDANCE_URL,
    past: Sequence[Version] = (),
) -> Checked:
    """Check a page's front matter (its bytes as read from disk, its versions in git) and make its outcome."""
    return outcome(check_bytes(raw, file, options, past), look, css_url, guidance_url)


def block(
    text: str,
    origin: Origin,
    file: str,
    options: Options,
    look: Look,
    css_url: str | None,
    guidance_url: str = render.GUIDANCE_URL,
    taken: set[str] | None = None,
) -> Checked:
    """Check an okr block that stands alone in a page (see `check.check_block`) and make its outcome."""
    return outcome(check_block(text, origin, file, options), look, css_url, guidance_url, taken)


@dataclass(frozen=True)
class MarkdownPage:
    """The OKR blocks of a Markdown page: its front matter's, and each fenced okr block's."""

    front: Checked | None
    fences: list[tuple[Fence, Checked]]


def markdown_page(
    text: str,
    file: str,
    options: Options,
    look: Look,
    css_url: str | None,
    guidance_url: str = render.GUIDANCE_URL,
    past: Sequence[Version] = (),
) -> MarkdownPage:
    """Check a Markdown page's text: the okr block of its front matter (with the check-ins of its
    versions in git, `past`) and its fenced okr blocks, at the page's lines; no two of its cards
    give the same id."""
    text = normalise(text)
    taken: set[str] = set()
    front = outcome(check_text(text, file, options, past), look, css_url, guidance_url, taken)
    fences = [
        (fence, block(fence.text, fence.origin(), file, options, look, css_url, guidance_url, taken))
        for fence in okr_fences(text.split("\n"))
    ]
    return MarkdownPage(front if front.is_okr_page else None, fences)


def message(d: Diagnostic) -> str:
    """A finding for a host that gives the place itself: `message [rule]`."""
    return f"{d.message} [{d.rule}]"


def log_line(d: Diagnostic) -> str:
    """A finding as a build log line: `file:line:col: message [rule]`."""
    return f"{one_line(d.file)}:{d.line}:{d.column}: {message(d)}"  # a file's name cannot add a line to the log


def lone_card(checked: Checked) -> str:
    """The card for a host that sees one page at a time: links to the objectives it supports are
    kept as text."""
    return link_aligns(checked.card or "", lambda key: "")


def link_aligns(card: str, href: Callable[[str], str | None]) -> str:
    """Resolve the card's links to the objectives it supports: `href(key)` is the link; None when
    the site has no such objective (the text is kept, marked, and not linked); "" when the host
    does not see the whole site (the text is kept, not linked)."""
    import html  # only hosts that render cards come here

    def attributes(match: re.Match[str]) -> str:
        key = html.unescape(match[1])
        url = href(key)
        if url is None:
            return f'aria-disabled="true" title="No objective {html.escape(key)} on this site"'
        return f'href="{html.escape(url)}"' if url else ""

    return ALIGN_HREF.sub(attributes, card) if "okr-align:" in card else card
