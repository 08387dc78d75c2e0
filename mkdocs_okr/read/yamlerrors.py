"""YAML syntax errors in plain words: where the mistake is and what to write instead.

libyaml names the symptom of a mistake ("found character that cannot start any token", "did not
find expected '-' indicator"), not the mistake, which is nearly always a tab in the indentation or
a line indented by a space more or less than its neighbour. Reading the line the error points at
says which of the two it is.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from ..datafiles import load_yaml


@cache
def _words() -> dict[str, Any]:
    """The data file, read on the first error (most builds have none)."""
    words: dict[str, Any] = load_yaml("data/yamlerrors.yaml")
    words["indentation"] = tuple(words["indentation"])  # libyaml's words for a misplaced line
    return words


def syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[Any, str]:
    """The mark of the mistake (None: the block's start) and a message that says how to fix it."""
    problem = error.problem or "invalid YAML"
    words = _words()
    unclosed = words["unclosed"].get(error.context or "")
    if unclosed and error.context_mark:  # point at where the unclosed thing began
        return error.context_mark, f"YAML syntax error: {unclosed}"
    mark = error.problem_mark or error.context_mark
    lines = text.split("\n")
    line = mark.line if mark is not None and mark.line < len(lines) else None
    if mark is not None and line is not None:
        tab = _tab_at(lines, line)
        if tab is not None:
            return (
                _mark(mark.name, mark.index, line, tab),
                "YAML syntax error: this line is indented with a tab; YAML indents with spaces only, so replace the tab with spaces",
            )
        shift = _indentation(lines, line) if problem.startswith(words["indentation"]) else None
        if shift is not None:
            column, message = shift
            return _mark(mark.name, mark.index, line, column), f"YAML syntax error: {message}"
    hint = next((h for start, h in words["hints"].items() if problem.startswith(start)), "")
    context = f" ({error.context})" if error.context and not hint else ""
    return mark, f"YAML syntax error: {problem}{context}{hint}"


def _mark(name: str, index: int, line: int, column: int) -> yaml.Mark:
    """A mark at a line and column of the text; none of ours needs the buffer a mark may carry."""
    return yaml.Mark(name, index, line, column, None, None)  # type: ignore[arg-type]  # PyYAML takes None; its stubs say int


def character_error(text: str, error: yaml.reader.ReaderError) -> tuple[yaml.Mark, str]:
    """A character the YAML reader refuses, at its line and column (the first one is where it stopped)."""
    character = chr(error.character) if isinstance(error.character, int) else str(error.character)
    at = max(text.find(character), 0)
    start = text.rfind("\n", 0, at) + 1
    mark = _mark("", at, text.count("\n", 0, at), at - start)
    return mark, f"the character U+{ord(character):04X} is not allowed in YAML ({error.reason}); remove it"


def _tab_at(lines: list[str], line: int) -> int | None:
    """The column of a tab in the indentation of `line`, or None when it has none."""
    text = lines[line]
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    return indent.index("\t") if "\t" in indent else None


def _indentation(lines: list[str], line: int) -> tuple[int, str] | None:
    """Where `line` starts and what is wrong with its indentation against the line above, in
    words, when the two are a column or two apart: a slip of the keyboard, not a new level."""
    own = _columns(lines[line])
    above = next(
        (
            _columns(lines[n])
            for n in range(line - 1, -1, -1)
            if lines[n].strip() and not lines[n].lstrip().startswith("#")
        ),
        None,
    )
    if own is None or above is None:
        return None
    dash, start, content = above
    # a key under a list item lines up with the item's first key, after its '- '; an item, with the item
    target = content if dash and not own[0] else start
    if not 0 < abs(own[1] - target) <= 2:
        return None
    what = "item" if own[0] and dash else "key"
    return own[1], (
        f"this line is indented by {_spaces(own[1])} and the {what} above it by {_spaces(target)}; "
        f"line them up: the keys of one mapping, and the items of one list, start in the same column"
    )


def _columns(line: str) -> tuple[bool, int, int] | None:
    """Whether a line is a list item, the column it starts in and the column of its content
    (after '- '); None for a blank line."""
    stripped = line.lstrip(" ")
    if not stripped:
        return None
    start = len(line) - len(stripped)
    if stripped.startswith("- ") or stripped == "-":
        return True, start, start + 2
    return False, start, start


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")
