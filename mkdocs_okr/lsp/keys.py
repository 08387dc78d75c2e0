"""What the published schema says of a place in an okr block: the keys a mapping there takes,
the values a key allows, and each one's description, for hover and completion."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..read.validate import schema

ITEM = "-"  # a step into a list's items, in a path of keys


def steps(pointer: str) -> list[str]:
    """The path of keys of a JSON pointer below /okr, each list index an ITEM."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[2:]]
    return [ITEM if p.isdigit() else p for p in parts]


def at(path: Sequence[str]) -> dict[str, Any] | None:
    """The schema of the value at `path` (keys and ITEMs below `okr`), None where the schema has none."""
    node: dict[str, Any] | None = schema()["$defs"]["okr"]
    for step in path:
        node = _resolve(node)
        if step == ITEM:
            node = node.get("items") if node else None
        elif node is not None and isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]  # `ignore`: a reason for each rule id
        else:
            node = node.get("properties", {}).get(step) if node else None
        if node is None:
            return None
    return node


def properties(path: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The keys a mapping at `path` takes, each with its schema, in the schema's order."""
    node = _resolve(at(path))
    return dict(node.get("properties", {})) if node else {}


def values(node: dict[str, Any] | None) -> list[Any]:
    """The values a key allows when they are few: its `enum`, or true and false."""
    node = _resolve(node)
    if node is None:
        return []
    if "enum" in node:
        return list(node["enum"])
    return [True, False] if node.get("type") == "boolean" else []


def takes_rule_ids(path: Sequence[str]) -> bool:
    """Whether the mapping at `path` is an `ignore`, whose keys are rule ids."""
    node = _resolve(at(path)) or {}
    return isinstance(node.get("additionalProperties"), dict) and "propertyNames" in node


def describe(node: dict[str, Any] | None) -> tuple[str, str]:
    """A key's title and description: its own, else those of the definition it refers to."""
    if node is None:
        return "", ""
    target = _resolve(node) or {}
    title = node.get("title") or target.get("title") or ""
    return title, node.get("description") or target.get("description") or ""


def _resolve(node: dict[str, Any] | None) -> dict[str, Any] | None:
    """Follow `$ref`s (local, #/$defs/...) to the node that holds the keywords."""
    while node is not None and "$ref" in node:
        target: Any = schema()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node
