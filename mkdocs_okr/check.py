"""The one core function every adapter calls: check one page, return its model and diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .classify.vocabulary import SiteWords
from .history.checkins import Version, merge_history
from .model import OKR, Diagnostic, Finding, Position, Severity, one_line
from .read.frontmatter import FrontMatter, read_block, read_okr
from .read.limits import Limits
from .read.normalise import build_okr
from .read.positions import Origin
from .read.salvage import salvage
from .read.text import decode, may_be_okr_page
from .read.validate import is_valid, validate
from .rules.confidence import confidence_drops
from .rules.controllability import annotate
from .rules.crosspage import own_outline
from .rules.direction import direction
from .rules.grading import unscored
from .rules.health import health
from .rules.registry import severity_of
from .rules.shape import shape
from .rules.staleness import stale, today
from .rules.suppress import suppress


@dataclass(frozen=True)
class Options:
    """Site-wide settings: default parties, the severity of each rule, and what a page may hold."""

    customer: tuple[str, ...] = ()
    customers_users: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    today: date | None = None  # None: SOURCE_DATE_EPOCH, else the clock, for each page; hosts fix it for the run
    stale_after_days: int = 45
    min_key_results: int = 2
    max_key_results: int = 5
    max_objectives: int | None = None  # None: no limit
    limits: Limits = Limits()
    vocabulary: SiteWords = ()  # a site's own words for the classifier (the `vocabulary` option)
    git_history: bool = True  # hosts that know the pages' files read their check-ins from git


@dataclass
class PageResult:
    """What the core knows of one page. `okr` is None when the page is not an OKR page or is invalid;
    `outline` is then, for an invalid page, what the cross-page rules read of its valid rest."""

    file: str
    is_okr_page: bool = False
    okr: OKR | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outline: dict[str, Any] | None = None


def check_text(text: str, file: str, options: Options, past: Sequence[Version] = ()) -> PageResult:
    """Check the text of one page (BOM removed, newlines normalised); `file` is how it is named,
    `past` the page's versions in git, oldest first (history/gitlog.py), for its check-ins."""
    front = read_okr(text, options.limits)
    return PageResult(file) if front is None else _check(front, file, options, past)


def check_block(text: str, origin: Origin, file: str, options: Options) -> PageResult:
    """Check an okr block that stands alone in a page (a fenced `okr` block, a directive's
    content): `text` is the value of `okr`, `origin` where it stands, so findings and the model
    carry the page's lines and columns."""
    return _check(read_block(text, origin, options.limits), file, options)


def _check(front: FrontMatter, file: str, options: Options, past: Sequence[Version] = ()) -> PageResult:
    findings = list(front.findings)
    okr = outline = None
    if front.data is not None:
        validation = validate(front)
        findings += validation.findings
        if validation.valid:
            okr, model_findings = _model(front, file, options, past=past)
            findings += model_findings
        else:  # every finding at once: those of the parts that are valid too
            salvaged = salvage(front.data, validation.errors)
            if salvaged is not None and is_valid()(salvaged.data):
                rest, model_findings = _model(replace(front, data=salvaged.data), file, options, salvaged.stands)
                findings += [f for f in model_findings if salvaged.keeps(f)]
                outline = own_outline(rest.to_dict(), salvaged.stands)
    return PageResult(file, True, okr, _diagnostics(findings, file, options), outline)


def _model(
    front: FrontMatter,
    file: str,
    options: Options,
    stands: Callable[[str], bool] = lambda pointer: True,
    past: Sequence[Version] = (),
) -> tuple[OKR, list[Finding]]:
    """The model of a valid block, with the check-ins of its history, and the findings of every
    rule that reads it; `stands`: which parts of a salvaged block are the page's own."""
    okr, findings = build_okr(front, file, options.customer, options.customers_users, stands)
    if past:
        merge_history(okr, past, options.limits)
    on = options.today or today()
    findings += annotate(okr, front.positions, options.vocabulary)
    findings += stale(okr, front.positions, on, options.stale_after_days)
    findings += confidence_drops(okr, front.positions)
    findings += shape(okr, front.positions, options.min_key_results, options.max_key_results, options.max_objectives)
    findings += direction(okr, front.positions)
    findings += unscored(okr, front.positions, on)
    findings += health(okr, front.positions)
    return okr, suppress(findings, okr, front.positions)


def check_file(path: Path, file: str, options: Options) -> PageResult:
    """Check one page on disk; `file` is the name used in diagnostics. Raises OSError when unreadable."""
    return check_bytes(path.read_bytes(), file, options)


def check_bytes(raw: bytes, file: str, options: Options, past: Sequence[Version] = ()) -> PageResult:
    """Check a page's bytes as MkDocs reads them: UTF-8 with or without BOM, any newline convention."""
    if not may_be_okr_page(raw):
        return PageResult(file)
    try:
        text = decode(raw)
    except UnicodeDecodeError as error:
        return _undecodable(raw, error, file, options)
    return check_text(text, file, options, past)


def _undecodable(raw: bytes, error: UnicodeDecodeError, file: str, options: Options) -> PageResult:
    if not may_be_okr_page(raw):
        return PageResult(file)
    before = raw[: error.start]
    at = Position(before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1)
    message = f"not valid UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start}; save the file as UTF-8"
    return PageResult(file, True, None, _diagnostics([Finding("encoding", at, message)], file, options))


def _diagnostics(findings: list[Finding], file: str, options: Options) -> list[Diagnostic]:
    out = []
    for f in findings:
        severity = severity_of(f.rule, options.severity, f.key)
        if severity is not Severity.IGNORE:
            out.append(
                Diagnostic(file, f.position.line, f.position.column, severity, f.rule, one_line(f.message), f.pointer)
            )
    return sorted(out, key=Diagnostic.sort_key)
