"""Numbers no key result can hold are findings, never a crash: huge integers (Python refuses to
turn 4,300+ digits into an int, and a float overflows past 10^308), .nan and .inf (no JSON has
them), a period written as a float; in the checker, the export and the card alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.sites import run_cli
from mkdocs_okr.check import Options, check_text
from mkdocs_okr.site.outcome import Look
from mkdocs_okr.site.outcome import page as checked_page

PAGE = """\
---
okr:
  team: Kitchen tools
  period: {period}
  customer: {customer}
  objectives:
    - title: Keep kitchens on the platform
      key_results:
        - text: Raise the renewal rate of kitchens from 82% to 90%
          target: {target}
        - Cut the time to publish a menu from 3 days to 1
---
"""
HUGE = "9" * 5000


def findings(period: str = "2026-Q1", target: str = "90", customer: str = "kitchens") -> list[tuple[int, str, str]]:
    text = PAGE.format(period=period, target=target, customer=customer)
    card = checked_page(text.encode(), "p.md", Options(), Look(), None).card  # the card is made without a crash too
    assert card is not None
    return [
        (d.line, d.rule, d.message)
        for d in check_text(text, "p.md", Options()).diagnostics
        if d.rule in ("schema", "implicit-type")
    ]


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (HUGE, "99999999999999999999… is too long to read (5,000 characters)"),
        ("1" + "0" * 309, "is too long to read (310 characters)"),
        ("1000000000000001", "expected a number of at most 15 digits, got the number 1000000000000001"),
        (".nan", ".nan is not a number a key result can reach"),
        (".inf", ".inf is not a number a key result can reach"),
        ("-.Inf", "-.Inf is not a number a key result can reach"),
    ],
)
def test_a_number_no_key_result_can_hold_is_one_finding(target: str, words: str) -> None:
    [(line, rule, message)] = findings(target=target)
    assert (
        (line, rule) == (10, "schema")
        and words in message
        and message.startswith("objectives[0].key_results[0].target: ")
    )


@pytest.mark.parametrize("period", ["0x" + "f" * 4000, "1:" + "59:" * 2000 + "59"])
def test_a_huge_period_is_a_finding(period: str) -> None:
    [(line, rule, message)] = findings(period=period)
    assert (line, rule) == (4, "schema") and "is too long to read" in message


def test_a_huge_base_60_number_among_the_parties_is_a_finding() -> None:
    [(line, rule, message)] = findings(customer="1:" + "59:" * 2000 + "59")
    assert (line, rule) == (5, "schema") and "is too long to read" in message


@pytest.mark.parametrize("period", ["2026.0", "2.026e+3", "!!float 2026"])
def test_a_period_written_as_a_float_is_its_year(period: str, tmp_path: Path) -> None:
    text = PAGE.format(period=period, target="90", customer="kitchens")
    result = check_text(text, "p.md", Options())
    assert result.okr is not None and result.okr.period == "2026"
    (tmp_path / "p.md").write_text(text, encoding="utf-8")
    run = run_cli("check", "--format", "json", "p.md", cwd=tmp_path)
    assert run.returncode == 0 and json.loads(run.stdout)["okrs"][0]["period"] == "2026"


def test_no_report_holds_a_number_json_cannot_carry(tmp_path: Path) -> None:
    for name, target in (("nan.md", ".nan"), ("inf.md", ".inf"), ("huge.md", HUGE)):
        (tmp_path / name).write_text(
            PAGE.format(period="2026-Q1", target=target, customer="kitchens"), encoding="utf-8"
        )
    run = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "NaN" not in run.stdout and "Infinity" not in run.stdout
    json.loads(run.stdout, parse_constant=lambda name: pytest.fail(f"{name} in the report"))
