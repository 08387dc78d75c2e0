"""Hypothesis strategies for hostile OKR pages, and the property every page must satisfy; shared by
the fuzz tests and bench/fuzz.py."""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

import yaml
from hypothesis import strategies as st

from mkdocs_okr.check import Options, PageResult, check_bytes
from mkdocs_okr.rules.registry import registry

FIELDS = ["team", "period", "customer", "customers_users", "objectives", "id", "title", "key_results", "text",
          "baseline", "target", "current", "unit", "measures", "updated", "ignore", "aligns_to", "okr"]
# scalars that YAML 1.1 reads as something else, or that mean something to YAML, HTML or Jinja
ODD = ["yes", "on", "No", "~", "null", "2026-03-31", "1:30", "010", "1e3", ".inf", ".nan", "<<", "&a", "*a", "!!str",
       "- x", "[", "{", "# no", "'", '"', "\\", "\t", "\x00", "\u2028", "\ufeff", "okr:", "---", "...", "%YAML 1.1",
       "<script>alert(1)</script>", "{{ 7 * 7 }}", "javascript:alert(1)", "KR1", "O1", "2026-Q1"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30), st.sampled_from(ODD),
    st.dates(min_value=datetime.date(1, 1, 1)), st.datetimes(),
)
keys = st.one_of(st.sampled_from(FIELDS), st.sampled_from(ODD), st.text(max_size=12), st.integers(), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=5), max_leaves=40)


def mostly(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A plausible value, or now and then anything at all (one_of would weigh the two alike; and
    hypothesis favours the ends of a range, so neither end picks the odd one)."""
    return st.integers(0, 15).flatmap(lambda pick: values if pick == 5 else good)


words = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40).filter(str.strip)
sentences = st.one_of(words, st.sampled_from([
    "Raise the renewal rate of restaurant owners from 82% to 90%", "Increase orders per diner from 1.2 to 1.5",
    "Ship the menu editor by March", "<script>alert(1)</script> {{ 7 * 7 }}", "Cut time to publish from 3 days to 1 day",
]))
numbers = st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False))
rule_ids = st.sampled_from(["controllability", "measurable", "no-target", "stale", "schema", "contollability", "nonsense"])


def okr_like() -> st.SearchStrategy[dict[str, Any]]:
    """OKR blocks mostly of the right shape, any value now and then in any field, so that pages
    reach validation, the model, the classifier, suppression and cards, not only the YAML reader."""
    ignore = st.dictionaries(rule_ids, words, max_size=2)
    key_result = mostly(st.one_of(sentences, st.fixed_dictionaries(
        {"text": mostly(sentences)},
        optional={"id": mostly(st.sampled_from(["KR1", "KR2", "kr-3"])), "baseline": mostly(numbers),
                  "target": mostly(numbers), "current": mostly(numbers), "unit": mostly(st.sampled_from(["%", "$", "days", "pp", "<b>"])),
                  "measures": mostly(st.sampled_from(["customer", "customers_users", "team"])),
                  "updated": mostly(st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 1, 1)).map(str)), "ignore": mostly(ignore)},
    )))
    objective = mostly(st.fixed_dictionaries(
        {"title": mostly(sentences), "key_results": mostly(st.lists(key_result, min_size=1, max_size=6))},
        optional={"id": mostly(st.sampled_from(["O1", "O2", "obj.3"])), "ignore": mostly(ignore),
                  "aligns_to": mostly(st.sampled_from(["Restaurant platform/2026-Q1/O1", "Other/2026/O2", "Restaurant platform/2026-Q1/O2"]))},
    ))
    return st.fixed_dictionaries(
        {"team": mostly(words), "period": mostly(st.sampled_from(["2026", "2026-Q1", "2026-H2"])),
         "objectives": mostly(st.lists(objective, min_size=1, max_size=4))},
        optional={"customer": mostly(st.lists(words, min_size=1, max_size=2)), "customers_users": mostly(words), "ignore": mostly(ignore)},
    )


def dump(block: Any) -> str:
    """A YAML page whose front matter holds `block` under `okr:`."""
    return "---\n" + yaml.safe_dump({"okr": block}, allow_unicode=True, sort_keys=False) + "---\n# Body\n"


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate stays: bytes that are not UTF-8


okr_pages = okr_like().map(dump).map(encode)
yaml_pages = values.map(dump).map(encode)
text_pages = st.text(max_size=300).map(lambda text: encode("---\nokr:\n" + text + "\n---\n"))
byte_pages = st.binary(max_size=300).flatmap(lambda raw: st.sampled_from([raw, b"---\nokr:\n  " + raw, b"---\n" + raw + b"\nokr: x\n---\n"]))
pages = st.one_of(okr_pages, okr_pages, yaml_pages, text_pages, byte_pages)


def check_one(raw: bytes) -> PageResult:
    """Check a page and assert the property: no exception; an OKR page gives a model, or findings
    each with a place in the page, a known rule and a one-line message."""
    result = check_bytes(raw, "fuzz.md", Options())
    lines = raw.count(b"\n") + 1
    for d in result.diagnostics:
        assert d.rule in registry(), d
        assert 1 <= d.line <= lines and d.column >= 1, d
        assert len(d.message.splitlines()) == 1 and not any(unicodedata.category(c) == "Cc" for c in d.message.replace("\t", "")), d
    if result.is_okr_page:
        assert result.okr is not None or result.diagnostics, raw
    else:
        assert result.okr is None and not result.diagnostics
    return result
