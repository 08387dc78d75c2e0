"""Scores: a key result's (written, else its progress), an objective's (the weighted mean), the
bands of each type of objective (data/scoring.yaml), and `unscored` once the period is over."""

from __future__ import annotations

from datetime import date

import pytest

from mkdocs_okr.check import Options, check_text
from mkdocs_okr.datafiles import load_yaml
from mkdocs_okr.model import OKR, Severity
from mkdocs_okr.rules.grading import period_end
from mkdocs_okr.scoring import band

QUIET = {rule: Severity.IGNORE for rule in ("controllability", "key-result-count", "measurable", "no-target")}
PAGE = """\
---
okr:
  team: Menu tools
  period: 2026-Q1
  objectives:
    - title: Keep restaurants on the platform
      type: {type}
      key_results:
        - text: Raise the renewal rate of restaurant owners from 80% to 90%
          baseline: 80
          target: 90
          current: 85
        - text: Ship the menu importer
          kind: milestone
          done: true
          weight: {weight}
        - text: Restaurant owners who recommend us
          score: {score}
        - Restaurant owners who publish a full menu in a day
---
"""


def checked(on: date = date(2026, 1, 2), **values: object) -> tuple[OKR, list[tuple[int, int, str, str]]]:
    fields = {"type": "aspirational", "weight": 1, "score": 0.2, **values}
    result = check_text(PAGE.format(**fields), "p.md", Options(severity=QUIET, today=on))
    assert result.okr is not None, result.diagnostics
    return result.okr, [(d.line, d.column, d.rule, d.message) for d in result.diagnostics]


def test_a_key_result_scores_what_the_page_writes_else_its_progress_else_nothing() -> None:
    okr, _ = checked()
    assert [kr.score for kr in okr.objectives[0].key_results] == [
        (0.5, "progress"),
        (1.0, "progress"),
        (0.2, "written"),
        (None, None),
    ]


@pytest.mark.parametrize(
    "weight, expected",
    [
        (1, round((0.5 + 1.0 + 0.2) / 3, 2)),  # those without a score do not count
        (2, round((0.5 + 2 * 1.0 + 0.2) / 4, 2)),
        (0, round((0.5 + 0.2) / 2, 2)),  # weight 0 leaves a key result out
    ],
)
def test_an_objective_scores_the_weighted_mean_of_its_key_results(weight: float, expected: float) -> None:
    okr, _ = checked(weight=weight)
    assert okr.objectives[0].score == expected
    assert okr.objectives[0].to_dict()["score"] == expected


def test_an_objective_whose_key_results_have_no_weight_has_no_score() -> None:
    okr, _ = checked(weight=0)
    objective = okr.objectives[0]
    for kr in objective.key_results:
        kr.weight = 0
    assert objective.score is None and "score" not in objective.to_dict() and "band" not in objective.to_dict()


@pytest.mark.parametrize(
    "score, kind, expected",
    [
        (0.3, "aspirational", "red"),
        (0.39, "aspirational", "red"),
        (0.4, "aspirational", "yellow"),
        (0.6, "aspirational", "yellow"),
        (0.7, "aspirational", "green"),
        (1.0, "aspirational", "green"),
        (0.9, "committed", "red"),  # a committed OKR is expected to score 1.0
        (1.0, "committed", "green"),
        (0.7, None, "green"),  # an objective without a type is coloured as an aspirational one
        (0.0, "committed", "red"),
    ],
)
def test_the_bands_follow_googles_playbook(score: float, kind: str | None, expected: str) -> None:
    assert band(score, kind).name == expected


def test_the_bands_are_data_and_each_says_what_it_means() -> None:
    data = load_yaml("data/scoring.yaml")
    assert set(data["types"]) == {"committed", "aspirational"} and data["untyped"] in data["types"]
    for bands in data["types"].values():
        assert bands[0]["from"] == 0.0 and [b["from"] for b in bands] == sorted(b["from"] for b in bands)
        assert all(b["band"] in ("red", "yellow", "green") and b["label"] for b in bands)
        assert all(set(b) == {"from", "band", "label"} for b in bands)  # a comma in a label ends it, unquoted
    assert band(0.5, "aspirational").label == "progress, short of the goal"


def test_the_export_carries_the_type_the_score_and_its_band() -> None:
    okr, _ = checked(type="committed")
    data = okr.objectives[0].to_dict()
    assert (data["type"], data["score"], data["band"]) == ("committed", 0.57, "red")


@pytest.mark.parametrize(
    "period, end",
    [
        ("2026-Q1", date(2026, 3, 31)),
        ("2024-Q1", date(2024, 3, 31)),
        ("2026-H1", date(2026, 6, 30)),
        ("2026", date(2026, 12, 31)),
    ],
)
def test_a_period_ends_on_its_last_day(period: str, end: date) -> None:
    assert period_end(period) == end


def test_a_key_result_without_a_score_after_its_period_is_unscored() -> None:
    assert checked(on=date(2026, 3, 31))[1] == []  # the last day of the period: not over yet
    _, found = checked(on=date(2026, 4, 1))
    assert found == [
        (
            19,
            11,
            "unscored",
            "O1 KR4: 2026-Q1 ended on 2026-03-31, and this key result has no score; grade it with score: from 0 to 1",
        )
    ]


def test_a_score_outside_0_to_1_is_a_schema_finding_at_its_value() -> None:
    result = check_text(PAGE.format(type="aspirational", weight=1, score=1.5), "p.md", Options(severity=QUIET))
    assert [(d.line, d.column, d.rule, d.message) for d in result.diagnostics] == [
        (18, 18, "schema", "objectives[0].key_results[2].score: expected a number from 0 to 1, got the number 1.5")
    ]
