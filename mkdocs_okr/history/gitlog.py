"""The pages' past versions, from git: every commit that changed a page, and the page before and after.

One `git log` covers the whole folder and one `git cat-file --batch` reads the versions, so the
cost grows with the number of changes, not with one process per page (`git log --follow` takes a
single path, and at 5,000 pages it would start 5,000 processes). Renames are followed the way
`--follow` does, from the log's own rename detection (`-M`). Merge commits are left out: each change
is counted once, in the commit that made it, with that commit's author and date. The git command
line is used rather than a library that reads git: every machine that has the repository has git,
and the site needs no new dependency.
"""

from __future__ import annotations

import subprocess
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

_LOG = ["log", "--no-merges", "-M", "--raw", "--no-abbrev", "-z", "--relative", "--format=%x1e%H%x1f%as%x1f%an"]
_NO_BLOB = "0" * 40
TIMEOUT = 600  # seconds for one git command: a wedged git must not hang the build forever


@dataclass(frozen=True)
class Change:
    """One commit's change to one page: its blobs before (None when the commit added the page) and after."""

    commit: str
    date: str  # the author date, YYYY-MM-DD
    author: str
    before: str | None
    after: str


@dataclass
class History:
    """What git holds of a folder's pages: by path (relative to the folder, as the work tree names
    it now), its changes, newest first; the text of every blob those changes name; and whether
    the clone is shallow, so that its history stops early."""

    changes: dict[str, list[Change]] = field(default_factory=dict)
    blobs: dict[str, bytes] = field(default_factory=dict)
    shallow: bool = False

    def versions(self, path: str) -> list[tuple[Change, bytes | None, bytes]]:
        """The page's changes, oldest first, each with its text before and after."""
        found = reversed(self.changes.get(path, ()))
        return [(c, None if c.before is None else self.blobs[c.before], self.blobs[c.after]) for c in found]


class NoHistory(Exception):
    """Git cannot give the folder's history; the message says why, for an info line."""


def read_history(folder: Path, wanted: Collection[str] | None, keep: bytes = b"okr") -> History:
    """The history of the `wanted` pages under `folder` (paths relative to it, with "/"; None for
    every file, for a host that learns its pages' names one at a time). A version
    that does not contain `keep` cannot hold an OKR block, and is kept as empty.
    Raises NoHistory when the folder is not in a git work tree or git cannot run."""
    inside = _git(folder, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"]).split()
    if inside[:1] != [b"true"]:
        raise NoHistory(f"{folder} is not in a git work tree")
    history = History(shallow=inside[1:2] == [b"true"])
    if not _git(folder, ["rev-parse", "--verify", "--quiet", "HEAD"], check=False):
        return history  # a repository with no commit yet
    log = _git(folder, [*_LOG, "--", "."]).decode("utf-8", "replace")
    history.changes = _changes(log, None if wanted is None else set(wanted))
    needed = sorted({b for cs in history.changes.values() for c in cs for b in (c.before, c.after) if b})
    history.blobs = _blobs(folder, needed, keep)
    return history


def _changes(log: str, wanted: set[str] | None) -> dict[str, list[Change]]:
    """Each wanted page's changes, newest first. The log runs from the newest commit back, so a
    rename seen in it says that the page had its old name in every older commit."""
    now = {path: path for path in wanted or ()}  # a name in the commit being read -> the page's name today
    ended: set[str] = set()  # names whose history ended in a newer commit (every file followed: wanted is None)
    found: dict[str, list[Change]] = {}
    for record in log.split("\x1e")[1:]:
        header, _, rest = record.partition("\0")
        commit, date, author = header.split("\x1f", 2)
        tokens = rest.lstrip("\n").split("\0")
        i = 0
        while i + 1 < len(tokens) and tokens[i].startswith(":"):
            _, _, before, after, status = tokens[i].split(" ", 4)
            renamed = status[:1] in ("R", "C")
            path, old = tokens[i + 2 if renamed else i + 1], tokens[i + 1]
            i += 3 if renamed else 2
            page = now.get(path)
            if page is None and wanted is None and path not in ended:
                page = now[path] = path  # first seen in the newest commit that touched it: its name today
            if page is None or after == _NO_BLOB:
                continue  # not a page we follow, or the commit deleted it
            was = None if status[:1] in ("A", "C") or before == _NO_BLOB else before
            found.setdefault(page, []).append(Change(commit, date, author, was, after))
            if status[:1] in ("A", "C", "R"):
                del now[path]  # older commits knew another file by this name, or none
                ended.add(path)
            if status[:1] == "R":
                now[old] = page
    return found


def _blobs(folder: Path, ids: list[str], keep: bytes) -> dict[str, bytes]:
    """The contents of the blobs `ids` that contain `keep` (the others empty), read by one `git cat-file --batch`."""
    if not ids:
        return {}
    out = _git(folder, ["cat-file", "--batch"], stdin=("\n".join(ids) + "\n").encode())
    blobs, at = {}, 0
    for blob in ids:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if header[1:2] == [b"missing"]:  # a shallow clone's edge, or a broken repository
            blobs[blob], at = b"", end + 1
            continue
        size = int(header[2])
        content = out[end + 1 : end + 1 + size]
        blobs[blob] = content if keep in content else b""
        at = end + 1 + size + 1
    return blobs


def _git(folder: Path, args: list[str], stdin: bytes | None = None, check: bool = True) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=folder,
            input=stdin,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise NoHistory("git is not installed") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise NoHistory(f"git could not run: {error}") from None
    if done.returncode != 0 and check:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if args[0] == "rev-parse":
            raise NoHistory(f"{folder} is not in a git work tree")
        raise NoHistory(f"git {args[0]} failed: {said[-1] if said else done.returncode}")
    return done.stdout if done.returncode == 0 else b""
