"""The Python-Markdown extension `okr`: in Python-Markdown itself, in a MkDocs site through
`markdown_extensions`, and in a real Zensical build."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Callable

import markdown
import pytest

from fixtures.pages import DINERS, FENCE, FENCED, OKR_PAGE
from fixtures.sites import build_site, run_mkdocs
from mkdocs_okr.markdown import OkrExtension

PARTIES = {"customer": "restaurant owners", "customers_users": ["diners"]}
LOGGER = "mkdocs.okr"


def convert(text: str, others: tuple[str, ...] = (), **config: object) -> tuple[str, OkrExtension]:
    extension = OkrExtension(**{**PARTIES, **config})
    return markdown.markdown(text, extensions=[extension, *others]), extension


def test_a_fenced_block_becomes_the_card_with_badges_and_findings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=LOGGER):
        html = markdown.markdown(FENCED, extensions=["okr"], extension_configs={"okr": {**PARTIES, "file": "q1.md"}})
    assert html.startswith("<h1>Menu team</h1>\n<p>Some text.</p>\n<div class=\"okr-block\"><style>")
    assert html.endswith("</div>\n<p>More text.</p>")
    assert "<code" not in html and "team: Restaurant platform" not in html
    assert html.count("</span> You can influence<") == 1 and html.count("</span> Outside your control<") == 1
    message = "O1 KR2 measures diners, your customers' users: outside your control (\"orders\", \"diner\")"
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", f"q1.md:12:9: {message} [controllability]")
    ]
    assert '<span class="okr-problem__severity">warning</span> <span class="okr-problem__where">line 12, column 9</span>' in html


def test_options_set_severity_and_link_a_stylesheet(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=LOGGER):
        html, _ = convert(FENCED, severity={"customers_users": "ignore"}, css_url="/okr.css")
    assert caplog.records == []
    assert '<link rel="stylesheet" href="/okr.css">' in html and "<style>" not in html
    assert 'aria-label="Findings"' not in html


def test_findings_of_a_broken_block_are_at_the_page_lines_and_the_page_still_renders(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = FENCED.replace("period: 2026-Q1", "period: Q1 2026").replace("key_results:", "key_result:")
    listed = f"- an item\n\n    {FENCE}okr\n    team: [unclosed\n    {FENCE}\n"
    with caplog.at_level(logging.INFO, logger=LOGGER):
        html, extension = convert(text + "\n" + listed, file="q1.md")
    assert [r.getMessage().split(": ", 1)[0] for r in caplog.records] == ["q1.md:7:9", "q1.md:10:5", "q1.md:20:11"]
    assert "period: expected YYYY, YYYY-Qn or YYYY-Hn, got &#34;Q1 2026&#34;" in html
    assert html.count("The OKRs on this page could not be read") == 2
    assert "<li>\n<p>an item</p>\n<div class=\"okr-block\">" in html and "<p>More text.</p>" in html
    assert [c.okr() for c in extension.checked] == [None, None]


def test_a_fence_shown_inside_another_fence_is_left_as_code() -> None:
    shown = f"````markdown\n{FENCED}````\n"
    html, extension = convert(shown, others=("fenced_code",))
    assert extension.checked == [] and "okr-card" not in html
    assert "<pre><code" in html and "team: Restaurant platform" in html


def test_front_matter_in_the_text_gives_way_to_the_card_under_the_title() -> None:
    html, extension = convert(OKR_PAGE, file="q1.md")
    assert html.startswith('<h1>Menu team OKRs</h1>\n<div class="okr-block"><style>')
    assert "okr:" not in html and "82% → 90%" in html
    (checked,) = extension.checked
    assert checked.okr()["objectives"][0]["key_results"][0]["line"] == 8


def test_each_conversion_starts_afresh() -> None:
    extension = OkrExtension()
    md = markdown.Markdown(extensions=[extension])
    md.convert(FENCED)
    md.reset()
    md.convert("# No OKRs\n")
    assert extension.checked == []


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"severity": {"controlability": "error"}}, 'okr extension: severity: unknown rule or level "controlability" — did you mean "controllability"?'),
        ({"severity": {"schema": "loud"}}, 'okr extension: severity: "schema": expected one of error, warning, info, ignore, got \'loud\''),
        ({"customer": [1, 2]}, "okr extension: customer: expected a name or a list of names, got [1, 2]"),
    ],
)
def test_a_wrong_option_is_a_clear_error(config: dict[str, object], expected: str) -> None:
    with pytest.raises(ValueError) as error:
        markdown.markdown("text", extensions=["okr"], extension_configs={"okr": config})
    assert str(error.value) == expected


MKDOCS_CONFIG = """\
site_name: Test
markdown_extensions:
  - okr:
      customer: restaurant owners
      customers_users: [diners]
"""


def test_in_a_mkdocs_site_without_the_plugin(site: Callable[..., Path], caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs gives Markdown the page without its front matter; the lines are still the file's."""
    fenced = "---\ntitle: Menu\n---\n" + FENCED
    root = site({"index.md": "# Home\n", "okrs/q1.md": DINERS, "okrs/fenced.md": fenced}, MKDOCS_CONFIG)
    with caplog.at_level(logging.INFO, logger=LOGGER):
        built = build_site(root, caplog)
    lines = sorted(r.getMessage().split(" measures")[0] for r in caplog.records if r.name == LOGGER)
    assert lines == ["docs/okrs/fenced.md:15:9: O1 KR2", "docs/okrs/q1.md:14:11: O1 KR2"]
    q1 = built.html("okrs/q1/index.html")
    assert q1.count('<section class="okr-card"') == 1 and "82% → 90%" in q1 and "okr:" not in q1
    assert q1.index("Menu team OKRs</h1>") < q1.index('<div class="okr-block">')
    assert built.html("okrs/fenced/index.html").count('<section class="okr-card"') == 1
    assert "okr-card" not in built.html("index.html")


def test_a_finding_fails_a_strict_mkdocs_build(site: Callable[..., Path]) -> None:
    root = site({"index.md": FENCED}, MKDOCS_CONFIG)
    run = run_mkdocs("build", "--strict", cwd=root, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "WARNING -  docs/index.md:12:9: O1 KR2 measures diners" in run.stderr


def test_a_wrong_option_stops_mkdocs_with_a_message_not_a_traceback(site: Callable[..., Path]) -> None:
    root = site({"index.md": FENCED}, MKDOCS_CONFIG + "      severity: {controlability: error}\n")
    run = run_mkdocs("build", cwd=root, timeout=120)
    assert run.returncode == 1
    assert 'okr extension: severity: unknown rule or level "controlability"' in run.stderr
    assert "Traceback" not in run.stderr


def test_a_zensical_build_shows_the_card_and_reports_the_findings(site: Callable[..., Path]) -> None:
    """On the Zensical installed: 0.0.73, the newest that installs (0.0.74 to 0.1.3 need
    zensical-ui, which has no release pip can find); docs/hosts/markdown.md says so, and
    test_host_pages holds it to the version this run has."""
    broken = FENCED.replace("period: 2026-Q1", "period: Q1 2026")
    root = site({"index.md": "# Home\n", "okrs/q1.md": DINERS, "okrs/fenced.md": FENCED, "okrs/broken.md": broken}, MKDOCS_CONFIG)
    run = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=root, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    output = run.stdout + run.stderr
    assert "docs/okrs/q1.md:14:11: O1 KR2 measures diners" in output
    assert "docs/okrs/fenced.md:12:9: O1 KR2 measures diners" in output
    assert 'docs/okrs/broken.md:7:9: period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q1 2026" [schema]' in output
    q1 = (root / "site/okrs/q1/index.html").read_text(encoding="utf-8")
    assert q1.count('<section class="okr-card"') == 1 and "82% → 90%" in q1 and "okr-card__team" in q1
    assert (root / "site/okrs/fenced/index.html").read_text(encoding="utf-8").count("</span> Outside your control<") == 1
    assert "could not be read" in (root / "site/okrs/broken/index.html").read_text(encoding="utf-8")
    assert "okr-card" not in (root / "site/index.html").read_text(encoding="utf-8")


def test_a_page_that_starts_with_a_bom_gets_its_card() -> None:
    """Issue 21, item 13: the front matter was found behind the BOM by the checker, not by the code that removes it."""
    import markdown

    text = "\ufeff---\nokr:\n  team: Kitchen tools\n  period: 2026-Q1\n  objectives:\n    - title: T\n      key_results: [Raise renewal from 80% to 90%, Cut churn from 3% to 2%]\n---\n# Kitchen tools\n"
    html = markdown.markdown(text, extensions=["okr"])
    assert html.count("<section class=\"okr-card") == 1 and "team: Kitchen" not in html and "<h1>Kitchen tools</h1>" in html
