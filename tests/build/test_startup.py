"""`mkdocs-okr --version` and a one-file check, as a pre-commit hook runs it, import only what they
use: not MkDocs (mkdocs.yml's okr options are read without it), the templates,
jsonschema (neither a clean page nor the common schema errors need it) or the worker pool. bench/startup.py times them; here only
what is imported is asserted, which is the same on every machine."""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.sites import REPO
from mkdocs_okr.for_mkdocs.config import OkrConfig
from mkdocs_okr.model import Severity
from mkdocs_okr.options.mkdocs_yml import SiteConfigError
from mkdocs_okr.options.site_config import read
from mkdocs_okr.options.table import MKDOCS, core_options, of_host
from mkdocs_okr.site.outcome import LOG_LEVEL

NOT_FOR_A_CHECK = ("mkdocs", "jinja2", "markdown", "jsonschema", "referencing", "rpds", "multiprocessing", "concurrent")
NOT_FOR_THE_VERSION = (*NOT_FOR_A_CHECK, "yaml")  # and so nothing of the core, which reads YAML
CONFIG = """\
site_name: Shops
plugins:
  - search
  - okr:
      customer: [merchants]
      customers_users: [shoppers]
      severity: {stale: info, team: warning}
      guidance_url: https://example.org/okr/
"""


def imported(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`mkdocs-okr ARGS` run as a process, and the modules it imported beyond the interpreter's own start-up."""

    def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-X", "importtime", *argv], cwd=cwd, capture_output=True, text=True, timeout=120
        )

    def modules(stderr: str) -> set[str]:
        lines = [line for line in stderr.splitlines() if line.startswith("import time:") and "[us]" not in line]
        return {line.rsplit("|", 1)[1].strip() for line in lines}

    done = run(["-m", "mkdocs_okr", *args])
    return done, sorted(modules(done.stderr) - modules(run(["-c", "pass"]).stderr))


def among(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in packages]


def test_a_one_file_check_in_a_site_imports_neither_mkdocs_nor_the_templates_nor_the_pool(tmp_path: Path) -> None:
    (tmp_path / "docs" / "okrs").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name in ("shops-after.md", "food-delivery-after.md"):  # the second is read for the cross-page rules
        (tmp_path / "docs" / "okrs" / name).write_bytes((REPO / "docs" / "examples" / name).read_bytes())
    run, modules = imported(["check", "docs/okrs/shops-after.md"], tmp_path)
    assert run.returncode == 0 and run.stdout == "checked 1 file (1 OKR page): no findings\n", run.stdout + run.stderr
    assert "mkdocs_okr.classify.reading" in modules  # the page was classified, not skipped
    assert among(modules, NOT_FOR_A_CHECK) == []
    assert "importlib.resources" not in modules  # the data files are read as plain files
    assert "mkdocs_okr.show.siteindex" not in modules  # the ids a card adds: no card, no index
    assert "logging" not in modules and "html" not in modules  # for hosts that log and render cards


COMMON_MISTAKES = """\
---
okr:
  period: 2026-Q5
  custmer: [merchants]
  objectives:
    - titel: Make checkout something merchants never have to think about
      key_results:
        - text: Raise the share of merchants who switch on one-click checkout from 30% to 60%
          baseline: thirty
          measures: merchants
        - ""
    - key_results:
        - text: Cut checkout-related support contacts per 1,000 merchants from 45 to 30
          measures: customer
      ignore: {RULE: One key result is enough here}
---
"""
MISTAKES_FOUND = """\
docs/p.md:2:1: error: okr: missing required key "team" [schema]
docs/p.md:3:11: error: period: expected YYYY, YYYY-Qn or YYYY-Hn, got "2026-Q5" [schema]
docs/p.md:4:3: error: okr: unknown key "custmer" — did you mean "customer"? [schema]
docs/p.md:6:7: error: objectives[0]: unknown key "titel" — did you mean "title"? [schema]
docs/p.md:9:21: error: objectives[0].key_results[0].baseline: expected a number, got "thirty" [schema]
docs/p.md:10:21: error: objectives[0].key_results[0].measures: expected one of "customer", "customers_users", "team", got "merchants" [schema]
docs/p.md:11:11: error: objectives[0].key_results[1]: must not be empty [schema]
docs/p.md:12:7: info: O2 has 1 key result; keep 2 to 5 [key-result-count]
docs/p.md:12:7: error: objectives[1]: missing required key "title" [schema]
"""


def test_a_check_of_a_page_with_the_common_schema_errors_does_not_import_jsonschema(tmp_path: Path) -> None:
    """A bad period, a misspelt key, a missing one, a wrong type, a value not among the allowed ones,
    an empty text: worded from the schema's data. Only an error worded in jsonschema's own words
    (an ignored rule's name that is not a rule's) still imports it, and reads as before."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    page = tmp_path / "docs" / "p.md"
    page.write_text(
        COMMON_MISTAKES.replace("      ignore: {RULE: One key result is enough here}\n", ""), encoding="utf-8"
    )
    run, modules = imported(["check", "docs/p.md"], tmp_path)
    assert run.returncode == 1 and run.stdout == MISTAKES_FOUND + "checked 1 file (1 OKR page): 8 errors, 1 info\n", (
        run.stdout + run.stderr
    )
    assert among(modules, NOT_FOR_A_CHECK) == []

    page.write_text(COMMON_MISTAKES, encoding="utf-8")
    run, modules = imported(["check", "docs/p.md"], tmp_path)
    ignored = "docs/p.md:15:15: error: objectives[1].ignore: 'RULE' does not match '^[a-z][a-z-]*(?!\\\\n)$' [schema]\n"
    assert run.stdout == MISTAKES_FOUND + ignored + "checked 1 file (1 OKR page): 9 errors, 1 info\n", (
        run.stdout + run.stderr
    )
    assert "jsonschema" in modules


def test_the_version_imports_nothing_of_the_checker(tmp_path: Path) -> None:
    run, modules = imported(["--version"], tmp_path)
    assert run.returncode == 0 and run.stdout.startswith("mkdocs-okr, version ")
    assert "mkdocs_okr.cli" in modules and "mkdocs_okr.check" not in modules
    assert among(modules, NOT_FOR_THE_VERSION) == []


# --- the checker reads mkdocs.yml's okr options as the plugin's MkDocs Config validates them

OPTIONS = [option.name for option in of_host(MKDOCS)]
VALUES = [
    None,
    True,
    False,
    1.5,
    -1,
    0,
    1,
    2,
    5,
    199,
    200,
    201,
    10**6,
    "",
    "x",
    "2026-03-31",
    date(2026, 3, 31),
    datetime(2026, 3, 31, 9, 30),
    [],
    ["merchants", " shoppers "],
    ["a", 1],
    "merchants",
    {},
    {"schema": "warning"},
    {"stale": "info", "team": "ignore"},
    {"schema": "fatal"},
    {"shema": "info"},
    {"customer_staff": ["dispatchers"]},
]


def mkdocs_reads(options: dict[str, object]) -> object:
    """What MkDocs' validation of the plugin's options makes of them: (Options, warnings), or the error."""
    config = OkrConfig(config_file_path="mkdocs.yml")
    config.load_dict(options)
    failed, warnings = config.validate()
    if failed:
        return f'mkdocs.yml: okr plugin option "{failed[0][0]}": {failed[0][1]}'
    return core_options(config), tuple(
        sorted(f'mkdocs.yml: okr plugin option "{key}": {warning}' for key, warning in warnings)
    )


def checker_reads(options: dict[str, object]) -> object:
    try:
        options_read, warnings = read(Path("mkdocs.yml"), options)
        return options_read, tuple(sorted(warnings))  # MkDocs warns in no set order
    except SiteConfigError as error:
        return str(error)


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(st.sampled_from([*OPTIONS, "max_dept", "colour"]), st.sampled_from(VALUES), max_size=6))
def test_the_checker_reads_the_options_as_mkdocs_validates_them(options: dict[str, object]) -> None:
    assert checker_reads(options) == mkdocs_reads(options)


def test_every_option_at_its_default_and_a_usual_site_are_read_alike() -> None:
    for option in of_host(MKDOCS):
        assert checker_reads({option.name: option.default}) == mkdocs_reads({option.name: option.default}), option.name
    usual = {
        "customer": ["merchants"],
        "customers_users": "shoppers",
        "severity": {"stale": "info"},
        "today": date(2026, 3, 31),
        "max_depth": 200,
        "min_key_results": 0,
        "stale_after_days": 30,
        "enabled": False,
        "workers": 0,
        "index": "",
    }
    assert checker_reads(usual) == mkdocs_reads(usual)
    assert isinstance(checker_reads(usual), tuple)


def test_the_log_levels_are_loggings() -> None:
    assert LOG_LEVEL == {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}
