"""Quick fixes for findings: each one the edit the finding's message asks for.

A fix is made from the finding (its rule, message and pointer), the span its range covers, and
the block's YAML nodes, so that an edit that adds a key writes it at the indentation of the
mapping's own keys, and turns a key result written as a plain sentence into a mapping first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from ..model import Level
from .blocks import Block, Point

Edit = tuple[Point, Point, str]  # replace from, to, with

# found while the page is read, before its `ignore`s are: an `ignore` cannot silence them
_READER_RULES = frozenset({"yaml", "duplicate-key", "implicit-type", "limit", "schema", "encoding", "suppression"})
_DID_YOU_MEAN = re.compile(r'did you mean "(?P<word>[^"]+)"\?')
_DECIMAL = re.compile(r"plain decimal form \((?P<number>[^)]+)\)")
_PERIOD = re.compile(
    r"(?:(?P<a>Q[1-4]|H[12])[\s/_-]*(?P<year>[0-9]{4})|(?P<first>[0-9]{4})[\s/_-]*(?P<b>Q[1-4]|H[12]))", re.I
)
_PLAIN = re.compile(r"[A-Za-z0-9][\w .-]*(/[\w .-]+)*")  # text YAML reads as written, unquoted
_SCOPE = re.compile(r"^/okr(/objectives/\d+(/key_results/\d+)?)?")
REASON = "<reason>"  # the placeholder an `ignore` is written with, for the writer to replace


@dataclass(frozen=True)
class Fix:
    title: str
    edits: list[Edit]
    preferred: bool = False


def fixes(block: Block, rule: str, message: str, pointer: str, start: Point, end: Point) -> list[Fix]:
    """The quick fixes of one finding, whose range is `start` to `end` on one line of the page."""
    lines = block.lines
    row, first = block.local(start)
    token = lines[row][first : first + end[1] - start[1]] if 0 <= row < len(lines) else ""
    found = []
    if rule == "implicit-type" and token:
        number = _DECIMAL.search(message)
        if number:
            found.append(Fix(f"Write {token} as {number['number']}", [(start, end, number["number"])], True))
        elif "quote it" in message:
            found.append(Fix(f"Quote {token}", [(start, end, json.dumps(token, ensure_ascii=False))], True))
    meant = _DID_YOU_MEAN.search(message)
    if meant and rule in ("schema", "suppression", "aligns-to") and token:
        word = meant["word"]
        found.append(Fix(f'Change to "{word}"', [(start, end, _scalar(word))], True))
    period = _PERIOD.fullmatch(token.strip("\"'"))
    if rule == "schema" and pointer == "/okr/period" and period:
        written = f"{period['year'] or period['first']}-{(period['a'] or period['b']).upper()}"
        found.append(Fix(f"Write the period as {written}", [(start, end, written)], True))
    if rule == "controllability" and not _has_key(block, pointer, "measures"):
        for level in (Level.CUSTOMER, Level.CUSTOMERS_USERS, Level.TEAM):
            edits = add_to_key_result(block, pointer, f"measures: {level.value}")
            if edits:
                found.append(Fix(f"Declare measures: {level.value}", edits))
    if rule not in _READER_RULES:
        edits = add_ignore(block, pointer, rule)
        if edits:
            found.append(Fix(f"Ignore {rule} here, with a reason", edits))
    return found


def add_ignore(block: Block, pointer: str, rule: str) -> list[Edit]:
    """An `ignore` of `rule` with a reason to write, at the key result, objective or page the
    finding is about; into the `ignore` that is there already, if any."""
    scope = _SCOPE.match(pointer)
    if scope is None:
        return []
    entry = f'{rule}: "{REASON}"'
    _, ignore = block.nodes(scope[0] + "/ignore")
    if isinstance(ignore, yaml.MappingNode):
        return add_key(block, ignore, entry)
    if scope[2]:
        return add_to_key_result(block, scope[0], f"ignore: {{{entry}}}")
    _, mapping = block.nodes(scope[0])
    return add_key(block, mapping, f"ignore: {{{entry}}}") if isinstance(mapping, yaml.MappingNode) else []


def add_to_key_result(block: Block, pointer: str, entry: str) -> list[Edit]:
    """Add `entry` (`key: value`) to a key result: into its mapping, or, for a key result written
    as a sentence, by making it a mapping of `text` and the entry."""
    _, node = block.nodes(pointer)
    if isinstance(node, yaml.MappingNode):
        return add_key(block, node, entry)
    if not isinstance(node, yaml.ScalarNode):
        return []
    start, end = block.page(node.start_mark), block.page(node.end_mark)
    written = block.text[node.start_mark.index : node.end_mark.index]
    text = written if start[0] == end[0] else json.dumps(node.value, ensure_ascii=False)
    _, parent = block.nodes(pointer.rpartition("/")[0])
    if isinstance(parent, yaml.SequenceNode) and parent.flow_style:
        return [(start, end, f"{{text: {text}, {entry}}}")]
    return [(start, end, f"text: {text}\n{' ' * start[1]}{entry}")]


def add_key(block: Block, mapping: yaml.MappingNode, entry: str) -> list[Edit]:
    """Insert `entry` as the first key of a mapping, written at its keys' indentation."""
    if mapping.flow_style:
        line, column = block.page(mapping.start_mark)
        return [((line, column + 1), (line, column + 1), entry + (", " if mapping.value else ""))]
    if not mapping.value:
        return []
    at = block.page(mapping.value[0][0].start_mark)
    return [(at, at, f"{entry}\n{' ' * at[1]}")]


def _has_key(block: Block, pointer: str, key: str) -> bool:
    return block.nodes(f"{pointer}/{key}")[1] is not None


def _scalar(text: str) -> str:
    """`text` as a YAML value: as written when YAML reads it so, else quoted."""
    return text if _PLAIN.fullmatch(text) and not text.endswith(" ") else json.dumps(text, ensure_ascii=False)
