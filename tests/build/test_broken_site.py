"""The fixture site of broken pages: every finding at its exact place, the same from the build and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fixtures.sites import DATA, build_site, run_cli

EXPECTED = (DATA / "broken_site" / "expected.txt").read_text(encoding="utf-8").splitlines()
FINDING = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>\w+): (?P<message>.*) \[(?P<rule>[\w-]+)\]$"
)


def test_the_fixture_has_at_least_15_broken_pages_each_with_its_finding() -> None:
    findings = [FINDING.match(line) for line in EXPECTED[:-1]]
    assert all(findings)
    broken = sorted(p.name for p in (DATA / "broken_site" / "docs" / "broken").glob("*.md"))
    assert len(broken) >= 15
    assert sorted({Path(m["file"]).name for m in findings if m}) == broken


def test_cli_reports_exactly_the_expected_findings(broken_site: Path) -> None:
    result = run_cli("check", cwd=broken_site)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == EXPECTED
    assert result.stderr == ""


def test_build_reports_the_same_findings_as_the_cli(broken_site: Path, caplog: pytest.LogCaptureFixture) -> None:
    built = build_site(broken_site, caplog)
    from_build = sorted(f"{msg.split(': ', 1)[1]}" for _, msg in built.logs)
    from_cli = sorted(re.sub(r": error: ", ": ", line) for line in EXPECTED[:-1])
    assert from_build == from_cli
    assert {level for level, _ in built.logs} == {"ERROR"}


def test_json_carries_the_same_findings_with_pointers(broken_site: Path) -> None:
    report = json.loads(run_cli("check", "--format", "json", cwd=broken_site).stdout)
    lines = [
        f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} [{d['rule']}]"
        for d in report["diagnostics"]
    ]
    assert lines == EXPECTED[:-1]
    pointers = {d["file"].rsplit("/", 1)[1]: d["pointer"] for d in report["diagnostics"]}
    assert pointers["period.md"] == "/okr/period"
    assert pointers["key-typo.md"] == "/okr/objectives/0/key_result"
    assert pointers["missing-title.md"] == "/okr/objectives/0"


def test_a_broken_page_does_not_stop_the_build_without_strict(
    broken_site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(broken_site, caplog)
    good = built.html("good/index.html")
    assert 'class="okr-card"' in good and "3 days → 1 day" in good
    assert "okr-card--invalid" in built.html("broken/period/index.html")
    assert "could not be read" in built.html("broken/period/index.html")
    assert not (broken_site / "owned.txt").exists()


@pytest.mark.parametrize("page", ["tab", "syntax", "unclosed-quote"])
def test_front_matter_that_is_not_yaml_stays_off_the_page_and_the_heading_is_its_title(
    site: object, caplog: pytest.LogCaptureFixture, page: str
) -> None:
    broken = {
        "tab": "---\nokr:\n  team: Kitchen tools\n\tperiod: 2026-Q2\n---\n# Kitchen tools, Q2\n\nBody text.\n",
        "syntax": "---\nokr:\n  team: Kitchen tools\n  objectives:\n    - title: Keep kitchens\n     key_results: [a]\n---\n# Kitchen tools, Q2\n\nBody text.\n",
        "unclosed-quote": '---\nokr:\n  team: "Kitchen tools\n  period: 2026-Q2\n---\n# Kitchen tools, Q2\n\nBody text.\n',
    }[page]
    root = site({"index.md": "# Home\n", "okrs/q2.md": broken}, "site_name: Test\nplugins:\n  - okr\n")  # type: ignore[operator]
    built = build_site(root, caplog)
    html = built.html("okrs/q2/index.html")
    assert "okr-card--invalid" in html
    assert "team:" not in html and "period: 2026" not in html and "okr:" not in html
    assert "<title>Kitchen tools, Q2 - Test</title>" in html
    assert '<h1 id="kitchen-tools-q2">Kitchen tools, Q2</h1>' in html
    assert built.html("index.html").count("Kitchen tools, Q2") >= 1  # the nav names it by its heading
    assert any("YAML syntax error" in message for _, message in built.logs)
