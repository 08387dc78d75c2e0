"""Key-result kinds and directions: the direction read from the numbers when the page does not say
it, progress that follows it (a decrease, a band, a milestone done or not), and the `direction`
findings at the key or value they are about."""

from __future__ import annotations

from datetime import date

import pytest

from mkdocs_okr.check import Options, check_text
from mkdocs_okr.model import KeyResult, Severity
from mkdocs_okr.progress import direction_of, progress
from mkdocs_okr.rules.direction import said

QUIET = {rule: Severity.IGNORE for rule in ("controllability", "key-result-count", "measurable", "no-target")}
PAGE = """\
---
okr:
  team: Menu tools
  period: 2026-Q1
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - text: {text}
{fields}
---
"""


def check(text: str, **fields: object) -> list[tuple[int, int, str, str]]:
    """The findings of one key result, with its fields written one a line."""
    lines = "\n".join(f"          {name}: {value}" for name, value in fields.items())
    result = check_text(PAGE.format(text=text, fields=lines), "p.md", Options(severity=QUIET, today=date(2026, 1, 2)))
    return [(d.line, d.column, d.rule, d.message) for d in result.diagnostics]


def one_key_result(text: str, **fields: object) -> KeyResult:
    lines = "\n".join(f"          {name}: {value}" for name, value in fields.items())
    result = check_text(PAGE.format(text=text, fields=lines), "p.md", Options(severity=QUIET, today=date(2026, 1, 2)))
    assert result.okr is not None, result.diagnostics
    return result.okr.objectives[0].key_results[0]


@pytest.mark.parametrize(
    "declared, baseline, target, least, most, expected",
    [
        (None, 82, 90, None, None, ("increase", "inferred")),
        (None, 3, 1, None, None, ("decrease", "inferred")),
        (None, 90, 90, None, None, ("maintain", "inferred")),
        (None, None, None, 95, 99, ("within", "inferred")),
        (None, None, None, None, 300, ("maintain", "inferred")),
        (None, None, 90, None, None, (None, None)),  # a target alone says no way
        ("decrease", 82, 90, None, None, ("decrease", "declared")),  # the page's word wins (and is a finding)
    ],
)
def test_the_direction_is_the_pages_else_its_numbers(
    declared: str | None,
    baseline: float | None,
    target: float | None,
    least: float | None,
    most: float | None,
    expected: tuple[str | None, str | None],
) -> None:
    assert direction_of(declared, baseline, target, least, most) == expected


@pytest.mark.parametrize(
    "kind, direction, numbers, expected",
    [
        ("metric", "increase", {"baseline": 82, "target": 90, "current": 84}, 0.25),
        ("metric", "decrease", {"baseline": 3, "target": 1, "current": 2}, 0.5),
        ("metric", "decrease", {"baseline": 3, "target": 1, "current": 4}, 0.0),  # the wrong way
        ("metric", "decrease", {"baseline": 82, "target": 90, "current": 84}, None),  # the target lies the other way
        ("metric", "within", {"least": 95, "most": 99, "current": 97}, 1.0),
        ("metric", "within", {"least": 95, "most": 99, "current": 99.5}, 0.0),
        ("metric", "maintain", {"least": 99.9, "current": 99.8}, 0.0),
        ("metric", "maintain", {"most": 300, "current": 280}, 1.0),
        ("metric", "maintain", {"current": 280}, None),  # no threshold
        ("metric", "maintain", {"most": 300}, None),  # not measured yet
        ("milestone", None, {"done": True}, 1.0),
        ("milestone", None, {"done": False}, 0.0),
        ("milestone", None, {}, 0.0),
        ("baseline", None, {}, 0.0),
        ("baseline", None, {"baseline": 1240}, 1.0),
    ],
)
def test_progress_follows_the_kind_and_the_direction(
    kind: str, direction: str | None, numbers: dict[str, float], expected: float | None
) -> None:
    fields = {"baseline": None, "target": None, "current": None, "least": None, "most": None, "done": None}
    fields.update(numbers)
    assert progress(kind, direction, **fields) == expected  # type: ignore[arg-type]


def test_the_page_gives_kind_direction_and_band_to_the_model_and_the_export() -> None:
    kr = one_key_result(
        "Keep p95 load time of the menu editor under 300 ms", direction="maintain", max=300, current=280
    )
    assert (kr.kind, kr.direction, kr.progress) == ("metric", ("maintain", "declared"), 1.0)
    exported = kr.to_dict()
    assert {k: exported[k] for k in ("kind", "direction", "direction_source", "max", "score", "score_source")} == {
        "kind": "metric",
        "direction": "maintain",
        "direction_source": "declared",
        "max": 300,
        "score": 1.0,
        "score_source": "progress",
    }
    milestone = one_key_result("Ship the menu importer to every restaurant", kind="milestone", done="true")
    assert (milestone.progress, milestone.to_dict()["done"], "direction" in milestone.to_dict()) == (1.0, True, False)


def test_a_text_that_says_reduce_while_the_target_is_above_the_baseline_is_a_finding_at_the_target() -> None:
    assert check("Reduce the renewal rate from 82% to 90%", baseline=82, target=90) == [
        (
            10,
            19,
            "direction",
            'O1 KR1: the text says "Reduce", but the target 90 is above the baseline 82; correct the numbers or the words',
        )
    ]
    assert check("Reduce the time to publish a menu from 3 days to 1 day", baseline=3, target=1) == []
    assert check("Cut churn by raising renewal from 82% to 90%", baseline=82, target=90) == []  # both ways: no one way


def test_a_declared_direction_is_checked_against_the_words_and_the_numbers_at_its_value() -> None:
    assert check("Grow repeat renewals of restaurant owners", direction="decrease") == [
        (
            9,
            22,
            "direction",
            'O1 KR1: the text says "Grow", but direction: decrease; make the two say the same',
        )
    ]
    assert check("Renewal rate of restaurant owners", direction="decrease", baseline=82, target=90) == [
        (
            9,
            22,
            "direction",
            "O1 KR1: direction: decrease, but the target 90 is above the baseline 82; correct the direction or the numbers",
        )
    ]


def test_maintain_without_a_threshold_and_within_without_both_ends_are_findings() -> None:
    assert check("Uptime of the menu editor", direction="maintain", current=99.9) == [
        (
            9,
            22,
            "direction",
            "O1 KR1: direction: maintain needs a threshold; set min (the least the value may be), max (the most it "
            "may be) or both",
        )
    ]
    assert check("Uptime of the menu editor", baseline=99.9, target=99.9) == [
        (
            10,
            19,
            "direction",
            "O1 KR1: baseline and target are both 99.9, which reads as maintain, but nothing says whether that is "
            "the least or the most the value may be; set min, max or both",
        )
    ]
    assert check("Orders per restaurant a week", direction="within", min=10) == [
        (9, 22, "direction", "O1 KR1: direction: within needs both ends of its band; add max")
    ]
    assert check("Orders per restaurant a week", min=20, max=10) == [
        (9, 16, "direction", "O1 KR1: min 20 is above max 10; swap them")
    ]
    assert check("Uptime of the menu editor", direction="maintain", min=99.9) == []


def test_milestones_and_baselines_go_no_way_and_are_measurable() -> None:
    quiet = {rule: s for rule, s in QUIET.items() if rule not in ("measurable", "no-target")}
    text = PAGE.format(
        text="Launch the menu importer",
        fields="          kind: milestone\n        - text: Find out how often menus change\n          kind: baseline",
    )
    result = check_text(text, "p.md", Options(severity=quiet, today=date(2026, 1, 2)))
    assert result.diagnostics == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Reduce churn from 5% to 3%", ("decrease", "Reduce")),
        ("Halving the time to publish", ("decrease", "Halving")),
        ("RAISE renewal", ("increase", "RAISE")),
        ("Restaurants with more than 3 photos", None),  # a comparison says what is counted, not which way
        ("Cut churn by raising renewal", None),
        ("Renewal rate of restaurant owners", None),
    ],
)
def test_the_words_that_say_a_direction_come_from_the_data_file(text: str, expected: tuple[str, str] | None) -> None:
    assert said(text) == expected
