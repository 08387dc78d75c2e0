"""`mkdocs-okr` as a user runs it: exit codes, formats, paths, colour, config, I/O errors."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pages import BAD_PAGE, OKR_PAGE
from fixtures.sites import DATA, REPO, run_cli, run_mkdocs

WARN_SCHEMA = "site_name: T\nplugins:\n  - okr:\n      severity:\n        schema: warning\n"


def test_a_clean_site_exits_0_with_a_summary(site: Callable[..., Path]) -> None:
    root = site({"index.md": "# Home\n", "okrs/q1.md": OKR_PAGE})
    run = run_cli("check", cwd=root)
    assert (run.returncode, run.stdout, run.stderr) == (0, "checked 2 files (1 OKR page): no findings\n", "")


def test_errors_exit_1_in_the_exact_text_format(site: Callable[..., Path]) -> None:
    root = site({"okrs/q1.md": BAD_PAGE, "okrs/q2.md": OKR_PAGE})
    run = run_cli("check", "docs", cwd=root)
    assert run.returncode == 1
    assert run.stdout == (
        'docs/okrs/q1.md:4:11: error: period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q1 2026" [schema]\n'
        "checked 2 files (2 OKR pages): 1 error\n"
    )


@pytest.mark.parametrize("strict, code", [(False, 0), (True, 1)])
def test_warnings_fail_only_with_strict(site: Callable[..., Path], strict: bool, code: int) -> None:
    root = site({"okrs/q1.md": BAD_PAGE}, WARN_SCHEMA)
    run = run_cli("check", *(["--strict"] if strict else []), cwd=root)
    assert run.returncode == code and ": warning: period:" in run.stdout


def test_no_path_takes_docs_dir_and_options_from_mkdocs_yml(site: Callable[..., Path]) -> None:
    config = "site_name: T\ndocs_dir: pages\nplugins:\n  - search\n  - okr:\n      severity: {schema: info}\n"
    root = site({}, config)
    (root / "pages").mkdir()
    (root / "pages/q1.md").write_text(BAD_PAGE, encoding="utf-8")
    run = run_cli("check", cwd=root)
    assert run.returncode == 0 and run.stdout.startswith("pages/q1.md:4:11: info: period")


def test_mkdocs_yml_tags_are_read_without_executing_anything(site: Callable[..., Path]) -> None:
    config = (
        "site_name: !ENV [SITE_NAME, T]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:os.system\n"
        "plugins:\n  - okr:\n      severity:\n        schema: !ENV [OKR_SCHEMA, error]\n"
    )
    root = site({"q1.md": BAD_PAGE}, config)
    run = run_cli("check", cwd=root, env={"OKR_SCHEMA": "warning"})
    assert run.returncode == 0 and ": warning: period" in run.stdout


def test_a_bad_option_in_mkdocs_yml_is_a_usage_error(site: Callable[..., Path]) -> None:
    root = site({"q1.md": OKR_PAGE}, "site_name: T\nplugins:\n  - okr:\n      severity: {schema: loud}\n")
    run = run_cli("check", cwd=root)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip().count("\n") == 0 and 'okr plugin option "severity"' in run.stderr


def test_json_format_follows_the_contract(site: Callable[..., Path]) -> None:
    root = site({"okrs/q1.md": OKR_PAGE, "okrs/bad.md": BAD_PAGE, "index.md": "# Home\n"})
    run = run_cli("check", "--format", "json", cwd=root)
    report = json.loads(run.stdout)
    assert run.returncode == 1
    assert list(report) == ["version", "files_checked", "okrs", "diagnostics"]
    assert (report["version"], report["files_checked"]) == (1, 3)
    (okr,) = report["okrs"]
    assert (okr["file"], okr["team"], okr["period"]) == ("docs/okrs/q1.md", "Restaurant platform", "2026-Q1")
    kr = okr["objectives"][0]["key_results"][1]
    assert {k: kr[k] for k in ("id", "text", "line")} == {
        "id": "KR2",
        "text": "Cut the median time for restaurant owners to publish a full menu from 3 days to 1 day",
        "line": 14,
    }
    assert set(kr["controllability"]) == {"level", "source", "actor", "evidence", "reason", "suggestion"}
    first = okr["objectives"][0]["key_results"][0]
    assert (first["baseline"], first["target"], first["current"], first["unit"], first["progress"]) == (
        82,
        90,
        84,
        "%",
        0.25,
    )
    (d,) = report["diagnostics"]
    assert d == {
        "file": "docs/okrs/bad.md",
        "line": 4,
        "column": 11,
        "severity": "error",
        "rule": "schema",
        "message": 'period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q1 2026"',
        "pointer": "/okr/period",
    }


def test_output_is_deterministic_and_sorted(site: Callable[..., Path]) -> None:
    root = site({f"p{i}.md": BAD_PAGE for i in (3, 1, 2)})
    first = run_cli("check", "docs/p3.md", "docs", cwd=root)
    again = run_cli("check", "docs", "docs/p3.md", cwd=root)
    assert first.stdout == again.stdout
    files = [line.split(":")[0] for line in first.stdout.splitlines()[:-1]]
    assert files == ["docs/p1.md", "docs/p2.md", "docs/p3.md"]


@pytest.mark.parametrize(
    "args, says",
    [
        (["check", "nowhere"], "no such file or folder: nowhere"),
        (["check", "--config", "nope.yml"], "no such config file"),
    ],
)
def test_usage_errors_exit_2_with_one_line(site: Callable[..., Path], args: list[str], says: str) -> None:
    run = run_cli(*args, cwd=site({"q.md": OKR_PAGE}))
    assert run.returncode == 2 and says in run.stderr and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr


def test_an_unreadable_file_exits_2_and_the_rest_is_checked(site: Callable[..., Path]) -> None:
    root = site({"a.md": BAD_PAGE})
    (root / "docs/b.md").symlink_to(root / "docs/missing.md")  # unreadable even for root
    run = run_cli("check", cwd=root)
    assert run.returncode == 2 and "cannot read docs/b.md" in run.stderr and "docs/a.md:4:11" in run.stdout


def test_a_folder_walk_skips_hidden_folders_and_other_files(site: Callable[..., Path]) -> None:
    root = site({"a.md": OKR_PAGE, ".hidden/b.md": BAD_PAGE, "c.txt": BAD_PAGE})
    run = run_cli("check", cwd=root)
    assert run.returncode == 0 and "checked 1 file (1 OKR page)" in run.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color(site: Callable[..., Path]) -> None:
    import pty
    import subprocess
    import sys

    root = site({"a.md": BAD_PAGE})

    def through_tty(env: dict[str, str]) -> str:
        leader, follower = pty.openpty()
        command = [sys.executable, "-m", "mkdocs_okr", "check"]
        proc = subprocess.Popen(command, cwd=root, stdout=follower, stderr=follower, env=env)
        proc.wait(timeout=60)
        os.close(follower)
        return os.read(leader, 65536).decode()

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in through_tty(env)
    assert "\x1b[" not in through_tty({**env, "NO_COLOR": "1"})
    assert "\x1b[" not in run_cli("check", cwd=root).stdout


def test_schema_command_prints_the_published_schema(tmp_path: Path) -> None:
    run = run_cli("schema", cwd=tmp_path)
    repo_schema = REPO / "schema" / "okr.schema.json"
    assert run.returncode == 0 and run.stdout == repo_schema.read_text(encoding="utf-8")


def test_explain_prints_level_reason_and_suggestion(tmp_path: Path) -> None:
    run = run_cli(
        "explain",
        "Increase repeat orders per diner",
        "--customer",
        "restaurant owners",
        "--customers-users",
        "diners",
        cwd=tmp_path,
    )
    assert run.returncode == 0
    lines = dict(line.split(":", 1) for line in run.stdout.splitlines())
    assert lines["level"].strip() == "customers_users (Outside your control)"
    assert lines["source"].strip() == "inferred" and '"repeat orders"' in lines["evidence"]
    assert "restaurant owners" in lines["suggestion"] and "renewal" in lines["suggestion"]


def test_explain_json_and_a_contradicted_declaration(tmp_path: Path) -> None:
    run = run_cli(
        "explain", "Raise renewal of restaurants to 90%", "--measures", "team", "--format", "json", cwd=tmp_path
    )
    data = json.loads(run.stdout)
    assert data["controllability"]["level"] == "team" and data["controllability"]["source"] == "declared"
    assert data["inferred"]["level"] == "customer"


def test_explain_takes_the_parties_from_mkdocs_yml(site: Callable[..., Path]) -> None:
    root = site({}, "site_name: T\nplugins:\n  - okr:\n      customer: [clinics]\n      customers_users: [patients]\n")
    data = json.loads(run_cli("explain", "Raise the share of patients who rebook", "--format", "json", cwd=root).stdout)
    assert data["customer"] == ["clinics"] and data["controllability"]["level"] == "customers_users"
    assert "clinics" in data["controllability"]["suggestion"]


def test_the_checker_and_the_build_agree_on_a_real_mkdocs_yml_with_its_tags(site: Callable[..., Path]) -> None:
    """MkDocs' own YAML tags in a Material site: the checker reads docs_dir and the plugin's options
    without running anything, and reports what `mkdocs build` reports."""
    config = (
        "site_name: !ENV [SITE_NAME, Tags]\n"
        "docs_dir: !ENV [DOCS, pages]\n"
        "theme:\n  name: material\n  font: false\n"
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: !relative $config_dir\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "plugins:\n  - okr:\n      customer: [restaurants]\n      customers_users: [diners]\n"
        "      severity:\n        schema: !ENV [OKR_SCHEMA, error]\n        team: warning\n"
    )
    root = site({}, config)
    (root / "pages/teams").mkdir(parents=True)
    (root / "pages/index.md").write_text("# Home :smile:\n", encoding="utf-8")
    (root / "pages/teams/bad.md").write_text(BAD_PAGE, encoding="utf-8")
    (root / "pages/teams/menus.md").write_text(
        "---\nokr:\n  team: Menus\n  period: 2026-Q1\n  objectives:\n    - title: Make menus effortless\n"
        "      key_results:\n        - Raise diner orders per week from 2 to 3\n        - Publish 12 help articles\n---\n",
        encoding="utf-8",
    )
    env = {"OKR_SCHEMA": "warning", "NO_MKDOCS_2_WARNING": "1"}
    build = run_mkdocs("build", cwd=root, env=env, timeout=120)
    assert build.returncode == 0, build.stderr
    from_build = sorted(
        line.split("mkdocs_okr: ", 1)[1] for line in build.stderr.splitlines() if "mkdocs_okr: " in line
    )
    run = run_cli("check", "--config", "mkdocs.yml", cwd=root, env=env)
    from_cli = sorted(re.sub(r": (error|warning|info): ", ": ", line) for line in run.stdout.splitlines()[:-1])
    assert from_cli == from_build and len(from_cli) >= 3
    assert any("[schema]" in line for line in from_cli) and any("publish" in line.lower() for line in from_cli)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_worker_processes_give_the_same_output_as_one_process(fmt: str) -> None:
    docs = str(DATA / "broken_site" / "docs")
    parallel = run_cli("check", docs, "--format", fmt, "--workers", "2", cwd=REPO)
    serial = run_cli("check", docs, "--format", fmt, "--workers", "0", cwd=REPO)
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr == ""
    assert len(json.loads(parallel.stdout)["runs" if fmt == "sarif" else "diagnostics"]) >= 1


def test_every_suffix_mkdocs_builds_as_a_page_is_checked(tmp_path: Path) -> None:
    """Issue 21, item 8: `check` looked at *.md only, so CI passed where `mkdocs build --strict` failed."""
    from mkdocs.utils import markdown_extensions

    from mkdocs_okr.cli import MARKDOWN_SUFFIXES

    assert set(MARKDOWN_SUFFIXES) == set(markdown_extensions)
    page = "---\nokr:\n  team: A\n  period: Q3 2026\n  objectives:\n    - title: T\n      key_results: [Raise renewal from 1 to 2, Cut churn from 3% to 2%]\n---\n"
    for suffix in MARKDOWN_SUFFIXES:
        (tmp_path / f"page{suffix}").write_text(page, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(page, encoding="utf-8")
    run = run_cli("check", ".", cwd=tmp_path)
    assert run.returncode == 1 and run.stdout.splitlines()[-1].startswith("checked 5 files (5 OKR pages)")
    assert {line.split(":", 1)[0] for line in run.stdout.splitlines()[:-1]} == {f"page{s}" for s in MARKDOWN_SUFFIXES}
