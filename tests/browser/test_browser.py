"""What a reader sees, in a real browser: Debian's Chromium driven by Playwright, on sites served locally."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures.browser import CONTRAST, offline, open_page, require_chromium, serve
from fixtures.sites import REPO, run_cli, run_mkdocs, write_site

# the guidance site and sample sites built, then read in Chromium: started first (tests/conftest.py)
pytestmark = pytest.mark.long(95)

SHOTS = REPO / "tests" / "_artifacts" / "screenshots"
LABELS = {"You can influence", "Outside your control", "Your output", "Unclear"}
PAGES = ["", "examples/food-delivery-before/"]

require_chromium()


@pytest.fixture(scope="module")
def guidance_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("guidance") / "site"
    run = run_mkdocs("build", "--strict", "-d", str(site), cwd=REPO)
    assert run.returncode == 0, run.stderr
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_cards_read_well_in_the_guidance_site(
    browser: object, guidance_site: str, path: str, scheme: str, width: int
) -> None:
    context, page, errors = open_page(browser, guidance_site + path, width, scheme)
    try:
        badges = page.locator(".okr-badge")
        assert badges.count() >= 3
        for i in range(badges.count()):
            assert badges.nth(i).is_visible() and badges.nth(i).inner_text().strip().lstrip("✓↗⚙? ").strip() in LABELS
        summary = page.locator("details.okr-suggestion > summary").first
        summary.click()
        assert page.locator("details.okr-suggestion").first.get_attribute("open") is not None
        assert page.locator("details.okr-suggestion p").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll"
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = (path.strip("/").replace("/", "_") or "home") + f"_{scheme}_{width}.png"
        page.screenshot(path=str(SHOTS / name), full_page=True)
        assert errors == []
    finally:
        context.close()


def test_every_badge_is_what_the_checker_says(browser: object, guidance_site: str) -> None:
    report = json.loads(run_cli("check", "docs/examples", "--format", "json", cwd=REPO).stdout)
    assert report["okrs"]
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        for okr in report["okrs"]:
            levels = [kr["controllability"]["level"] for o in okr["objectives"] for kr in o["key_results"]]
            slug = Path(okr["file"]).stem
            page.goto(f"{guidance_site}examples/{slug}/")
            shown = page.eval_on_selector_all(".okr-badge", "els => els.map(e => e.className.split('okr-badge--')[1])")
            assert shown == levels, okr["file"]
    finally:
        context.close()


def test_the_card_reads_well_in_the_default_theme(browser: object, tmp_path: Path) -> None:
    source = (REPO / "docs" / "examples" / "food-delivery-before.md").read_text(encoding="utf-8")
    front = "".join(line for line in source.split("---")[1].splitlines(True) if "aligns_to" not in line)
    page_text = "---" + front + "---\n# Food delivery, before\n"
    config = "site_name: Default theme\ntheme:\n  name: mkdocs\n  color_mode: auto\nplugins:\n  - search\n  - okr\n"
    root = write_site(tmp_path / "default", {"index.md": "# Home\n", "okrs/q1.md": page_text}, config)
    run = run_mkdocs("build", "--strict", cwd=root)
    assert run.returncode == 0, run.stderr
    server, url = serve(root / "site")
    try:
        for scheme in ("light", "dark"):
            context, page, errors = open_page(browser, url + "okrs/q1/", 1280, scheme)
            try:
                assert page.locator(".okr-badge").count() == 3 and page.locator(".okr-badge").first.is_visible()
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SHOTS / f"default-theme_{scheme}.png"), full_page=True)
                assert [e for e in errors if "favicon" not in e] == []
            finally:
                context.close()
    finally:
        server.shutdown()
        shutil.rmtree(root / "site", ignore_errors=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_index_page_reads_well_in_light_and_dark(
    browser: object, guidance_site: str, scheme: str, width: int
) -> None:
    context, page, errors = open_page(browser, guidance_site + "okrs/", width, scheme)
    try:
        charts = page.locator("svg.okr-chart")
        assert charts.count() >= 4 and charts.first.is_visible()
        assert charts.first.get_attribute("role") == "img"
        assert "Key results by whose behaviour they measure" in charts.first.locator("title").first.text_content()
        for text in (
            page.locator("svg.okr-chart text.okr-chart__team").all()[:3]
            + page.locator(".okr-index__table td a").all()[:3]
        ):
            assert text.is_visible() and text.evaluate(CONTRAST) >= 4.5, text.text_content()
        box = page.locator("svg.okr-chart rect").first.bounding_box()
        assert box and box["width"] > 20 and box["height"] >= 8
        # every period and the alignment tree are reachable from the page's own table of contents
        for anchor in ["okr-period-2026-q1", "okr-alignment"]:
            assert page.locator(f"#{anchor}").count() == 1
        assert page.locator(".okr-tree li").count() >= 4
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"index_{scheme}_{width}.png"), full_page=True)
        assert errors == []
    finally:
        context.close()


def test_the_home_page_leads_with_what_the_tool_does_on_a_phones_first_screen(
    browser: object, guidance_site: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    context.route(lambda u: not u.startswith("http://127.0.0.1"), offline)
    page = context.new_page()
    try:
        page.goto(guidance_site, wait_until="networkidle")
        lead = page.locator("article h1").first
        assert "whose behaviour each key result measures" in lead.inner_text()
        box, card = lead.bounding_box(), page.locator(".okr-card").first.bounding_box()
        assert box and card and box["y"] + box["height"] <= 844 and box["y"] + box["height"] <= card["y"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "home_first_screen_390.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_option_names_in_the_configuration_reference_never_break_mid_word(
    browser: object, guidance_site: str, width: int
) -> None:
    context, page, errors = open_page(browser, guidance_site + "reference/configuration/", width, "light")
    try:
        names = page.eval_on_selector_all(
            "article h2 code", "els => els.map(e => [e.textContent, e.getClientRects().length])"
        )
        assert len(names) >= 14 and all(lines == 1 for _, lines in names), names
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll"
        page.screenshot(path=str(SHOTS / f"configuration_{width}.png"))
        assert errors == []
    finally:
        context.close()


def test_a_reader_who_follows_about_this_rule_keeps_the_sidebar(browser: object, guidance_site: str) -> None:
    context, page, errors = open_page(browser, guidance_site + "examples/food-delivery-before/", 1280, "light")
    try:
        page.locator("a.okr-kr__rule").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/rules/controllability/")
        here = page.locator(".md-sidebar--primary a.md-nav__link--active")
        assert here.count() == 1 and here.is_visible() and here.inner_text().strip() == "controllability"
        assert page.locator(".md-tabs__item--active").inner_text().strip() == "Reference"
        page.screenshot(path=str(SHOTS / "rule_page_1280.png"))
        assert errors == []
    finally:
        context.close()


INDEX_SITE = REPO / "tests" / "data" / "index_site"
DEFAULT_THEME = "theme:\n  name: mkdocs\n  color_mode: auto\n"


@pytest.fixture(scope="module")
def index_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """tests/data/index_site built twice, in Material (light, and dark as its `slate` scheme) and
    in MkDocs' own theme, each served locally: theme name -> URL."""
    urls, servers = {}, []
    for theme in ("material", "mkdocs"):
        root = Path(shutil.copytree(INDEX_SITE, tmp_path_factory.mktemp(theme) / "site"))
        if theme == "mkdocs":
            config = (root / "mkdocs.yml").read_text(encoding="utf-8")
            start, end = config.index("theme:"), config.index("plugins:")
            (root / "mkdocs.yml").write_text(config[:start] + DEFAULT_THEME + config[end:], encoding="utf-8")
        run = run_mkdocs("build", "-d", str(root / "built"), cwd=root)
        assert run.returncode == 0, run.stderr
        server, urls[theme] = serve(root / "built")
        servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()


def assert_theme_scheme(page: object, theme: str, scheme: str) -> None:
    """The theme really shows the scheme asked for: Material's `slate` for dark; the default
    theme's Bootstrap `data-bs-theme`."""
    if theme == "material":
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # type: ignore[attr-defined]
        assert shown == ("slate" if scheme == "dark" else "default")
    else:
        shown = page.evaluate("document.documentElement.getAttribute('data-bs-theme')")  # type: ignore[attr-defined]
        assert shown == scheme


INDEX_LAYOUT = """() => {
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const box = e => e.getBoundingClientRect();
  const chart = [...document.querySelectorAll('svg.okr-chart text:not(:has(tspan)), svg.okr-chart tspan')].map(t => ({
    text: t.textContent, size: size(t), scale: t.getScreenCTM().a, height: box(t).height,
    left: box(t).left, right: box(t).right, svgLeft: box(t.ownerSVGElement).left, svgRight: box(t.ownerSVGElement).right}));
  // how often each team's name is on the screen in its period: leaf-most elements that show it
  const names = {};
  for (const section of document.querySelectorAll('.okr-index__period')) {
    for (const h of section.querySelectorAll('h3')) {
      const name = h.textContent.trim();
      const shown = [...section.querySelectorAll('*')].filter(e => !e.closest('title, desc')
        && e.textContent.replace(/\\s+/g, ' ').trim() === name
        && ![...e.children].some(c => c.textContent.replace(/\\s+/g, ' ').trim() === name)
        && box(e).width > 0);
      names[section.querySelector('h2').textContent + ' ' + name] = shown.length;
    }
  }
  // every cell with something in it, and the part of the page a reader sees it through
  const cells = [...document.querySelectorAll('.okr-index__table tbody td')].filter(td => td.textContent.trim()).map(td => {
    const seen = box(td.closest('.okr-index__scroll'));
    return {text: td.textContent.trim().slice(0, 40), left: box(td).left, right: box(td).right,
            width: box(td).width, seenLeft: Math.max(seen.left, 0), seenRight: Math.min(seen.right, window.innerWidth)};
  });
  // an objective's title wraps beside its id chip, not under it
  const titles = [...document.querySelectorAll('.okr-index__objective a')].map(a => {
    const range = document.createRange();
    range.setStartAfter(a.querySelector('.okr-id'));
    range.setEndAfter(a.lastChild);
    return {text: a.textContent.trim().slice(0, 40), chipRight: box(a.querySelector('.okr-id')).right,
            left: Math.min(...[...range.getClientRects()].map(r => r.left))};
  });
  return {titles, body: size(document.querySelector('.okr-index__summary')), heading: size(document.querySelector('.okr-index h3')),
          chart, names, cells, overflow: document.documentElement.scrollWidth - window.innerWidth};
}"""


def index_problems(layout: dict) -> list[str]:
    """What a reader of the index would trip on, each named, so that one run shows them all."""
    problems = []
    if layout["overflow"] > 0:
        problems.append(f"the page scrolls sideways by {layout['overflow']} px")
    # the chart's text is the page's: not scaled with the column, not larger than a heading
    for t in layout["chart"]:
        if t["size"] != layout["body"] or abs(t["scale"] - 1) > 0.01:
            problems.append(
                f"chart text {t['text']!r} is {t['size']} px scaled {t['scale']:.2f}; the page's is {layout['body']} px"
            )
        elif not t["size"] * 0.9 <= t["height"] <= t["size"] * 1.6:
            problems.append(f"chart text {t['text']!r} is {t['height']:.1f} px high at {t['size']} px")
        if t["left"] < t["svgLeft"] - 0.5 or t["right"] > t["svgRight"] + 0.5:
            problems.append(f"chart text {t['text']!r} runs out of the chart")
        if t["size"] >= layout["heading"]:
            problems.append(f"chart text {t['text']!r} is as large as a heading")
    # each team is named twice in its period: its bar in the chart, and its table's heading
    problems += [f"{team} is named {n} times" for team, n in layout["names"].items() if n != 2]
    # every column of every table can be read without scrolling it
    for c in layout["cells"]:
        if c["width"] <= 0 or c["left"] < c["seenLeft"] - 0.5 or c["right"] > c["seenRight"] + 0.5:
            problems.append(
                f"cell {c['text']!r} is out of sight ({c['left']:.0f} to {c['right']:.0f} px of {c['seenLeft']:.0f} to {c['seenRight']:.0f})"
            )
    problems += [
        f"objective {t['text']!r} wraps under its chip" for t in layout["titles"] if t["left"] < t["chipRight"]
    ]
    return problems


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_index_reads_on_a_phone_and_at_full_width(
    browser: object, index_sites: dict[str, str], theme: str, scheme: str, width: int
) -> None:
    context, page, errors = open_page(browser, index_sites[theme] + "okrs/", width, scheme)
    try:
        assert_theme_scheme(page, theme, scheme)
        layout = page.evaluate(INDEX_LAYOUT)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"index-{theme}_{scheme}_{width}.png"), full_page=True)
        assert layout["chart"] and layout["names"] and layout["cells"] and layout["titles"]
        assert index_problems(layout) == []
        assert [e for e in errors if "favicon" not in e] == []  # the default theme asks for one it has not
    finally:
        context.close()


CARD_LAYOUT = """() => [...document.querySelectorAll('li.okr-kr')].map(kr => {
  const first = e => e ? e.getClientRects()[0] : null;
  const range = document.createRange();
  range.selectNodeContents(kr.querySelector('.okr-kr__text'));
  const lines = [...range.getClientRects()];
  const at = e => e ? {left: first(e).left, right: e.getBoundingClientRect().right} : null;
  return {id: kr.id, chipRight: kr.querySelector('.okr-id').getBoundingClientRect().right,
          textLeft: Math.min(...lines.map(r => r.left)), lines: new Set(lines.map(r => Math.round(r.top))).size,
          numbers: at(kr.querySelector('.okr-kr__numbers')), bar: at(kr.querySelector('.okr-progress')),
          control: at(kr.querySelector('.okr-kr__control')), findings: at(kr.querySelector('.okr-findings'))};
})"""


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_what_follows_a_key_result_starts_under_its_text_not_under_its_chip(
    browser: object, index_sites: dict[str, str], theme: str, scheme: str, width: int
) -> None:
    """Baseline → target, the progress bar, the badge and the findings line up with the key
    result's text, which wraps at the same edge."""
    context, page, errors = open_page(browser, index_sites[theme] + "teams/menus/", width, scheme)
    try:
        assert_theme_scheme(page, theme, scheme)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"card-{theme}_{scheme}_{width}.png"), full_page=True)
        krs = page.evaluate(CARD_LAYOUT)
        assert len(krs) == 5 and sum(kr["numbers"] is not None for kr in krs) == 2
        assert any(kr["lines"] > 1 for kr in krs), "no key result wraps: the test shows nothing"
        for kr in krs:
            assert kr["textLeft"] > kr["chipRight"], kr
            for part in ("numbers", "control", "findings"):
                if kr[part] is not None:
                    assert abs(kr[part]["left"] - kr["textLeft"]) < 1, (part, kr)
            bar = kr["bar"]
            if bar is not None:  # after the numbers on their line, or, wrapped, at the text's edge
                assert bar["left"] >= kr["numbers"]["right"] or abs(bar["left"] - kr["textLeft"]) < 1, kr
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll"
        assert [e for e in errors if "favicon" not in e] == []  # the default theme asks for one it has not
    finally:
        context.close()
