"""The parts of the site index and the cross-page rules, in process: periods newest first, the
chart's bars and labels, `did you mean` for aligns_to, the index marker outside fenced code, and
long loops and misspelt keys among thousands of objectives (in real builds: tests/build/test_site_index.py)."""

from __future__ import annotations

from mkdocs_okr.rules.crosspage import cross_page
from mkdocs_okr.show.siteindex import build_index, period_order, wrap


def test_periods_sort_newest_first_and_charts_scale_to_the_largest_team() -> None:
    assert sorted(["2025", "2026-Q1", "2026-H2", "2026", "2026-Q4", "2026-H1"], key=period_order) == [
        "2026-Q4",
        "2026-H2",
        "2026",
        "2026-H1",
        "2026-Q1",
        "2025",
    ]

    def okr(file: str, team: str, levels: list[str]) -> dict[str, object]:
        krs = [{"id": f"KR{i}", "controllability": {"level": level}} for i, level in enumerate(levels)]
        return {
            "file": file,
            "team": team,
            "period": "2026-Q1",
            "objectives": [{"id": "O1", "title": "T", "key_results": krs}],
        }

    index = build_index(
        [
            okr("a.md", "B team", ["customer"] * 2),
            okr("b.md", "a team", ["customer", "customers_users", "team", "unknown"]),
        ],
        lambda file, ident: f"{file}#{ident}",
    )
    (period,) = index.periods
    assert [t.name for t in period.teams] == ["a team", "B team"]
    bars = period.chart.bars  # widths in percent of the chart, the rest for the largest bar's total
    assert [(s.level, s.width) for s in bars[0].segments] == [
        ("customer", 22.0),
        ("customers_users", 22.0),
        ("team", 22.0),
        ("unknown", 22.0),
    ]
    assert [(s.level, s.width) for s in bars[1].segments] == [("customer", 44.0)]
    assert bars[0].end == 88.0 and bars[1].end == 44.0
    assert bars[0].lines == ("a team",) and bars[1].y > bars[0].y + period.chart.bar_height
    assert index.counts == {"customer": 3, "customers_users": 1, "team": 1, "unknown": 1}


def test_a_chart_wraps_long_team_names_and_numbers_only_segments_a_phone_has_room_for() -> None:
    assert wrap("Restaurant onboarding and first-week success", 30) == (
        "Restaurant onboarding and",
        "first-week success",
    )
    assert wrap("Supercalifragilisticexpialidocious-platform-team", 30) == (
        "Supercalifragilisticexpialidocious-platform-team",
    )

    def okr(team: str, levels: list[str]) -> dict[str, object]:
        krs = [{"id": f"KR{i}", "controllability": {"level": level}} for i, level in enumerate(levels)]
        return {
            "file": f"{team}.md",
            "team": team,
            "period": "2026-Q1",
            "objectives": [{"id": "O1", "title": "T", "key_results": krs}],
        }

    # 1 of 8 is 11% of the chart, about 35 px of a phone's 320: room for "✓ 1"; 1 of 10 is not
    eight = build_index([okr("A", ["customer"] * 7 + ["team"])], lambda f, i: f).periods[0].chart.bars[0]
    ten = build_index([okr("A", ["customer"] * 9 + ["team"])], lambda f, i: f).periods[0].chart.bars[0]
    assert [s.labelled for s in eight.segments] == [True, True] and [s.labelled for s in ten.segments] == [True, False]
    long = build_index([okr("Restaurant onboarding and first-week success", ["customer"] * 2)], lambda f, i: f)
    (bar,) = long.periods[0].chart.bars
    assert (
        len(bar.label_y) == 2
        and bar.label_y[0] < bar.label_y[1] < bar.y < bar.text_y < bar.y + long.periods[0].chart.bar_height
    )


def test_did_you_mean_compares_keys_of_the_same_team_or_period_and_falls_back_to_all() -> None:
    from mkdocs_okr.rules.crosspage import Suggester

    suggest = Suggester(["Company/2026/O1", "Menus/2026-Q3/O1", "Menus/2026-Q3/O2", "Growth/2026-Q2/KEEP"])
    assert suggest("Compnay/2026/O1") == "Company/2026/O1"  # same period
    assert suggest("Menus/2026-Q4/O2") == "Menus/2026-Q3/O2"  # same team
    assert suggest("growth/2026-q2/keep") == "Growth/2026-Q2/KEEP"  # case only
    assert suggest("Grwoth/2025-Q2/KEEP") == "Growth/2026-Q2/KEEP"  # nothing shared: every key
    assert suggest("Payments/2024/X") is None


def test_the_index_marker_counts_only_outside_fenced_code() -> None:
    """The marker test reads fences as the fenced okr blocks are read (fences.fenced_blocks): a
    fence closes only with as many of its own characters, so a shorter fence inside is content."""
    from mkdocs_okr.plugin import INDEX_MARKER, holds_marker

    assert holds_marker(f"# All OKRs\n\n{INDEX_MARKER}\n")
    assert holds_marker(f"```\ncode\n```\n\n{INDEX_MARKER}\n")
    assert not holds_marker(f"```html\n{INDEX_MARKER}\n```\n")
    assert not holds_marker(f"~~~\n{INDEX_MARKER}\n~~~\n")
    assert not holds_marker(f"````markdown\n```\n{INDEX_MARKER}\n```\n````\n")
    assert not holds_marker(f"    {INDEX_MARKER}\n")
    # a block scalar in front matter that holds the marker as text (issue 21, item 15)
    assert not holds_marker(f"---\nokr:\n  team: A\nnote: |\n{INDEX_MARKER}\n---\n# Page\n")
    assert holds_marker(f"\ufeff---\ntitle: All\n---\n{INDEX_MARKER}\n")


def _one_objective(i: int, target: str) -> dict[str, object]:
    return {
        "file": f"p{i:05d}.md",
        "team": f"Team {i}",
        "period": "2026-Q1",
        "objectives": [
            {
                "id": "O1",
                "title": "t",
                "line": 5,
                "column": 7,
                "pointer": "/okr/objectives/0",
                "aligns_to": {"objective": target, "line": 6, "column": 18},
            }
        ],
    }


def test_a_long_loop_is_reported_once_with_its_length_and_its_ends() -> None:
    """Issue 21, item 4: a 1,000-objective loop gave each objective a finding that spelt the whole
    loop (22 MB of messages here, 218 MB and 1.3 GB of memory in a real build)."""
    loop = [_one_objective(i, f"Team {(i + 1) % 1000}/2026-Q1/O1") for i in range(1000)]
    [found] = cross_page(loop, {})
    assert found.file == "p00000.md" and found.rule == "aligns-to"
    assert found.message == (
        "O1: aligns_to makes a loop: Team 0/2026-Q1/O1 → Team 1/2026-Q1/O1 → Team 2/2026-Q1/O1 → … → "
        "Team 999/2026-Q1/O1 → Team 0/2026-Q1/O1 (1,000 objectives); an objective cannot support itself"
    )


def test_a_misspelt_key_among_thousands_still_finds_its_objective() -> None:
    site = [_one_objective(i, f"Team {i + 1}/2026-Q1/O1") for i in range(2000)]
    site.append(_one_objective(5000, "Team 1234/2026-Q1/01"))  # a zero for the letter O
    found = [d.message for d in cross_page(site, {}) if d.file == "p05000.md"]
    assert found == ['O1: aligns_to "Team 1234/2026-Q1/01" matches no objective; did you mean "Team 1234/2026-Q1/O1"?']
