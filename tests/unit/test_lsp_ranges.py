"""Where a finding's underline ends: the YAML token that starts at its column, read from the line."""

from __future__ import annotations

import pytest

from mkdocs_okr.lsp.ranges import token_end


@pytest.mark.parametrize(
    ("line", "token"),
    [
        ("  team: Platform", "team"),  # a key, to its colon
        ("  period: Q3 2026", "Q3 2026"),  # a plain value, spaces and all
        ("  period: Q3 2026   # the third quarter", "Q3 2026"),  # not its comment
        ('  title: "Say \\"hi\\": twice" # c', '"Say \\"hi\\": twice"'),  # a double-quoted value, escapes kept
        ("  title: 'it''s: here' # c", "'it''s: here'"),  # a single-quoted value, '' inside
        ("  customer: [owners, staff] # c", "[owners, staff]"),  # a flow collection, to its bracket
        ('  ignore: {stale: "why: here"}', '{stale: "why: here"}'),  # a quoted colon inside
        ("  - {text: Ship it, updated: 2026-01-05}", "2026-01-05"),  # a plain value inside a flow mapping
        ("  - {text: Ship it, updated: 2026-01-05}", "updated"),  # a key inside a flow mapping
        ("  url: http://example.com/a#b", "http://example.com/a#b"),  # ':' and '#' that end nothing
        ('  title: "never closed', '"never closed'),  # to the line's end
        ("---", "---"),
    ],
)
def test_the_token_at_a_column_is_the_key_or_value_that_starts_there(line: str, token: str) -> None:
    start = line.index(token)
    assert line[start : token_end(line, start)] == token


def test_a_column_past_the_line_covers_nothing() -> None:
    assert token_end("  team:", 7) == 7
