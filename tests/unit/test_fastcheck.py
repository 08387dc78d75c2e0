"""The fast schema check says exactly what jsonschema says, on thousands of generated instances."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest

from conftest import DATA
from mkdocs_okr.read.fastcheck import compile_schema
from mkdocs_okr.read.frontmatter import read_okr
from mkdocs_okr.read.validate import is_valid, schema_text, validator

VALUES: list[Any] = [None, True, False, 0, 1, 1.0, 2.5, -3, 2026, 1e9, "", "x", "O1", "2026-Q1", "Q1 2026", "2026-H3",
                     "customer", "customers_users", "users", [], ["a"], [1], {}, {"a": 1}, {"text": "t"}]
KEYS = ["team", "period", "customer", "customers_users", "objectives", "id", "title", "key_results", "text",
        "baseline", "target", "current", "unit", "measures", "ignore", "controllability", "Bad Key", "extra"]


def seeds() -> list[Any]:
    pages = sorted((DATA / "broken_site" / "docs").rglob("*.md")) + sorted(DATA.parent.parent.joinpath("docs").rglob("*.md"))
    found = []
    for page in pages:
        front = read_okr(page.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
        if front is not None and front.data is not None:
            found.append(front.data)
    return found


def mutate(doc: Any, rng: random.Random) -> Any:
    """Change one place in a document: replace a value, drop a key, add a key, empty a list."""
    doc = copy.deepcopy(doc)
    containers = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            containers.append(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            containers.append(node)
            for v in node:
                walk(v)

    walk(doc)
    target = rng.choice(containers)
    action = rng.randrange(4)
    if isinstance(target, dict) and target:
        key = rng.choice(sorted(target, key=str))
        if action == 0:
            del target[key]
        elif action == 1:
            target[rng.choice(KEYS)] = rng.choice(VALUES)
        else:
            target[key] = copy.deepcopy(rng.choice(VALUES))
    elif isinstance(target, list) and target:
        if action == 0:
            target.clear()
        else:
            target[rng.randrange(len(target))] = copy.deepcopy(rng.choice(VALUES))
    return doc


def test_the_fast_check_agrees_with_jsonschema_everywhere() -> None:
    rng = random.Random(20261123)
    docs = seeds()
    assert len(docs) >= 15
    checked = valid = 0
    for _ in range(4000):
        doc = rng.choice(docs)
        for _ in range(rng.randrange(1, 4)):
            doc = mutate(doc, rng)
        expected = validator().is_valid(doc)
        assert is_valid()(doc) == expected, json.dumps(doc, default=str)[:500]
        checked += 1
        valid += expected
    assert 0 < valid < checked  # both answers were exercised


def test_an_unsupported_keyword_is_refused_not_ignored() -> None:
    schema = json.loads(schema_text())
    schema["$defs"]["okr"]["oneOf"] = [{"type": "object"}]
    with pytest.raises(ValueError, match="oneOf"):
        compile_schema(schema)
