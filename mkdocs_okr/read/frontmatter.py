"""Split a page into front matter and body, and read its `okr` block, with where each value stands.

MkDocs loads front matter with PyYAML and drops it without a word when it is invalid; it keeps no
positions. This module re-reads the same block (same delimiter pattern as `mkdocs.utils.meta`);
yamlnodes.py builds its values, with the findings YAML itself would hide, and positions.py finds
the line and column of any value by JSON pointer, when a finding needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import Finding, Position
from .limits import Limits
from .positions import FRONT_MATTER, NodePositions, Origin
from .yamlnodes import Reader, compose, node_kind

# The same pattern MkDocs 1.6 uses in mkdocs/utils/meta.py, so both agree on what front matter is.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
OPENING_RE = re.compile(r"^-{3}[ \t]*\n")
# `okr:` as a key anywhere in a block, to tell whether unreadable front matter was meant for us
OKR_KEY_RE = re.compile(r"(?:^|[\s{,-])okr[ \t]*:", re.MULTILINE)


@dataclass
class FrontMatter:
    """The `okr` block of one page: its value, what went wrong, and where each value stands."""

    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    origin: Origin = FRONT_MATTER
    positions: NodePositions = field(default_factory=NodePositions)


def read_okr(text: str, limits: Limits = Limits()) -> FrontMatter | None:
    """Read the `okr` block of a page's text (BOM removed, newlines normalised), within `limits`.

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
    root, problem = compose(block, limits, FRONT_MATTER, 1)
    if problem is not None:
        return FrontMatter(findings=[problem]) if OKR_KEY_RE.search(block) else None
    if not isinstance(root, yaml.MappingNode):
        if root is None or not OKR_KEY_RE.search(block):
            return None
        return FrontMatter(
            findings=[
                Finding(
                    "yaml",
                    FRONT_MATTER.at(root.start_mark),
                    f"front matter must be a mapping of keys to values, got {node_kind(root)}",
                )
            ]
        )
    okr_pairs = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "okr"]
    if not okr_pairs:
        return None
    reader = Reader(FRONT_MATTER, limits)
    for key, _ in okr_pairs[1:]:
        reader.duplicate(key, "okr", okr_pairs[0][0])
    key, value = okr_pairs[-1]  # as YAML (and so MkDocs) does: the last one wins
    return _read(reader, key, value)


def read_block(text: str, origin: Origin, limits: Limits = Limits()) -> FrontMatter:
    """Read an okr block that stands alone (a fenced `okr` block, a directive's content): `text`
    is the value of `okr` itself, and `origin` says where it stands in its page."""
    root, problem = compose(text, limits, origin, 0)
    if problem is not None:
        return FrontMatter(findings=[problem], origin=origin)
    return _read(Reader(origin, limits), None, root)


def _read(reader: Reader, key: yaml.Node | None, root: yaml.Node | None) -> FrontMatter:
    data, findings = reader.read(root)
    return FrontMatter(data, findings, reader.origin, NodePositions(key, root, reader.origin))
