"""Where each value of an okr block stands in its page: JSON pointer -> line and column.

The rules ask for positions through the small `Positions` interface of the model (`position`,
`key_position`); `NodePositions` is its implementation over the YAML node tree the block was read
from. A position is only looked up when a finding needs it, and each step down the tree once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import Position

FIRST_YAML_LINE = 2  # front matter's YAML starts on the line after the opening '---'


@dataclass(frozen=True)
class Origin:
    """Where a YAML text stands in its page: the page line of its first line, and the columns of
    indentation removed from every line (a block inside a list, a directive's content)."""

    line: int = FIRST_YAML_LINE
    indent: int = 0

    def at(self, mark: Any) -> Position:
        """The page position of a YAML mark."""
        return Position(mark.line + self.line, mark.column + 1 + self.indent)

    def start(self) -> Position:
        """The block's first line, for a finding without a mark."""
        return Position(self.line, 1 + self.indent)

    def before(self) -> Position:
        """The line that opens the block ('---', a fence), where a finding with no node goes."""
        return Position(self.line - 1, 1 + self.indent)


FRONT_MATTER = Origin()


@dataclass
class NodePositions:
    """Positions read from the node tree: `key` is the `okr` key (None for a block that is the
    value alone), `root` its value."""

    key: yaml.Node | None = None
    root: yaml.Node | None = None
    origin: Origin = FRONT_MATTER
    _walked: dict[str, tuple[Any, Any, bool]] = field(default_factory=dict, repr=False, compare=False)
    _keys: dict[int, dict[str, tuple[Any, Any]]] = field(default_factory=dict, repr=False, compare=False)

    def position(self, pointer: str) -> Position:
        """Position of the value at `pointer`, or of its nearest ancestor that has one."""
        _, value, _ = self._walk(pointer)
        return self.origin.at(value.start_mark) if value is not None else self.origin.before()

    def key_position(self, pointer: str) -> Position:
        """Position of the key whose value is at `pointer` (falls back to the value)."""
        key, value, _ = self._walk(pointer)
        node = key or value
        return self.origin.at(node.start_mark) if node is not None else self.origin.before()

    def _walk(self, pointer: str) -> tuple[yaml.Node | None, yaml.Node | None, bool]:
        """The key and value nodes at a JSON pointer (/okr/...), or the nearest ancestor's value
        with no key, and whether the whole pointer was found."""
        if pointer.count("/") < 2:
            return self.key, self.root, True
        if pointer not in self._walked:
            parent, _, token = pointer.rpartition("/")
            key, node, whole = self._walk(parent)
            self._walked[pointer] = (
                self._step(node, token.replace("~1", "/").replace("~0", "~")) if whole else (None, node, False)
            )
        return self._walked[pointer]

    def _step(self, node: yaml.Node | None, token: str) -> tuple[yaml.Node | None, yaml.Node | None, bool]:
        """One step down the node tree: (key, value, True), or (None, node, False) where it stops.
        A mapping's keys are indexed once, so that a finding on each of 9,000 keys stays linear."""
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:  # the last of duplicate keys, as YAML keeps it
                keys = self._keys[id(node)] = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
            pair = keys.get(token)
            if pair is not None:
                return pair[0], pair[1], True
        elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
            return None, node.value[int(token)], True
        return None, node, False
