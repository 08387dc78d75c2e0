"""The fast schema check says exactly what jsonschema says, on thousands of generated instances."""

from __future__ import annotations

import json
import random

import pytest

from fixtures.instances import mutate, seeds
from mkdocs_okr.read.fastcheck import compile_schema
from mkdocs_okr.read.validate import is_valid, schema_text, validator


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
