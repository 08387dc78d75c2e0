"""A fast yes/no check of an instance against the published schema, compiled once into closures.

jsonschema explains *why* a page is invalid, but asking it *whether* a small page is valid costs
about 0.7 ms; this check costs a few microseconds. It supports exactly the keywords the schema
uses and refuses to compile any other, so a schema change cannot silently weaken it; a test holds
it equal to jsonschema on thousands of generated instances. Only a page it rejects goes on to
schemaerrors.py for its errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

ANNOTATIONS = {"$schema", "$id", "title", "description", "examples", "$defs", "default"}
TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function that says whether an instance is valid against `schema` (with local $refs)."""
    compiled: dict[str, Check] = {}

    def ref(pointer: str) -> Check:
        if pointer not in compiled:
            compiled[pointer] = lambda v: compiled[pointer + "#"](v)  # resolved below, once built
            target: Any = schema
            for part in pointer.lstrip("#/").split("/"):
                target = target[part]
            compiled[pointer + "#"] = build(target)
        return compiled[pointer]

    def build(node: dict[str, Any]) -> Check:
        checks: list[Check] = []
        for key, value in node.items():
            if key in ANNOTATIONS or key.startswith("x-"):
                continue
            check = _keyword(key, value, node, build, ref)
            if check is not None:
                checks.append(check)
        return _every(checks)

    return build(schema)


def _every(checks: list[Check]) -> Check:
    """All of `checks`, without a generator per call for the usual one or two."""
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def every(v: Any) -> bool:
        for check in checks:
            if not check(v):
                return False
        return True

    return every


def _keyword(
    key: str, value: Any, node: dict[str, Any], build: Callable[[dict[str, Any]], Check], ref: Callable[[str], Check]
) -> Check | None:
    if key == "$ref":
        return ref(value)
    if key == "type":
        tests = [TYPES[t] for t in ([value] if isinstance(value, str) else value)]
        return tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests)
    if key == "properties":
        subs = {name: build(sub) for name, sub in value.items()}

        def properties(v: Any) -> bool:
            if isinstance(v, dict):
                for k, x in v.items():
                    sub = subs.get(k)
                    if sub is not None and not sub(x):
                        return False
            return True

        return properties
    if key == "required":
        needed = frozenset(value)
        return lambda v: not isinstance(v, dict) or needed <= v.keys()
    if key == "additionalProperties":
        known = set(node.get("properties", {}))
        if value is False:
            return lambda v: not isinstance(v, dict) or v.keys() <= known
        sub = build(value)
        return lambda v: not isinstance(v, dict) or all(sub(x) for k, x in v.items() if k not in known)
    if key == "propertyNames":
        sub = build(value)
        return lambda v: not isinstance(v, dict) or all(sub(k) for k in v)
    if key == "items":
        sub = build(value)

        def items(v: Any) -> bool:
            if isinstance(v, list):
                for x in v:
                    if not sub(x):
                        return False
            return True

        return items
    if key == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= value
    if key == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= value
    if key == "pattern":
        search = re.compile(value).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if key == "enum":
        return lambda v: any(json_equal(v, e) for e in value)
    if key in ("minimum", "maximum"):
        number = TYPES["number"]
        if key == "minimum":
            return lambda v: not number(v) or v >= value
        return lambda v: not number(v) or v <= value
    raise ValueError(f"fastcheck: the schema uses {key!r}, which this check does not support")


def json_equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 equals 1.0, but true is not 1."""
    number = TYPES["number"]
    if number(a) and number(b):
        return bool(a == b)
    return type(a) is type(b) and a == b
