"""`mkdocs-okr lsp`, driven over stdio by a real LSP client (pygls'), as an editor drives it: one
server for the module, in a site whose mkdocs.yml sets the parties, with pages on disk for the
cross-page rules. Each quick fix is applied to the text and the fixed text checked, and then
checked again by the server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from lsprotocol import types

from fixtures.lsp import Session, apply
from fixtures.sites import CLI
from mkdocs_okr.options.site_config import load
from mkdocs_okr.read.validate import schema
from mkdocs_okr.site.outcome import Look, markdown_page

CONFIG = """\
site_name: LSP
plugins:
  - okr:
      customer: [restaurant owners]
      customers_users: [diners]
"""
FIRST = """\
---
okr:
  team: Restaurant platform
  period: 2026-Q1
  objectives:
    - id: O1
      title: Keep restaurants
      key_results:
        - Raise renewal of restaurant owners from 82% to 90%
        - Cut the time restaurant owners take to publish a menu from 3 days to 1 day
---
"""
PLAN = """\
---
okr:
  team: Restaurant platform
  period: 2026-Q1
  objectives:
    - id: O1
      title: Grow orders
      aligns_to: Marketplce/2026-Q1/O1
      key_results:
        - Increase orders per diner per week from 1.2 to 1.5
        - text: Raise renewal of restaurant owners from 82% to 90%
          updated: 2026-01-05
---
# Plan
"""
KR = "Increase orders per diner per week from 1.2 to 1.5"  # a key result that measures diners, the customers' users
MARKET = FIRST.replace("Restaurant platform", "Marketplace")
SEVERITIES = {types.DiagnosticSeverity.Error: "error", types.DiagnosticSeverity.Warning: "warning"}
SEVERITIES[types.DiagnosticSeverity.Information] = "info"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lsp")
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (folder / "docs").mkdir()
    for name, text in {"a-first.md": FIRST, "plan.md": PLAN, "market.md": MARKET}.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(root: Path) -> Iterator[Session]:
    session = Session(root, {"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01, as every test's day
    yield session
    assert session.stop() == 0
    assert "Traceback" not in session.stderr.decode(), session.stderr.decode()


def page(team: str, key_result: str, extra: str = "") -> str:
    """A small page of its own team, so that no two tests' pages are each other's duplicates; its
    first key result is `key_result` (lines without their indentation), and a second follows."""
    head = f"---\nokr:\n  team: {team}\n  period: 2026-Q1\n{extra}  objectives:\n    - title: Keep restaurants\n      key_results:\n"
    krs = [*key_result.splitlines(), "- Cut the time restaurant owners take to publish a menu from 3 days to 1 day"]
    return head + "".join(f"{' ' * 8}{line}\n" for line in krs) + "---\n# Page\n"


def row(text: str, line: str) -> int:
    """The index of a line of a page."""
    return text.split("\n").index(line)


def covered(text: str, d: types.Diagnostic) -> str:
    line = text.split("\n")[d.range.start.line]
    assert d.range.end.line == d.range.start.line
    return line[d.range.start.character : d.range.end.character]


def test_initialize_says_what_the_server_does(server: Session) -> None:
    capabilities = server.initialized.capabilities
    assert server.initialized.server_info is not None and server.initialized.server_info.name == "mkdocs-okr"
    assert capabilities.hover_provider and capabilities.code_action_provider and capabilities.completion_provider
    server.until(lambda: bool(server.registrations))  # the server asks to be told of changes to the site's files
    assert [r.method for r in server.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]


def test_the_findings_are_those_of_check_at_the_key_or_value_they_are_about(server: Session, root: Path) -> None:
    found = server.open("docs/plan.md", PLAN, ready="duplicate-id")
    run = subprocess.run([*CLI, "check", "docs/plan.md", "--format", "json"], cwd=root, capture_output=True, text=True)
    expected = [
        (d["line"], d["column"], d["severity"], d["rule"], d["message"]) for d in json.loads(run.stdout)["diagnostics"]
    ]
    assert [
        (d.range.start.line + 1, d.range.start.character + 1, SEVERITIES[d.severity], d.code, d.message) for d in found
    ] == expected
    assert [(d.code, covered(PLAN, d)) for d in found] == [
        ("duplicate-id", "id"),
        ("aligns-to", "Marketplce/2026-Q1/O1"),
        ("controllability", "Increase orders per diner per week from 1.2 to 1.5"),
        ("implicit-type", "2026-01-05"),
    ]
    assert all(d.source == "mkdocs-okr" for d in found)
    assert found[0].code_description is not None
    assert found[0].code_description.href == "https://mkdocs-okr.github.io/mkdocs-okr/rules/duplicate-id/"
    server.close("docs/plan.md")


FENCED = """\
# Menu team

```okr
team: Fenced
period: 2026-Q1
objectives:
  - title: Keep restaurants
    key_results:
      - Increase orders per diner per week from 1.2 to 1.5
      - text: Raise renewal of restaurant owners from 82% to 90%
        updated: 2026-01-05
```
"""


def test_a_fenced_block_has_the_findings_the_markdown_extension_gives_it(server: Session, root: Path) -> None:
    found = server.open("docs/fenced.md", FENCED)
    options = load(root / "mkdocs.yml").options
    expected = markdown_page(FENCED, "docs/fenced.md", options, Look(cards=False), None).fences[0][1].diagnostics
    assert [(d.range.start.line + 1, d.range.start.character + 1, d.code, d.message) for d in found] == [
        (d.line, d.column, d.rule, d.message) for d in expected
    ]
    assert [(d.code, covered(FENCED, d)) for d in found] == [
        ("controllability", "Increase orders per diner per week from 1.2 to 1.5"),
        ("implicit-type", "2026-01-05"),
    ]
    shown = server.hover(
        "docs/fenced.md", row(FENCED, "      - Increase orders per diner per week from 1.2 to 1.5"), 12
    )
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.value.startswith("**↗ Outside your control**")
    server.close("docs/fenced.md")


def test_ranges_count_utf16_units_as_the_protocol_does(server: Session) -> None:
    text = page("Emoji", '- {text: "🍕 Increase orders per diner per week from 1.2 to 1.5", updated: 2026-01-05}')
    found = server.open("docs/emoji.md", text)
    line = text.split("\n")[
        row(text, '        - {text: "🍕 Increase orders per diner per week from 1.2 to 1.5", updated: 2026-01-05}')
    ]
    units = line.encode("utf-16-le")
    typed = [d for d in found if d.code == "implicit-type"][0]
    assert units[typed.range.start.character * 2 : typed.range.end.character * 2].decode("utf-16-le") == "2026-01-05"
    assert typed.range.start.character == line.index("2026-01-05") + 1  # the pizza is two UTF-16 units
    server.close("docs/emoji.md")


def test_a_change_is_checked_once_the_typing_stops(server: Session) -> None:
    name = "docs/typing.md"
    text = page("Typing", "- text: Raise renewal of restaurant owners from 82% to 90%\n  updated: 2026-01-05\n")
    assert [d.code for d in server.open(name, text)] == ["implicit-type"]
    line = row(text, "          updated: 2026-01-05")
    value = types.Range(types.Position(line, 19), types.Position(line, 29))
    quoted = types.TextDocumentContentChangePartial(range=value, text='"2026-01-05"')
    server.change(name, types.TextDocumentContentChangePartial(range=value, text="2026-01-0"))
    server.change(
        name,
        types.TextDocumentContentChangePartial(
            range=types.Range(value.start, types.Position(line, 28)), text="2026-01-05"
        ),
    )
    last = server.change(name, quoted)
    assert server.diagnostics(name, last) == []
    assert {p.version for p in server.published[server.uri(name)]} == {1, last}  # the burst was checked once
    server.close(name)


def test_hover_shows_the_badge_of_a_key_result_and_the_schema_of_a_key(server: Session) -> None:
    server.open("docs/plan.md", PLAN)
    lines = PLAN.split("\n")
    row = lines.index("        - Increase orders per diner per week from 1.2 to 1.5")
    shown = server.hover("docs/plan.md", row, 20)
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    text = shown.contents.value
    assert text.startswith("**↗ Outside your control** (inferred)\n\nmeasures the behaviour of diners")
    assert 'Evidence: "orders", "diner"' in text and "\n\nSuggestion: Measure what restaurant owners do instead" in text
    assert shown.range == types.Range(types.Position(row, 10), types.Position(row, len(lines[row])))
    key = server.hover("docs/plan.md", 2, 3)
    description = schema()["$defs"]["okr"]["properties"]["team"]["description"]
    assert key is not None and isinstance(key.contents, types.MarkupContent)
    assert key.contents.value == f"**Team** (`team`)\n\n{description}"
    assert server.hover("docs/plan.md", 13, 2) is None  # the page's body
    server.close("docs/plan.md")


def fix(server: Session, name: str, text: str, line: int, title: str) -> str:
    """Open a page, apply the quick fix of that title on a line, and return the fixed text, after
    the server checked it."""
    server.open(name, text)
    offered = {a.title: a for a in server.actions(name, line)}
    assert title in offered, list(offered)
    edit = offered[title].edit
    assert edit is not None and edit.changes is not None
    fixed = apply(text, list(edit.changes[server.uri(name)]))
    server.close(name)
    return fixed


def findings(server: Session, name: str, text: str) -> list[tuple[str, int]]:
    found = server.open(name, text)
    server.close(name)
    return [(str(d.code), d.range.start.line) for d in found]


def test_quick_fix_quotes_what_yaml_11_misreads(server: Session) -> None:
    text = page("Quoting", "- text: Raise renewal of restaurant owners from 82% to 90%\n  updated: 2026-01-05\n")
    fixed = fix(server, "docs/quote.md", text, row(text, "          updated: 2026-01-05"), "Quote 2026-01-05")
    assert fixed == text.replace("updated: 2026-01-05", 'updated: "2026-01-05"')
    assert findings(server, "docs/quote.md", fixed) == []


def test_quick_fix_writes_the_key_that_was_meant(server: Session) -> None:
    text = page("Spelling", "- Raise renewal of restaurant owners from 82% to 90%\n", "  custmer: restaurant owners\n")
    fixed = fix(server, "docs/spelling.md", text, row(text, "  custmer: restaurant owners"), 'Change to "customer"')
    assert fixed == text.replace("custmer:", "customer:")
    assert findings(server, "docs/spelling.md", fixed) == []


def test_quick_fix_writes_the_period_as_the_schema_wants_it(server: Session) -> None:
    text = page("Period", "- Raise renewal of restaurant owners from 82% to 90%\n").replace("2026-Q1", "Q1 2026")
    fixed = fix(server, "docs/period.md", text, row(text, "  period: Q1 2026"), "Write the period as 2026-Q1")
    assert fixed == text.replace("Q1 2026", "2026-Q1")
    assert findings(server, "docs/period.md", fixed) == []


@pytest.mark.parametrize("level", ["customer", "customers_users", "team"])
def test_quick_fix_declares_whose_behaviour_a_key_result_measures(server: Session, level: str) -> None:
    text = page("Measures", f"- {KR}")
    fixed = fix(server, f"docs/measures-{level}.md", text, row(text, f"        - {KR}"), f"Declare measures: {level}")
    assert fixed == text.replace(f"- {KR}", f"- text: {KR}\n          measures: {level}")
    okr = yaml.safe_load(fixed.split("---\n")[1])["okr"]
    assert okr["objectives"][0]["key_results"][0] == {"text": KR, "measures": level}
    after = findings(server, f"docs/measures-{level}.md", fixed)
    assert not [rule for rule, _ in after if rule in ("yaml", "schema")]


def test_quick_fix_ignores_a_rule_with_a_reason_to_write(server: Session) -> None:
    text = page("Ignoring", f"- text: {KR}\n  unit: orders")
    fixed = fix(
        server, "docs/ignore.md", text, row(text, f"        - text: {KR}"), "Ignore controllability here, with a reason"
    )
    assert fixed == text.replace("- text:", '- ignore: {controllability: "<reason>"}\n          text:')
    assert findings(server, "docs/ignore.md", fixed) == []


def test_completion_offers_the_keys_and_values_the_schema_allows(server: Session) -> None:
    text = page(
        "Completion",
        "- text: Raise renewal of restaurant owners from 82% to 90%\n  kind: \n  \n  ignore:\n    ",
        "  \n",
    )
    name = "docs/complete.md"
    server.open(name, text)
    lines = text.split("\n")
    kind = row(text, "          kind: ")
    assert server.complete(name, kind, 16) == ["metric", "milestone", "baseline"]
    values = server.run(
        server.client.text_document_completion_async(
            types.CompletionParams(types.TextDocumentIdentifier(server.uri(name)), types.Position(kind, 15))
        )
    )
    assert isinstance(values, types.CompletionList)
    assert [item.insert_text for item in values.items] == [
        " metric",
        " milestone",
        " baseline",
    ]  # right after the colon
    keys = server.complete(name, kind + 1, 10)
    assert "text" not in keys and "kind" not in keys and keys[:3] == ["id", "direction", "baseline"]
    assert server.complete(name, kind + 3, 12)[:3] == ["yaml", "duplicate-key", "implicit-type"]  # rule ids
    assert server.complete(name, 4, 2) == ["customer", "customers_users", "health", "ignore"]
    assert server.complete(name, len(lines) - 2, 3) == []  # the page's body
    server.close(name)


def test_the_cross_page_rules_follow_the_files_of_the_site(server: Session, root: Path) -> None:
    name = "docs/plan.md"
    server.open(name, PLAN)
    assert "aligns-to" in [d.code for d in server.diagnostics(name, 1, ready="aligns-to")]
    (root / "docs" / "late.md").write_text(FIRST.replace("Restaurant platform", "Marketplce"), encoding="utf-8")
    since = server.count(name)
    server.files_changed(("docs/late.md", types.FileChangeType.Created))
    assert "aligns-to" not in [d.code for d in server.diagnostics(name, 1, since=since)]
    (root / "docs" / "late.md").unlink()
    since = server.count(name)
    server.files_changed(("docs/late.md", types.FileChangeType.Deleted))
    before = server.diagnostics(name, 1, since=since)
    assert "aligns-to" in [d.code for d in before]
    below = types.Position(row(PLAN, "  period: 2026-Q1") + 1, 0)  # a line above the objective: each finding moves down
    version = server.change(
        name,
        types.TextDocumentContentChangePartial(range=types.Range(below, below), text="  customer: restaurant owners\n"),
    )
    after = server.diagnostics(name, version)
    assert [(d.code, d.message, d.range.start.line) for d in after] == [
        (d.code, d.message, d.range.start.line + 1) for d in before
    ]
    server.close(name)


BROKEN = [
    "---\nokr:\n  team: [unclosed\n",
    "---\nokr:\n\tteam: tabs\n---\n",
    "---\nokr: !!python/object/apply:os.system ['true']\n---\n",
    "---\nokr:\n" + "  " * 40 + "deep: [" * 200 + "\n---\n",
    "---\nokr: [1, 2]\n---\n",
    "---\nokr:\n  team: \x00\x1b[31m\n---\n",
    "```okr\nteam: never closed\n",
    "```okr\n- a list\n```\n",
    "---\nokr: &a [*a]\n---\n",
    "",
    "---\n---\n",
]


def test_a_broken_page_never_stops_the_server(server: Session) -> None:
    for n, text in enumerate(BROKEN):
        server.open(f"docs/broken-{n}.md", text)
        server.close(f"docs/broken-{n}.md")
    assert server.hover("docs/broken-0.md", 0, 0) is None
    server.open("docs/plan.md", PLAN)
    assert server.hover("docs/plan.md", 2, 3) is not None
    server.close("docs/plan.md")


def test_the_settings_follow_mkdocs_yml_when_it_changes(server: Session, root: Path) -> None:
    name, text = "docs/settings.md", page("Settings", f"- {KR}")
    found = server.open(name, text)
    assert [(d.code, d.severity) for d in found] == [("controllability", types.DiagnosticSeverity.Warning)]
    try:
        (root / "mkdocs.yml").write_text(CONFIG + "      severity: {customers_users: error}\n", encoding="utf-8")
        since = server.count(name)
        server.files_changed(("mkdocs.yml", types.FileChangeType.Changed))
        found = server.diagnostics(name, 1, since=since)
        assert [(d.code, d.severity) for d in found] == [("controllability", types.DiagnosticSeverity.Error)]
    finally:
        (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        server.files_changed(("mkdocs.yml", types.FileChangeType.Changed))
    server.close(name)


def test_without_pygls_the_command_says_what_to_install() -> None:
    probe = "import sys; sys.modules['pygls'] = None; from mkdocs_okr.cli import main; main(['lsp'], prog_name='mkdocs-okr')"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr == "mkdocs-okr: the language server needs pygls: install mkdocs-okr[lsp]\n"
