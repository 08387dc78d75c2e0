"""What a reader sees, in a real browser: Debian's Chromium driven by Playwright, on sites served locally."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, run_cli, run_mkdocs, write_site

CHROMIUM = "/usr/bin/chromium"
SHOTS = REPO / "tests" / "_artifacts" / "screenshots"
LABELS = {"You can influence", "Outside your control", "Your output", "Unclear"}
PAGES = ["", "examples/food-delivery-before/"]

playwright_api = pytest.importorskip("playwright.sync_api")

if not Path(CHROMIUM).exists():  # CI installs it (.ci/run); elsewhere, say why the browser tests did not run
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run should have installed Debian's chromium")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def guidance_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("guidance") / "site"
    run = run_mkdocs("build", "--strict", "-d", str(site), cwd=REPO)
    assert run.returncode == 0, run.stderr
    server, url = serve(site)
    yield url
    server.shutdown()


def _offline(route: object) -> None:
    url = route.request.url  # type: ignore[attr-defined]
    body = "window.hljs = {highlightAll: function () {}};" if url.endswith(".js") else "{}"
    route.fulfill(status=200, body=body)  # type: ignore[attr-defined]


def open_page(browser: object, url: str, width: int, scheme: str) -> tuple[object, object, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
    # this machine has no network: answer requests to other hosts (Material asks GitHub for the
    # repository's stars; the mkdocs theme loads highlight.js from a CDN) with an empty stand-in,
    # so the console errors that remain are about the pages themselves
    context.route(lambda u: not u.startswith("http://127.0.0.1"), _offline)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return context, page, errors


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_cards_read_well_in_the_guidance_site(browser: object, guidance_site: str, path: str, scheme: str, width: int) -> None:
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


CONTRAST = """el => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let bg = el, colour = 'rgba(0, 0, 0, 0)';
  while (bg && (colour = getComputedStyle(bg).backgroundColor) === 'rgba(0, 0, 0, 0)') bg = bg.parentElement;
  const fg = getComputedStyle(el).fill !== 'none' && el instanceof SVGElement ? getComputedStyle(el).fill : getComputedStyle(el).color;
  const [a, b] = [lum(fg), lum(colour)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_index_page_reads_well_in_light_and_dark(browser: object, guidance_site: str, scheme: str, width: int) -> None:
    context, page, errors = open_page(browser, guidance_site + "okrs/", width, scheme)
    try:
        charts = page.locator("svg.okr-chart")
        assert charts.count() >= 4 and charts.first.is_visible()
        assert charts.first.get_attribute("role") == "img"
        assert "Key results by whose behaviour they measure" in charts.first.locator("title").first.text_content()
        for text in page.locator("svg.okr-chart text.okr-chart__team").all()[:3] + page.locator(".okr-index__table td a").all()[:3]:
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


def test_the_home_page_leads_with_what_the_tool_does_on_a_phones_first_screen(browser: object, guidance_site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    context.route(lambda u: not u.startswith("http://127.0.0.1"), _offline)
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
def test_option_names_in_the_configuration_reference_never_break_mid_word(browser: object, guidance_site: str, width: int) -> None:
    context, page, errors = open_page(browser, guidance_site + "reference/configuration/", width, "light")
    try:
        names = page.eval_on_selector_all("article h2 code", "els => els.map(e => [e.textContent, e.getClientRects().length])")
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
