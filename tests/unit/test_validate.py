"""Schema findings in plain words: expected and actual, 'did you mean', the pointer, never a dump."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from fixtures.sites import REPO
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
            'objectives[0].key_results[0]: unknown key "colour"; allowed keys: id, text, kind, direction, baseline, '
            "target, current, min, max, done, updated, confidence, checkins, "
            "unit, measures, score, weight, ignore",
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


# A value each pattern of the published schemas accepts, by where the pattern stands.
PATTERN_SAMPLES = {
    "okr.schema.json:/$defs/okr/properties/period": "2026-Q1",
    "okr.schema.json:/$defs/objective/properties/aligns_to": "Restaurant Success/2026-H2/O1",
    "okr.schema.json:/$defs/keyResult/properties/updated": "2026-03-31",
    "okr.schema.json:/$defs/keyResult/properties/checkins/items/properties/date": "2026-04-14",
    "okr.schema.json:/$defs/id": "KR1",
    "okr.schema.json:/$defs/ignore/propertyNames": "controllability",
    "report.schema.json:/$defs/okr/properties/period": "2026-Q1",
    "report.schema.json:/$defs/checkin/properties/commit": "b3e82332ba6bcb8c98d9cc2ebc19686b746b39de",
}


def patterns() -> dict[str, str]:
    """Every pattern of the published schemas, by file and JSON pointer."""
    found = {}

    def walk(node: object, name: str, pointer: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found[f"{name}:{pointer}"] = node["pattern"]
            for key, value in node.items():
                walk(value, name, f"{pointer}/{key}")

    for name in ("okr.schema.json", "report.schema.json"):
        walk(json.loads((REPO / "schema" / name).read_text(encoding="utf-8")), name, "")
    return found


def test_every_pattern_refuses_a_final_newline_as_python_and_ecma_262_read_it() -> None:
    """jsonschema in Python searches with `re`, whose `$` also matches before a final newline;
    an ECMA-262 reader's `$` does not. Each pattern must mean the same to both."""
    found = patterns()
    assert found.keys() == PATTERN_SAMPLES.keys()
    cases = [
        (pattern, PATTERN_SAMPLES[where] + end, end == "")
        for where, pattern in found.items()
        for end in ("", "\n", "\r\n")
    ]
    assert [(p, s) for p, s, ok in cases if (re.search(p, s) is not None) != ok] == []
    node = shutil.which("node")
    if node is None:
        return
    script = "const cases = JSON.parse(process.argv[1]); console.log(JSON.stringify(cases.map(([p, s]) => new RegExp(p, 'u').test(s))))"
    run = subprocess.run(
        [node, "-e", script, json.dumps([[p, s] for p, s, _ in cases])], capture_output=True, text=True, check=True
    )
    assert json.loads(run.stdout) == [ok for _, _, ok in cases]


OBJECTIVE = """\
---
okr:
  team: Restaurant platform
  period: 2026-Q1
  objectives:
    - id: O1
      title: Keep restaurants on the platform
      aligns_to: Company/2026/O1
      key_results:
        - text: Raise renewal from 82% to 90%
          updated: "2026-03-31"
      ignore:
        controllability: Kept as the example of the guide
---
"""


@pytest.mark.parametrize(
    ("written", "hostile", "pointer"),
    [
        ("period: 2026-Q1", 'period: "2026-Q1\\n"', "/okr/period"),
        ("id: O1", 'id: "O1\\n"', "/okr/objectives/0/id"),
        ("aligns_to: Company/2026/O1", 'aligns_to: "Company/2026/O1\\n"', "/okr/objectives/0/aligns_to"),
        ('updated: "2026-03-31"', 'updated: "2026-03-31\\n"', "/okr/objectives/0/key_results/0/updated"),
        ("controllability: Kept", '"controllability\\n": Kept', "/okr/objectives/0/ignore"),
    ],
)
def test_each_pattern_checked_field_refuses_a_value_that_ends_in_a_newline(
    written: str, hostile: str, pointer: str
) -> None:
    assert schema_findings(OBJECTIVE) == [] and written in OBJECTIVE
    (d,) = schema_findings(OBJECTIVE.replace(written, hostile, 1))
    assert d.pointer == pointer


def test_the_report_schema_names_every_rule_of_the_registry() -> None:
    """A rule added to the registry and not to the published report schema fails every report that has its finding."""
    from mkdocs_okr.rules.registry import registry

    schema = json.loads((REPO / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["diagnostic"]["properties"]["rule"]["enum"] == list(registry())
