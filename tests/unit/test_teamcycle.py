"""A team's period in the index: its score and its confidence over time."""

from __future__ import annotations

from typing import Any

import pytest

from mkdocs_okr.show.teamcycle import confidence_over_time, team_cycle

pytestmark = pytest.mark.unit


def page(*key_results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"objectives": [{"key_results": [{"checkins": checkins} for checkins in key_results]}]}


def test_each_day_counts_every_key_results_latest_confidence_by_then() -> None:
    first = [{"date": "2026-01-05", "confidence": 8}, {"date": "2026-01-19", "confidence": 4}]
    second = [{"date": "2026-01-12", "confidence": 6}, {"date": "2026-01-19", "value": 3}]  # no confidence given
    other_page = page([{"date": "2026-01-19", "confidence": 9}])
    assert confidence_over_time([page(first, second), other_page]) == [
        ("2026-01-05", 8.0),
        ("2026-01-12", 7.0),
        ("2026-01-19", 6.3),  # 4, 6 and 9
    ]
    assert confidence_over_time([page([])]) == []


def test_the_team_score_is_its_objectives_mean_banded_by_their_type_when_they_share_one() -> None:
    cycle = team_cycle([page([{"date": "2026-01-05", "confidence": 8}])], [(1.0, "committed"), (0.5, "committed")])
    assert (cycle.score, cycle.band and cycle.band.name) == (0.75, "red")  # a committed OKR short of 1.0
    assert cycle.latest == ("2026-01-05", 8.0) and cycle.line == ""  # one day draws no line
    mixed = team_cycle([], [(1.0, "committed"), (0.5, "aspirational"), (None, None)])
    assert (mixed.score, mixed.band and mixed.band.name, mixed.latest) == (0.75, "green", None)  # untyped bands


def test_the_line_is_drawn_on_the_whole_scale_of_confidence() -> None:
    points = [{"date": "2026-01-05", "confidence": 5}, {"date": "2026-01-19", "confidence": 6}]
    line = team_cycle([page(points)], []).line
    assert 'aria-label="Mean confidence: 5/10 on 2026-01-05, 6/10 on 2026-01-19"' in line
    assert 'points="3.0,16.0 117.0,13.4"' in line  # 5 of 10 halfway down the box, not at its foot
