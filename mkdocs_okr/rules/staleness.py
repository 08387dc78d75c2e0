"""Is a key result's last measurement too old? Relative to a `today` that a build can pin down."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from ..model import OKR, Finding, KeyResult, Positions, human_path

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
    """A `stale` finding for each key result last measured more than `after_days` before `on`: on
    its `updated` date or at its latest check-in, written or read from git, whichever is later.
    A date shaped like one but on no calendar (2026-02-30) is a `schema` finding instead."""
    findings: list[Finding] = []
    for objective in okr.objectives:
        for kr in objective.key_results:
            measured = _measured(f"{objective.id} {kr.id}", kr, positions, findings)
            if not measured:
                continue
            last, _, pointer, how = max(measured)
            age = (on - last).days
            if age > after_days:
                fix = (
                    "update current and updated"
                    if how == "updated"
                    else "check in: commit the new current, or add a check-in"
                )
                message = (
                    f"{objective.id} {kr.id}: last {how} {last.isoformat()}, {age} days before {on.isoformat()} "
                    f"(the limit is {after_days}); measure it again and {fix}"
                )
                findings.append(Finding("stale", positions.position(pointer), message, kr.pointer))
    return findings


def _measured(
    name: str, kr: KeyResult, positions: Positions, findings: list[Finding]
) -> list[tuple[date, bool, str, str]]:
    """Each day the key result was measured: (the day, whether it is `updated`, which wins a tie,
    where the page says it, how it was measured). A written date on no calendar goes to `findings`."""
    measured = [(date.fromisoformat(c.date), False, kr.pointer, "checked in") for c in kr.checkins if not c.pointer]
    written = [(kr.updated, f"{kr.pointer}/updated", "updated")] if kr.updated is not None else []
    written += [(c.date, f"{c.pointer}/date", "checked in") for c in kr.checkins if c.pointer]
    for text, pointer, how in written:
        try:
            measured.append((date.fromisoformat(text), how == "updated", pointer, how))
        except ValueError:
            where = human_path("/okr/" + pointer.removeprefix(kr.pointer + "/"))
            message = f'{name}: {where}: "{text}" is not a date on the calendar'
            findings.append(Finding("schema", positions.position(pointer), message, pointer))
    return measured
