"""What one run of the build reports, once: the findings of every page and the export of every
OKR page. A run is one `mkdocs build`, or one rebuild of `mkdocs serve`; with mkdocs-static-i18n
it holds one build per language, each of which checks its own language's pages (and the pages of
the default language it falls back to), so a page seen by two builds is reported once. On a
rebuild of `mkdocs serve`, only the pages whose findings changed are printed, then one line that
sums up the site, so that the page being edited is not buried under every other page's findings."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Union

from ..model import Diagnostic, Severity
from ..show import report
from ..site.outcome import LOG_LEVEL, Checked, log_line

Findings = dict[str, list[Diagnostic]]  # page file -> its findings, in order

Log = Union[logging.Logger, "logging.LoggerAdapter[logging.Logger]"]  # MkDocs gives plugins a LoggerAdapter


class Run:
    """The pages, OKRs and findings of the builds of one run."""

    def __init__(self) -> None:
        self.pages: set[str] = set()  # every documentation page of the builds, by source path
        self.checked: dict[str, Checked] = {}  # OKR pages by file: the first build that checked one
        self.cross: dict[Diagnostic, None] = {}  # the cross-page findings, in the order found

    def add(self, pages: Iterable[str], checked: Iterable[Checked], cross: Iterable[Diagnostic]) -> None:
        """Take in one build's pages, checked OKR pages and cross-page findings."""
        self.pages.update(pages)
        for c in checked:
            self.checked.setdefault(c.file, c)
        self.cross.update(dict.fromkeys(cross))

    def findings(self) -> Findings:
        """Each OKR page's findings, pages in path order, each finding once."""
        by_file: Findings = {file: list(self.checked[file].diagnostics) for file in sorted(self.checked)}
        for d in self.cross:
            by_file[d.file].append(d)
        for found in by_file.values():
            found.sort(key=Diagnostic.sort_key)
        return by_file

    def export(self, findings: Findings) -> str:
        """okrs.json: every OKR page of the run, in the JSON report's format."""
        okrs = [self.checked[file].okr_json or "" for file in findings if self.checked[file].okr_json]
        diagnostics = sorted((d for found in findings.values() for d in found), key=Diagnostic.sort_key)
        return report.export(len(self.pages), okrs, diagnostics)


def log_all(findings: Findings, log: Log) -> None:
    """Every finding of every page, pages in path order."""
    for found in findings.values():
        _log(found, log)


def log_changes(findings: Findings, before: Mapping[str, Sequence[Diagnostic]], log: Log, strict: bool) -> None:
    """The findings of each page whose findings are not those of the build before (a page that
    has none left says so), then a line that sums up the site. Under `--strict`, that line is a
    warning while a finding not printed again would fail the build, so the rebuild fails as the
    first build did."""
    changed = [file for file, found in findings.items() if found != list(before.get(file, ()))]
    for file in changed:
        if findings[file]:
            _log(findings[file], log)
        else:
            log.info(f"{file}: no findings now")
    unprinted = [d for file, found in findings.items() if file not in changed for d in found]
    failing = strict and any(d.severity in (Severity.ERROR, Severity.WARNING) for d in unprinted)
    log.log(logging.WARNING if failing else logging.INFO, summary(findings, len(changed)))


def summary(findings: Findings, changed: int) -> str:
    """`OKR findings changed on 1 of 3 OKR pages; the site has 1 error, 2 warnings`."""
    all_found = [d for found in findings.values() for d in found]
    counts = [
        _plural(sum(d.severity is s for d in all_found), s.value)
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    found = ", ".join(c for c in counts if not c.startswith("0 ")) or "no findings"
    pages = _plural(len(findings), "OKR page")
    if not changed:
        return f"OKR findings unchanged on {pages}; the site has {found}"
    return f"OKR findings changed on {changed} of {pages}; the site has {found}"


def _log(found: Iterable[Diagnostic], log: Log) -> None:
    for d in found:
        log.log(LOG_LEVEL[d.severity], log_line(d))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 or word == "info" else f"{n:,} {word}s"
