"""Check-ins from git in real builds and real `mkdocs-okr check` runs, on real repositories in tmp_path."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures.git import commit, git, init, okr_page
from fixtures.html import element
from fixtures.sites import build_site, run_cli, run_mkdocs
from fixtures.sphinx import sphinx_build

pytestmark = pytest.mark.build

CONFIG = "site_name: Cycle\nplugins:\n  - okr:\n      today: 2026-02-10\n"


@pytest.fixture
def outside_git() -> Iterator[Path]:
    """A folder in no git work tree: the tests' own tmp_path is in one (conftest.inside_git)."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder).resolve()


def history_site(root: Path, config: str = CONFIG) -> Path:
    """A site whose one OKR page was checked in three times, by two people."""
    init(root)
    commit(root, {"mkdocs.yml": config, "docs/index.md": "# Home\n", "docs/growth.md": okr_page(81, 7)}, "2026-01-05")
    commit(root, {"docs/growth.md": okr_page(84, 7)}, "2026-01-19", "Grace Hopper")
    commit(root, {"docs/growth.md": okr_page(85, 3)}, "2026-02-02")
    return root


def first_checkins(export: dict) -> list[tuple[str, float, str, str]]:
    kr = export["okrs"][0]["objectives"][0]["key_results"][0]
    return [(c["date"], c["value"], c["source"], c["author"]) for c in kr.get("checkins", [])]


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_a_build_reads_each_commit_that_changed_a_value_as_a_check_in(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(history_site(tmp_path / "site"), caplog)
    assert first_checkins(built.export()) == [
        ("2026-01-05", 81, "git", "Ada Lovelace"),
        ("2026-01-19", 84, "git", "Grace Hopper"),
        ("2026-02-02", 85, "git", "Ada Lovelace"),
    ]
    assert not any("check-ins from git" in message for _, message in built.logs)


def test_the_card_draws_the_check_ins_as_a_line_with_the_latest_confidence(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(history_site(tmp_path / "site"), caplog)
    card = element(built.html("growth/index.html"), '<section class="okr-card"')
    first, second = card.split('<li class="okr-kr"')[1:3]
    words = "Check-ins: 81 on 2026-01-05, 84 on 2026-01-19, 85 on 2026-02-02; target 90"
    assert f'<svg class="okr-trend" viewBox="0 0 120 32" role="img" aria-label="{words}"' in first
    assert first.count("<circle ") == 3 and 'class="okr-trend-target"' in first
    # the confidence fell from 7 to 3 in the last commit: the card says so, dated, and the rule too
    assert (
        '<span class="okr-confidence">Confidence 3/10<span class="okr-confidence__date"> on 2026-02-02</span>' in first
    )
    assert "Confidence fell from 7 to 3 since the check-in of 2026-01-19" in first and "rules/confidence-drop/" in first
    assert "okr-trend" not in second and "okr-confidence" not in second  # never measured: no line
    index = element(built.html("okrs/index.html"), '<p class="okr-index__cycle"')
    assert (
        '<span class="okr-score okr-score--yellow">0.5</span> <span class="okr-score__label">progress, short of the goal</span>'
        in index
    )
    assert 'aria-label="Mean confidence: 7/10 on 2026-01-05, 7/10 on 2026-01-19, 3/10 on 2026-02-02"' in index
    assert '3/10<span class="okr-confidence__date"> on 2026-02-02</span>' in index


def test_the_same_commit_builds_the_same_bytes(tmp_path: Path) -> None:
    root = history_site(tmp_path / "site")
    sites = []
    for name in ("one", "two"):
        run = run_mkdocs("build", "--strict", "-q", "-d", str(tmp_path / name), cwd=root)
        assert run.returncode == 0, run.stderr
        sites.append(digest(tmp_path / name))
    assert sites[0] == sites[1]


def test_git_history_false_reads_none(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = history_site(tmp_path / "site", CONFIG + "      git_history: false\n")
    assert first_checkins(build_site(root, caplog).export()) == []


def test_a_site_outside_git_builds_without_them_and_says_so_once(
    tmp_path: Path, outside_git: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = history_site(tmp_path / "site")
    fresh = tmp_path  # inside a work tree with no commit yet (conftest.inside_git): no check-ins, nothing to say
    plain = outside_git / "plain"
    for folder in (fresh / "fresh", plain):
        for name in ("mkdocs.yml", "docs/index.md", "docs/growth.md"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes((root / name).read_bytes())
    fresh = build_site(tmp_path / "fresh", caplog)
    assert first_checkins(fresh.export()) == []
    assert not any("check-ins from git" in message for _, message in fresh.logs)
    run = run_mkdocs("build", "--strict", cwd=plain)
    assert run.returncode == 0, run.stderr
    notes = [line for line in run.stderr.splitlines() if "check-ins from git" in line]
    assert len(notes) == 1 and "is not in a git work tree" in notes[0] and notes[0].startswith("INFO"), notes


def test_a_shallow_clone_is_told_how_to_fetch_the_rest(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = history_site(tmp_path / "full")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", "shallow")
    built = build_site(tmp_path / "shallow", caplog)
    assert first_checkins(built.export()) == [("2026-02-02", 85, "git", "Ada Lovelace")]
    assert any("shallow clone" in message and "fetch-depth: 0" in message for _, message in built.logs)


def test_check_reports_the_same_check_ins_and_notes_a_folder_outside_git(tmp_path: Path, outside_git: Path) -> None:
    root = history_site(tmp_path / "site")
    run = run_cli("check", "--format", "json", cwd=root)
    assert run.returncode == 0, run.stderr
    assert first_checkins(json.loads(run.stdout)) == [
        ("2026-01-05", 81, "git", "Ada Lovelace"),
        ("2026-01-19", 84, "git", "Grace Hopper"),
        ("2026-02-02", 85, "git", "Ada Lovelace"),
    ]
    assert run.stderr == ""
    (outside_git / "loose").mkdir()
    (outside_git / "loose" / "growth.md").write_bytes((root / "docs" / "growth.md").read_bytes())
    run = run_cli("check", "loose", cwd=outside_git)
    assert (
        run.returncode == 0
        and run.stderr
        == f"mkdocs-okr: info: no check-ins from git: {outside_git / 'loose'} is not in a git work tree\n"
    )


def test_sphinx_reads_the_same_check_ins_as_the_plugin(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = history_site(tmp_path / "site")
    conf = 'extensions = ["myst_parser", "mkdocs_okr.sphinx"]\nroot_doc = "index"\nokr_today = "2026-02-10"\n'
    commit(root, {"docs/conf.py": conf}, "2026-02-03")
    sphinx = sphinx_build(root, "-b", "html")
    assert sphinx.returncode == 0, sphinx.stderr
    from_sphinx = json.loads((root / "out/okrs.json").read_text(encoding="utf-8"))
    assert first_checkins(from_sphinx) == first_checkins(build_site(root, caplog).export())
    assert len(first_checkins(from_sphinx)) == 3
    off = sphinx_build(root, "-b", "html", "-E", "-D", "okr_git_history=0")
    assert off.returncode == 0, off.stderr
    assert first_checkins(json.loads((root / "out/okrs.json").read_text(encoding="utf-8"))) == []


TREND = 'aria-label="Check-ins: 81 on 2026-01-05, 84 on 2026-01-19, 85 on 2026-02-02; target 90"'
EXTENSION = "site_name: Cycle\nmarkdown_extensions:\n  - okr:\n      today: 2026-02-10\n"


def test_the_markdown_extension_draws_the_same_line_under_mkdocs_and_zensical(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The extension reads the docs folder's history when its host says which page it converts."""
    root = history_site(tmp_path / "site", EXTENSION)
    card = element(build_site(root, caplog).html("growth/index.html"), '<section class="okr-card"')
    assert TREND in card and "Confidence 3/10" in card
    run = subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    zensical = (root / "site/growth/index.html").read_text(encoding="utf-8")
    assert TREND in zensical and "Confidence 3/10" in zensical
    off = history_site(tmp_path / "off", EXTENSION + "      git_history: false\n")
    assert TREND not in build_site(off, caplog).html("growth/index.html")
