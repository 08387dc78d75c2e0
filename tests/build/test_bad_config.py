"""Every wrong plugin option is one clear line naming it, from `mkdocs build` and from the checker
alike, never a traceback; a page's unknown rule id in `ignore` is a finding."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pages import HEAD
from fixtures.sites import run_cli, run_mkdocs

PAGE = (
    HEAD
    + """\
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - Raise the renewal rate of restaurant owners from 82% to 90%
        - text: Increase orders per diner from 1.2 to 1.5
          ignore:
            contollability: kept as the example of what not to measure
---
# Q1
"""
)

# option as written -> what the one line must say
WRONG = {
    "max_dept: 3": ("max_dept", 'unknown option; did you mean "max_depth"?'),
    "max_depth: deep": ("max_depth", "expected a whole number, got 'deep'"),
    "max_depth: 100000": ("max_depth", "expected at least 1 and at most 200, got 100,000"),
    "max_values: 0": ("max_values", "expected at least 1, got 0"),
    "max_front_matter_bytes: 1.5": ("max_front_matter_bytes", "expected a whole number, got 1.5"),
    "min_key_results: two": ("min_key_results", "expected a whole number, got 'two'"),
    "stale_after_days: -1": ("stale_after_days", "expected at least 0, got -1"),
    "severity: {schema: fatal}": ("severity", "\"schema\": expected one of error, warning, info, ignore, got 'fatal'"),
    "severity: {shema: ignore}": ("severity", 'unknown rule or level "shema" — did you mean "schema"?'),
    "severity: [schema]": ("severity", "expected a mapping of rule id to severity, got ['schema']"),
    "customer: 5": ("customer", "expected a name or a list of names, got 5"),
    "today: yesterday": ("today", "expected a date YYYY-MM-DD, got 'yesterday'"),
    # issue 21, item 12: a card's "About this rule" link must not run script
    "guidance_url: 'javascript:alert(1)//'": (
        "guidance_url",
        "expected an http or https URL, or a path, got 'javascript:alert(1)//'",
    ),
    "guidance_url: ' javascript:alert(1)'": (
        "guidance_url",
        "expected an http or https URL, or a path, got ' javascript:alert(1)'",
    ),
}


def config(option: str) -> str:
    return f"site_name: T\nplugins:\n  - okr:\n      {option}\n"


@pytest.mark.parametrize("option", WRONG)
def test_a_wrong_option_is_one_line_naming_it(option: str, site: Callable[..., Path]) -> None:
    name, says = WRONG[option]
    root = site({"q1.md": PAGE}, config(option))
    build = run_mkdocs("build", cwd=root, timeout=120)
    naming = [line for line in build.stderr.splitlines() if f"option '{name}'" in line]
    assert naming == [
        f"{'WARNING' if 'unknown option' in says else 'ERROR':<8}-  Config value 'plugins': Plugin 'okr' option '{name}': {says}"
    ]
    assert "Traceback" not in build.stderr
    assert build.returncode == (0 if "unknown option" in says else 1)
    check = run_cli("check", cwd=root)
    line = f'mkdocs.yml: okr plugin option "{name}": {says}'
    if "unknown option" in says:  # as in the build: a warning, and the pages are checked
        assert check.stderr.splitlines() == [f"mkdocs-okr: warning: {line}"] and check.returncode == 1
    else:
        assert check.stderr.splitlines() == [f"Error: {line}"] and check.returncode == 2


def test_options_that_are_not_a_mapping_are_one_line(site: Callable[..., Path]) -> None:
    root = site({"q1.md": PAGE}, "site_name: T\nplugins:\n  - okr: [a, b]\n")
    check = run_cli("check", cwd=root)
    assert check.returncode == 2 and check.stderr.splitlines() == [
        "Error: mkdocs.yml: the okr plugin's options: expected a mapping of option to value, got ['a', 'b']"
    ]


def test_an_unknown_rule_in_a_pages_ignore_is_a_finding(site: Callable[..., Path]) -> None:
    root = site({"q1.md": PAGE})
    check = run_cli("check", "--format", "json", cwd=root)
    assert check.returncode == 1 and check.stderr == ""
    (finding,) = [d for d in json.loads(check.stdout)["diagnostics"] if d["rule"] == "suppression"]
    assert (finding["line"], finding["column"]) == (11, 13)
    assert finding["message"] == 'ignore: unknown rule "contollability" — did you mean "controllability"?'


def test_the_other_hosts_refuse_a_guidance_url_that_is_not_a_link() -> None:
    import markdown

    with pytest.raises(
        ValueError, match="guidance_url: expected an http or https URL, or a path, got 'data:text/html,x'"
    ):
        markdown.markdown("# x", extensions=["okr"], extension_configs={"okr": {"guidance_url": "data:text/html,x"}})
    for fine in ("https://example.org/okr/", "/okr-guide/", "./", "../guide/"):
        markdown.markdown("# x", extensions=["okr"], extension_configs={"okr": {"guidance_url": fine}})
