"""The pre-commit hook in .pre-commit-hooks.yaml, installed and run by pre-commit itself, as a user's
.pre-commit-config.yaml names it: a repository and a revision.

The repository is a one-commit snapshot of this working tree (tracked and untracked files, .gitignore
respected), so a new module not yet added to git is in it: what the rest of the suite tests too.
pre-commit clones it, builds a virtualenv and pip-installs the project into it once (about 10 s here,
and it needs the package index); the second run reuses that environment, as a user's second commit
does. PRE_COMMIT_HOME is under tmp_path, so nothing is cached outside the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.pages import OKR_PAGE
from fixtures.sites import REPO

BAD_PAGE = OKR_PAGE.replace("2026-Q1", "Q3 2026").replace("Restaurant platform", "Menu team")


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    run = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=60)
    return run.stdout


def commit_all(root: Path, env: dict[str, str]) -> str:
    """Commit everything in `root` as a new repository, and give the commit's hash."""
    git("init", "-q", cwd=root, env=env)
    for key, value in (("user.name", "Test"), ("user.email", "test@example.com"), ("commit.gpgsign", "false")):
        git("config", key, value, cwd=root, env=env)
    git("add", ".", cwd=root, env=env)
    git("commit", "-q", "-m", "snapshot", cwd=root, env=env)
    return git("rev-parse", "HEAD", cwd=root, env=env).strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository's working tree, committed in a throwaway repository, and that commit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split("\0")
    root = tmp_path_factory.mktemp("hook_repo")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():  # not a file deleted from the working tree
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    assert (root / ".pre-commit-hooks.yaml").is_file()
    return root, commit_all(root, env)


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory: pytest.TempPathFactory, hook_repo: tuple[Path, str]) -> tuple[Path, dict[str, str]]:
    """A throwaway git repository with one good and one bad OKR page and a .pre-commit-config.yaml that
    names the hook, committed; and the env to run in."""
    root = tmp_path_factory.mktemp("user_repo")
    # No GIT_* from an outer hook (GIT_DIR, GIT_INDEX_FILE) may point git at another repository.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre_commit_home"))
    (root / "docs").mkdir()
    (root / "docs/good.md").write_text(OKR_PAGE, encoding="utf-8")
    (root / "docs/bad.md").write_text(BAD_PAGE, encoding="utf-8")
    # a set day, inside the page's period: a page checked after its period ends has a score to give (unscored)
    (root / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - okr:\n      today: 2026-02-10\n", encoding="utf-8")
    hooks, rev = hook_repo
    config = f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: mkdocs-okr\n"
    (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    commit_all(root, env)
    return root, env


def run_hook(user_repo: tuple[Path, dict[str, str]], *files: str) -> subprocess.CompletedProcess[str]:
    root, env = user_repo
    command = [sys.executable, "-m", "pre_commit", "run", "mkdocs-okr", "--verbose", "--files", *files]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_the_hook_passes_a_good_page(user_repo: tuple[Path, dict[str, str]]) -> None:
    run = run_hook(user_repo, "docs/good.md")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "checked 1 file (1 OKR page): no findings" in run.stdout


def test_the_hook_fails_a_bad_page_with_the_finding(user_repo: tuple[Path, dict[str, str]]) -> None:
    run = run_hook(user_repo, "docs/bad.md")
    assert run.returncode == 1, run.stdout + run.stderr
    assert 'docs/bad.md:4:11: error: period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q3 2026" [schema]' in run.stdout
