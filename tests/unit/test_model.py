"""The model: default ids, string key results, the site's default parties and a page's overrides."""

from __future__ import annotations

from mkdocs_okr.check import Options, check_text

PAGE = """\
---
okr:
  team: Learning platform
  period: 2026-H2
{parties}  objectives:
    - title: Make districts succeed with the platform
      key_results:
        - Raise district renewal from 85% to 92%
        - id: ADOPT
          text: Raise the share of schools using gradebook sync from 40% to 70%
          baseline: 40
          target: 70
          unit: "%"
    - id: Q
      title: Cut setup effort
      key_results:
        - Cut median setup time from 10 days to 3 days
---
"""
SITE = Options(customer=("school districts",), customers_users=("students", "parents"))


def test_ids_default_in_order_and_strings_become_key_results() -> None:
    okr = check_text(PAGE.format(parties=""), "p.md", SITE).okr
    assert okr is not None
    assert [o.id for o in okr.objectives] == ["O1", "Q"]
    assert [kr.id for kr in okr.objectives[0].key_results] == ["KR1", "ADOPT"]
    assert [kr.id for kr in okr.objectives[1].key_results] == ["KR1"]
    first, second = okr.objectives[0].key_results
    assert (first.text, first.target, first.line) == ("Raise district renewal from 85% to 92%", None, 8)
    assert (second.baseline, second.target, second.unit, second.line) == (40, 70, "%", 9)


def test_parties_default_from_the_site_and_a_page_overrides_them() -> None:
    okr = check_text(PAGE.format(parties=""), "p.md", SITE).okr
    assert okr is not None and okr.customer == ("school districts",) and okr.customers_users == ("students", "parents")
    page = "  customer: superintendents\n  customers_users: [teachers, students]\n"
    okr = check_text(PAGE.format(parties=page), "p.md", SITE).okr
    assert okr is not None and okr.customer == ("superintendents",) and okr.customers_users == ("teachers", "students")


def test_duplicate_ids_on_a_page_are_findings() -> None:
    text = PAGE.format(parties="").replace("- id: Q", "- id: O1")
    result = check_text(text, "p.md", SITE)
    assert result.okr is not None  # a duplicate id does not hide the card
    assert [(d.rule, d.line) for d in result.diagnostics if d.rule == "duplicate-id"] == [("duplicate-id", 14)]
