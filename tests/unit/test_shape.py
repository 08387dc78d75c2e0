"""Shape rules: key results per objective, objectives that are metrics, key results with no direction or target."""

from __future__ import annotations

import pytest

from mkdocs_okr.check import Options, check_text
from mkdocs_okr.model import Severity

PAGE = """\
---
okr:
  team: Menu tools
  period: 2026-Q1
  customer: [restaurant owners]
  objectives:
    - title: {title}
      key_results:
{key_results}---
"""
TWO = "        - Raise the renewal rate of restaurant owners from 82% to 90%\n        - Cut menu setup time from 3 days to 1 day\n"
QUIET = {"controllability": Severity.IGNORE, "measurable": Severity.IGNORE}


def rules(title: str = "Keep restaurants with us", key_results: str = TWO, **options: int) -> list[tuple[int, str]]:
    result = check_text(PAGE.format(title=title, key_results=key_results), "p.md", Options(severity=QUIET, **options))
    return [(d.line, d.rule) for d in result.diagnostics]


def test_a_well_shaped_page_has_no_shape_findings() -> None:
    assert rules() == []


@pytest.mark.parametrize(
    "count, expected", [(1, [(7, "key-result-count")]), (2, []), (5, []), (6, [(7, "key-result-count")])]
)
def test_two_to_five_key_results(count: int, expected: list[tuple[int, str]]) -> None:
    krs = "".join(f"        - Raise renewal of restaurant owners from {80 + i}% to 90%\n" for i in range(count))
    assert rules(key_results=krs) == expected


def test_the_limits_are_the_sites() -> None:
    assert rules(min_key_results=3) == [(7, "key-result-count")]
    assert rules(min_key_results=1, max_key_results=1) == [(7, "key-result-count")]


@pytest.mark.parametrize(
    "title, is_metric",
    [
        ("Keep restaurants with us", False),
        ("Make it effortless for restaurant owners to publish menus", False),
        ("Increase the renewal rate to 90%", True),
        ("Grow conversion", True),
        ("Reach 500 restaurants", True),
    ],
)
def test_an_objective_that_is_a_metric(title: str, is_metric: bool) -> None:
    assert ((7, "objective-metric") in rules(title=title)) is is_metric


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Average lifecycle of each restaurant on the platform", True),
        ("Renewal rates of your restaurant customers", True),
        ("Increase average order value per active user", False),
        ("Better grades for students using the LMS", False),
        ("Support tickets below 40 a month", False),
        ("NPS of restaurant owners at least 40", False),
    ],
)
def test_a_key_result_with_no_direction_or_target(text: str, flagged: bool) -> None:
    found = rules(key_results=f"        - {text}\n        - Cut menu setup time from 3 days to 1 day\n")
    assert ((9, "no-target") in found) is flagged


def test_more_objectives_than_the_site_allows_is_a_finding_at_the_objectives_key() -> None:
    second = "    - title: Make menus easy\n      key_results:\n" + TWO
    text = PAGE.format(title="Keep restaurants with us", key_results=TWO + second)
    assert [d.rule for d in check_text(text, "p.md", Options(severity=QUIET)).diagnostics] == []  # no limit unless set
    (d,) = check_text(text, "p.md", Options(severity=QUIET, max_objectives=1)).diagnostics
    assert (d.line, d.column, d.rule, d.pointer) == (6, 3, "objective-count", "/okr")
    assert d.message == "this page has 2 objectives, and the site allows 1; keep the one that matters most"
    assert check_text(text, "p.md", Options(severity=QUIET, max_objectives=2)).diagnostics == []


def test_a_band_or_a_milestone_says_how_far_without_a_target() -> None:
    band = "        - text: Orders per restaurant a week\n          min: 10\n          max: 20\n"
    milestone = "        - text: Launch the importer\n          kind: milestone\n"
    assert rules(key_results=band + milestone) == []
