"""Check-ins read from a page's past versions in git, merged with the ones the page writes.

Every commit that changed a key result's `current` or `confidence` is a check-in, dated by its
author. A key result is known across versions by its objective's id and its own (the same default
ids, O1 and KR1, as the page gets today), so a key result that a commit moved or renumbered starts
a new history there. A version that is not a valid OKR page gives no check-ins.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import OKR, CheckIn
from ..read.frontmatter import read_okr
from ..read.limits import Limits
from ..read.normalise import build_okr
from ..read.text import decode, may_be_okr_page
from ..read.validate import is_valid
from .gitlog import Change

Version = tuple[Change, bytes | None, bytes]  # a change, with the page's text before and after it
Key = tuple[str, str]  # an objective's id and a key result's
Values = dict[Key, tuple[float | None, float | None]]  # each key result's current value and confidence


def merge_history(okr: OKR, versions: Sequence[Version], limits: Limits) -> None:
    """Add to each key result of `okr` the check-ins its page's history holds, oldest first. Where
    the page writes a check-in, the commit that wrote it says nothing new: a check-in from git
    is kept only if it is on a day the page writes none and changed what the check-in before said."""
    found = from_git(versions, limits)
    for objective in okr.objectives:
        for kr in objective.key_results:
            read = found.get((objective.id, kr.id))
            if read:
                kr.checkins = _merged(kr.checkins, read)


def _merged(written: list[CheckIn], read: list[CheckIn]) -> list[CheckIn]:
    days = {c.date for c in written}
    merged: list[CheckIn] = []
    for c in sorted(written + [c for c in read if c.date not in days], key=lambda c: c.date):
        last = merged[-1] if merged else None
        if c.source == "page" or last is None or (c.value, c.confidence) != (last.value, last.confidence):
            merged.append(c)
    return merged


def from_git(versions: Sequence[Version], limits: Limits) -> dict[Key, list[CheckIn]]:
    """Each key result's check-ins from the page's versions (oldest first), one per day."""
    seen: dict[str, Values] = {}  # by blob: each version is read once, though it ends one change and starts the next
    by_day: dict[Key, dict[str, CheckIn]] = {}
    for change, before, after in versions:
        if before is not None and _front(before) == _front(after):
            continue  # the commit changed the page's text, not its front matter: no value changed
        new = _read(change.after, after, seen, limits)
        old = {} if before is None or change.before is None else _read(change.before, before, seen, limits)
        for key, (value, confidence) in new.items():
            if (value, confidence) != old.get(key) and (value is not None or confidence is not None):
                by_day.setdefault(key, {})[change.date] = CheckIn(
                    change.date, value, confidence, source="git", commit=change.commit, author=change.author
                )
    return {key: sorted(days.values(), key=lambda c: c.date) for key, days in by_day.items()}


def _front(raw: bytes) -> bytes:
    """The bytes up to the line that closes the front matter (all of them, when none does)."""
    end = raw.find(b"\n---", 3)
    return raw if end < 0 else raw[:end]


def _read(blob: str, raw: bytes, seen: dict[str, Values], limits: Limits) -> Values:
    if blob not in seen:
        seen[blob] = _values(raw, limits)
    return seen[blob]


def _values(raw: bytes, limits: Limits) -> Values:
    """The current value and confidence of each key result of one version of a page."""
    if not may_be_okr_page(raw):
        return {}
    try:
        front = read_okr(decode(raw), limits)
    except UnicodeDecodeError:
        return {}
    if front is None or front.data is None or not is_valid()(front.data):
        return {}
    okr, _ = build_okr(front, "")
    return {(o.id, kr.id): (kr.current, kr.confidence) for o in okr.objectives for kr in o.key_results}
