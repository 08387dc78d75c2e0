"""A site's check-ins from git: its pages' history read once per run, and what to tell the user
when there is none to read."""

from __future__ import annotations

import os
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

from ..history.gitlog import History, NoHistory, read_history

SHALLOW = (
    "this repository is a shallow clone, so check-ins from git go back only to its oldest commit; "
    "fetch the whole history to see them all (with actions/checkout: `fetch-depth: 0`)"
)


def site_history(folder: Path, pages: Collection[str] | None) -> tuple[History, str | None]:
    """The history of `pages` (paths relative to `folder`; None for every file), and a line for the log: why there is
    none, or that it is cut short. A folder outside git has none, and the build goes on."""
    try:
        history = read_history(folder, pages)
    except NoHistory as why:
        return History(), f"no check-ins from git: {why}"
    return history, SHALLOW if history.shallow else None


def inside(path: Path, folder: Path) -> str | None:
    """`path` relative to `folder`, with "/", as git names it (a link by its own name, not its
    target's, so a link that loops is no error); None when it is not under `folder`."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    return None if relative == ".." or relative.startswith(".." + os.sep) else Path(relative).as_posix()


def folder_history(folder: Path) -> tuple[History, str | None]:
    """`site_history` of every page under `folder`, read once for each state of its repository:
    for a host that converts one page at a time (the Markdown extension), which then reads git
    once per build, and again only after a commit or a checkout."""
    return _folder_history(str(folder), _state(folder))


@lru_cache(maxsize=8)
def _folder_history(folder: str, state: object) -> tuple[History, str | None]:
    return site_history(Path(folder), None)


def _state(folder: Path) -> object:
    """What changes when the repository's HEAD or its refs do, read without starting git: the
    size and time of HEAD, its log and the packed refs, in the git folder above `folder`."""
    for parent in (folder.absolute(), *folder.absolute().parents):
        dot = parent / ".git"
        if dot.is_file():  # a worktree or a submodule: "gitdir: <path>"
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            dot = (parent / text.removeprefix("gitdir:").strip()).resolve()
        if dot.is_dir():
            return tuple(_stamp(dot / name) for name in ("HEAD", "logs/HEAD", "packed-refs"))
    return None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size
