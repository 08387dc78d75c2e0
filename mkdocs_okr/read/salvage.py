"""The valid part of an invalid okr block, so that one mistake does not hide every other finding.

A writer who mistypes the period should still see, in the same run, which key results measure the
customers' users, which have no target and which objective has too many. Each schema error is
confined to the smallest part of the block that holds it: a key result, an objective's own field,
a field of the page. That part is set aside (a stand-in keeps the lists' positions, so every
other finding keeps its line), and findings about what was set aside are dropped.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..model import Finding, escape
from .validate import schema_text

_STAND_IN = "…"  # a key result, or a required text, that stands where an invalid one was


@dataclass
class Salvaged:
    """A schema-valid copy of the block, and the parts of it that are stand-ins."""

    data: Any
    aside: set[str] = field(default_factory=set)  # the pointers of what was set aside, with all below them

    def keeps(self, finding: Finding) -> bool:
        """Whether a finding is about what the page holds, not about a stand-in."""
        return self.stands(finding.pointer)

    def stands(self, pointer: str) -> bool:
        """Whether what `pointer` names is the page's own: neither it nor anything above it was
        set aside (a walk up the pointer, not a scan of the set). An objective's or key result's
        id is its own when its `id` stands: a default id (O2, KR1) stands for no id written."""
        while pointer:
            if pointer in self.aside:
                return False
            pointer = pointer.rpartition("/")[0]
        return True


@dataclass(frozen=True)
class _Shape:
    """What the schema allows in a mapping: its keys, and a valid value for each required one."""

    keys: frozenset[str]
    required: dict[str, Any]


@cache
def _shapes() -> dict[str, _Shape]:
    """The page's and an objective's shape, from the published schema (its examples are valid);
    read once, on the first invalid page."""
    defs = json.loads(schema_text())["$defs"]
    shapes = {}
    for name in ("okr", "objective"):
        properties = defs[name]["properties"]
        required = {key: (properties[key].get("examples") or [_STAND_IN])[0] for key in defs[name]["required"]}
        shapes[name] = _Shape(frozenset(properties), required)
    return shapes


def salvage(data: Any, errors: Iterable[tuple[Sequence[Any], str]]) -> Salvaged | None:
    """The block with each error's part set aside, or None when the error is in the block's
    frame (the block itself, or its list of objectives, is not what the schema wants).
    `errors`: each error's path from the document's root, and its schema keyword."""
    result = Salvaged(copy.deepcopy(data))
    block = result.data.get("okr") if isinstance(result.data, dict) else None
    if not isinstance(block, dict):
        return None
    shapes = _shapes()
    for path, keyword in errors:
        where = list(path)[1:]  # below okr
        if where[:1] != ["objectives"]:
            _field(block, "/okr", where, keyword, result, shapes["okr"])
        elif len(where) >= 2 and isinstance(block.get("objectives"), list):
            _objective(block["objectives"], where[1:], keyword, result, shapes["objective"])
        else:
            return None
    return result


def _objective(objectives: list[Any], where: list[Any], keyword: str, result: Salvaged, shape: _Shape) -> None:
    index = where[0]
    pointer = f"/okr/objectives/{index}"
    if len(where) >= 3 and where[1] == "key_results":  # one key result: set it aside alone
        objectives[index]["key_results"][where[2]] = _STAND_IN
        result.aside.add(f"{pointer}/key_results/{where[2]}")
    elif where[1:2] == ["key_results"] or (
        len(where) == 1 and (keyword == "type" or "key_results" not in objectives[index])
    ):
        # not an objective at all, or no list of key results: nothing of it can be read
        objectives[index] = {**shape.required, "key_results": [_STAND_IN]}
        result.aside.add(pointer)
    else:  # a field of its own; its key results stand, and its count of them
        _field(objectives[index], pointer, where[1:], keyword, result, shape)


def _field(
    mapping: dict[str, Any], pointer: str, where: list[Any], keyword: str, result: Salvaged, shape: _Shape
) -> None:
    """Set aside a field of the page or of an objective: an unknown key is dropped, a missing or
    invalid required one gets the schema's example, an invalid optional one is dropped (a page's
    own customer then falls back to the site's)."""
    if where:
        key = str(where[0])
        result.aside.add(f"{pointer}/{escape(key)}")
        if key in shape.required:
            mapping[key] = shape.required[key]
        else:
            mapping.pop(key, None)
    elif keyword == "additionalProperties":
        for key in [k for k in mapping if k not in shape.keys]:
            del mapping[key]
    elif keyword == "required":
        for key in [k for k in shape.required if k not in mapping]:
            mapping[key] = shape.required[key]
            result.aside.add(f"{pointer}/{escape(key)}")
