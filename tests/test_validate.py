"""Schema findings in plain words: expected and actual, 'did you mean', the pointer, never a dump."""

from __future__ import annotations

import pytest

from mkdocs_okr.check import Options, check_text
from mkdocs_okr.model import Diagnostic

PAGE = """\
---
okr:
  team: Restaurant platform
  period: {period}
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - text: Raise renewal from 82% to 90%
          {extra}
---
"""


def schema_findings(text: str) -> list[Diagnostic]:
    return [d for d in check_text(text, "p.md", Options()).diagnostics if d.rule == "schema"]


def one(period: str = "2026-Q1", extra: str = "target: 90") -> tuple[str, str, tuple[int, int]]:
    (d,) = schema_findings(PAGE.format(period=period, extra=extra))
    return d.message, d.pointer, (d.line, d.column)


@pytest.mark.parametrize(
    "period, extra, message, pointer, at",
    [
        ("Q3 2026", "target: 90", 'period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q3 2026"', "/okr/period", (4, 11)),
        ("2026-Q5", "target: 90", 'period: expected YYYY, YYYY-Qn or YYYY-Hn, got "2026-Q5"', "/okr/period", (4, 11)),
        ("26", "target: 90", "period: expected YYYY, YYYY-Qn or YYYY-Hn, got the number 26", "/okr/period", (4, 11)),
        (
            "2026",
            "target: ninety",
            'objectives[0].key_results[0].target: expected a number, got "ninety"',
            "/okr/objectives/0/key_results/0/target",
            (9, 19),
        ),
        (
            "2026",
            "measures: users",
            'objectives[0].key_results[0].measures: expected one of "customer", "customers_users", "team", got "users"',
            "/okr/objectives/0/key_results/0/measures",
            (9, 21),
        ),
        (
            "2026",
            "tagret: 90",
            'objectives[0].key_results[0]: unknown key "tagret" — did you mean "target"?',
            "/okr/objectives/0/key_results/0/tagret",
            (9, 11),
        ),
        (
            "2026",
            "colour: red",
            'objectives[0].key_results[0]: unknown key "colour"; allowed keys: id, text, baseline, target, current, updated, unit, measures, ignore',
            "/okr/objectives/0/key_results/0/colour",
            (9, 11),
        ),
        (
            "2026",
            "id: 1",
            "objectives[0].key_results[0].id: expected a letter, then up to 31 letters, digits, '-', '_' or '.', "
            'like "O1" or "KR2", got the number 1',
            "/okr/objectives/0/key_results/0/id",
            (9, 15),
        ),
        (
            "2026",
            "unit: ''",
            "objectives[0].key_results[0].unit: must not be empty",
            "/okr/objectives/0/key_results/0/unit",
            (9, 17),
        ),
    ],
)
def test_schema_messages(period: str, extra: str, message: str, pointer: str, at: tuple[int, int]) -> None:
    assert one(period, extra) == (message, pointer, at)


def test_a_misspelt_required_key_gives_one_finding_not_two() -> None:
    text = PAGE.format(period="2026", extra="").replace("      key_results:", "      key_result:")
    (d,) = check_text(text, "p.md", Options()).diagnostics  # the objective's key results cannot be read
    assert d.message == 'objectives[0]: unknown key "key_result" — did you mean "key_results"?'


def test_a_missing_key_points_at_its_parent_mapping() -> None:
    text = PAGE.format(period="2026", extra="").replace("  team: Restaurant platform\n", "")
    (d,) = schema_findings(text)
    assert (d.line, d.column, d.pointer, d.message) == (2, 1, "/okr", 'okr: missing required key "team"')


def test_an_integer_year_is_a_period() -> None:
    result = check_text(PAGE.format(period="2026", extra=""), "p.md", Options())
    assert [d for d in result.diagnostics if d.rule == "schema"] == [] and result.okr is not None
    assert result.okr.period == "2026"


def test_no_message_is_a_validator_dump() -> None:
    text = PAGE.format(period="{a: 1}", extra="baseline: [1, 2]")
    for d in check_text(text, "p.md", Options()).diagnostics:
        assert "{'" not in d.message and "Failed validating" not in d.message and len(d.message) < 200


@pytest.mark.parametrize(("field", "value"), [("period", "|\n    2026-Q1"), ("period", '"2026-Q1\\n"')])
def test_a_value_that_ends_in_a_newline_does_not_match_its_pattern(field: str, value: str) -> None:
    """Python's `$` matches before a final newline, ECMA-262's does not: "2026-Q1\\n" made a second
    section of the index, with the same ids as the first (issue 21, item 11)."""
    text = PAGE.format(period="2026", extra="target: 90").replace("  period: 2026", f"  {field}: {value}")
    (d,) = schema_findings(text)
    assert d.pointer == f"/okr/{field}" and "expected YYYY, YYYY-Qn or YYYY-Hn" in d.message


def test_an_id_that_ends_in_a_newline_is_refused() -> None:
    text = PAGE.format(period="2026", extra='id: "KR1\\n"')
    (d,) = schema_findings(text)
    assert d.pointer == "/okr/objectives/0/key_results/0/id"
