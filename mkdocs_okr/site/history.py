"""A site's check-ins from git: its pages' history read once per run, and what to tell the user
when there is none to read."""

from __future__ import annotations

import os
from collections.abc import Collection
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
