"""Split a page into front matter and body, and read the `okr` block with the position of every node.

MkDocs loads front matter with PyYAML and drops it without a word when it is invalid; it keeps no
positions. This module re-reads the same block (same delimiter pattern as `mkdocs.utils.meta`),
composes it into a node tree (C parser when available) and builds plain Python values from the
nodes itself, so that it can:

* record the line and column of every key and value, by JSON pointer;
* report duplicate keys, which YAML would silently collapse;
* report YAML 1.1 implicit typing traps (dates, yes/no booleans, base-60 numbers, ...);
* refuse every tag that is not a plain YAML type, so nothing in a page is ever executed;
* bound nesting depth and alias expansion, so a hostile page cannot exhaust the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import Finding, Position

# The same pattern MkDocs 1.6 uses in mkdocs/utils/meta.py, so both agree on what front matter is.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
OPENING_RE = re.compile(r"^-{3}[ \t]*\n")
# `okr:` as a key anywhere in a block, to tell whether unreadable front matter was meant for us
OKR_KEY_RE = re.compile(r"(?:^|[\s{,-])okr[ \t]*:", re.MULTILINE)

FIRST_YAML_LINE = 2  # the block starts on the line after the opening '---'
MAX_DEPTH = 64
MAX_NODES = 100_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
# YAML 1.2 (and JSON) read these as numbers; YAML 1.1, which PyYAML follows, reads them as text.
_YAML12_NUMBER_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)$")
_SEXAGESIMAL_RE = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_LEGACY_OCTAL_RE = re.compile(r"^[-+]?0[0-7_]+$")


@dataclass
class FrontMatter:
    """The `okr` block of one page: its value, the position of every node, and what went wrong."""

    data: Any = None
    positions: dict[str, Position] = field(default_factory=dict)
    key_positions: dict[str, Position] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def position(self, pointer: str) -> Position:
        """Position of the value at `pointer`, or of its nearest ancestor that has one."""
        while pointer not in self.positions and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return self.positions.get(pointer, Position(1, 1))

    def key_position(self, pointer: str) -> Position:
        """Position of the key whose value is at `pointer` (falls back to the value)."""
        return self.key_positions.get(pointer) or self.position(pointer)


def escape(token: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def human_path(pointer: str) -> str:
    """`objectives[0].key_results[1].target` for /okr/objectives/0/key_results/1/target."""
    text = ""
    for token in pointer.split("/")[2:]:
        token = token.replace("~1", "/").replace("~0", "~")
        text += f"[{token}]" if token.isdigit() else f".{token}"
    return text.lstrip(".") or "okr"


def _pos(mark: Any) -> Position:
    return Position(mark.line + FIRST_YAML_LINE, mark.column + 1)


def read_okr(text: str) -> FrontMatter | None:
    """Read the `okr` block of a page's text (BOM removed, newlines normalised).

    Returns None when the page is not an OKR page: no front matter, or front matter without `okr`.
    """
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        if OPENING_RE.match(text) and OKR_KEY_RE.search(text):
            return FrontMatter(
                findings=[
                    Finding(
                        "yaml",
                        Position(1, 1),
                        "the front matter opened by '---' on line 1 is never closed; "
                        "add a line '---' after the okr block",
                    )
                ]
            )
        return None
    block = match.group(1)
    if "okr" not in block:
        return None
    try:
        root = yaml.compose(block, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        if not OKR_KEY_RE.search(block):
            return None
        return FrontMatter(findings=[_syntax_finding(error)])
    except yaml.YAMLError as error:  # errors without a mark (rare: reader errors)
        if not OKR_KEY_RE.search(block):
            return None
        return FrontMatter(findings=[Finding("yaml", Position(FIRST_YAML_LINE, 1), str(error))])
    if not isinstance(root, yaml.MappingNode):
        if root is None or not OKR_KEY_RE.search(block):
            return None
        return FrontMatter(
            findings=[
                Finding(
                    "yaml",
                    _pos(root.start_mark),
                    f"front matter must be a mapping of keys to values, got {_node_kind(root)}",
                )
            ]
        )
    okr_pairs = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "okr"]
    if not okr_pairs:
        return None
    reader = _Reader()
    for key, _ in okr_pairs[1:]:
        reader.duplicate(key, "okr", okr_pairs[0][0], "/okr")
    key, value = okr_pairs[-1]
    reader.result.key_positions["/okr"] = _pos(key.start_mark)
    reader.result.data = {"okr": reader.build(value, "/okr", 1)}
    return reader.result


def _syntax_finding(error: yaml.MarkedYAMLError) -> Finding:
    problem = error.problem or "invalid YAML"
    unclosed = _UNCLOSED.get(error.context or "")
    if unclosed and error.context_mark:  # point at where the unclosed thing began
        return Finding("yaml", _pos(error.context_mark), f"YAML syntax error: {unclosed}")
    mark = error.problem_mark or error.context_mark
    hint = next((h for start, h in _SYNTAX_HINTS.items() if problem.startswith(start)), "")
    context = f" ({error.context})" if error.context and not hint else ""
    message = f"YAML syntax error: {problem}{context}{hint}"
    return Finding("yaml", _pos(mark) if mark else Position(FIRST_YAML_LINE, 1), message)


_UNCLOSED = {
    "while parsing a flow sequence": "the '[' here is never closed; add ']' or quote the value",
    "while parsing a flow mapping": "the '{' here is never closed; add '}' or quote the value",
    "while scanning a quoted scalar": "the quote here is never closed; add the closing quote",
}
_SYNTAX_HINTS = {
    "mapping values are not allowed": "; check the indentation of this line and the one above, "
    "or quote a value that contains ': '",
    "found character '\\t'": "; YAML indents with spaces, not tabs",
    "found a tab character": "; YAML indents with spaces, not tabs",
    "could not find expected ':'": "; each line in a mapping needs 'key: value'",
    "found undefined alias": "; an alias '*name' needs an anchor '&name' before it",
}


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return f'the value "{node.value}"'


class _Reader:
    """Builds Python values from a node tree, recording positions and findings."""

    def __init__(self) -> None:
        self.result = FrontMatter()
        self.nodes = 0

    def add(self, rule: str, position: Position, message: str, pointer: str = "") -> None:
        self.result.findings.append(Finding(rule, position, message, pointer))

    def duplicate(self, key: yaml.Node, name: str, first: yaml.Node, pointer: str) -> None:
        self.add(
            "duplicate-key",
            _pos(key.start_mark),
            f'duplicate key "{name}" (first on line {_pos(first.start_mark).line}); '
            "YAML would keep only the last one: keep one",
            pointer,
        )

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        self.result.positions[pointer] = _pos(node.start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            if self.nodes == MAX_NODES + 1:
                self.add(
                    "yaml",
                    _pos(node.start_mark),
                    f"the okr block expands to more than {MAX_NODES:,} values (aliases?); "
                    "it is not read further",
                    pointer,
                )
            return None
        if depth > MAX_DEPTH:
            self.add("yaml", _pos(node.start_mark), f"nested deeper than {MAX_DEPTH} levels", pointer)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                return self._refuse(node, pointer)
            return [self.build(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, pointer)

    def _mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any] | None:
        if node.tag != _TAG + "map":
            return self._refuse(node, pointer)
        values: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.add("yaml", _pos(key.start_mark), "a key must be a plain name, not a list or mapping", pointer)
                continue
            if key.tag == _TAG + "merge":
                self.add("yaml", _pos(key.start_mark), "merge keys '<<' are not supported in an okr block", pointer)
                continue
            name = key.value
            if name in first:
                self.duplicate(key, name, first[name], f"{pointer}/{escape(name)}")
                continue
            first[name] = key
            child = f"{pointer}/{escape(name)}"
            self.result.key_positions[child] = _pos(key.start_mark)
            values[name] = self.build(value, child, depth + 1)
        return values

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        if node.tag not in _PLAIN_TAGS:
            return self._refuse(node, pointer)
        text = node.value
        plain = not node.style
        tag = node.tag[len(_TAG) :]
        if plain:
            trap = _trap(tag, text)
            if trap:
                self.add("implicit-type", _pos(node.start_mark), trap, pointer)
                return text
        if tag == "timestamp":
            return text
        return _constructor.construct_object(node)

    def _refuse(self, node: yaml.Node, pointer: str) -> None:
        self.add(
            "yaml",
            _pos(node.start_mark),
            f'the tag "{node.tag.replace(_TAG, "!!")}" is not allowed: an okr block holds plain text, numbers, lists and '
            "mappings only; the value was not read",
            pointer,
        )
        return None


def _trap(tag: str, text: str) -> str:
    """Say how YAML 1.1 misreads a plain scalar, or return '' when it reads it as written."""
    quoted = f'"{text}"'
    if tag == "timestamp":
        return f"YAML reads {text} as a date, not as text; quote it: {quoted}"
    if tag == "bool" and text.lower() not in ("true", "false"):
        value = "true" if text.lower() in ("yes", "y", "on") else "false"
        return f"YAML reads {text} as the boolean {value}, not as text; quote it: {quoted}"
    if tag in ("int", "float") and _SEXAGESIMAL_RE.match(text):
        number = _constructor.construct_object(yaml.ScalarNode(_TAG + tag, text))
        return f"YAML reads {text} as the base-60 number {number}, not as text; quote it: {quoted}"
    if tag == "int" and _LEGACY_OCTAL_RE.match(text) and text.strip("+-0_"):
        number = int(text.replace("_", ""), 8)
        return f"YAML reads {text} as the octal number {number}; write it without the leading 0, or quote it"
    if tag == "str" and _YAML12_NUMBER_RE.match(text):
        return f"YAML reads {text} as text, not as a number; write it in plain decimal form ({float(text):g})"
    return ""
