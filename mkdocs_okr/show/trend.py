"""A key result's check-ins as a small trend line: inline SVG, no script, drawn in the text's own
colour (`currentColor`), so it reads in a light and a dark theme alike, with its numbers in words
for a screen reader and for a reader who hovers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import KeyResult

WIDTH, HEIGHT, PAD = 120.0, 32.0, 3.0


def points(kr: KeyResult) -> list[tuple[str, float]]:
    """The key result's measured values, oldest first: its check-ins that carry one."""
    return [(c.date, c.value) for c in kr.checkins if c.value is not None]


def confidence(kr: KeyResult) -> tuple[float, str | None] | None:
    """The latest confidence and the day it was given: the page's `confidence` as it stands now
    (dated when the latest check-in that gave one gave this one), else the latest check-in's."""
    given = [(c.confidence, c.date) for c in kr.checkins if c.confidence is not None]
    if kr.confidence is None:
        return given[-1] if given else None
    return kr.confidence, given[-1][1] if given and given[-1][0] == kr.confidence else None


def key_result_trend(kr: KeyResult) -> str:
    """The card's trend line of one key result, "" when it has fewer than two values."""
    return trend(points(kr), kr.target, kr.unit)


def trend(
    points: Sequence[tuple[str, float]],
    target: float | None = None,
    unit: str | None = None,
    label: str = "Check-ins",
    scale: tuple[float, float] | None = None,
) -> str:
    """The SVG of `points` (a date, YYYY-MM-DD, and a value, oldest first), with the target as a
    dashed line; "" for fewer than two points, which make no line. `scale`: the values the box
    spans (confidence runs 0 to 10), else from the lowest to the highest drawn."""
    if len(points) < 2:
        return ""
    days = [date.fromisoformat(day).toordinal() for day, _ in points]
    values = [value for _, value in points]
    drawn = values + ([target] if target is not None else [])
    low, high = scale or (min(drawn), max(drawn))
    span_x, span_y = (days[-1] - days[0]) or 1, (high - low) or 1.0

    def x(day: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * (day - days[0]) / span_x

    def y(value: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value - low) / span_y

    line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in zip(days, values))
    dots = "".join(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="1.8"/>' for d, v in zip(days, values))
    goal = (
        f'<line class="okr-trend-target" x1="{PAD}" x2="{WIDTH - PAD}" y1="{y(target):.1f}" y2="{y(target):.1f}"/>'
        if target is not None
        else ""
    )
    words = escape(describe(points, target, unit, label), quote=True)
    return (
        f'<svg class="okr-trend" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" aria-label="{words}" '
        f'focusable="false"><title>{words}</title>{goal}'
        f'<polyline points="{line}"/>{dots}</svg>'
    )


def describe(points: Sequence[tuple[str, float]], target: float | None, unit: str | None, label: str) -> str:
    """The trend in words: "Check-ins: 81% on 2026-01-05, 84% on 2026-01-19; target 90%"."""

    def shown(value: float) -> str:
        return f"{value:g}{unit if unit in ('%', '/10') else (' ' + unit if unit else '')}"

    text = f"{label}: " + ", ".join(f"{shown(value)} on {day}" for day, value in points)
    return text + (f"; target {shown(target)}" if target is not None else "")
