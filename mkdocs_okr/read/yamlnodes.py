"""YAML text to plain values, node by node, with the findings a page's author needs.

PyYAML composes the node tree (with its C parser when available); this module builds the values
from the nodes itself, so that it can report duplicate keys, which YAML would silently collapse,
and the YAML 1.1 traps (dates, yes/no booleans, base-60 numbers...); refuse every tag that is not a
plain YAML type, so nothing in a page is ever executed; and bound size, depth and alias expansion
(`limits`), so that a hostile page cannot exhaust the build.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any, NoReturn

import yaml

from ..model import Finding, escape, human_path
from .limits import Limits, too_deep, too_large
from .positions import Origin
from .yamlerrors import character_error, syntax_error

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """The safe loader (C parser when available), remembering how plain scalars resolve: OKR
    pages repeat the same keys and small values, and resolving runs a Python regex per scalar."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        return _resolve(kind, value, implicit)


@lru_cache(maxsize=4096)
def _resolve(kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    return _BaseLoader.resolve(_RESOLVER, kind, value, implicit)  # type: ignore[no-any-return]  # PyYAML's C loader is untyped


_RESOLVER = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_FLOAT, _NUMBER_TAGS = _TAG + "float", frozenset({_TAG + "int", _TAG + "float"})
_LONGEST_NUMBER = 32  # characters: the schema allows 15 digits; more is refused before it is built
# each plain scalar built by its own constructor method (construct_object would keep every node alive)
_SCALARS = {
    _TAG + "str": lambda node: node.value,
    _TAG + "int": _constructor.construct_yaml_int,
    _TAG + "float": _constructor.construct_yaml_float,
    _TAG + "bool": _constructor.construct_yaml_bool,
    _TAG + "null": lambda node: None,
    _TAG + "timestamp": lambda node: node.value,
}
# YAML 1.2 (and JSON) read these as numbers; YAML 1.1, which PyYAML follows, reads them as text.
_YAML12_NUMBER_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)$")
_NUMBER_START = frozenset("+-.0123456789")  # what such a number starts with: most text is cleared at once
_SEXAGESIMAL_RE = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_LEGACY_OCTAL_RE = re.compile(r"^[-+]?0[0-7_]+$")


def compose(text: str, limits: Limits, origin: Origin, around: int) -> tuple[yaml.Node | None, Finding | None]:
    """The node tree of a YAML text, with the lines and columns the file has; or the finding that
    says why it cannot be read (too large or deep, a syntax error, a character YAML refuses).
    `around`: the levels around the okr block (1 in front matter), which its depth does not count."""
    lines = _FileLines(text) if _ODD_BREAK_RE.search(text) else None
    try:
        refused = _refusal(text, limits, origin, lines, around)
        if refused is not None:
            return None, refused
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        if lines:
            error.context_mark, error.problem_mark = map(lines.mark, (error.context_mark, error.problem_mark))
        mark, message = syntax_error(error, text)
        return None, Finding("yaml", origin.at(mark) if mark else origin.start(), message)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, e.g. NUL
        mark, message = character_error(text, error)
        return None, Finding("yaml", origin.at(mark), message)
    if lines and root is not None:
        lines.tree(root)
    return root, None


def _refusal(text: str, limits: Limits, origin: Origin, lines: _FileLines | None, around: int) -> Finding | None:
    """Why a text is not read at all: larger or deeper than the site allows."""
    allowed = limits.front_matter_bytes
    found = too_large(text, allowed)
    if found is not None:
        message = f"the front matter is {found:,} bytes, more than the {allowed:,} this site allows; it is not read"
        return Finding("limit", origin.before(), message + " (option max_front_matter_bytes)", "/okr")
    mark = too_deep(text, limits.depth + around)
    if mark is not None:
        return Finding("limit", origin.at(lines.mark(mark) if lines else mark), _too_deep_message(limits.depth), "/okr")
    return None


# YAML 1.1 also breaks lines at NEL, U+2028 and U+2029; editors, and a file's line count, do not
_ODD_BREAK_RE = re.compile("[\x85\u2028\u2029]")


class _FileLines:
    """Lines and columns as the file has them, for a text in which YAML sees more lines."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def mark(self, mark: Any) -> Any:
        if mark is None:
            return None
        line = bisect_right(self.starts, mark.index) - 1
        return yaml.Mark(mark.name, mark.index, line, mark.index - self.starts[line], None, None)  # type: ignore[arg-type]  # PyYAML takes None; its stubs say int

    def tree(self, root: yaml.Node) -> None:
        """Correct the mark of every node under `root` (each once: aliases share nodes)."""
        seen: set[int] = set()
        todo = [root]
        while todo:
            node = todo.pop()
            if id(node) not in seen:
                seen.add(id(node))
                node.start_mark = self.mark(node.start_mark)
                if isinstance(node, yaml.MappingNode):
                    todo += [n for pair in node.value for n in pair]
                elif isinstance(node, yaml.SequenceNode):
                    todo += node.value


def _too_deep_message(depth: int) -> str:
    return f"nested deeper than {depth} levels; the okr block is not read (option max_depth)"


def node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return f'the value "{node.value}"'


class _Refused(Exception):
    """The block holds more values, or nests deeper (through aliases), than the site allows."""

    def __init__(self, finding: Finding) -> None:
        self.finding = finding


class Reader:
    """Builds Python values from a node tree, with findings; the path is formatted only for a finding."""

    def __init__(self, origin: Origin, limits: Limits) -> None:
        self.origin = origin
        self.limits = limits
        self.findings: list[Finding] = []
        self.nodes = 0
        self.path: list[str] = ["", "okr"]

    def read(self, root: yaml.Node | None) -> tuple[dict[str, Any] | None, list[Finding]]:
        """The okr block whose value is `root`, as `{"okr": value}`, with the findings so far; or,
        when the block is refused, no value and the one finding that says why."""
        try:
            return {"okr": None if root is None else self.build(root, 1)}, self.findings
        except _Refused as refusal:
            return None, [refusal.finding]

    def add(self, rule: str, node: yaml.Node, message: str) -> None:
        pointer = "/".join(self.path)
        self.findings.append(Finding(rule, self.origin.at(node.start_mark), message, pointer))

    def duplicate(self, key: yaml.Node, name: str, first: yaml.Node) -> None:
        self.path.append(escape(name))
        line = self.origin.at(first.start_mark).line
        self.add(
            "duplicate-key",
            key,
            f'duplicate key "{name}" (first on line {line}); YAML would keep only the last one: keep one',
        )
        self.path.pop()

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.values or depth > self.limits.depth:
            self._refuse_block(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            items = []
            path = self.path
            for i, item in enumerate(node.value):
                path.append(str(i))
                items.append(self.build(item, depth + 1))
                path.pop()
            return items
        return self._refuse(node)

    def _refuse_block(self, node: yaml.Node) -> NoReturn:
        """Give up on the block: it holds too many values, or nests too deep."""
        if self.nodes > self.limits.values:
            message = (
                f"the okr block holds more than {self.limits.values:,} values, each use of an alias "
                "counted again; it is not read (option max_values)"
            )
        else:
            message = _too_deep_message(self.limits.depth)
        raise _Refused(Finding("limit", self.origin.at(node.start_mark), message, "/".join(self.path)))

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        values: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        path = self.path
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.add("yaml", key, "a key must be a plain name, not a list or mapping")
                continue
            if key.tag == _MERGE:
                self.add("yaml", key, "merge keys '<<' are not supported in an okr block")
                continue
            name = key.value
            if name in first:
                self.duplicate(key, name, first[name])  # reported; like YAML, the last one wins
            else:
                first[name] = key
            path.append(escape(name))
            values[name] = self.build(value, depth + 1)
            path.pop()
        return values

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR and (
            node.style or node.value[:1] not in _NUMBER_START or not _YAML12_NUMBER_RE.match(node.value)
        ):
            return node.value  # the common case, first
        if tag not in _PLAIN_TAGS:
            return self._refuse(node)
        if tag in _NUMBER_TAGS and len(node.value) > _LONGEST_NUMBER:  # before Python turns 5,000 digits into an int
            return self._not_a_number(
                node, f"is too long to read ({len(node.value):,} characters); a number here has at most 15 digits"
            )
        if not node.style:
            trap = _trap(tag[len(_TAG) :], node.value)
            if trap:
                self.add("implicit-type", node, trap)
                return node.value
        value = _SCALARS[tag](node)
        if tag == _FLOAT and not math.isfinite(value):  # .nan and .inf: no JSON, no progress
            return self._not_a_number(node, "is not a number a key result can reach; write a finite number")
        return value

    def _not_a_number(self, node: yaml.ScalarNode, why: str) -> str:
        """Report a number no key result can hold; the text is kept, so the schema says no more of it."""
        shown = node.value if len(node.value) <= 24 else node.value[:20] + "…"
        self.add("schema", node, f"{human_path('/'.join(self.path))}: {shown} {why}")
        return str(node.value)

    def _refuse(self, node: yaml.Node) -> None:
        shown = node.tag.replace(_TAG, "!!")
        message = f'the tag "{shown}" is not allowed: an okr block holds plain text, numbers, lists and mappings only; the value was not read'
        self.add("yaml", node, message)
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
        number = _SCALARS[_TAG + tag](yaml.ScalarNode(_TAG + tag, text))
        return f"YAML reads {text} as the base-60 number {number}, not as text; quote it: {quoted}"
    if tag == "int" and _LEGACY_OCTAL_RE.match(text) and text.strip("+-0_"):
        number = int(text.replace("_", ""), 8)
        return f"YAML reads {text} as the octal number {number}; write it without the leading 0, or quote it"
    if tag == "str" and _YAML12_NUMBER_RE.match(text):
        return f"YAML reads {text} as text, not as a number; write it in plain decimal form ({float(text):g})"
    return ""
