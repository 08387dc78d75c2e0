"""Progress from baseline toward target, either way, capped at complete; shown with its unit."""

from __future__ import annotations

import pytest

from mkdocs_okr.model import KeyResult
from mkdocs_okr.progress import fraction
from mkdocs_okr.show.render import current, span


@pytest.mark.parametrize(
    "baseline, target, current_value, expected",
    [
        (82, 90, 84, 0.25),  # up
        (3, 1, 2, 0.5),  # down: cut 3 days to 1, now 2
        (82, 90, 95, 1.0),  # beyond the target is complete, not 162%
        (3, 1, 0.5, 1.0),
        (82, 90, 80, 0.0),  # moved the wrong way
        (82, 90, None, None),
        (None, 90, 84, None),
        (0, 0, 0, None),  # baseline and target alike say no way to go: `maintain` with min or max does
    ],
)
def test_fraction(
    baseline: float | None, target: float | None, current_value: float | None, expected: float | None
) -> None:
    assert fraction(baseline, target, current_value) == expected


def kr(**numbers: object) -> KeyResult:
    return KeyResult(id="KR1", text="t", pointer="/okr", line=1, column=1, **numbers)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "numbers, shown_span, shown_current",
    [
        ({"baseline": 82, "target": 90, "current": 84, "unit": "%"}, "82% → 90%", "now 84%"),
        ({"baseline": 3, "target": 1, "current": 2, "unit": "days"}, "3 days → 1 day", "now 2 days"),
        ({"baseline": 1, "target": 4, "current": 1, "unit": "hours"}, "1 hour → 4 hours", "now 1 hour"),
        ({"baseline": 1, "target": 2, "unit": "ms"}, "1 ms → 2 ms", ""),
        ({"baseline": 420, "target": 500, "current": 450.5, "unit": "$"}, "$420 → $500", "now $450.5"),
        ({"baseline": 1200, "target": 2000}, "1,200 → 2,000", ""),
        ({"target": 90, "unit": "%"}, "90%", ""),
    ],
)
def test_numbers_are_shown_with_their_unit(numbers: dict[str, object], shown_span: str, shown_current: str) -> None:
    assert (span(kr(**numbers)), current(kr(**numbers))) == (shown_span, shown_current)
