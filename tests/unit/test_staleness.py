"""`updated` dates: stale after the site's limit, counted from a `today` a build can pin down."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from fixtures.sites import run_cli
from mkdocs_okr.check import Options, check_text
from mkdocs_okr.model import Severity
from mkdocs_okr.rules.staleness import today

PAGE = """\
---
okr:
  team: Menu tools
  period: 2026-Q1
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - text: Raise the renewal rate of restaurant owners from 82% to 90%
          baseline: 82
          target: 90
          current: 84
          updated: {updated}
---
"""


def found(updated: str, options: Options) -> list[tuple[int, int, str, str]]:
    result = check_text(PAGE.format(updated=updated), "p.md", options)
    return [(d.line, d.column, d.rule, d.message) for d in result.diagnostics]


@pytest.mark.parametrize(
    "updated, on, limit, expected",
    [
        ('"2026-03-01"', date(2026, 4, 15), 45, []),  # 45 days: not yet stale
        ('"2026-03-01"', date(2026, 4, 16), 45, [(12, 20, "stale")]),
        ('"2026-03-01"', date(2026, 4, 16), 60, []),
        ('"2026-02-30"', date(2026, 4, 16), 45, [(12, 20, "schema")]),
        (
            "2026-03-01",
            date(2026, 4, 16),
            45,
            [(12, 20, "implicit-type"), (12, 20, "stale")],
        ),  # unquoted: told to quote
        ('"March 1"', date(2026, 4, 16), 45, [(12, 20, "schema")]),
    ],
)
def test_stale_and_bad_dates(updated: str, on: date, limit: int, expected: list[tuple[int, int, str]]) -> None:
    options = Options(today=on, stale_after_days=limit, severity={"key-result-count": Severity.IGNORE})
    assert [(line, col, rule) for line, col, rule, _ in found(updated, options)] == expected


def test_the_message_says_how_old_and_what_to_do() -> None:
    ((*_, message),) = found(
        '"2026-03-01"', Options(today=date(2026, 4, 16), severity={"key-result-count": Severity.IGNORE})
    )
    assert message == (
        "O1 KR1: last updated 2026-03-01, 46 days before 2026-04-16 (the limit is 45); "
        "measure it again and update current and updated"
    )


def test_today_comes_from_the_site_then_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert today(date(2026, 1, 2)) == date(2026, 1, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert today() == date(2026, 1, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert today() == date.today()


def test_the_site_sets_the_limit_and_the_day(site: Callable[..., Path]) -> None:
    config = "site_name: T\nplugins:\n  - okr:\n      today: 2026-04-16\n      stale_after_days: 30\n      severity: {stale: warning}\n"
    root = site({"q1.md": PAGE.format(updated='"2026-03-10"')}, config)
    run = run_cli("check", "--strict", cwd=root)
    assert run.returncode == 1 and "37 days before 2026-04-16 (the limit is 30)" in run.stdout
