"""The Python-Markdown extension `okr`, in Python-Markdown itself (its builds, in MkDocs through
`markdown_extensions` and in Zensical: tests/build/test_markdown_extension_builds.py)."""

from __future__ import annotations

import logging

import markdown
import pytest

from fixtures.pages import FENCE, FENCED, OKR_PAGE
from mkdocs_okr.markdown import OkrExtension

PARTIES = {"customer": "restaurant owners", "customers_users": ["diners"]}
LOGGER = "mkdocs.okr"


def convert(text: str, others: tuple[str, ...] = (), **config: object) -> tuple[str, OkrExtension]:
    extension = OkrExtension(**{**PARTIES, **config})
    return markdown.markdown(text, extensions=[extension, *others]), extension


def test_a_fenced_block_becomes_the_card_with_badges_and_findings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=LOGGER):
        html = markdown.markdown(FENCED, extensions=["okr"], extension_configs={"okr": {**PARTIES, "file": "q1.md"}})
    assert html.startswith('<h1>Menu team</h1>\n<p>Some text.</p>\n<div class="okr-block"><style>')
    assert html.endswith("</div>\n<p>More text.</p>")
    assert "<code" not in html and "team: Restaurant platform" not in html
    assert html.count("</span> You can influence<") == 1 and html.count("</span> Outside your control<") == 1
    message = 'O1 KR2 measures diners, your customers\' users: outside your control ("orders", "diner")'
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", f"q1.md:12:9: {message} [controllability]")
    ]
    assert (
        '<span class="okr-problem__severity">warning</span> <span class="okr-problem__where">line 12, column 9</span>'
        in html
    )


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
    assert '<li>\n<p>an item</p>\n<div class="okr-block">' in html and "<p>More text.</p>" in html
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
        (
            {"severity": {"controlability": "error"}},
            'okr extension: severity: unknown rule or level "controlability" — did you mean "controllability"?',
        ),
        (
            {"severity": {"schema": "loud"}},
            "okr extension: severity: \"schema\": expected one of error, warning, info, ignore, got 'loud'",
        ),
        ({"customer": [1, 2]}, "okr extension: customer: expected a name or a list of names, got [1, 2]"),
    ],
)
def test_a_wrong_option_is_a_clear_error(config: dict[str, object], expected: str) -> None:
    with pytest.raises(ValueError) as error:
        markdown.markdown("text", extensions=["okr"], extension_configs={"okr": config})
    assert str(error.value) == expected


def test_a_page_that_starts_with_a_bom_gets_its_card() -> None:
    """Issue 21, item 13: the front matter was found behind the BOM by the checker, not by the code that removes it."""
    import markdown

    text = "\ufeff---\nokr:\n  team: Kitchen tools\n  period: 2026-Q1\n  objectives:\n    - title: T\n      key_results: [Raise renewal from 80% to 90%, Cut churn from 3% to 2%]\n---\n# Kitchen tools\n"
    html = markdown.markdown(text, extensions=["okr"])
    assert (
        html.count('<section class="okr-card') == 1 and "team: Kitchen" not in html and "<h1>Kitchen tools</h1>" in html
    )
