"""The okr blocks of a document and their YAML nodes, in the page's lines and columns.

Hover, quick fixes and completion need to know which key or value stands at a place, and where a
value ends: the composed YAML nodes say both. A block is its front matter's YAML or a fenced `okr`
block's; JSON pointers are the core's (/okr/objectives/0/...) in either.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import yaml

from ..model import escape
from ..read.fences import okr_fences
from ..read.frontmatter import FRONT_MATTER_RE

Point = tuple[int, int]  # a 0-based line and column of the page


@dataclass(frozen=True)
class Block:
    """One block's YAML: the page line (0-based) of its first line, the columns of indentation
    removed from each line (a fence's), and whether it is front matter (`okr` a key in it)."""

    first: int
    indent: int
    text: str
    front: bool

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def root(self) -> yaml.Node | None:
        """The node tree, None when the YAML cannot be read (the findings say why)."""
        try:
            return yaml.compose(self.text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return None

    def inside(self, line: int) -> bool:
        return self.first <= line < self.first + len(self.lines)

    def local(self, point: Point) -> Point:
        """A page point in the block's own lines and columns."""
        return point[0] - self.first, max(0, point[1] - self.indent)

    def page(self, mark: yaml.Mark) -> Point:
        """A node's mark in the page."""
        return mark.line + self.first, mark.column + self.indent

    def okr(self) -> yaml.Node | None:
        """The value of `okr`: the front matter's key, or the whole fenced block."""
        if not self.front:
            return self.root
        return _child(self.root, "okr")[1]

    def nodes(self, pointer: str) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The key and value nodes at a core's JSON pointer (/okr/...); (None, None) when it is not there."""
        key, node = None, self.okr()
        for token in pointer.split("/")[2:]:
            key, node = _child(node, token.replace("~1", "/").replace("~0", "~"))
            if node is None:
                return None, None
        return key, node

    def pointer_at(self, point: Point) -> tuple[str, bool] | None:
        """The pointer of the key or value at a page point, and whether it is a key; None outside `okr`."""
        at = self.local(point)
        node, pointer = self.okr(), "/okr"
        while node is not None:
            if isinstance(node, yaml.MappingNode):
                pairs = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
                found = next((p for p in pairs if _spans(p[0], at) or _spans(p[1], at)), None)
                if found is None:
                    return pointer, False
                pointer += "/" + escape(found[0].value)
                if _spans(found[0], at):
                    return pointer, True
                node = found[1]
            elif isinstance(node, yaml.SequenceNode):
                index = next((n for n, item in enumerate(node.value) if _spans(item, at)), None)
                if index is None:
                    return pointer, False
                pointer, node = f"{pointer}/{index}", node.value[index]
            else:
                return pointer, False
        return None


def blocks(text: str) -> list[Block]:
    """The document's okr blocks: its front matter's YAML (when it has any), then each fenced block."""
    found = []
    match = FRONT_MATTER_RE.match(text)
    if match is not None:
        found.append(Block(1, 0, match.group(1).removesuffix("\n"), True))
    lines = text.split("\n")
    found += [Block(f.start + 1, len(f.indent), f.text, False) for f in okr_fences(lines)]
    return found


def block_at(found: list[Block], line: int) -> Block | None:
    return next((b for b in found if b.inside(line)), None)


def _child(node: yaml.Node | None, token: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        pairs = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == token]
        return pairs[-1] if pairs else (None, None)  # the last of duplicate keys, as YAML keeps it
    if isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
        return None, node.value[int(token)]
    return None, None


def _spans(node: yaml.Node, at: Point) -> bool:
    """Whether a point falls on a node; a scalar's end counts, so the cursor just after a word is on it."""
    start, end = (node.start_mark.line, node.start_mark.column), (node.end_mark.line, node.end_mark.column)
    return start <= at < end or (isinstance(node, yaml.ScalarNode) and at == end)
