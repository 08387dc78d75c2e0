"""Rules across pages: what no single page can know. Run on the OKRs of every page, in any host."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableSequence
from typing import Any

from .model import Diagnostic, Severity
from .rules import severity_of


def add_duplicate_objectives(
    diagnostics_by_file: Mapping[str, MutableSequence[Diagnostic]],
    okrs: Iterable[Mapping[str, Any]],
    severity: Mapping[str, Severity],
) -> None:
    """Add the cross-page `duplicate-id` findings to each page's diagnostics, kept in order."""
    for d in duplicate_objectives(okrs, severity):
        page = diagnostics_by_file[d.file]
        page.append(d)
        page.sort(key=Diagnostic.sort_key)


def duplicate_objectives(okrs: Iterable[Mapping[str, Any]], severity: Mapping[str, Severity]) -> list[Diagnostic]:
    """A `duplicate-id` finding for each objective whose team, period and id another page used first
    (pages in path order)."""
    level = severity_of("duplicate-id", severity)
    if level is Severity.IGNORE:
        return []
    first: dict[tuple[str, str, str], tuple[str, int]] = {}
    found = []
    for okr in sorted(okrs, key=lambda o: str(o["file"])):
        for objective in okr["objectives"]:
            key = (str(okr["team"]), str(okr["period"]), str(objective["id"]))
            if key not in first:
                first[key] = (str(okr["file"]), int(objective["line"]))
                continue
            where, line = first[key]
            if where == okr["file"]:
                continue  # the same page: its own duplicate-id finding says so
            message = (
                f'{objective["id"]}: {key[0]}, {key[1]} already has an objective {objective["id"]} '
                f"({where}:{line}); give this one another id"
            )
            found.append(
                Diagnostic(str(okr["file"]), int(objective["line"]), int(objective["column"]), level, "duplicate-id", message, str(objective["pointer"]))
            )
    return found
