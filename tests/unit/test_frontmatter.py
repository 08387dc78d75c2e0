"""Reading front matter: positions, encodings, YAML traps and hostile tags, through the one core function."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_okr.check import Options, check_file, check_text
from mkdocs_okr.model import Severity

SHAPE_AND_CLASSIFIER = ("controllability", "measurable", "key-result-count", "objective-metric", "no-target")

# these tests are about reading; the classifier's findings have their own tests
QUIET = Options(severity={rule: Severity.IGNORE for rule in SHAPE_AND_CLASSIFIER})

GOOD = """\
---
okr:
  team: Restaurant platform
  period: 2026-Q1
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - Raise renewal from 82% to 90%
---
# Body
"""


def findings(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.rule) for d in check_text(text, "p.md", QUIET).diagnostics]


def messages(text: str) -> list[str]:
    return [d.message for d in check_text(text, "p.md", QUIET).diagnostics]


def test_a_good_page_gives_a_model_and_no_findings() -> None:
    result = check_text(GOOD, "p.md", QUIET)
    assert result.is_okr_page and result.diagnostics == []
    assert result.okr is not None and result.okr.objectives[0].key_results[0].text.startswith("Raise")
    assert (result.okr.objectives[0].key_results[0].line, result.okr.objectives[0].key_results[0].column) == (8, 11)


@pytest.mark.parametrize(
    "text",
    [
        "# No front matter\n",
        "---\ntitle: Plain page\n---\n# Body\n",
        "---\n\n---\n# Empty block\n",
        "---\n---\n# Two rules, not front matter\n",
        "---\n- a list\n- of things\n---\n",
        "---\ntitle: [unclosed\n---\n# broken YAML but nothing about okr\n",
        "---\ntitle: okr\n---\n# the word okr as a value\n",
        "---\n\n# An opening rule never closed, no okr\n",
    ],
)
def test_pages_that_are_not_okr_pages_are_left_alone(text: str) -> None:
    result = check_text(text, "p.md", QUIET)
    assert not result.is_okr_page and result.diagnostics == [] and result.okr is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # YAML 1.1 traps, each at the value, each telling how to write it instead
        (GOOD.replace("2026-Q1", "2026-03-31"), [(4, 11, "implicit-type")]),
        (GOOD.replace("Raise renewal from 82% to 90%", "on"), [(8, 11, "implicit-type")]),
        (GOOD.replace("Raise renewal from 82% to 90%", "No"), [(8, 11, "implicit-type")]),
        (
            GOOD.replace("- Raise renewal from 82% to 90%", "- text: x\n          target: 1:30"),
            [(9, 19, "implicit-type")],
        ),
        (
            GOOD.replace("- Raise renewal from 82% to 90%", "- text: x\n          target: 1e3"),
            [(9, 19, "implicit-type")],
        ),
        (
            GOOD.replace("- Raise renewal from 82% to 90%", "- text: x\n          target: 010"),
            [(9, 19, "implicit-type")],
        ),
        # quoted, the same values are what they say
        (GOOD.replace("2026-Q1", '"2026"'), []),
        (GOOD.replace("Raise renewal from 82% to 90%", "'on'"), []),
        # duplicates at every depth, at the second key
        (GOOD.replace("  period: 2026-Q1\n", "  period: 2026-Q1\n  period: 2026-Q2\n"), [(5, 3, "duplicate-key")]),
        (GOOD.replace("---\nokr:", "---\nokr:\n  team: A\nokr:", 1), [(4, 1, "duplicate-key")]),
        (
            GOOD.replace("- Raise renewal from 82% to 90%", "- text: a\n          unit: x\n          unit: y"),
            [(10, 11, "duplicate-key")],
        ),
        # syntax errors at their line; an unclosed block at its opening
        (GOOD.replace("  period: 2026-Q1", "  period: [2026-Q1"), [(4, 11, "yaml")]),
        (GOOD.replace("    - title", "   - title"), [(7, 7, "yaml")]),
        (GOOD.replace("---\n# Body", "# Body"), [(1, 1, "yaml")]),
    ],
)
def test_findings_point_at_the_offending_line_and_column(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert findings(text) == expected


def test_trap_messages_say_how_to_write_the_value() -> None:
    assert messages(GOOD.replace("2026-Q1", "2026-03-31")) == [
        'YAML reads 2026-03-31 as a date, not as text; quote it: "2026-03-31"'
    ]
    assert "quote it" in messages(GOOD.replace("Raise renewal from 82% to 90%", "off"))[0]
    assert (
        "base-60 number 90"
        in messages(GOOD.replace("- Raise renewal from 82% to 90%", "- text: x\n          target: 1:30"))[0]
    )
    assert "(1000)" in messages(GOOD.replace("- Raise renewal from 82% to 90%", "- text: x\n          target: 1e3"))[0]


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        # a tab in the indentation: libyaml says "found character that cannot start any token"
        ("    - title", "\t- title", (6, 1), "indented with a tab"),
        ("  team:", "\tteam:", (3, 1), "indented with a tab"),
        # a key de-indented by one: "did not find expected '-' indicator"
        ("      key_results:", "     key_results:", (7, 6), "indented by 5 spaces and the key above it by 6 spaces"),
        # a key indented by one: "mapping values are not allowed here"
        ("  period:", "   period:", (4, 4), "indented by 3 spaces and the key above it by 2 spaces"),
        # one item de-indented under another: "did not find expected key"
        (
            "        - Raise renewal from 82% to 90%",
            "        - a\n       - Raise renewal",
            (9, 8),
            "indented by 7 spaces and the item above it by 8 spaces",
        ),
    ],
)
def test_obscure_yaml_errors_say_in_plain_words_what_to_fix(
    old: str, new: str, where: tuple[int, int], words: str
) -> None:
    [found] = check_text(GOOD.replace(old, new), "p.md", QUIET).diagnostics
    assert (found.rule, found.line, found.column) == ("yaml", *where)
    assert words in found.message, found.message
    assert "cannot start any token" not in found.message and "expected" not in found.message


def test_bom_and_crlf_keep_positions(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("2026-Q1", "Q1").replace("\n", "\r\n").encode())
    result = check_file(page, "p.md", QUIET)
    assert [(d.line, d.column, d.rule) for d in result.diagnostics] == [(4, 11, "schema")]


def test_non_utf8_bytes_are_a_finding_with_the_byte_offset(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    raw = GOOD.replace("Restaurant", "Caf\xe9").encode("latin-1")
    page.write_bytes(raw)
    (d,) = check_file(page, "p.md", QUIET).diagnostics
    assert (d.line, d.column, d.rule) == (3, 12, "encoding")
    offset = raw.index(bytes([0xE9]))
    assert f"byte offset {offset}" in d.message


def test_non_ascii_columns_count_characters() -> None:
    text = GOOD.replace("  period: 2026-Q1", "  team_é: x\n  period: 2026-Q1").replace("team: Restaurant", "team: Ré")
    (d,) = check_text(text, "p.md", QUIET).diagnostics
    assert (d.line, d.column) == (4, 3)


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!custom {marker}",
    ],
)
def test_tags_are_refused_and_nothing_executes(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "owned"
    text = GOOD.replace("Raise renewal from 82% to 90%", payload.format(marker=marker))
    result = check_text(text, "p.md", QUIET)
    assert [(d.line, d.column, d.rule) for d in result.diagnostics] == [(8, 11, "yaml")]
    assert "is not allowed" in result.diagnostics[0].message
    assert result.okr is None and not marker.exists()


def test_alias_bomb_is_bounded() -> None:
    lines = ["---", "okr:", "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"  a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    result = check_text("\n".join(lines + ["---", ""]), "p.md", QUIET)
    assert [(d.rule, d.line) for d in result.diagnostics] == [("limit", 3)]
    assert "more than 10,000 values" in result.diagnostics[0].message and result.okr is None


def test_all_findings_of_a_page_at_once_sorted_by_line() -> None:
    text = (
        GOOD.replace("2026-Q1", "Q1 2026")
        .replace("    - title: Keep", "    - titel: Keep")
        .replace("  team: Restaurant platform\n", "  team: Restaurant platform\n  team: Again\n")
    )
    lines = [d.line for d in check_text(text, "p.md", QUIET).diagnostics]
    assert lines == sorted(lines) and len(lines) == 3


def test_the_remembering_loader_resolves_every_scalar_as_yaml_does() -> None:
    """The loader caches how plain scalars resolve; it must give the tags PyYAML's own loader gives,
    including the second time the same value is seen, quoted or not."""
    import yaml

    from mkdocs_okr.read.yamlnodes import _BaseLoader, _Loader

    values = [
        "text",
        "12",
        "1.5",
        "1e3",
        "0o17",
        "017",
        "0x1F",
        "1:30",
        "yes",
        "No",
        "on",
        "~",
        "null",
        "",
        "2026-03-31",
        "2026-03-31 10:00:00",
        ".inf",
        "-.NaN",
        "<<",
        "=",
        "+1_000",
        "'12'",
        '"yes"',
    ]
    document = "\n".join(f"k{i}: {v}" for i, v in enumerate(values * 2))
    tags = lambda loader: [v.tag for _, v in yaml.compose(document, Loader=loader).value]  # noqa: E731
    assert tags(_Loader) == tags(_BaseLoader)
    assert len(set(tags(_Loader))) >= 7


def test_each_of_thousands_of_unknown_keys_is_found_at_its_own_line() -> None:
    """Each key's position is found through an index of its mapping, built once: a scan of the
    mapping per finding made 9,000 unknown keys take 4.4 s (0.9 s with the index, whole command)."""
    keys = "".join(f"  unknown{i}: 1\n" for i in range(3000))
    text = GOOD.replace("  objectives:\n", keys + "  objectives:\n")
    found = [(d.line, d.message) for d in check_text(text, "p.md", QUIET).diagnostics if d.rule == "schema"]
    assert found == [
        (
            5 + i,
            f'okr: unknown key "unknown{i}"; allowed keys: team, period, customer, customers_users, objectives, health, ignore',
        )
        for i in range(3000)
    ]


def test_looking_up_every_key_of_a_mapping_reads_its_keys_once() -> None:
    """Issue 21, item 14: each lookup scanned the mapping, so a finding on each of 9,000 keys took
    seconds (bench/hostile_scaling.py shows the growth)."""
    from mkdocs_okr.read.frontmatter import read_okr

    class Counted(list):  # type: ignore[type-arg]
        scans = 0

        def __iter__(self):  # type: ignore[no-untyped-def]
            Counted.scans += 1
            return super().__iter__()

        def __reversed__(self):  # type: ignore[no-untyped-def]
            Counted.scans += 1
            return super().__reversed__()

    keys = "".join(f"  unknown{i}: 1\n" for i in range(500))
    front = read_okr(GOOD.replace("  objectives:\n", keys + "  objectives:\n"))
    assert front is not None and front.positions.root is not None
    front.positions.root.value = Counted(front.positions.root.value)
    lines = [front.positions.key_position(f"/okr/unknown{i}").line for i in range(500)]
    assert lines == list(range(5, 505)) and Counted.scans <= 1
