"""Format a check's results for people (text), for tools (JSON, DESIGN section 4) and for GitHub
Actions (workflow commands, which GitHub shows as annotations on the pull request)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ..check import PageResult
from ..model import Diagnostic, Severity, one_line

REPORT_VERSION = 1
EXPORT_FILE = "okrs.json"  # where a build writes the report of the whole site, in its output folder


def diagnostics_of(results: Sequence[PageResult]) -> list[Diagnostic]:
    """Every diagnostic of every page, sorted by file, line and column."""
    return sorted((d for r in results for d in r.diagnostics), key=Diagnostic.sort_key)


def text(results: Sequence[PageResult], style: Callable[[str, Severity], str] = lambda s, _: s) -> str:
    """One line a finding, `path:line:col: severity: message [rule]`, then a summary line."""
    return _lines(
        results,
        lambda d: (
            f"{one_line(d.file)}:{d.line}:{d.column}: {style(d.severity.value, d.severity)}: {d.message} [{d.rule}]"
        ),
    )


def _lines(results: Sequence[PageResult], line: Callable[[Diagnostic], str]) -> str:
    """A line for each finding, in order, then the summary line."""
    diagnostics = diagnostics_of(results)
    return "\n".join([*map(line, diagnostics), summary(results, diagnostics)]) + "\n"


def summary(results: Sequence[PageResult], diagnostics: Sequence[Diagnostic]) -> str:
    """`checked 3 files (2 OKR pages): 1 error, 2 warnings`."""
    pages = sum(r.is_okr_page for r in results)
    counts = [
        _plural(sum(d.severity is s for d in diagnostics), s.value)
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    found = ", ".join(c for c in counts if not c.startswith("0 ")) or "no findings"
    return f"checked {_plural(len(results), 'file')} ({_plural(pages, 'OKR page')}): {found}"


GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(results: Sequence[PageResult]) -> str:
    """One workflow command a finding, `::warning file=…,line=…,col=…,title=…::message`, then the summary."""
    return _lines(
        results,
        lambda d: (
            f"::{GITHUB_COMMAND[d.severity]} file={_property(d.file)},line={d.line},col={d.column},"
            f"title={_property(f'mkdocs-okr {d.rule}')}::{_data(d.message)}"
        ),
    )


def _data(text: str) -> str:
    """Escape a workflow command's message as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value as GitHub's toolkit does."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def document(files_checked: int, okrs: Sequence[str], diagnostics: Sequence[Diagnostic]) -> str:
    """The report as the CLI prints it, from OKRs already serialised by `serialise` (in the
    workers): indented at the top, one OKR page or finding a line, easy to read, grep and diff."""

    def items(lines: Sequence[str]) -> str:
        return "[\n" + ",\n".join(f"    {line}" for line in lines) + "\n  ]" if lines else "[]"

    found = [serialise(d.to_dict()) for d in diagnostics]
    return (
        f'{{\n  "version": {REPORT_VERSION},\n  "files_checked": {files_checked},\n'
        f'  "okrs": {items(okrs)},\n  "diagnostics": {items(found)}\n}}\n'
    )


def serialise(value: object) -> str:
    """Compact JSON, as the build exports it (a large site's export is megabytes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def export(files_checked: int, okrs: Sequence[str], diagnostics: Sequence[Diagnostic]) -> str:
    """The report as the build exports it (okrs.json): compact, from OKRs already serialised by
    `serialise` in the workers; the same bytes as `serialise` of the whole report."""
    head = serialise({"version": REPORT_VERSION, "files_checked": files_checked})[:-1]
    found = serialise([d.to_dict() for d in diagnostics])
    return f'{head},"okrs":[{",".join(okrs)}],"diagnostics":{found}}}\n'


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"
