"""`mkdocs-okr check` reads mkdocs.yml as `mkdocs build` does, without MkDocs (issue 21, items 9
and 16): settings inherited with INHERIT, every form of `!ENV`, and SOURCE_DATE_EPOCH; what
neither can read is one line, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli, run_mkdocs
from test_attacks import HEAD

PAGE = HEAD + """\
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - text: Raise the renewal rate of restaurant owners from 82% to 90%
          updated: "2026-03-01"
        - Increase orders per diner from 1.2 to 1.5
---
# Q1
"""


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
    (root / "config/site.yml").write_text("INHERIT: base.yml\nplugins:\n  okr:\n    stale_after_days: 400\n    today: 2026-04-16\n")
    (root / "config/base.yml").write_text("site_name: Base\nplugins:\n  okr:\n    customer: [restaurant owners]\n    severity: {stale: error}\n")
    check, build = both(root)
    assert check == build
    assert ("docs/q1.md", 9, 20, "error", "stale", "O1 KR1: last updated 2026-03-01, 46 days before 2026-04-16 (the limit is 30); "
            "measure it again and update current and updated") in check
    strict_check, strict_build = run_cli("check", "--strict", cwd=root), run_mkdocs("build", "--strict", cwd=root)
    assert strict_check.returncode == 1 and strict_build.returncode == 1


def test_a_missing_parent_is_one_line(site: Callable[..., Path]) -> None:
    root = site({"q1.md": PAGE}, "site_name: T\nINHERIT: base/missing.yml\nplugins:\n  - okr\n")
    check = run_cli("check", cwd=root)
    assert check.returncode == 2
    assert check.stderr.splitlines() == [f'Error: mkdocs.yml: INHERIT: "base/missing.yml" does not exist (looked for {root}/base/missing.yml)']
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
    line = "okr plugin option \"customer\": expected a name or a list of names, got None"
    assert check.returncode == 2 and check.stderr.splitlines() == [f"Error: mkdocs.yml: {line}"]
    build = run_mkdocs("build", cwd=root)
    assert build.returncode == 1 and "Traceback" not in build.stderr and "option 'customer'" in build.stderr


def test_docs_dir_from_env_reads_as_in_the_build(site: Callable[..., Path]) -> None:
    root = site({"q1.md": PAGE}, "site_name: T\ndocs_dir: !ENV []\nplugins:\n  - okr\n")
    check, build = both(root)  # no value: the default, docs
    assert check == build and check
    (root / "mkdocs.yml").write_text("site_name: T\ndocs_dir: !ENV [OKR_DOCS, 5]\nplugins:\n  - okr\n")
    check = run_cli("check", cwd=root)
    assert check.returncode == 2 and check.stderr.splitlines() == ["Error: mkdocs.yml: docs_dir: expected the path of a folder, got 5"]
    assert run_mkdocs("build", cwd=root).returncode == 1
