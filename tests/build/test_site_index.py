"""Site-wide OKRs: `aligns_to` checked across pages, the generated index page with its chart and
alignment tree, links that resolve, and the same index after a dirty rebuild as after a clean one
(the index's parts and the cross-page rules in process: tests/unit/test_site_index_parts.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from fixtures.html import element
from fixtures.sites import build_site, run_cli
from mkdocs_okr.rules.crosspage import cross_page, outline

COMPANY = """\
---
okr:
  team: Company
  period: 2026
  objectives:
    - title: Restaurants choose us first and stay
      key_results:
        - Raise the renewal rate of restaurants from 80% to 88%
        - Grow the restaurants that list with us from 4,000 to 5,500
---
# Company
"""
SUCCESS = """\
---
okr:
  team: Restaurant Success
  period: 2026-Q3
  objectives:
    - title: Make menus effortless for restaurant owners
      aligns_to: Company/2026/O1
      key_results:
        - text: Raise the share of restaurants that update menus weekly from 30% to 50%
          baseline: 30
          target: 50
          current: 40
          unit: "%"
        - text: Cut the time restaurants take to publish a menu from 3 days to 1 day
          baseline: 3
          target: 1
          current: 1
          unit: days
    - title: Win back restaurants that left
      aligns_to: company/2026/o1
      key_results:
        - Raise the number of restaurants that return from 10 to 25
        - Raise diner orders per week from 2 to 3
---
# Restaurant Success
"""
LOOPS = """\
---
okr:
  team: Growth
  period: 2026-Q2
  objectives:
    - title: Be found by more restaurants
      aligns_to: Growth/2026-Q2/O2
      key_results: [Raise sign-ups of restaurants from 100 to 150, Raise restaurant referrals from 5 to 20]
    - title: Be recommended by restaurants
      aligns_to: Growth/2026-Q2/O1
      key_results: [Raise restaurant referrals from 5 to 20, Raise the restaurant NPS from 20 to 40]
    - id: SELF
      title: Keep restaurants informed
      aligns_to: Growth/2026-Q2/SELF
      key_results: [Raise newsletter opens by restaurant owners from 20% to 40%, Cut unsubscribes by restaurants from 5% to 2%]
    - title: Explore a partner programme
      aligns_to: Partners/2026-Q2/O9
      ignore:
        aligns-to: The partners team publishes its OKRs next quarter
      key_results: [Sign 5 partner restaurants, Raise partner restaurants' renewals from 0 to 5]
---
# Growth
"""
SITE = {"index.md": "# Home\n", "company.md": COMPANY, "teams/success.md": SUCCESS, "teams/growth.md": LOOPS}
CONFIG = "site_name: Test\nplugins:\n  - search\n  - okr:\n      customer: [restaurants, restaurant owners]\n      customers_users: [diners]\n"


def aligns_findings(logs: list[tuple[str, str]]) -> list[str]:
    return [msg.split(": ", 1)[1] for _, msg in logs if "[aligns-to]" in msg]


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'<a [^>]*href="([^"]*)"', html)]


def assert_links_resolve(site: Path, page: str, html: str, within: str) -> int:
    """Every relative link inside the element that starts with `within` names a built file, and
    its #fragment an id in that file. Returns how many links were followed."""
    followed = 0
    for href in links(element(html, within)):
        if "://" in href or href.startswith(("mailto:", "okr-align:")):
            continue
        target = urlsplit(urljoin("http://site/" + page, href))
        path = target.path.lstrip("/")
        file = site / (path + "index.html" if path.endswith("/") or not path else path)
        assert file.is_file(), href
        if target.fragment:
            assert f'id="{target.fragment}"' in file.read_text(encoding="utf-8"), href
        followed += 1
    return followed


def test_aligns_to_names_an_existing_objective_and_the_build_and_cli_agree(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site(SITE, CONFIG)
    built = build_site(root, caplog)
    assert aligns_findings(built.logs) == [
        "docs/teams/growth.md:7:18: O1: aligns_to makes a loop: Growth/2026-Q2/O1 → Growth/2026-Q2/O2 → "
        "Growth/2026-Q2/O1; an objective cannot support itself [aligns-to]",
        # the loop is reported once, at its first objective (O2 is on it too)
        'docs/teams/growth.md:14:18: SELF: aligns_to "Growth/2026-Q2/SELF" names this objective itself; '
        "name the objective it supports [aligns-to]",
        'docs/teams/success.md:20:18: O2: aligns_to "company/2026/o1" matches no objective; '
        'did you mean "Company/2026/O1"? [aligns-to]',
    ]
    cli = run_cli("check", "--config", "mkdocs.yml", cwd=root)
    from_cli = [line.replace(": warning: ", ": ") for line in cli.stdout.splitlines() if "[aligns-to]" in line]
    assert from_cli == aligns_findings(built.logs)


def test_the_cross_page_rules_find_the_same_in_outlines_as_in_whole_okrs(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    """The command line runs them on outlines (no key results), the build on whole OKRs."""
    okrs = build_site(site({**SITE, "teams/copy.md": SUCCESS}, CONFIG), caplog).export()["okrs"]
    whole = cross_page(okrs, {})
    assert sorted(d.rule for d in whole) == ["aligns-to"] * 4 + ["duplicate-id"] * 2  # the loop once
    assert cross_page([outline(okr) for okr in okrs], {}) == whole
    assert all("key_results" not in o for okr in okrs for o in outline(okr)["objectives"])


def test_a_card_links_to_the_objective_it_supports(site: Callable[..., Path], caplog: pytest.LogCaptureFixture) -> None:
    built = build_site(site(SITE, CONFIG), caplog)
    html = built.html("teams/success/index.html")
    assert 'Supports <a href="../../company/#okr-o1">Company/2026/O1</a>' in html
    assert (
        'Supports <a aria-disabled="true" title="No objective company/2026/o1 on this site">company/2026/o1</a>' in html
    )
    assert assert_links_resolve(built.site, "teams/success/", html, '<section class="okr-card"') >= 1
    assert "okr-align:" not in html


def test_the_index_page_lists_every_period_newest_first_with_a_chart_and_the_tree(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(site(SITE, CONFIG), caplog)
    html = built.html("okrs/index.html")
    headings = re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', html)
    assert headings == [
        ("okr-period-2026", "2026"),
        ("okr-period-2026-q3", "2026-Q3"),
        ("okr-period-2026-q2", "2026-Q2"),
        ("okr-alignment", "How objectives align"),
    ]
    assert '<h3 id="okr-2026-q3-restaurant-success">Restaurant Success</h3>' in html
    # the chart: one bar per team, its numbers as text, described for screen readers
    assert html.count('<svg class="okr-chart"') == 3
    assert (
        '<title id="okr-period-2026-q3-chart-title">Key results by whose behaviour they measure, 2026-Q3</title>'
        in html
    )
    assert "Restaurant Success: 3 you can influence, 1 outside your control. " in html
    # progress: the mean of the key results that have numbers (50% and 100%)
    assert 'aria-label="O1: 75%"' in html and "2 of 2 measured" in html
    # the tree: the company objective, with the objective that supports it below it
    tree = html[html.index('<ul class="okr-tree">') :]
    assert re.search(r"Company/2026/O1</a>.*?<ul>.*?Restaurant Success/2026-Q3/O1</a>", tree, re.DOTALL)
    assert "Growth/2026-Q2/O1</a>" not in tree  # a loop has no root
    assert assert_links_resolve(built.site, "okrs/", html, '<div class="okr-index">') > 10
    toc = re.findall(r'<a href="#(okr-[^"]+)" class="nav-link">', html)
    assert toc == ["okr-period-2026", "okr-period-2026-q3", "okr-period-2026-q2", "okr-alignment"]


def test_other_pages_link_to_the_index_and_to_objectives_under_strict_anchor_validation(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    home = "# Home\n\nSee [Q3](okrs/index.md#okr-period-2026-q3), [the tree](okrs/index.md#okr-alignment) and [menus](teams/success.md#okr-o1-kr2).\n"
    config = CONFIG + "      severity: {aligns-to: info, controllability: info}\nvalidation:\n  anchors: warn\n"
    built = build_site(site({**SITE, "index.md": home}, config), caplog, strict=True)
    assert (built.site / "index.html").is_file()


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("", "okrs/index.html"),
        ("      index: reports/all-okrs.md\n", "reports/all-okrs/index.html"),
        ('      index: ""\n', None),
    ],
)
def test_the_index_goes_where_the_site_says(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, option: str, expected: str | None
) -> None:
    built = build_site(site(SITE, CONFIG + option), caplog)
    made = sorted(
        str(p.relative_to(built.site))
        for p in built.site.rglob("index.html")
        if "okr-index" in p.read_text(encoding="utf-8")
    )
    assert made == ([expected] if expected else [])


def test_a_page_that_holds_the_marker_shows_the_index_and_none_is_generated(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    page = "# Our OKRs\n\nAll of them:\n\n<!-- mkdocs-okr: index -->\n\nQuestions? Ask the PMO.\n"
    built = build_site(site({**SITE, "planning.md": page}, CONFIG), caplog)
    html = built.html("planning/index.html")
    assert html.index("All of them") < html.index('<div class="okr-index">') < html.index("Questions? Ask the PMO.")
    assert "mkdocs-okr: index" not in html
    assert not (built.site / "okrs").exists()


def test_a_page_that_shows_the_marker_as_code_does_not_hold_the_index(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    page = "# How to\n\nWrite `<!-- mkdocs-okr: index -->` on a line:\n\n```html\n<!-- mkdocs-okr: index -->\n```\n\n    <!-- mkdocs-okr: index -->\n"
    built = build_site(site({**SITE, "howto.md": page}, CONFIG), caplog)
    assert "okr-index" not in built.html("howto/index.html")
    assert 'class="okr-index"' in built.html("okrs/index.html")


def test_a_page_of_the_site_at_the_index_path_is_never_replaced(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(site({**SITE, "okrs/index.md": "# Our own page\n"}, CONFIG), caplog)
    assert "Our own page" in built.html("okrs/index.html") and "okr-index" not in built.html("okrs/index.html")
    assert (
        "INFO",
        "mkdocs_okr: okrs/index.md is a page of yours, so the OKR index is not generated there; "
        "add the line <!-- mkdocs-okr: index --> to it to show the index in it",
    ) in built.logs


@pytest.mark.parametrize("holder", ["generated", "marker"])
def test_a_dirty_rebuild_gives_the_same_index_as_a_clean_build(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, holder: str
) -> None:
    files = dict(SITE)
    index = "okrs/index.html"
    if holder == "marker":
        files["planning.md"] = "# Planning\n\n<!-- mkdocs-okr: index -->\n"
        index = "planning/index.html"
    root = site(files, CONFIG)
    build_site(root, caplog)
    changed = SUCCESS.replace("Make menus effortless", "Make menus delightful").replace(
        "period: 2026-Q3", "period: 2026-Q4"
    )
    (root / "docs/teams/success.md").write_text(changed, encoding="utf-8")
    start = '<div class="okr-index">'  # the theme's nav differs after a dirty build: MkDocs says so itself
    dirty = element(build_site(root, caplog, dirty=True).html(index), start)
    clean = element(build_site(root, caplog).html(index), start)
    assert dirty == clean and "Make menus delightful" in clean and "okr-period-2026-q4" in clean


def test_two_builds_give_the_same_index_byte_for_byte(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    first = build_site(site(SITE, CONFIG), caplog)
    second = build_site(site(SITE, CONFIG), caplog)
    assert first.html("okrs/index.html") == second.html("okrs/index.html")


def test_the_cli_on_a_few_files_sees_the_rest_of_the_site_for_cross_page_rules(site: Callable[..., Path]) -> None:
    """As pre-commit runs it: only changed files are named, yet aligns_to and duplicate ids are
    checked against the whole docs_dir; the other pages' own findings are not shown."""
    copy = SUCCESS.replace("aligns_to: company/2026/o1", "aligns_to: Company/2026/O1")
    root = site({**SITE, "teams/success.md": copy, "teams/z-copy.md": copy, "broken.md": "---\nokr: [\n---\n"}, CONFIG)
    run = run_cli("check", "docs/teams/z-copy.md", cwd=root)
    lines = run.stdout.splitlines()
    assert [line for line in lines if "[aligns-to]" in line] == []
    assert [line.split(": ", 1)[0] for line in lines if "[duplicate-id]" in line] == [
        "docs/teams/z-copy.md:6:7",
        "docs/teams/z-copy.md:19:7",
    ]
    assert all(line.startswith("docs/teams/z-copy.md:") for line in lines[:-1]), lines
    assert lines[-1].startswith("checked 1 file (1 OKR page)")


BROKEN_YAML = "---\nokr:\n  team: Payments\n  period: 2026-Q1\n  objectives:\n    - title: Pay on time\n      key_results: [Cut late payouts from 5% to 1%\n---\n# Payments\n"
BROKEN_SCHEMA = SUCCESS.replace("period: 2026-Q3", "period: Q3 2026").replace(
    "aligns_to: company/2026/o1", "align_to: Company/2026/O1"
)


def unread_note(html: str) -> str:
    return element(html, '<div class="okr-index__unread"')


def test_the_index_lists_the_okr_pages_it_could_not_read_with_links_and_their_first_finding(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    """4 OKR pages, 2 of them unreadable: the counts are of the 2 it read, and it says so."""
    files = {**SITE, "teams/payments.md": BROKEN_YAML, "teams/success.md": BROKEN_SCHEMA}
    built = build_site(site(files, CONFIG), caplog)
    html = built.html("okrs/index.html")
    assert "key results on 2 pages:" in html
    note = unescape(re.sub(r"<[^>]+>", "", unread_note(html)))
    assert (
        " ".join(note.split())
        == (
            "2 more OKR pages could not be read, so they are not in this index. Each says why at its top: "
            "docs/teams/payments.md: line 7, column 20 YAML syntax error: the '[' here is never closed; add ']' or quote the value [yaml] "
            'docs/teams/success.md: line 4, column 11 period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q3 2026" [schema] (and 2 more findings)'  # the rest of the page is checked too (item 4)
        )
    )
    assert [h for h in links(unread_note(html))] == ["../teams/payments/", "../teams/success/"]
    assert assert_links_resolve(built.site, "okrs/", html, '<div class="okr-index__unread"') == 2
    assert html.index("key results on 2 pages") < html.index("okr-index__unread") < html.index('<h2 id="okr-period-')


def test_an_index_with_no_readable_page_still_names_the_pages_it_could_not_read(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(site({"index.md": "# Home\n", "teams/payments.md": BROKEN_YAML}, CONFIG), caplog)
    html = built.html("okrs/index.html")
    note = " ".join(unescape(re.sub(r"<[^>]+>", "", unread_note(html))).split())
    assert "No OKR page on this site could be read yet." in html
    assert note.startswith(
        "1 OKR page could not be read, so it is not in this index. The page says why at its top: "
        "docs/teams/payments.md: line 7, column 20 YAML syntax error"
    )
    # a site that sets every finding of the page to ignore still learns that the page is left out
    quiet = build_site(
        site({"index.md": "# Home\n", "teams/payments.md": BROKEN_YAML}, CONFIG + "      severity: {yaml: ignore}\n"),
        caplog,
    )
    note = " ".join(unescape(re.sub(r"<[^>]+>", "", unread_note(quiet.html("okrs/index.html")))).split())
    assert note.endswith("The page says why at its top: docs/teams/payments.md")


UNCLEAR = """\
---
okr:
  team: Ops
  period: 2026-Q3
  objectives:
    - title: A calmer quarter
      key_results:
        - Do better in Q3
        - text: Make Q4 great
          measures: team
        - Improve things
---
# Ops
"""


def test_the_index_lists_the_key_results_the_plugin_could_not_place(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    """So that a team sees where to declare `measures:` or add a word; a declared key result is placed."""
    built = build_site(site({**SITE, "teams/ops.md": UNCLEAR}, CONFIG), caplog)
    html = built.html("okrs/index.html")
    section = element(html, '<section class="okr-index__unplaced"')
    assert '<h2 id="okr-unplaced">Key results the plugin could not place</h2>' in section
    assert "these 2 key results measure" in section and "Make Q4 great" not in section
    assert re.findall(r"<li><a [^>]+>([^<]+)</a>: ([^<]+)</li>", section) == [
        ("Ops, 2026-Q3, O1 KR1", "Do better in Q3"),
        ("Ops, 2026-Q3, O1 KR3", "Improve things"),
    ]
    assert assert_links_resolve(built.site, "okrs/", section, '<section class="okr-index__unplaced"') == 2
    toc = re.findall(r'<a href="#(okr-[^"]+)" class="nav-link">', html)
    assert toc[-2:] == ["okr-unplaced", "okr-alignment"]
    assert "okr-unplaced" not in build_site(site(SITE, CONFIG), caplog).html("okrs/index.html")
