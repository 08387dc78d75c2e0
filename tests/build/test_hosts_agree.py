"""A page reads the same in every host: the command line, the MkDocs plugin, the Markdown extension
and the Sphinx extension give the same OKRs (the JSON report's `okrs`) and the same findings."""

from __future__ import annotations

import json
from typing import Any

import markdown
import pytest

from fixtures.pages import BAD_PAGE, DINERS, FENCED
from fixtures.sites import REPO, assert_report, run_cli, run_mkdocs, write_site
from fixtures.sphinx import sphinx_build
from mkdocs_okr.markdown import OkrExtension

EXAMPLES = [
    "food-delivery-company.md",
    "food-delivery-before.md",
    "food-delivery-after.md",
    "learning-before.md",
    "shops-before.md",
]
PARTIES = {"customer": ["restaurant owners", "restaurants"], "customers_users": ["diners"]}
# a site's own words: each host must hand them to the classifier (the ranch page reads them)
VOCABULARY = {"customers_users": ["riders"], "metrics": {"customers_users": ["hoof trims"], "team": ["pasture walks"]}}
RANCH = """---
okr:
  team: Ranch tools
  period: 2026-Q1
  objectives:
    - title: Ranches run their days on us
      key_results:
        - text: "Hoof trims per month: 200 to 300"
        - text: "Pasture walks per month: 20 to 30"
---

# Ranch tools
"""
# every option of the core, at a value that is not its default, that the limits page shows
CORE = {
    "today": "2026-03-01",
    "stale_after_days": 20,
    "min_key_results": 1,
    "max_key_results": 6,
    "max_front_matter_bytes": 100_000,
    "max_depth": 30,
    "max_values": 60,
}
SEVERITY = {"team": "warning", "stale": "info"}
LIMITS = (
    """---
okr:
  team: Limits
  period: 2026-Q1
  objectives:
    - title: One key result is enough here
      key_results:
        - text: Renewals of restaurant owners from 80% to 90%
          updated: "2026-02-01"
    - title: Six are not too many here
      key_results:
"""
    + "".join(f"        - text: Restaurant owners who renew their plan, group {n}, from 80% to 90%\n" for n in range(6))
    + """---

# Limits
"""
)
BIG = (
    "---\nokr:\n  team: Big\n  period: 2026-Q1\n  objectives:\n"
    + "".join(
        f"    - title: Objective {n}\n      key_results:\n        - text: Restaurant owners renew, {n}\n"
        for n in range(30)
    )
    + "---\n\n# Big\n"
)
MKDOCS = f"""\
site_name: Hosts
plugins:
  - okr:
      customer: {json.dumps(PARTIES["customer"])}
      customers_users: {json.dumps(PARTIES["customers_users"])}
      severity: {json.dumps(SEVERITY)}
      vocabulary: {json.dumps(VOCABULARY)}
""" + "".join(f"      {name}: {value}\n" for name, value in CORE.items())
CONF = f"""\
extensions = ["myst_parser", "mkdocs_okr.sphinx"]
exclude_patterns = ["index.md"]
root_doc = "okrs/food-delivery-company"
okr_customer = {PARTIES["customer"]!r}
okr_customers_users = {PARTIES["customers_users"]!r}
okr_severity = {SEVERITY!r}
okr_vocabulary = {VOCABULARY!r}
okr_root = ".."
""" + "".join(f"okr_{name} = {value!r}\n" for name, value in CORE.items())


def findings(diagnostics: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((d["file"], d["line"], d["column"], d["severity"], d["rule"], d["message"]) for d in diagnostics)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The report of the same pages from each host: {"okrs": [...], "diagnostics": [...]}."""
    pages = {f"okrs/{name}": (REPO / "docs/examples" / name).read_text(encoding="utf-8") for name in EXAMPLES}
    pages.update(
        {
            "okrs/fenced.md": FENCED,
            "okrs/diners.md": DINERS.replace("Restaurant platform", "Menu team"),
            "okrs/broken.md": BAD_PAGE,
            "okrs/ranch.md": RANCH,
            "okrs/limits.md": LIMITS,
            "okrs/big.md": BIG,
        }
    )
    root = write_site(tmp_path_factory.mktemp("hosts") / "site", {"index.md": "# Home\n", **pages}, MKDOCS)
    (root / "docs/conf.py").write_text(CONF, encoding="utf-8")
    found: dict[str, dict[str, Any]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        cli = run_cli("check", "--format", "json", cwd=root)
        assert cli.returncode == 1, cli.stderr
        found["cli"] = json.loads(cli.stdout)

        build = run_mkdocs("build", cwd=root)
        assert build.returncode == 0, build.stderr
        found["plugin"] = json.loads((root / "site/okrs.json").read_text(encoding="utf-8"))

        sphinx = sphinx_build(root, "-b", "html")
        assert sphinx.returncode == 0, sphinx.stderr
        found["sphinx"] = json.loads((root / "out/okrs.json").read_text(encoding="utf-8"))

        okrs, diagnostics = [], []
        for path in sorted((root / "docs/okrs").glob("*.md")):
            file = path.relative_to(root).as_posix()
            extension = OkrExtension(**PARTIES, severity=SEVERITY, vocabulary=VOCABULARY, file=file, **CORE)
            markdown.markdown(path.read_text(encoding="utf-8"), extensions=[extension])
            okrs += [c.okr() for c in extension.checked if c.okr_json]
            diagnostics += [d.to_dict() for c in extension.checked for d in c.diagnostics]
        found["markdown"] = {"okrs": okrs, "diagnostics": diagnostics}
    for report in found.values():
        assert_report({"version": 1, "files_checked": 0, **report})
    return found


def test_every_host_reads_the_same_okrs_from_the_same_pages(reports: dict[str, dict[str, Any]]) -> None:
    front_matter = {host: [o for o in r["okrs"] if o["file"] != "docs/okrs/fenced.md"] for host, r in reports.items()}
    assert len(front_matter["cli"]) == len(EXAMPLES) + 3
    for host in ["plugin", "markdown", "sphinx"]:
        assert front_matter[host] == front_matter["cli"], host


def test_every_host_reports_the_same_findings_of_a_page(reports: dict[str, dict[str, Any]]) -> None:
    """The command line and the plugin also run the cross-page rules, which these pages pass."""
    by_host = {
        host: findings([d for d in r["diagnostics"] if d["file"] != "docs/okrs/fenced.md"])
        for host, r in reports.items()
    }
    assert {rule for *_, rule, _ in by_host["cli"]} >= {"controllability", "schema"}
    for host in ["plugin", "markdown", "sphinx"]:
        assert by_host[host] == by_host["cli"], host


def test_the_two_hosts_that_read_fenced_blocks_agree(reports: dict[str, dict[str, Any]]) -> None:
    def fenced(report: dict[str, Any]) -> tuple[list[Any], list[tuple[Any, ...]]]:
        okrs = [o for o in report["okrs"] if o["file"] == "docs/okrs/fenced.md"]
        return okrs, findings([d for d in report["diagnostics"] if d["file"] == "docs/okrs/fenced.md"])

    okrs, found = fenced(reports["markdown"])
    assert len(okrs) == 1 and okrs[0]["objectives"][0]["key_results"][1]["line"] == 12 and found
    assert fenced(reports["sphinx"]) == (okrs, found)


def test_every_host_teaches_the_classifier_the_sites_words(reports: dict[str, dict[str, Any]]) -> None:
    """Without the site's `vocabulary`, both ranch key results read as unknown."""
    from mkdocs_okr.classify import assess

    assert {
        assess(text).result.level.value
        for text in ("Hoof trims per month: 200 to 300", "Pasture walks per month: 20 to 30")
    } == {"unknown"}
    for host, report in reports.items():
        (ranch,) = [o for o in report["okrs"] if o["file"] == "docs/okrs/ranch.md"]
        levels = [kr["controllability"]["level"] for kr in ranch["objectives"][0]["key_results"]]
        assert levels == ["customers_users", "team"], host


def test_every_host_takes_every_option_of_the_core(reports: dict[str, dict[str, Any]]) -> None:
    """The options at other values than their defaults: `today` and `stale_after_days` make the
    limits page's key result stale, the key-result counts let its objectives of one and six key
    results pass, and `max_values` stops the big page (its 30 objectives pass the schema)."""
    for host, report in reports.items():
        by_file: dict[str, set[tuple[str, str]]] = {}
        for d in report["diagnostics"]:
            by_file.setdefault(d["file"], set()).add((d["rule"], d["severity"]))
        assert by_file["docs/okrs/limits.md"] == {("stale", "info")}, host
        assert by_file["docs/okrs/big.md"] == {("limit", "error")}, host
