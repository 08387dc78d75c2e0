"""A team's period in the index: its score, and its confidence over time as a line.

Built from the OKRs as the report exports them, like the rest of the index, so every host draws
the same. The score is the mean of its objectives' scores; the confidence at each day a key result
was checked in is the mean of every key result's latest confidence by that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from ..scoring import Band, band, mean
from .trend import trend

CONFIDENCE_SCALE = (0.0, 10.0)


@dataclass(frozen=True)
class TeamCycle:
    score: float | None
    band: Band | None
    confidence: list[tuple[str, float]]  # (day, mean confidence), oldest first

    @property
    def latest(self) -> tuple[str, float] | None:
        return self.confidence[-1] if self.confidence else None

    @property
    def line(self) -> str:
        """The confidence as an inline SVG on the whole 0 to 10 scale, "" with fewer than two days."""
        return trend(self.confidence, unit="/10", label="Mean confidence", scale=CONFIDENCE_SCALE)


def team_cycle(okrs: Iterable[Mapping[str, Any]], scores: Sequence[tuple[float | None, str | None]]) -> TeamCycle:
    """The cycle of one team in one period: `okrs` its pages' OKRs, `scores` each objective's
    score and type."""
    scored = [(score, kind) for score, kind in scores if score is not None]
    score = mean((s, 1.0) for s, _ in scored)
    kinds = {kind for _, kind in scored}
    shown = band(score, kinds.pop() if len(kinds) == 1 else None) if score is not None else None
    return TeamCycle(score, shown, confidence_over_time(okrs))


def confidence_over_time(okrs: Iterable[Mapping[str, Any]]) -> list[tuple[str, float]]:
    """Each day a key result was checked in with a confidence, and the mean, to one decimal, of
    every key result's latest confidence by then."""
    key_results = [kr for okr in okrs for objective in okr["objectives"] for kr in objective["key_results"]]
    given = sorted(
        (str(c["date"]), k, float(c["confidence"]))
        for k, kr in enumerate(key_results)
        for c in kr.get("checkins", ())
        if c.get("confidence") is not None
    )
    latest: dict[int, float] = {}
    points = []
    for day, same_day in groupby(given, key=lambda g: g[0]):
        latest.update((k, value) for _, k, value in same_day)
        points.append((day, round(sum(latest.values()) / len(latest), 1)))
    return points
