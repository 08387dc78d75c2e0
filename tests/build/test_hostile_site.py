"""Hostile sites as a whole (issue 21): a chain of `aligns_to` 1,000 objectives deep across pages,
built by the plugin and checked by `mkdocs-okr check`."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.sites import Built, build_site, record_figure, run_cli, run_mkdocs

PER_PAGE = 10


def chain_pages(length: int) -> dict[str, str]:
    """Pages of ten objectives each, every objective supporting the next one, across pages."""
    pages = {}
    for page in range(length // PER_PAGE):
        objectives = []
        for i in range(PER_PAGE):
            n = page * PER_PAGE + i + 1
            aligns = f"\n      aligns_to: Team {n // PER_PAGE}/2026-Q1/O{n % PER_PAGE + 1}" if n < length else ""
            objectives.append(
                f"    - id: O{i + 1}\n      title: Objective {n}{aligns}\n"
                "      key_results: [Raise weekly active teams from 10 to 20, Cut the median load time from 3 s to 1 s]"
            )
        front = f"okr:\n  team: Team {page}\n  period: 2026-Q1\n  objectives:\n" + "\n".join(objectives)
        pages[f"teams/t{page:03d}.md"] = f"---\n{front}\n---\n# Team {page}\n"
    return pages


def test_a_chain_of_aligns_to_1000_deep_is_built_and_checked(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site(chain_pages(1000))
    started = time.perf_counter()
    built = build_site(root, caplog)
    record_figure(
        f"a chain of aligns_to 1,000 objectives deep on 100 pages: built in {time.perf_counter() - started:.1f} s"
    )
    html = built.html("okrs/index.html")
    tree = html[html.index('<ul class="okr-tree">') : html.index("</section>", html.index('<ul class="okr-tree">'))]
    keys = re.findall(r'<li><a href="[^"]*">([^<]*)</a>', tree)
    assert keys == [f"Team {n // PER_PAGE}/2026-Q1/O{n % PER_PAGE + 1}" for n in range(999, -1, -1)]
    assert tree.count("<ul>") == 999 and tree.count("</ul>") == 1000 and tree.count("</li>") == 1000
    assert not [line for line in built.findings if "[aligns-to]" in line]

    cli = run_cli("check", "docs", cwd=root)
    assert cli.returncode == 0 and "Traceback" not in cli.stderr and "[aligns-to]" not in cli.stdout


PAGE = """\
---
okr:
  team: Payments
  period: 2026-Q1
  objectives:
    - title: Make paying effortless for restaurant owners
      key_results: [Raise the share of restaurants paid within a day from 60% to 90%, Cut payout disputes from 40 to 10 a month]
---
# Payments
"""
PLUGIN = "site_name: Test\n{extra}plugins:\n  - okr{options}\n"


def warnings(built: Built) -> list[str]:
    """The plugin's warnings that are not findings about a page (those end in their rule's id)."""
    return [m.removeprefix("mkdocs_okr: ") for level, m in built.logs if level == "WARNING" and not m.endswith("]")]


def taken(user: str, dest: str, what: str, fix: str) -> str:
    return f"{user} takes {dest} in the built site, where {what} would go, so {fix}"


INDEX_TAKEN = "the index is not generated: set the okr plugin's option index to another path, e.g. index: okrs/all.md"
EXPORT_TAKEN = (
    "the export is not written: set the okr plugin's option export to another path, e.g. export: okrs-export.json"
)


def test_a_page_of_yours_at_the_index_address_is_kept_and_the_build_says_why_there_is_no_index(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(
        site({"teams/payments.md": PAGE, "okrs.md": "# Our own OKR notes\n"}, PLUGIN.format(extra="", options="")),
        caplog,
    )
    assert "Our own OKR notes" in built.html("okrs/index.html") and "okr-index" not in built.html("okrs/index.html")
    marker = ", or add the line <!-- mkdocs-okr: index --> to docs/okrs.md to show the index there"
    assert warnings(built) == [taken("docs/okrs.md", "okrs/index.html", "the OKR index", INDEX_TAKEN + marker)]

    moved = PLUGIN.format(extra="", options=":\n      index: okrs/all.md")
    built = build_site(site({"teams/payments.md": PAGE, "okrs.md": "# Our own OKR notes\n"}, moved), caplog)
    assert warnings(built) == [] and "okr-index" in built.html("okrs/all/index.html")
    assert "Our own OKR notes" in built.html("okrs/index.html")


def test_without_directory_urls_the_index_is_compared_by_where_it_is_written(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    flat = PLUGIN.format(extra="use_directory_urls: false\n", options="")
    built = build_site(site({"teams/payments.md": PAGE, "okrs.md": "# Our own OKR notes\n"}, flat), caplog)
    assert warnings(built) == [] and "okr-index" in built.html("okrs/index.html")
    assert "Our own OKR notes" in built.html("okrs.html")

    mine = "<!doctype html><title>Our own</title><p>Hand-written OKR list</p>\n"
    built = build_site(site({"teams/payments.md": PAGE, "okrs/index.html": mine}, flat), caplog)
    assert built.html("okrs/index.html") == mine
    assert warnings(built) == [taken("docs/okrs/index.html", "okrs/index.html", "the OKR index", INDEX_TAKEN)]


def test_a_file_of_yours_at_the_export_path_is_kept(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    mine = '{"ours": "not the export"}\n'
    built = build_site(
        site({"teams/payments.md": PAGE, "okrs.json": mine}, PLUGIN.format(extra="", options="")), caplog
    )
    assert built.html("okrs.json") == mine
    assert warnings(built) == [taken("docs/okrs.json", "okrs.json", "the export of the site's OKRs", EXPORT_TAKEN)]

    moved = PLUGIN.format(extra="", options=":\n      export: data/all-okrs.json")
    built = build_site(site({"teams/payments.md": PAGE, "okrs.json": mine}, moved), caplog)
    assert warnings(built) == [] and built.html("okrs.json") == mine
    assert '"team":"Payments"' in built.html("data/all-okrs.json")


def test_a_folder_of_yours_at_the_export_path_is_kept_and_the_build_goes_on(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(
        site({"teams/payments.md": PAGE, "okrs.json/readme.txt": "ours\n"}, PLUGIN.format(extra="", options="")), caplog
    )
    assert built.html("okrs.json/readme.txt") == "ours\n" and "okr-index" in built.html("okrs/index.html")
    assert warnings(built) == [
        taken("the folder docs/okrs.json/", "okrs.json", "the export of the site's OKRs", EXPORT_TAKEN)
    ]


@pytest.mark.parametrize("path", ["../okrs.json", "/tmp/okrs.json", "data//okrs.json", "./okrs.json"])
def test_the_export_goes_nowhere_outside_the_site(site: Callable[..., Path], path: str) -> None:
    root = site({"teams/payments.md": PAGE}, PLUGIN.format(extra="", options=f":\n      export: {path}"))
    built = run_mkdocs("build", cwd=root)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert f"expected a path inside the site, like okrs.json, got '{path}'" in built.stderr
    assert not (root / "okrs.json").exists() and not (root / "site").exists()
    cli = run_cli("check", "docs", cwd=root)
    assert cli.returncode == 2 and "expected a path inside the site" in cli.stderr


def okr_page(team: str, period: str, *objectives: tuple[str, str, str | None]) -> str:
    """A page whose objectives are (id, title, aligns_to), each with two key results."""
    lines = [f"---\nokr:\n  team: {team}\n  period: {period}\n  objectives:"]
    for ident, title, aligns in objectives:
        lines.append(f"    - id: {ident}\n      title: {title}" + (f"\n      aligns_to: {aligns}" if aligns else ""))
        lines.append(
            "      key_results: [Raise weekly active teams from 10 to 20, Cut the median load time from 3 s to 1 s]"
        )
    return "\n".join(lines) + f"\n---\n# {team}\n"


def okr_ids(html: str) -> list[str]:
    return re.findall(r'\sid="(okr-[^"]*)"', html)


def element(html: str, anchor: str) -> str:
    """The text that follows the element with the id `anchor`, up to the next id."""
    at = html.index(f'id="{anchor}"')
    return html[at : html.find(' id="', at + 1)]


def test_ids_that_differ_in_case_or_join_an_objectives_and_a_key_results_are_told_apart(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    pages = {
        "a.md": okr_page(
            "Menus",
            "2026-Q1",
            ("O1", "Upper case one", None),
            ("o1", "Lower case one", None),
            ("O1-KR1", "Joined", None),
        ),
        "b.md": okr_page("Growth", "2026-Q1", ("O1", "Supports the lower one", "Menus/2026-Q1/o1")),
    }
    built = build_site(site(pages), caplog)
    card = built.html("a/index.html")
    ids = okr_ids(card)
    assert len(ids) == len(set(ids)) == 9
    # no clash, no change: O1 and its second key result keep the ids they always had
    assert ids[:3] == ["okr-o1", "okr-o1-kr1-2", "okr-o1-kr2"] and ids[6] == "okr-o1-kr1"
    assert "Lower case one" in element(card, "okr-o1-2") and "Joined" in element(card, "okr-o1-kr1")

    # aligns_to names o1 exactly, and every link to it lands on o1, not on O1
    assert 'href="../a/#okr-o1-2">Menus/2026-Q1/o1</a>' in built.html("b/index.html")
    index = built.html("okrs/index.html")
    assert '<a href="../a/#okr-o1-2"><span class="okr-id">o1</span> Lower case one</a>' in index
    assert '<a href="../a/#okr-o1-kr1"><span class="okr-id">O1-KR1</span> Joined</a>' in index
    assert not [f for f in built.findings if "[aligns-to]" in f]


def test_aligns_to_matches_case_for_case_and_says_which_it_means(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    pages = {
        "a.md": okr_page("Menus", "2026-Q1", ("O1", "Upper case one", None)),
        "b.md": okr_page("Growth", "2026-Q1", ("O1", "Supports it, spelt in lower case", "menus/2026-Q1/o1")),
    }
    root = site(pages)
    built = build_site(root, caplog)
    expected = 'docs/b.md:8:18: O1: aligns_to "menus/2026-Q1/o1" matches no objective; did you mean "Menus/2026-Q1/O1"? [aligns-to]'
    assert [f for f in built.findings if "[aligns-to]" in f] == [f"WARNING {expected}"]
    assert 'aria-disabled="true" title="No objective menus/2026-Q1/o1 on this site"' in built.html("b/index.html")
    cli = run_cli("check", "docs", cwd=root)
    assert expected.replace(": O1:", ": warning: O1:") in cli.stdout


def test_team_sections_of_the_index_that_would_share_an_id_are_told_apart(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    pages = {
        "a.md": okr_page("Q1 Ops", "2026", ("O1", "Year", None)),
        "b.md": okr_page("Ops", "2026-Q1", ("O1", "Quarter", None)),
    }
    index = build_site(site(pages), caplog).html("okrs/index.html")
    assert re.findall(r'<h3 id="([^"]*)">([^<]*)</h3>', index) == [
        ("okr-2026-q1-ops", "Q1 Ops"),
        ("okr-2026-q1-ops-2", "Ops"),
    ]
    assert len(okr_ids(index)) == len(set(okr_ids(index)))


def test_a_card_on_the_page_that_shows_the_index_takes_none_of_its_ids(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    page = okr_page("Menus", "2026", ("alignment", "Named like a section", None), ("period-2026", "So is this", None))
    child = okr_page("Growth", "2026-Q1", ("O1", "Supports it", "Menus/2026/alignment"))
    built = build_site(site({"plan.md": page + "\n<!-- mkdocs-okr: index -->\n", "b.md": child}), caplog)
    html = built.html("plan/index.html")
    assert 'class="okr-index"' in html and len(okr_ids(html)) == len(set(okr_ids(html)))
    assert "Named like a section" in element(html, "okr-alignment-2") and "So is this" in element(
        html, "okr-period-2026-2"
    )
    assert 'href="../plan/#okr-alignment-2">Menus/2026/alignment</a>' in built.html("b/index.html")


def test_two_okr_blocks_of_one_markdown_page_give_different_ids() -> None:
    import markdown

    fenced = (
        "```okr\n"
        + okr_page("Menus", "2026-Q2", ("O1", "In a block", None)).split("---\nokr:\n", 1)[1].split("\n---")[0]
    )
    text = (
        okr_page("Menus", "2026-Q1", ("O1", "In the front matter", None))
        + "\n"
        + fenced.replace("\n  ", "\n")
        + "\n```\n"
    )
    html = markdown.markdown(text, extensions=["okr"])
    assert okr_ids(html) == ["okr-o1", "okr-o1-kr1", "okr-o1-kr2", "okr-o1-2", "okr-o1-kr1-2", "okr-o1-kr2-2"]


TWINS = ["Cafe\u0301", "Café", "Payments", "Payments\u200b", "Team A", "Team\u00a0A"]


def test_team_names_that_only_look_the_same_are_a_finding_naming_both_spellings_and_pages(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    pages = {
        "a.md": okr_page('"Caf\u00e9"', "2026-Q1", ("O1", "Composed", None)),
        "b.md": okr_page('"Cafe\u0301"', "2026-Q1", ("O2", "Decomposed", "Cafe\u0301/2026-Q1/O1")),
        "c.md": okr_page("Payments", "2026-Q1", ("O1", "Plain", None)),
        "d.md": okr_page("Payments", "2026-Q1", ("O2", "Plain too", None)),
        "e.md": okr_page('"Payments\u200b"', "2026-Q1", ("O3", "Zero-width", None)),
        "f.md": okr_page('"Team\u00a0A"', "2026-Q1", ("O1", "No-break space, silenced", None)).replace(
            "  period: 2026-Q1\n", "  period: 2026-Q1\n  ignore:\n    team-spelling: Renamed next quarter\n"
        ),
        "g.md": okr_page("Team A", "2026-Q1", ("O1", "Plain space", None)),
    }
    root = site(pages)
    built = build_site(root, caplog)
    expected = [
        'docs/b.md:3:9: team "Cafe\\u0301" looks the same as "Café" on docs/a.md, but is written with other characters, '
        "so the index shows two teams; write it as that page does [team-spelling]",
        'docs/b.md:8:18: O2: aligns_to "Cafe\\u0301/2026-Q1/O1" matches no objective; did you mean "Café/2026-Q1/O1"? [aligns-to]',
        'docs/e.md:3:9: team "Payments\\u200b" looks the same as "Payments" on docs/c.md and 1 other page, but is written '
        "with other characters, so the index shows two teams; write it as those pages do [team-spelling]",
    ]
    assert [
        f.split(" ", 1)[1]
        for f in built.findings
        if f.startswith("WARNING") and f.endswith(("[team-spelling]", "[aligns-to]"))
    ] == expected
    # not merged: each page keeps the name it writes, in the index as in its aligns_to
    index = built.html("okrs/index.html")
    assert re.findall(r'<h3 id="[^"]*">([^<]*)</h3>', index) == TWINS
    assert len(okr_ids(index)) == len(set(okr_ids(index)))
    assert [o["team_at"] for o in built.export()["okrs"]][:2] == [{"line": 3, "column": 9}] * 2

    cli = run_cli("check", "docs", cwd=root)
    assert [
        line.replace(": warning: ", ": ")
        for line in cli.stdout.splitlines()
        if line.endswith(("[team-spelling]", "[aligns-to]"))
    ] == expected
