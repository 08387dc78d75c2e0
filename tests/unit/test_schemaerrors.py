"""The schema errors found from the schema's data are jsonschema's, field by field and in order, and
the findings worded from them are the findings worded from jsonschema's: on every kind of error on
every field of a page, alone and two or three at a time."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from fixtures.instances import mutate, seeds
from mkdocs_okr.read.frontmatter import read_okr
from mkdocs_okr.read.schemaerrors import schema_errors
from mkdocs_okr.read.validate import explain, is_valid, schema, validate, validator

BASE: dict[str, Any] = {
    "okr": {
        "team": "Checkout",
        "period": "2026-Q2",
        "customer": ["merchants"],
        "customers_users": ["shoppers"],
        "objectives": [
            {
                "id": "O1",
                "title": "Make checkout something merchants never have to think about",
                "aligns_to": "Commerce/2026-H1/O2",
                "ignore": {"shape": "Two objectives this quarter"},
                "key_results": [
                    {
                        "id": "KR1",
                        "text": "Raise the share of merchants on one-click checkout from 30% to 60%",
                        "baseline": 30,
                        "target": 60,
                        "current": 41,
                        "unit": "%",
                        "updated": "2026-04-30",
                        "measures": "customer",
                        "ignore": {"stale": "Measured each quarter"},
                    },
                    "Cut checkout-related support contacts per 1,000 merchants from 45 to 30",
                ],
            },
            {
                "title": "Keep merchants on the Pro plan",
                "key_results": ["Reduce churn of Pro merchants from 2.4% to 1.5%"],
            },
        ],
        "ignore": {"team": "A page of the guidance site"},
    }
}
# a value of every kind, and the ones each field's own check refuses: empty, out of range, off pattern
BAD_VALUES: list[Any] = [
    None,
    True,
    0,
    2.5,
    2026,
    1899,
    3000,
    10**16,
    -(10**16),
    "",
    "x",
    "2026-Q5",
    "2026-03-31\n",
    "Bad Id",
    "custmer",
    "a/2026/O1",
    "Restaurant platform",
    [],
    [""],
    ["a"],
    [1],
    [None],
    {},
    {"text": ""},
    {"Bad Rule": "x"},
    {"stale": ""},
    {"stale": 3},
]


def places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every key and list item of a document."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield (*path, key)
        yield from places(child, (*path, key))


def at(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def broken_pages() -> Iterator[dict[str, Any]]:
    """Every kind of error on every field: each value replaced by each bad value, each key dropped,
    each key misspelt (close enough for a did-you-mean, and not), an unknown key in each mapping."""
    for path in places(BASE):
        for value in BAD_VALUES:
            doc = copy.deepcopy(BASE)
            at(doc, path[:-1])[path[-1]] = copy.deepcopy(value)
            yield doc
        parent = at(BASE, path[:-1])
        if isinstance(parent, dict):
            for change in ("drop", "misspell", "rename"):
                doc = copy.deepcopy(BASE)
                mapping = at(doc, path[:-1])
                value = mapping.pop(path[-1])
                if change != "drop":
                    mapping[f"{path[-1]}s" if change == "misspell" else "zzz"] = value
                yield doc
        if isinstance(at(BASE, path), dict):
            doc = copy.deepcopy(BASE)
            at(doc, path)["comment"] = "an unknown key"
            yield doc


def as_page(doc: Any, empty: bool) -> str:
    """The front matter of a page holding `doc`; with `empty`, an empty value is written as nothing."""
    text = yaml.dump(
        doc, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False, allow_unicode=True, width=1000
    )
    if empty:
        text = text.replace(": null\n", ":\n")
    return f"---\n{text}---\n# Page\n"


def pages() -> list[str]:
    single = list(broken_pages())
    rng = random.Random(20260116)
    several = []
    for _ in range(400):  # two or three errors at once, in different fields or in one
        doc = rng.choice(single)
        for _ in range(rng.randrange(1, 3)):
            doc = mutate(doc, rng)
        several.append(doc)
    return [as_page(doc, empty) for doc in single + several for empty in (False, True)]


def test_the_errors_are_jsonschemas_field_by_field_and_in_order() -> None:
    rng = random.Random(20260117)
    docs = [doc for doc in seeds() + [BASE] + list(broken_pages())]
    docs += [mutate(rng.choice(docs), rng) for _ in range(1500)]
    compared = 0
    for doc in docs:
        fast = [(e.absolute_path, e.validator, e.validator_value, e.schema) for e in schema_errors(doc, schema())]
        full = [
            (tuple(e.absolute_path), e.validator, e.validator_value, e.schema) for e in validator().iter_errors(doc)
        ]
        assert fast == full, yaml.safe_dump(doc)
        assert [e.instance for e in schema_errors(doc, schema())] == [e.instance for e in validator().iter_errors(doc)]
        compared += bool(full)
    assert compared > 1500


def test_the_fast_findings_are_jsonschemas_on_every_kind_of_error_on_every_field() -> None:
    worded_by_jsonschema = checked = 0
    texts = pages()
    assert len(texts) > 2500
    for text in texts:
        front = read_okr(text)
        if front is None or front.data is None or is_valid()(front.data):
            continue  # no okr key any more, or YAML that does not read, or a value that is still valid
        checked += 1
        full = explain(validator().iter_errors(front.data), front)
        assert full is not None
        assert validate(front) == full, text
        if explain(schema_errors(front.data, schema()), front) is None:
            worded_by_jsonschema += 1
            assert "does not match" in " ".join(f.message for f in full.findings), text
    assert checked > 0.8 * len(texts)
    assert 0 < worded_by_jsonschema < checked / 20  # an ignored rule's name off its pattern, and only that


def test_an_unsupported_keyword_is_refused_not_ignored() -> None:
    changed = copy.deepcopy(schema())
    changed["$defs"]["okr"]["not"] = {"type": "null"}
    with pytest.raises(ValueError, match="'not'"):
        list(schema_errors({"okr": {}}, changed))
