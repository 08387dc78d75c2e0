"""Is a key result's last measurement too old? Relative to a `today` that a build can pin down."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from ..model import OKR, Finding, Positions

EARLIEST, LATEST = -62135596800, 253402300799  # the first second of year 1, the last of 9999: what Python dates


class SourceDateError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a moment MkDocs can date."""


def today(configured: date | None = None) -> date:
    """The day to measure age against, read once per run: the site's setting, else
    SOURCE_DATE_EPOCH, else the clock. Reproducible builds set SOURCE_DATE_EPOCH, so the same
    sources give the same findings. SOURCE_DATE_EPOCH is read even when the site sets the day:
    MkDocs dates every page with it, and stops with a traceback on a value it cannot read."""
    epoch = source_date()
    return configured or epoch or date.today()


def source_date() -> date | None:
    """The day SOURCE_DATE_EPOCH names, read as MkDocs reads it; None when it is not set."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    try:
        seconds = int(value)
    except ValueError:
        raise SourceDateError(
            f"SOURCE_DATE_EPOCH is {value!r}: expected a whole number of seconds since 1970-01-01 UTC, as `date +%s` prints it"
        ) from None
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        raise SourceDateError(
            f"SOURCE_DATE_EPOCH is {seconds}: expected a number of seconds since 1970-01-01 UTC "
            f"from {EARLIEST} to {LATEST} (years 1 to 9999)"
        ) from None


def stale(okr: OKR, positions: Positions, on: date, after_days: int) -> list[Finding]:
    """A `stale` finding for each key result last updated more than `after_days` before `on`,
    and a `schema` finding for an `updated` that is shaped like a date but is none (2026-02-30)."""
    findings = []
    for objective in okr.objectives:
        for kr in objective.key_results:
            if kr.updated is None:
                continue
            at = positions.position(f"{kr.pointer}/updated")
            try:
                updated = date.fromisoformat(kr.updated)
            except ValueError:
                message = f'{objective.id} {kr.id}: updated: "{kr.updated}" is not a date on the calendar'
                findings.append(Finding("schema", at, message, f"{kr.pointer}/updated"))
                continue
            age = (on - updated).days
            if age > after_days:
                message = (
                    f"{objective.id} {kr.id}: last updated {kr.updated}, {age} days before {on.isoformat()} "
                    f"(the limit is {after_days}); measure it again and update current and updated"
                )
                findings.append(Finding("stale", at, message, kr.pointer))
    return findings
