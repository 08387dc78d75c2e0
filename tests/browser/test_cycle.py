"""The cycle as a reader sees it, in Chromium: trend lines, confidence, scores and health metrics
on the card, and each team's score and confidence over time in the index, from a real git history
made in a temporary folder, in Material and in MkDocs' own theme, light and dark, on a phone and
at full width."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fixtures.browser import CONTRAST, open_page, require_chromium, serve
from fixtures.git import commit, init
from fixtures.sites import REPO, run_mkdocs

SHOTS = REPO / "tests" / "_artifacts" / "screenshots"
THEMES = {
    "material": "theme:\n  name: material\n  font: false\n  palette:\n"
    '    - media: "(prefers-color-scheme: light)"\n      scheme: default\n'
    '    - media: "(prefers-color-scheme: dark)"\n      scheme: slate\n',
    "mkdocs": "theme:\n  name: mkdocs\n  color_mode: auto\n",
}
PLUGIN = "plugins:\n  - search\n  - okr:\n      customer: [restaurants]\n      customers_users: [diners]\n      today: 2026-03-09\n"
MENUS = """\
---
okr:
  team: Menus
  period: 2026-Q1
  objectives:
    - title: Restaurants keep their menus current without thinking about it
      type: committed
      key_results:
        - text: Raise the share of restaurants that update their menu every week from 30% to 50%
          baseline: 30
          target: 50
          unit: "%"
          current: {share}
          confidence: {sure}
        - text: Cut the median days a new restaurant takes to publish its menu from 6 to 2
          baseline: 6
          target: 2
          unit: days
          current: {days}
          confidence: 8
  health:
    - name: Support tickets per restaurant a month
      value: {tickets}
      max: 1
---
# Menus
"""
GROWTH = """\
---
okr:
  team: Restaurant Growth and Partnerships in the Nordic Markets
  period: 2026-Q1
  objectives:
    - title: Restaurants renew because the platform pays for itself
      type: aspirational
      key_results:
        - text: Raise the 12-month renewal rate of restaurants from 82% to 90%
          baseline: 82
          target: 90
          unit: "%"
          current: {renewal}
          confidence: {sure}
        - text: Ship the import of menus from PDF files
          kind: milestone
          done: {done}
---
# Growth
"""
WEEKS = [  # day, author, Menus' share, confidence, days, tickets; Growth's renewal, confidence, done
    ("2026-01-05", "Priya Raman", 30, 7, 6, 0.7, 82, 7, "false"),
    ("2026-01-19", "Tomás Ortega", 36, 7, 4, 0.8, 84, 8, "false"),
    ("2026-02-02", "Priya Raman", 41, 6, 3, 0.9, 85, 6, "false"),
    ("2026-02-16", "Tomás Ortega", 44, 6, 3, 1.1, 85, 5, "true"),
    ("2026-03-02", "Priya Raman", 46, 3, 2, 1.2, 86, 4, "true"),
]

# each theme in each scheme, and each at both widths: half of all sixteen, which the other browser
# tests cover in full for the card and the index as a whole
LOOKS = [("material", "light", 1280), ("material", "dark", 390), ("mkdocs", "dark", 1280), ("mkdocs", "light", 390)]

require_chromium()


@pytest.fixture(scope="module")
def cycle_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One site with five weekly check-ins by two people, built in each theme: theme -> URL."""
    urls, servers = {}, []
    for theme, look in THEMES.items():
        root = init(tmp_path_factory.mktemp(theme) / "site")
        config = f"site_name: A quarter\n{look}{PLUGIN}"
        for day, author, share, sure, days, tickets, renewal, growth_sure, done in WEEKS:
            pages = {
                "docs/menus.md": MENUS.format(share=share, sure=sure, days=days, tickets=tickets),
                "docs/growth.md": GROWTH.format(renewal=renewal, sure=growth_sure, done=done),
            }
            commit(root, {"mkdocs.yml": config, "docs/index.md": "# Home\n", **pages}, day, author)
        run = run_mkdocs("build", "--strict", "-d", str(root / "built"), cwd=root)
        assert run.returncode == 1 and "[health]" in run.stderr, run.stderr  # the tickets rose above 1
        run = run_mkdocs("build", "-d", str(root / "built"), cwd=root)
        assert run.returncode == 0, run.stderr
        server, urls[theme] = serve(root / "built")
        servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()


def readable(page: object, selector: str, least: float) -> list[str]:
    """Each element of `selector` that is hidden or below `least` contrast, with its ratio."""
    found = page.locator(selector).all()  # type: ignore[attr-defined]
    assert found, selector
    return [
        f"{selector} {item.text_content()!r}: {item.evaluate(CONTRAST):.2f}"
        for item in found
        if not item.is_visible() or item.evaluate(CONTRAST) < least
    ]


@pytest.mark.parametrize(("theme", "scheme", "width"), LOOKS)
def test_the_card_draws_each_key_results_check_ins_readably(
    browser: object, cycle_sites: dict[str, str], theme: str, scheme: str, width: int
) -> None:
    context, page, errors = open_page(browser, cycle_sites[theme] + "menus/", width, scheme)
    try:
        lines = page.locator(".okr-card svg.okr-trend")  # type: ignore[attr-defined]
        assert lines.count() == 2
        for i in range(2):
            box = lines.nth(i).bounding_box()
            assert box and box["width"] >= 60 and box["height"] >= 16, box
            assert "Check-ins: " in lines.nth(i).get_attribute("aria-label")
        # the lines and their points are graphics (3:1); the words beside them are text (4.5:1)
        problems = readable(page, ".okr-card svg.okr-trend polyline", 3) + readable(
            page, ".okr-card svg.okr-trend circle", 3
        )
        problems += readable(page, ".okr-confidence", 4.5) + readable(page, ".okr-card .okr-score", 4.5)
        problems += readable(page, ".okr-health__name", 4.5) + readable(page, ".okr-health__status", 4.5)
        assert problems == []
        assert page.locator(".okr-confidence").first.inner_text() == "Confidence 3/10 on 2026-03-02"  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll"  # type: ignore[attr-defined]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".okr-card").screenshot(path=str(SHOTS / f"trend-card-{theme}_{scheme}_{width}.png"))  # type: ignore[attr-defined]
        assert [e for e in errors if "favicon" not in e] == []  # the default theme asks for one it has not
    finally:
        context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("theme", "scheme", "width"), LOOKS)
def test_the_index_gives_each_team_its_score_and_confidence_over_time(
    browser: object, cycle_sites: dict[str, str], theme: str, scheme: str, width: int
) -> None:
    context, page, errors = open_page(browser, cycle_sites[theme] + "okrs/", width, scheme)
    try:
        cycles = page.locator(".okr-index__cycle")  # type: ignore[attr-defined]
        assert cycles.count() == 2  # one per team of the period
        texts = [" ".join(cycles.nth(i).inner_text().split()) for i in range(2)]
        assert texts == [
            "Team score 0.9 short of the commitment Confidence 5.5/10 on 2026-03-02",
            "Team score 0.75 delivered Confidence 4/10 on 2026-03-02",
        ]
        lines = page.locator(".okr-index__cycle svg.okr-trend")  # type: ignore[attr-defined]
        assert lines.count() == 2 and all((lines.nth(i).bounding_box() or {}).get("width", 0) >= 60 for i in range(2))
        problems = readable(page, ".okr-index__cycle svg.okr-trend polyline", 3)
        problems += readable(page, ".okr-index__cycle .okr-score", 4.5) + readable(
            page, ".okr-index__cycle .okr-confidence", 4.5
        )
        assert problems == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll"  # type: ignore[attr-defined]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"cycle-index-{theme}_{scheme}_{width}.png"), full_page=True)  # type: ignore[attr-defined]
        assert [e for e in errors if "favicon" not in e] == []
    finally:
        context.close()  # type: ignore[attr-defined]
