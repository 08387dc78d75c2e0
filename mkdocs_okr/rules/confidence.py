"""Has a key result's confidence fallen since the check-in before? A drop is news for the page's readers."""

from __future__ import annotations

from ..model import OKR, Finding, KeyResult, Positions

DROP = 3  # points on the 0-10 scale: a fall this large is worth a sentence on the page


def confidence_drops(okr: OKR, positions: Positions) -> list[Finding]:
    """A `confidence-drop` finding for each key result whose latest confidence is DROP points or
    more below the one before it."""
    findings = []
    for objective in okr.objectives:
        for kr in objective.key_results:
            series = _series(kr)
            if len(series) < 2:
                continue
            (before, day, _), (now, _, pointer) = series[-2], series[-1]
            if before - now >= DROP:
                message = (
                    f"{objective.id} {kr.id}: confidence fell from {before:g} to {now:g} since the check-in of {day}; "
                    "say in a check-in note what changed and what the team will do about it"
                )
                findings.append(Finding("confidence-drop", positions.position(pointer), message, kr.pointer))
    return findings


def _series(kr: KeyResult) -> list[tuple[float, str, str]]:
    """Each confidence, with its day and where the page shows it: the check-ins' in date order,
    then the page's own `confidence` when it says something new (it may not be committed yet).
    A check-in from git is shown where the page writes `confidence` today."""
    own = f"{kr.pointer}/confidence" if kr.confidence is not None else kr.pointer
    series = [
        (c.confidence, c.date, f"{c.pointer}/confidence" if c.pointer else own)
        for c in kr.checkins
        if c.confidence is not None
    ]
    if kr.confidence is not None and (not series or series[-1][0] != kr.confidence):
        series.append((kr.confidence, "", own))
    return series
