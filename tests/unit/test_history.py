"""Check-ins read from a page's history in real git repositories made in tmp_path."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from fixtures.git import commit, git, init, okr_page, signed
from mkdocs_okr.check import Options, check_text
from mkdocs_okr.history.gitlog import NoHistory, read_history
from mkdocs_okr.model import CheckIn

pytestmark = pytest.mark.unit


def checkins(root: Path, page: str = "docs/growth.md", folder: str = "docs") -> list[CheckIn]:
    """The first key result's check-ins, as the checker reads the page today with its history."""
    name = page.removeprefix(folder + "/")
    history = read_history(root / folder, [name])
    result = check_text((root / page).read_text(encoding="utf-8"), name, Options(), history.versions(name))
    assert result.okr is not None, result.diagnostics
    return result.okr.objectives[0].key_results[0].checkins


def points(found: list[CheckIn]) -> list[tuple[str, float | None, float | None, str, str | None]]:
    return [(c.date, c.value, c.confidence, c.source, c.author) for c in found]


def test_each_commit_that_changed_current_is_a_check_in_dated_and_signed_by_its_author(tmp_path: Path) -> None:
    root = init(tmp_path)
    first = commit(root, {"docs/growth.md": okr_page()}, "2026-01-05", "Ada Lovelace")
    commit(root, {"docs/growth.md": okr_page(82)}, "2026-01-19", "Grace Hopper")
    commit(root, {"docs/growth.md": okr_page(82).replace("# Growth", "# Growth team")}, "2026-01-26")  # no change
    commit(root, {"docs/growth.md": okr_page(85, 6)}, "2026-02-02", "Alan Turing")
    found = checkins(root)
    assert points(found) == [
        ("2026-01-19", 82, None, "git", "Grace Hopper"),
        ("2026-02-02", 85, 6, "git", "Alan Turing"),
    ]
    assert all(len(c.commit or "") == 40 and c.commit != first for c in found)


def test_a_change_of_confidence_alone_is_a_check_in(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/growth.md": okr_page(82, 7)}, "2026-01-05")
    commit(root, {"docs/growth.md": okr_page(82, 4)}, "2026-01-12")
    assert points(checkins(root)) == [
        ("2026-01-05", 82, 7, "git", "Ada Lovelace"),
        ("2026-01-12", 82, 4, "git", "Ada Lovelace"),
    ]


def test_of_two_commits_on_one_day_the_later_counts(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-05")
    commit(root, {"docs/growth.md": okr_page(83)}, "2026-01-05")
    assert [(c.date, c.value) for c in checkins(root)] == [("2026-01-05", 83)]


def test_a_renamed_page_keeps_the_check_ins_made_under_its_old_name(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/old.md": okr_page(81)}, "2026-01-05")
    commit(root, {"docs/old.md": okr_page(83)}, "2026-01-12")
    (root / "docs/équipe").mkdir()
    git(root, "mv", "docs/old.md", "docs/équipe/growth.md")
    commit(root, {"docs/équipe/growth.md": okr_page(84)}, "2026-01-19")
    found = checkins(root, "docs/équipe/growth.md")
    assert [(c.date, c.value) for c in found] == [("2026-01-05", 81), ("2026-01-12", 83), ("2026-01-19", 84)]


def test_a_page_deleted_and_written_anew_starts_a_new_history(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-05")
    commit(root, {"docs/growth.md": None}, "2026-01-12")
    commit(root, {"docs/growth.md": okr_page(70)}, "2026-01-19")
    assert [(c.date, c.value) for c in checkins(root)] == [("2026-01-19", 70)]


def test_a_commit_on_a_merged_branch_counts_with_its_own_author_and_date(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-05")
    git(root, "checkout", "-q", "-b", "update")
    commit(root, {"docs/growth.md": okr_page(86)}, "2026-01-12", "Grace Hopper")
    git(root, "checkout", "-q", "main")
    commit(root, {"docs/other.md": "# Other\n"}, "2026-01-13")
    git(root, "merge", "-q", "--no-ff", "-m", "merge", "update", env=signed("Ada Lovelace", "2026-01-14"))
    found = checkins(root)
    assert points(found) == [
        ("2026-01-05", 81, None, "git", "Ada Lovelace"),
        ("2026-01-12", 86, None, "git", "Grace Hopper"),
    ]


def test_a_version_that_is_not_a_valid_okr_page_gives_no_check_in_and_breaks_nothing(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-05")
    commit(root, {"docs/growth.md": okr_page(83).replace("period: 2026-Q1", "period: [")}, "2026-01-12")
    commit(root, {"docs/growth.md": b"---\nokr: \xff\n---\n".decode("latin-1")}, "2026-01-13")
    commit(root, {"docs/growth.md": okr_page(85)}, "2026-01-19")
    assert [(c.date, c.value) for c in checkins(root)] == [("2026-01-05", 81), ("2026-01-19", 85)]


def test_written_check_ins_win_and_the_commit_that_wrote_one_adds_nothing(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-05")
    written = 'checkins:\n  - {date: "2026-01-11", value: 84, confidence: 8, note: Pilot started}'
    commit(root, {"docs/growth.md": okr_page(84, 8, written)}, "2026-01-12")  # records Sunday's check-in on Monday
    commit(root, {"docs/growth.md": okr_page(87, 8, written)}, "2026-01-19")
    found = checkins(root)
    assert points(found) == [
        ("2026-01-05", 81, None, "git", "Ada Lovelace"),
        ("2026-01-11", 84, 8, "page", None),
        ("2026-01-19", 87, 8, "git", "Ada Lovelace"),
    ]
    assert found[1].note == "Pilot started"


def test_uncommitted_changes_are_not_check_ins(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-05")
    (root / "docs/growth.md").write_text(okr_page(99), encoding="utf-8")
    assert [(c.date, c.value) for c in checkins(root)] == [("2026-01-05", 81)]


def test_a_shallow_clone_says_so(tmp_path: Path) -> None:
    root = init(tmp_path / "full")
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-05")
    commit(root, {"docs/growth.md": okr_page(83)}, "2026-01-12")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", "shallow")
    history = read_history(tmp_path / "shallow" / "docs", ["growth.md"])
    assert history.shallow
    assert [c.date for c, _, _ in history.versions("growth.md")] == ["2026-01-12"]
    assert not read_history(root / "docs", ["growth.md"]).shallow


def test_a_folder_outside_git_or_a_repository_without_commits(tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory() as plain:  # tmp_path is in a work tree (conftest.inside_git)
        with pytest.raises(NoHistory, match="not in a git work tree"):
            read_history(Path(plain), ["growth.md"])
    empty = init(tmp_path / "empty")
    assert read_history(empty, ["growth.md"]).changes == {}


def test_only_the_wanted_pages_are_followed(tmp_path: Path) -> None:
    root = init(tmp_path)
    commit(root, {"docs/growth.md": okr_page(81), "docs/other.md": okr_page(50), "notes.md": okr_page(1)}, "2026-01-05")
    history = read_history(root / "docs", ["growth.md"])
    assert list(history.changes) == ["growth.md"]


def test_a_machine_without_git_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = init(tmp_path / "repo")
    commit(root, {"docs/growth.md": okr_page(81)}, "2026-01-05")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    with pytest.raises(NoHistory, match="git is not installed"):
        read_history(root / "docs", ["growth.md"])
