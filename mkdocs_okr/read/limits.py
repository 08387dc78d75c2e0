"""Bounds on one page's front matter, so that no page can crash, hang or exhaust a build.

libyaml composes nodes recursively in C (a few tens of thousands of nested levels overflow the
stack and kill the process) and scans deep flow nesting in quadratic time, and MkDocs itself loads
every page's front matter with it. So a block is refused, before any composition, when it is larger
than the site allows or nested deeper: nesting is counted on libyaml's event stream, which stops at
the first level too many, and only for blocks that could be deep at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEPTH_CEILING = 200  # the deepest a site may allow: the reader recurses once per level, in Python
_SHALLOW = 1_000  # a block that cannot nest this deep is composed directly: cheap and safe in C


@dataclass(frozen=True)
class Limits:
    """What the front matter of one page may hold; a site changes them with plugin options."""

    front_matter_bytes: int = 262_144
    depth: int = 64
    values: int = 10_000  # each use of an alias counts again: the bound on alias expansion


def too_large(block: str, limit: int) -> int | None:
    """The size of `block` in bytes (UTF-8) when it is more than `limit`, else None."""
    if len(block) * 4 <= limit:  # a character takes at most 4 bytes
        return None
    found = len(block.encode("utf-8"))
    return found if found > limit else None


_LEVEL_MARKS = ("\n", "[", "{", "-", "?", ":")
_LEVEL_BYTES = tuple(mark.encode() for mark in _LEVEL_MARKS)


def shallow(text: str | bytes) -> bool:
    """Whether `text` (or its UTF-8 bytes) cannot nest deep enough to harm the parser: every level
    needs a new line or one of the characters counted."""
    marks: tuple[Any, ...] = _LEVEL_BYTES if isinstance(text, bytes) else _LEVEL_MARKS
    return sum(text.count(mark) for mark in marks) <= _SHALLOW


def too_deep(block: str, limit: int) -> yaml.Mark | None:
    """Where `block` first nests more than `limit` collections deep (the document's own mapping
    counted), or None when it does not, or when it cannot
    nest deep enough to harm the parser (the reader then counts levels itself, aliases included).
    Every level needs a new line or one of the characters counted, so counting clears most blocks."""
    if shallow(block):
        return None
    try:
        return _first_too_deep(block, limit, _LOADER)
    except yaml.YAMLError:
        # libyaml 0.2.6 (in the wheels of PyYAML 6.0.4) stops at 1,000 flow levels with a syntax error of
        # its own, before it emits the first event; the Python parser emits events as it goes
        # and finds the level the site allows, or raises the same error where the block is wrong
        return _first_too_deep(block, limit, yaml.SafeLoader)


def _first_too_deep(block: str, limit: int, loader: Any) -> yaml.Mark | None:
    depth = 0
    for event in yaml.parse(block, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return cast(yaml.Mark, event.start_mark)  # libyaml's marks have the same fields
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None
