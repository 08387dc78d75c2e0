"""Is a key result's last measurement too old? Relative to a `today` that a build can pin down."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from .frontmatter import FrontMatter
from .model import OKR, Finding


def today(configured: date | None = None) -> date:
    """The day to measure age against: the site's setting, else SOURCE_DATE_EPOCH, else the clock.
    Reproducible builds set SOURCE_DATE_EPOCH, so the same sources give the same findings."""
    if configured is not None:
        return configured
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def stale(okr: OKR, front: FrontMatter, on: date, after_days: int) -> list[Finding]:
    """A `stale` finding for each key result last updated more than `after_days` before `on`,
    and a `schema` finding for an `updated` that is shaped like a date but is none (2026-02-30)."""
    findings = []
    for objective in okr.objectives:
        for kr in objective.key_results:
            if kr.updated is None:
                continue
            at = front.position(f"{kr.pointer}/updated")
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
