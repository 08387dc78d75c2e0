"""The rules that read check-ins: `confidence-drop`, and `stale` counted from the latest check-in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fixtures.git import commit, init, okr_page
from mkdocs_okr.check import Options, check_text
from mkdocs_okr.history.gitlog import read_history

pytestmark = pytest.mark.unit

ON = Options(today=date(2026, 3, 1))


def findings(text: str, rule: str, past: tuple = (), options: Options = ON) -> list[tuple[int, int, str, str]]:
    result = check_text(text, "growth.md", options, past)
    return [(d.line, d.column, d.severity.value, d.message) for d in result.diagnostics if d.rule == rule]


def written(*checkins: str) -> str:
    return "checkins:\n" + "".join(f"  - {c}\n" for c in checkins)


def test_a_fall_of_three_points_between_written_check_ins_is_news() -> None:
    page = okr_page(85, None, written('{date: "2026-01-10", confidence: 8}', '{date: "2026-02-20", confidence: 5}'))
    assert findings(page, "confidence-drop") == [
        (
            15,
            48,
            "info",
            "O1 KR1: confidence fell from 8 to 5 since the check-in of 2026-01-10; "
            "say in a check-in note what changed and what the team will do about it",
        )
    ]


def test_a_fall_of_two_points_or_a_rise_says_nothing() -> None:
    for pair in ((8, 6), (5, 9)):
        page = okr_page(85, pair[1], written(f'{{date: "2026-01-10", confidence: {pair[0]}}}'))
        assert findings(page, "confidence-drop") == []


def test_the_pages_own_confidence_counts_against_the_last_check_in() -> None:
    page = okr_page(85, 4, written('{date: "2026-02-20", confidence: 7.5}'))
    ((line, column, _, message),) = findings(page, "confidence-drop")
    assert (line, column) == (13, 23) and "from 7.5 to 4 since the check-in of 2026-02-20" in message


def test_a_drop_read_from_git_is_shown_at_the_pages_confidence(tmp_path: Path) -> None:
    root = init(tmp_path / "repo")
    commit(root, {"docs/growth.md": okr_page(81, 8)}, "2026-01-10")
    commit(root, {"docs/growth.md": okr_page(82, 4)}, "2026-02-20")
    past = tuple(read_history(root / "docs", ["growth.md"]).versions("growth.md"))
    text = (root / "docs/growth.md").read_text(encoding="utf-8")
    ((line, column, _, message),) = findings(text, "confidence-drop", past)
    assert (line, column) == (13, 23) and "from 8 to 4 since the check-in of 2026-01-10" in message
    assert findings(text, "confidence-drop") == []  # the page alone has one confidence: nothing fell


def test_stale_counts_from_the_latest_check_in_when_it_is_later_than_updated() -> None:
    recent = okr_page(85, None, 'updated: "2026-01-02"\n' + written('{date: "2026-02-20", value: 85}'))
    assert findings(recent, "stale") == []
    old = okr_page(85, None, written('{date: "2026-01-05", value: 85}', '{date: "2026-01-02", value: 84}'))
    assert findings(old, "stale") == [
        (
            14,
            22,
            "info",
            "O1 KR1: last checked in 2026-01-05, 55 days before 2026-03-01 (the limit is 45); "
            "measure it again and check in: commit the new current, or add a check-in",
        )
    ]


def test_stale_counts_from_the_last_commit_that_changed_a_value(tmp_path: Path) -> None:
    root = init(tmp_path / "repo")
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-03")
    commit(root, {"docs/growth.md": okr_page(81).replace("# Growth", "# Growth, renamed")}, "2026-02-25")  # no value
    past = tuple(read_history(root / "docs", ["growth.md"]).versions("growth.md"))
    text = (root / "docs/growth.md").read_text(encoding="utf-8")
    ((line, column, _, message),) = findings(text, "stale", past)
    assert (line, column) == (9, 11) and message.startswith("O1 KR1: last checked in 2026-01-03, 57 days before")
    assert findings(text, "stale") == []  # without its history, nothing dates the page's value


def test_a_check_in_on_no_calendar_is_a_schema_finding_at_its_date() -> None:
    page = okr_page(85, None, written('{date: "2026-02-30", value: 85}'))
    assert findings(page, "schema") == [
        (14, 22, "error", 'O1 KR1: checkins[0].date: "2026-02-30" is not a date on the calendar')
    ]
