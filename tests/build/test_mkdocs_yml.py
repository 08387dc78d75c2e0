"""`mkdocs-okr check` reads mkdocs.yml as `mkdocs build` does, without MkDocs (issue 21, items 9
and 16): settings inherited with INHERIT, every form of `!ENV`, and SOURCE_DATE_EPOCH; what
neither can read is one line, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fixtures.pages import HEAD
from fixtures.sites import run_cli, run_mkdocs

PAGE = (
    HEAD
    + """\
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - text: Raise the renewal rate of restaurant owners from 82% to 90%
          updated: "2026-03-01"
        - Increase orders per diner from 1.2 to 1.5
---
# Q1
"""
)


def findings(diagnostics: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((d["file"], d["line"], d["column"], d["severity"], d["rule"], d["message"]) for d in diagnostics)


def both(root: Path, env: Mapping[str, str] | None = None) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The findings of the checker and of a real build of the site at `root`."""
    check = run_cli("check", "--format", "json", cwd=root, env=env)
    assert check.returncode in (0, 1) and check.stderr == "", check.stderr
    build = run_mkdocs("build", cwd=root, env=env)
    assert build.returncode == 0 and "Traceback" not in build.stderr, build.stderr
    exported = json.loads((root / "site" / "okrs.json").read_text(encoding="utf-8"))
    return findings(json.loads(check.stdout)["diagnostics"]), findings(exported["diagnostics"])


def test_check_and_build_agree_on_options_inherited_through_a_chain(site: Callable[..., Path]) -> None:
    """mkdocs.yml inherits config/site.yml, which inherits base.yml from its own folder; the okr
    options, a mapping in each file, are merged key by key, the nearer file winning."""
    config = "site_name: T\nINHERIT: config/site.yml\nplugins:\n  okr:\n    stale_after_days: 30\n"
    root = site({"q1.md": PAGE}, config)
    (root / "config").mkdir()
    (root / "config/site.yml").write_text(
        "INHERIT: base.yml\nplugins:\n  okr:\n    stale_after_days: 400\n    today: 2026-04-16\n"
    )
    (root / "config/base.yml").write_text(
        "site_name: Base\nplugins:\n  okr:\n    customer: [restaurant owners]\n    severity: {stale: error}\n"
    )
    check, build = both(root)
    assert check == build
    assert (
        "docs/q1.md",
        9,
        20,
        "error",
        "stale",
        "O1 KR1: last updated 2026-03-01, 46 days before 2026-04-16 (the limit is 30); "
        "measure it again and update current and updated",
    ) in check
    strict_check, strict_build = run_cli("check", "--strict", cwd=root), run_mkdocs("build", "--strict", cwd=root)
    assert strict_check.returncode == 1 and strict_build.returncode == 1


def test_a_missing_parent_is_one_line(site: Callable[..., Path]) -> None:
    root = site({"q1.md": PAGE}, "site_name: T\nINHERIT: base/missing.yml\nplugins:\n  - okr\n")
    check = run_cli("check", cwd=root)
    assert check.returncode == 2
    assert check.stderr.splitlines() == [
        f'Error: mkdocs.yml: INHERIT: "base/missing.yml" does not exist (looked for {root}/base/missing.yml)'
    ]
    build = run_mkdocs("build", cwd=root)
    assert build.returncode == 1 and "Traceback" not in build.stderr and "does not exist" in build.stderr


@pytest.mark.parametrize("inherit", ["mkdocs.yml", "./b.yml"])
def test_a_cycle_of_inherit_is_one_line(inherit: str, site: Callable[..., Path]) -> None:
    """MkDocs recurses until Python stops it; the checker names the files that go round."""
    root = site({"q1.md": PAGE}, "site_name: T\nINHERIT: b.yml\nplugins:\n  - okr\n")
    (root / "b.yml").write_text(f"INHERIT: {inherit}\n")
    check = run_cli("check", cwd=root)
    back = "mkdocs.yml" if inherit == "mkdocs.yml" else "b.yml"
    assert check.returncode == 2
    assert check.stderr.splitlines() == [f"Error: b.yml: INHERIT: a cycle: mkdocs.yml inherits b.yml inherits {back}"]


# mkdocs.yml's okr options, and the environment: every form of !ENV that MkDocs reads
ENV_FORMS = {
    "customer: !ENV OKR_CUSTOMER": {"OKR_CUSTOMER": "restaurant owners"},
    "customer: !ENV [OKR_CUSTOMER, restaurant owners]": {},
    "customer: !ENV [OKR_FIRST, OKR_SECOND, diners]": {"OKR_SECOND": "restaurant owners"},
    "customers_users: !ENV [OKR_USERS, [diners, guests]]": {},
    "stale_after_days: !ENV OKR_DAYS": {"OKR_DAYS": "30"},  # typed as YAML types it: a number
    "today: !ENV [OKR_TODAY]": {"OKR_TODAY": "2026-04-16"},  # a date
    "severity: !ENV [OKR_NONE, {stale: error}]\n      today: 2026-04-16": {},
}


@pytest.mark.parametrize("option", ENV_FORMS)
def test_every_form_of_env_reads_as_in_the_build(option: str, site: Callable[..., Path]) -> None:
    root = site({"q1.md": PAGE}, f"site_name: T\nplugins:\n  - okr:\n      {option}\n")
    check, build = both(root, ENV_FORMS[option])
    assert check == build


def test_env_without_a_variable_is_one_line_naming_the_option(site: Callable[..., Path]) -> None:
    root = site({"q1.md": PAGE}, "site_name: T\nplugins:\n  - okr:\n      customer: !ENV []\n")
    check = run_cli("check", cwd=root)
    line = 'okr plugin option "customer": expected a name or a list of names, got None'
    assert check.returncode == 2 and check.stderr.splitlines() == [f"Error: mkdocs.yml: {line}"]
    build = run_mkdocs("build", cwd=root)
    assert build.returncode == 1 and "Traceback" not in build.stderr and "option 'customer'" in build.stderr


def test_docs_dir_from_env_reads_as_in_the_build(site: Callable[..., Path]) -> None:
    root = site({"q1.md": PAGE}, "site_name: T\ndocs_dir: !ENV []\nplugins:\n  - okr\n")
    check, build = both(root)  # no value: the default, docs
    assert check == build and check
    (root / "mkdocs.yml").write_text("site_name: T\ndocs_dir: !ENV [OKR_DOCS, 5]\nplugins:\n  - okr\n")
    check = run_cli("check", cwd=root)
    assert check.returncode == 2 and check.stderr.splitlines() == [
        "Error: mkdocs.yml: docs_dir: expected the path of a folder, got 5"
    ]
    assert run_mkdocs("build", cwd=root).returncode == 1


NUMBER = "expected a whole number of seconds since 1970-01-01 UTC, as `date +%s` prints it"
RANGE = "expected a number of seconds since 1970-01-01 UTC from -62135596800 to 253402300799 (years 1 to 9999)"
EPOCHS = {"99999999999999999": RANGE, "-99999999999999": RANGE, "abc": NUMBER, "": NUMBER}


@pytest.mark.parametrize("epoch", EPOCHS)
def test_a_source_date_epoch_that_is_no_date_is_one_line(epoch: str, site: Callable[..., Path]) -> None:
    """MkDocs dates every page with it, and stops with a traceback on such a value; the plugin stops
    the build before, in one line, and the checker says the same."""
    shown = repr(epoch) if EPOCHS[epoch] is NUMBER else epoch
    line = f"SOURCE_DATE_EPOCH is {shown}: {EPOCHS[epoch]}"
    root = site({"q1.md": PAGE})
    check = run_cli("check", cwd=root, env={"SOURCE_DATE_EPOCH": epoch})
    assert check.returncode == 2 and check.stderr.splitlines() == [f"Error: {line}"]
    build = run_mkdocs("build", cwd=root, env={"SOURCE_DATE_EPOCH": epoch})
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert [out for out in build.stderr.splitlines() if "SOURCE_DATE_EPOCH" in out] == [f"ERROR   -  {line}"]


def test_the_day_is_read_once_for_the_whole_run(site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages, in whichever process checks them, are measured against one day, read when the
    build starts: the workers are handed it with the options."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = site({f"q{i}.md": PAGE for i in range(3)}, "site_name: T\nplugins:\n  - okr:\n      workers: 1\n")
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"))
    build(config)
    assert config.plugins["okr"].batch.options.today == date(2026, 1, 1)  # conftest's SOURCE_DATE_EPOCH


def test_the_other_hosts_say_what_is_wrong_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Markdown extension refuses it as it refuses a wrong setting; Sphinx logs one error and
    measures age against the current date, as it goes on after a wrong setting. (A value that is
    no whole number stops Sphinx itself, with its traceback, before it loads any extension.)"""
    from fixtures.pages import FENCED
    from fixtures.sphinx import project, sphinx_build
    from mkdocs_okr.markdown import OkrExtension

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    with pytest.raises(ValueError) as refused:
        OkrExtension()
    assert str(refused.value) == f"okr extension: SOURCE_DATE_EPOCH is 'abc': {NUMBER}"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "-99999999999999")
    root = project(tmp_path, pages={"index.md": "# Home\n\n" + FENCED})
    (root / "docs/conf.py").write_text('extensions = ["myst_parser", "mkdocs_okr.sphinx"]\n', encoding="utf-8")
    run = sphinx_build(root)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert (
        f"ERROR: SOURCE_DATE_EPOCH is -99999999999999: {RANGE} (the current date is used) [okr.config]"
        in run.stderr.splitlines()
    )
