"""The schema errors of an invalid block, found from the schema's data alone, as jsonschema finds them.

A one-file check, as pre-commit runs it, spends more time importing jsonschema than checking the
page, and a page with a schema error (a misspelt key, a bad period) is exactly the page a hook is
run on. Wording an error needs no more than the schema: this walk visits the keywords the schema
uses, in jsonschema's order (each node's keywords as written, each descent as jsonschema makes it),
and yields each error with the fields validate.py words it from. What it has not got is
jsonschema's own English (`message`): an error that validate.py would word with it goes to
jsonschema. A test holds these errors equal to jsonschema's, field by field and in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from .fastcheck import ANNOTATIONS, TYPES, json_equal

Path = tuple[Any, ...]
Node = dict[str, Any]

# the keywords that fail on the value itself: whether `instance` fails each, given its value in the schema
_FAILS: dict[str, Callable[[Any, Any], bool]] = {
    "type": lambda types, v: not any(TYPES[t](v) for t in ([types] if isinstance(types, str) else types)),
    "minItems": lambda n, v: isinstance(v, list) and len(v) < n,
    "minLength": lambda n, v: isinstance(v, str) and len(v) < n,
    "pattern": lambda pattern, v: isinstance(v, str) and re.search(pattern, v) is None,
    "enum": lambda options, v: not any(json_equal(v, o) for o in options),
    "minimum": lambda least, v: TYPES["number"](v) and v < least,
    "maximum": lambda most, v: TYPES["number"](v) and v > most,
}


@dataclass(frozen=True)
class SchemaError:
    """One error, with jsonschema's ValidationError's fields of the same names."""

    absolute_path: Path  # from the document's root to the value the error is about
    validator: str  # the schema keyword that failed
    validator_value: Any  # that keyword's value in the schema
    instance: Any  # the value that failed it
    schema: Node  # the schema node that holds the keyword
    message: None = None  # jsonschema's words for it, which only jsonschema has


def schema_errors(instance: Any, schema: Node) -> Iterator[SchemaError]:
    """Every error of `instance` against `schema` (local $refs only), in jsonschema's order."""
    return _descend(instance, schema, (), schema)


def _descend(instance: Any, node: Node, path: Path, root: Node) -> Iterator[SchemaError]:
    """jsonschema's descend: each keyword of the node in the order written."""
    for key, value in node.items():
        if key in ANNOTATIONS or key.startswith("x-"):
            continue
        if key in _FAILS:
            if _FAILS[key](value, instance):
                yield SchemaError(path, key, value, instance, node)
        elif key == "$ref":
            yield from _descend(instance, _resolve(value, root), path, root)
        elif key == "items":
            if isinstance(instance, list):
                for index, item in enumerate(instance):
                    yield from _descend(item, value, (*path, index), root)
        elif key in _MAPPING:
            if isinstance(instance, dict):
                yield from _MAPPING[key](value, instance, node, path, root)
        else:
            raise ValueError(f"schemaerrors: the schema uses {key!r}, which this walk does not support")


def _resolve(pointer: str, root: Node) -> Node:
    target: Any = root
    for part in pointer.lstrip("#/").split("/"):
        target = target[part]
    return cast(Node, target)


def _properties(subs: Node, instance: Node, node: Node, path: Path, root: Node) -> Iterator[SchemaError]:
    for name, sub in subs.items():  # in the schema's order, not the page's
        if name in instance:
            yield from _descend(instance[name], sub, (*path, name), root)


def _required(names: list[str], instance: Node, node: Node, path: Path, root: Node) -> Iterator[SchemaError]:
    for name in names:  # one error for each missing key, each about the mapping
        if name not in instance:
            yield SchemaError(path, "required", names, instance, node)


def _additional(sub: Any, instance: Node, node: Node, path: Path, root: Node) -> Iterator[SchemaError]:
    known = node.get("properties", {})
    extras = set(k for k in instance if k not in known)  # a set, as jsonschema has it: its order too
    if isinstance(sub, dict):
        for extra in extras:
            yield from _descend(instance[extra], sub, (*path, extra), root)
    elif sub is False and extras:
        yield SchemaError(path, "additionalProperties", sub, instance, node)


def _names(sub: Node, instance: Node, node: Node, path: Path, root: Node) -> Iterator[SchemaError]:
    for name in instance:  # about the key itself, at its mapping's path
        yield from _descend(name, sub, path, root)


_MAPPING: dict[str, Callable[..., Iterator[SchemaError]]] = {
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional,
    "propertyNames": _names,
}
