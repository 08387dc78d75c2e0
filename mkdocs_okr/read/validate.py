"""Validate an okr block against the published JSON Schema, in plain words at exact positions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from ..datafiles import text
from ..model import Finding, escape, human_path
from .fastcheck import Check, compile_schema
from .frontmatter import FrontMatter
from .schemaerrors import SchemaError, schema_errors

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

    Error = SchemaError | ValidationError

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "null": "nothing",
}


def schema_text() -> str:
    """The JSON Schema exactly as published."""
    return text("schema/okr.schema.json")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The schema's data, read once."""
    return json.loads(schema_text())  # type: ignore[no-any-return]  # the published schema: a JSON object


@lru_cache(maxsize=1)
def is_valid() -> Check:
    """The fast yes/no check, compiled once from the same schema."""
    return compile_schema(schema())


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """The validator, built once: building it checks the schema, which costs more than a page.
    jsonschema is imported only here, for an error worded in its own words (see `validate`):
    neither a clean build nor the common mistakes pay for it."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


@dataclass
class Validation:
    """Every schema finding of a block, each at the key or value it is about, and where each error
    is (its path and schema keyword), so the valid rest of an invalid block can still be checked."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def validate(front: FrontMatter) -> Validation:
    """Validate the block. Its errors are found from the schema's data (schemaerrors.py), as
    jsonschema finds them; only when one of them is worded in jsonschema's own words is it asked
    (its import costs a one-file check half its start-up)."""
    data = front.data
    if is_valid()(data):
        return Validation()
    found = explain(schema_errors(data, schema()), front)
    if found is None:
        found = explain(validator().iter_errors(data), front)
        assert found is not None  # jsonschema's errors have their words
    return found


def explain(errors: Iterable[Error], front: FrontMatter) -> Validation | None:
    """The findings of a block's errors, or None when one needs the words of jsonschema, which
    `errors` do not have. A value the reader already explained (a refused tag, a YAML 1.1 trap)
    gets no second finding, so a block can be invalid with no schema finding of its own."""
    taken = {f.pointer for f in front.findings if f.rule != "duplicate-key"}
    findings: dict[tuple[str, str], Finding] = {}
    paths = []
    for error in errors:
        paths.append((tuple(error.absolute_path), str(error.validator)))
        explained = _explain(error, front)
        if explained is None:
            return None
        for finding in explained:
            if finding.pointer not in taken:
                findings.setdefault((finding.pointer, finding.message), finding)
    return Validation(list(findings.values()), paths)


def _explain(error: Error, front: FrontMatter) -> list[Finding] | None:
    pointer = "".join(f"/{escape(str(p))}" for p in error.absolute_path)
    where = human_path(pointer)
    instance: Any = error.instance
    schema = cast("dict[str, Any]", error.schema)  # a subschema of ours: always a mapping
    kind, value = error.validator, cast(Any, error.validator_value)
    # an empty value has no text of its own to point at: point at its key
    at = front.positions.key_position(pointer) if instance is None else front.positions.position(pointer)
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        return [_unknown_key(key, allowed, pointer, where, front) for key in instance if key not in allowed]
    if kind == "required":
        unknown = [k for k in instance if k not in schema.get("properties", {})]
        missing = [k for k in value if k not in instance]
        parent = front.positions.key_position(pointer)
        return [
            Finding("schema", parent, f'{where}: missing required key "{key}"', pointer)
            for key in missing
            if not get_close_matches(key, unknown, n=1, cutoff=0.75)
        ]
    if kind == "type":
        # a field's own words, but "a number" for a number whose words are about its bounds
        expected = (schema.get("x-expected") if schema.get("type") != "number" else None) or _either(value)
        message = f"{where}: expected {expected}, got {_describe(instance)}"
    elif kind in ("pattern", "minimum", "maximum") and "x-expected" in schema:
        message = f"{where}: expected {schema['x-expected']}, got {_describe(instance)}"
    elif kind == "enum":
        options = ", ".join(f'"{v}"' for v in value)
        message = f"{where}: expected one of {options}, got {_describe(instance)}"
        message += _did_you_mean(instance, [str(v) for v in value])
    elif kind == "minItems":
        message = f"{where}: expected at least {_count(value, 'item')}, got an empty list"
    elif kind == "minLength":
        message = f"{where}: must not be empty"
    elif error.message is None:  # jsonschema's words, and only it has them
        return None
    else:
        message = f"{where}: {error.message}"
    return [Finding("schema", at, message, pointer)]


def _unknown_key(key: str, allowed: list[str], pointer: str, where: str, front: FrontMatter) -> Finding:
    child = f"{pointer}/{escape(key)}"
    hint = _did_you_mean(key, allowed) or f"; allowed keys: {', '.join(allowed)}"
    return Finding("schema", front.positions.key_position(child), f'{where}: unknown key "{key}"{hint}', child)


def _did_you_mean(value: Any, options: list[str]) -> str:
    if not isinstance(value, str):
        return ""
    match = get_close_matches(value, options, n=1, cutoff=0.7)
    return f' — did you mean "{match[0]}"?' if match else ""


def _either(types: str | list[str]) -> str:
    names = [_TYPE_WORDS[t] for t in ([types] if isinstance(types, str) else types)]
    return " or ".join(names)


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, list):
        return f"a list of {_count(len(value), 'item')}"
    return "a mapping"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
