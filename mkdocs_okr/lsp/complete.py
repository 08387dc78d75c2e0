"""Completion of keys and values from the schema, at the cursor's place in an okr block.

While a key is being typed the block is seldom valid YAML, so the place is read from the lines'
indentation, as a reader sees it: the keys and list items above the cursor that are less indented
than it, up to `okr`. The schema then gives the keys a mapping there takes (less those it has),
the values of a key with few (an enum, a boolean), and rule ids inside an `ignore`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from ..rules.registry import registry
from . import keys
from .blocks import Block

_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)")
_WORD = re.compile(r"[A-Za-z_][\w-]*|")


@dataclass(frozen=True)
class Line:
    """A line as the walk reads it: the columns of its list dashes, where its content starts, and
    the key that starts there, if any."""

    dashes: tuple[int, ...]
    content: int
    key: str | None
    text: str

    @classmethod
    def read(cls, text: str) -> Line:
        col, dashes = len(text) - len(text.lstrip(" ")), []
        while text[col : col + 1] == "-" and text[col + 1 : col + 2] in (" ", ""):
            dashes.append(col)
            col += 1
            while text[col : col + 1] == " ":
                col += 1
        match = _KEY.match(text, col)
        return cls(tuple(dashes), col, match["key"] if match else None, text)

    @property
    def blank(self) -> bool:
        return not self.text.strip() or self.text.lstrip().startswith("#")


def parents(lines: list[str], row: int, column: int) -> list[str]:
    """The path (keys and list items) to the mapping whose keys stand at `column` on line `row`."""
    path: list[str] = []
    after_item = False  # a list may stand at its key's own indentation
    for text in reversed(lines[:row]):
        line = Line.read(text)
        if line.blank:
            continue
        if line.key is not None and (
            line.content < column or (line.content == column and after_item and not line.dashes)
        ):
            path.append(line.key)
            column, after_item = line.content, False
        for dash in reversed(line.dashes):
            if dash < column:
                path.append(keys.ITEM)
                column, after_item = dash, True
        if column == 0 and not after_item:
            break
    return path[::-1]


def siblings(lines: list[str], row: int, column: int) -> set[str]:
    """The keys already written in the mapping whose keys stand at `column` around line `row`."""
    found = set()
    for step in (-1, 1):
        n = row + step
        while 0 <= n < len(lines):
            line = Line.read(lines[n])
            n += step
            if line.blank or line.content > column:
                continue
            if line.content == column and line.key is not None and (step < 0 or not line.dashes):
                found.add(line.key)
            if line.content < column or line.dashes:  # out of the mapping, or at its item's first key
                break
    return found


def completions(block: Block, row: int, column: int) -> list[types.CompletionItem]:
    """What may be written at the cursor (block's line `row`, column `column`)."""
    text = block.lines[row][:column]
    line = Line.read(text)
    outer = line.dashes[0] if line.dashes else line.content
    path = parents(block.lines, row, outer)
    if block.front:
        if path[:1] != ["okr"]:
            return []  # the front matter's other keys are the site's
        path = path[1:]
    path += [keys.ITEM] * len(line.dashes)
    if line.key is not None:  # after `key:`: its values, after a space
        space = "" if text.endswith((" ", "\t")) else " "
        return [_value(v, space) for v in keys.values(keys.at([*path, line.key]))]
    if _WORD.fullmatch(text[line.content :]) is None:
        return []  # inside a plain value, not a key
    if keys.takes_rule_ids(path):
        return [_rule(rule_id, rule.summary) for rule_id, rule in registry().items()]
    taken = siblings(block.lines, row, line.content) if not line.dashes else set()
    return [_key(name, node) for name, node in keys.properties(path).items() if name not in taken]


def _key(name: str, node: dict[str, Any]) -> types.CompletionItem:
    title, description = keys.describe(node)
    return types.CompletionItem(
        label=name,
        kind=types.CompletionItemKind.Property,
        detail=title or None,
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=description) if description else None,
        insert_text=f"{name}: ",
    )


def _value(value: object, space: str) -> types.CompletionItem:
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    return types.CompletionItem(label=shown, kind=types.CompletionItemKind.EnumMember, insert_text=space + shown)


def _rule(rule_id: str, summary: str) -> types.CompletionItem:
    return types.CompletionItem(
        label=rule_id, kind=types.CompletionItemKind.Value, detail=summary, insert_text=f"{rule_id}: "
    )
