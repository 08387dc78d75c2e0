"""Health metrics: read apart from the key results, exported with where each stands, and a
`health` finding at the value of one outside its band."""

from __future__ import annotations

from mkdocs_okr.check import Options, check_text
from mkdocs_okr.model import Severity

QUIET = {rule: Severity.IGNORE for rule in ("controllability", "key-result-count")}
PAGE = """\
---
okr:
  team: Menu tools
  period: 2026-Q1
  health:
    - name: Support tickets a week
      value: {tickets}
      max: 120
    - name: Uptime of the menu editor
      value: 99.95
      min: 99.9
      unit: "%"
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - Raise the renewal rate of restaurant owners from 80% to 90%
---
"""


def test_health_metrics_are_exported_apart_from_the_key_results_with_where_each_stands() -> None:
    result = check_text(PAGE.format(tickets=90), "p.md", Options(severity=QUIET))
    assert result.diagnostics == [] and result.okr is not None
    assert result.okr.to_dict()["health"] == [
        {"name": "Support tickets a week", "value": 90, "max": 120, "status": "within", "line": 6, "column": 7},
        {
            "name": "Uptime of the menu editor",
            "value": 99.95,
            "min": 99.9,
            "unit": "%",
            "status": "within",
            "line": 9,
            "column": 7,
        },
    ]


def test_a_metric_outside_its_band_is_a_finding_at_its_value() -> None:
    result = check_text(PAGE.format(tickets=140), "p.md", Options(severity=QUIET))
    assert [(d.line, d.column, d.severity.value, d.rule, d.message) for d in result.diagnostics] == [
        (
            7,
            14,
            "warning",
            "health",
            'health "Support tickets a week": 140 is above its max of 120; bring it back within its band before '
            "pushing the key results further",
        )
    ]
    assert result.okr is not None and result.okr.health[0].status == "above"


def test_a_band_whose_ends_are_swapped_is_a_finding_at_its_min() -> None:
    text = PAGE.format(tickets=90).replace("      max: 120", "      min: 150\n      max: 120")
    result = check_text(text, "p.md", Options(severity=QUIET))
    assert [(d.line, d.column, d.message) for d in result.diagnostics] == [
        (8, 12, 'health "Support tickets a week": min 150 is above max 120; swap them')
    ]


def test_a_page_silences_the_rule_with_a_reason_and_a_metric_needs_its_value() -> None:
    silenced = PAGE.format(tickets=140).replace(
        "  health:", "  ignore:\n    health: The support team is moving\n  health:"
    )
    assert check_text(silenced, "p.md", Options(severity=QUIET)).diagnostics == []
    missing = PAGE.format(tickets=90).replace("      value: 90\n", "")
    assert [d.message for d in check_text(missing, "p.md", Options(severity=QUIET)).diagnostics] == [
        'health[0]: missing required key "value"'
    ]
