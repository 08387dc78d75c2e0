"""The `unscored` rule: once its period is over, every key result has a score, written or given by
its progress; the day counts from the same `today` as the `stale` rule."""

from __future__ import annotations

import calendar
from datetime import date

from ..model import OKR, Finding, Positions


def period_end(period: str) -> date:
    """The last day of a period: 2026-Q1 ends on 31 March, 2026-H2 and 2026 on 31 December."""
    year, part = int(period[:4]), period[5:]
    month = 12 if not part else int(part[1]) * (3 if part[0] == "Q" else 6)
    return date(year, month, calendar.monthrange(year, month)[1])


def unscored(okr: OKR, positions: Positions, on: date) -> list[Finding]:
    """An `unscored` finding for each key result without a score, when `on` is after its period."""
    end = period_end(okr.period)
    if on <= end:
        return []
    return [
        Finding(
            "unscored",
            positions.position(kr.pointer),
            f"{objective.id} {kr.id}: {okr.period} ended on {end.isoformat()}, and this key result has no score; "
            "grade it with score: from 0 to 1",
            kr.pointer,
        )
        for objective in okr.objectives
        for kr in objective.key_results
        if kr.score[0] is None
    ]
