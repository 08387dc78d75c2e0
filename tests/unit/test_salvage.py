"""Every finding at once: a schema error confines itself to its part of the page, and the rest of
the page is still classified and checked, at its own lines."""

from __future__ import annotations

import pytest

from mkdocs_okr.check import Options, check_text

PAGE = """\
---
okr:
  team: Restaurant platform
  period: {period}
  customer: restaurant owners
  customers_users: diners{extra}
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - Increase orders per diner per week from 1.2 to 1.5
        - text: Raise the renewal rate of restaurants from 82% to 90%
          target: {target}
        - id: KR1
          text: Cut the median time for restaurants to publish a menu from 3 days to 1
    - title: Ship what restaurants ask for{objective}
      key_results:
        - Ship the menu importer
---
# Body
"""
OPTIONS = Options()


def rules_by_line(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.rule) for d in check_text(text, "p.md", OPTIONS).diagnostics]


def page(period: str = "2026-Q1", target: str = "90", extra: str = "", objective: str = "") -> str:
    return PAGE.format(period=period, target=target, extra=extra, objective=objective)


# what the valid page gets: the diner key result, the duplicate id, the lone objective's count, the output
VALID = [
    (10, "controllability"),
    (13, "duplicate-id"),
    (15, "key-result-count"),
    (17, "controllability"),
    (17, "measurable"),
    (17, "no-target"),
]


def test_the_valid_page_has_its_findings() -> None:
    assert rules_by_line(page()) == VALID


@pytest.mark.parametrize(
    ("mistake", "schema_at", "lost"),
    [
        (dict(period="Q3 2026"), 4, []),  # a field of the page
        (dict(extra="\n  colour: blue"), 7, []),  # an unknown key of the page
        (dict(objective="\n      owner: me"), 16, []),  # an unknown key of an objective
        (dict(target="lots"), 12, []),  # a field of one key result: that key result alone is set aside
    ],
)
def test_a_schema_error_hides_no_other_finding(
    mistake: dict[str, str], schema_at: int, lost: list[tuple[int, str]]
) -> None:
    found = rules_by_line(page(**mistake))
    assert (schema_at, "schema") in found
    shift = 1 if mistake.get("extra") or mistake.get("objective") else 0
    expected = [(line + (shift if line >= schema_at else 0), rule) for line, rule in VALID]
    assert [f for f in found if f[1] != "schema"] == [f for f in expected if f not in lost]


def test_a_key_result_that_cannot_be_read_gets_no_other_finding_of_its_own() -> None:
    text = page().replace(
        "        - Increase orders per diner per week from 1.2 to 1.5",
        "        - text: Increase orders per diner\n          baseline: many",
    )
    found = rules_by_line(text)
    assert (11, "schema") in found and not any(line == 10 and rule == "controllability" for line, rule in found)
    assert (18, "controllability") in found  # the other objective's key result is still read


def test_an_objective_without_key_results_is_set_aside_whole() -> None:
    text = page().replace(
        "      key_results:\n        - Ship the menu importer\n", "      key_result: [Ship the menu importer]\n"
    )
    found = rules_by_line(text)
    assert (16, "schema") in found and (10, "controllability") in found
    assert not any(line >= 15 and rule != "schema" for line, rule in found)


def test_an_invalid_page_has_no_model_for_the_card_and_export() -> None:
    assert check_text(page(period="Q3 2026"), "p.md", OPTIONS).okr is None
