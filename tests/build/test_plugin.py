"""The MkDocs plugin in real builds: cards, untouched pages, strict mode, severities, config errors, dirty builds."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pages import BAD_PAGE, OKR_PAGE, PLAIN, THEMES, config
from fixtures.sites import build_site, run_cli


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("theme", THEMES)
def test_pages_without_okr_are_byte_identical_to_a_build_without_the_plugin(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, theme: str
) -> None:
    """The plugin adds cards and the index page; a site whose nav leaves the index out gets every
    other page exactly as before (with the index in the nav, only the nav differs)."""
    files = {**PLAIN, "okrs/q1.md": OKR_PAGE}
    nav = "nav: [index.md, about.md, nested/deep.md, okrs/q1.md]\n"
    with_plugin = build_site(site(files, config(theme, extra=nav)), caplog)
    without = build_site(site(files, config(theme, plugin="", extra=nav)), caplog)
    for page in ["index.html", "about/index.html", "nested/deep/index.html", "404.html"]:
        assert with_plugin.html(page) == without.html(page), page
    assert with_plugin.html("okrs/q1/index.html") != without.html("okrs/q1/index.html")
    assert (with_plugin.site / "okrs/index.html").is_file()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_card_sits_under_the_heading_with_its_stylesheet(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, theme: str, directory_urls: bool
) -> None:
    root = site({**PLAIN, "okrs/q1.md": OKR_PAGE}, config(theme, extra=f"use_directory_urls: {directory_urls}\n"))
    built = build_site(root, caplog)
    page = "okrs/q1/index.html" if directory_urls else "okrs/q1.html"
    html = built.html(page)
    heading, card, body = (
        html.index("Menu team OKRs</h1>"),
        html.index('<section class="okr-card"'),
        html.index("Some text."),
    )
    assert heading < card < body
    for text in [
        "Restaurant platform",
        "2026-Q1",
        ">O1<",
        ">KR1<",
        ">KR2<",
        "82% → 90%",
        "now 84%",
        '<progress max="100" value="25"',
    ]:
        assert text in html, text
    href = html[card - 200 : card].rsplit('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert href.endswith("assets/mkdocs-okr/okr.css")
    assert (built.site / Path(page).parent / href).resolve().is_file()
    assert built.logs == []


def test_strict_build_fails_on_a_bad_page_and_passes_when_fixed(site: Callable[..., Path]) -> None:
    root = site({**PLAIN, "okrs/q1.md": BAD_PAGE}, config())
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert 'docs/okrs/q1.md:4:11: period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q1 2026" [schema]' in run.stderr
    assert "Traceback" not in run.stderr
    (root / "docs/okrs/q1.md").write_text(OKR_PAGE, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def test_without_strict_a_bad_page_builds_and_other_pages_are_unaffected(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    good = OKR_PAGE.replace("Restaurant platform", "Menu team")
    built = build_site(site({**PLAIN, "okrs/q1.md": BAD_PAGE, "okrs/q2.md": good}, config()), caplog)
    assert [level for level, _ in built.logs] == ["ERROR"]
    assert "okr-card--invalid" in built.html("okrs/q1/index.html")
    assert 'class="okr-card"' in built.html("okrs/q2/index.html") and "Menu team" in built.html("okrs/q2/index.html")


@pytest.mark.parametrize(
    "level, logged, strict_fails",
    [("error", "ERROR", True), ("warning", "WARNING", True), ("info", "INFO", False), ("ignore", None, False)],
)
def test_severity_per_rule_from_config(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture, level: str, logged: str | None, strict_fails: bool
) -> None:
    plugin = f"  - okr:\n      severity:\n        schema: {level}\n"
    root = site({"okrs/q1.md": BAD_PAGE}, config(plugin=plugin))
    built = build_site(root, caplog)
    assert [lvl for lvl, _ in built.logs] == ([logged] if logged else [])
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True
    )
    assert (run.returncode != 0) == strict_fails


TWO_OBJECTIVES = """\
---
okr:
  team: Menus
  period: 2026-Q1
  customer: restaurants
  objectives:
    - title: Restaurants keep their menus current
      key_results:
        - Raise the restaurants that update their menu weekly from 30% to 50%
        - Raise the restaurants that add photos to their menu from 20% to 60%
        - Raise the renewal rate of restaurants from 80% to 88%
    - title: Restaurants recommend us
      key_results:
        - Raise the restaurant NPS from 20 to 40
        - Raise restaurant referrals from 5 to 20
        - Raise restaurant reviews from 100 to 300
---
# Menus
"""


@pytest.mark.parametrize(
    ("profile", "strict_fails"), [("recommended", False), ("radical-focus", True), ("lightweight", False)]
)
def test_a_profile_sets_what_fails_a_strict_build_and_the_checker_reads_it_too(
    site: Callable[..., Path], profile: str, strict_fails: bool
) -> None:
    """Radical Focus allows one objective a page, as a warning; the others allow two."""
    root = site({"menus.md": TWO_OBJECTIVES}, config(plugin=f"  - okr:\n      profile: {profile}\n"))
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True
    )
    assert (run.returncode != 0) == strict_fails, run.stderr
    assert ("[objective-count]" in run.stderr) == strict_fails
    check = run_cli("check", cwd=root)
    assert ("warning: this page has 2 objectives, and the site allows 1" in check.stdout) == strict_fails, check.stdout


@pytest.mark.parametrize(
    "options, says",
    [
        ("severity:\n        shema: warning", 'unknown rule or level "shema" — did you mean "schema"?'),
        ("severity:\n        schema: loud", '"schema": expected one of error, warning, info, ignore'),
        ("customer: 5", "expected a name or a list of names"),
        ("enabled: maybe", "expected true or false, got 'maybe'"),
        ("today: banana", "expected a date YYYY-MM-DD, got 'banana'"),
        ("profile: googel", "got 'googel' — did you mean \"google\"?"),
    ],
)
def test_a_bad_option_gives_mkdocs_own_config_error(site: Callable[..., Path], options: str, says: str) -> None:
    root = site({"index.md": "# Home\n"}, config(plugin=f"  - okr:\n      {options}\n"))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True)
    assert run.returncode == 1
    assert says in run.stderr and "Traceback" not in run.stderr


def test_dirty_rebuild_reports_the_same_findings_as_a_clean_build(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site({**PLAIN, "okrs/q1.md": BAD_PAGE, "okrs/q2.md": OKR_PAGE}, config())
    first = build_site(root, caplog)
    (root / "docs/index.md").write_text("# Home, changed\n", encoding="utf-8")
    dirty = build_site(root, caplog, dirty=True)
    clean = build_site(root, caplog)
    assert first.logs == dirty.logs == clean.logs != []


def test_nothing_is_written_into_docs_dir(site: Callable[..., Path], caplog: pytest.LogCaptureFixture) -> None:
    root = site({**PLAIN, "okrs/q1.md": OKR_PAGE, "okrs/bad.md": BAD_PAGE}, config())
    before = tree_hash(root / "docs")
    build_site(root, caplog)
    assert tree_hash(root / "docs") == before


def test_a_site_overrides_the_card_template_from_custom_dir(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    theme = "mkdocs\n  custom_dir: overrides"
    root = site({"okrs/q1.md": OKR_PAGE}, config(theme))
    (root / "overrides/okr").mkdir(parents=True)
    (root / "overrides/okr/card.html").write_text(
        '<p class="my-card">{{ okr.team }} / {{ okr.period }}</p>', encoding="utf-8"
    )
    html = build_site(root, caplog).html("okrs/q1/index.html")
    assert '<p class="my-card">Restaurant platform / 2026-Q1</p>' in html and "okr-card" not in html


def test_the_card_escapes_what_a_page_writes(site: Callable[..., Path], caplog: pytest.LogCaptureFixture) -> None:
    page = OKR_PAGE.replace("Restaurant platform", '"<script>alert(1)</script>"')
    html = build_site(site({"okrs/q1.md": page}, config()), caplog).html("okrs/q1/index.html")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_site_without_okr_pages_gets_no_stylesheet(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(site(PLAIN, config()), caplog)
    assert not (built.site / "assets/mkdocs-okr").exists()


def test_each_key_result_carries_a_badge_in_words_a_reason_and_a_suggestion(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    page = OKR_PAGE.replace(
        "        - Cut the median time for restaurant owners to publish a full menu from 3 days to 1 day\n",
        "        - Cut the median time for restaurant owners to publish a full menu from 3 days to 1 day\n"
        "        - Increase orders per diner per week from 1.2 to 1.5\n",
    )
    plugin = "  - okr:\n      customer: [restaurant owners, restaurants]\n      customers_users: [diners]\n"
    built = build_site(site({"okrs/q1.md": page}, config(plugin=plugin)), caplog)
    html = built.html("okrs/q1/index.html")
    badge = 'class="okr-badge okr-badge--{}"><span aria-hidden="true">{}</span> {}<'
    assert html.count(badge.format("customer", "✓", "You can influence")) == 2
    assert html.count(badge.format("customers_users", "↗", "Outside your control")) == 1
    assert (
        "<summary>What to measure instead</summary>" in html
        and "Measure what restaurant owners do instead: raise their renewal rate" in html
    )
    assert 'href="https://mkdocs-okr.github.io/mkdocs-okr/rules/controllability/"' in html
    assert [level for level, _ in built.logs] == ["WARNING"]
    assert "docs/okrs/q1.md:15:11: O1 KR3 measures diners, your customers' users" in built.logs[0][1]


def test_worker_processes_give_the_same_site_and_findings(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    pages = {
        f"okrs/p{i:03d}.md": (BAD_PAGE if i % 7 == 0 else OKR_PAGE).replace("Restaurant platform", f"Team {i}")
        for i in range(150)
    }
    pages.update(PLAIN)
    parallel = build_site(site(pages, config(plugin="  - okr:\n      workers: 2\n")), caplog)
    serial = build_site(site(pages, config(plugin="  - okr:\n      workers: 0\n")), caplog)
    assert parallel.logs == serial.logs and len(parallel.logs) == 22
    assert tree_hash(parallel.site) == tree_hash(serial.site)


def test_the_build_exports_okrs_json_equal_to_the_cli_report(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site({**PLAIN, "okrs/q1.md": OKR_PAGE, "okrs/bad.md": BAD_PAGE}, config())
    built = build_site(root, caplog)
    exported = (built.site / "okrs.json").read_text(encoding="utf-8")
    assert built.export() == json.loads(run_cli("check", "--format", "json", cwd=root).stdout)
    assert '"team":"Restaurant platform"' in exported and '"rule":"schema"' in exported


def test_an_objective_id_used_twice_across_pages_is_found_by_build_and_cli_alike(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site(
        {"okrs/a.md": OKR_PAGE, "okrs/b.md": OKR_PAGE, "okrs/c.md": OKR_PAGE.replace("2026-Q1", "2026-Q2")}, config()
    )
    built = build_site(root, caplog)
    from_build = [f"{msg.split(': ', 1)[1]}" for level, msg in built.logs if "[duplicate-id]" in msg]
    assert from_build == [
        "docs/okrs/b.md:6:7: O1: Restaurant platform, 2026-Q1 already has an objective O1 (docs/okrs/a.md:6); "
        "give this one another id [duplicate-id]"
    ]
    cli = [
        line.replace(": error: ", ": ")
        for line in run_cli("check", cwd=root).stdout.splitlines()
        if "[duplicate-id]" in line
    ]
    assert cli == from_build


def test_a_dirty_rebuild_gives_the_same_site_wide_findings_and_export_as_a_clean_one(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site({"okrs/a.md": OKR_PAGE, "okrs/b.md": OKR_PAGE.replace("2026-Q1", "2026-Q2"), **PLAIN}, config())
    build_site(root, caplog)
    (root / "docs/okrs/b.md").write_text(OKR_PAGE, encoding="utf-8")  # now b repeats a's objective id
    dirty = build_site(root, caplog, dirty=True)
    dirty_export = (dirty.site / "okrs.json").read_text(encoding="utf-8")
    clean = build_site(root, caplog)
    assert dirty.logs == clean.logs and any("[duplicate-id]" in msg for _, msg in clean.logs)
    assert dirty_export == (clean.site / "okrs.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("docs_dir", ["docs", "site-src/docs", "../elsewhere"])
def test_pages_are_named_from_mkdocs_yml_folder_wherever_docs_dir_is(tmp_path: Path, docs_dir: str) -> None:
    """The plugin joins docs_dir's path and the page's instead of computing a path a page; the
    name must be the one the path arithmetic gives, for any docs_dir."""
    import os

    from mkdocs.config import load_config
    from mkdocs.structure.files import File

    from mkdocs_okr.plugin import OkrPlugin

    root = tmp_path / "project"
    (root / docs_dir / "team").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(f"site_name: t\ndocs_dir: {docs_dir}\n", encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    plugin = OkrPlugin()
    plugin.load_config({})  # as MkDocs does before any event
    plugin.on_config(config)
    file = File("team/q1.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    expected = os.path.relpath(file.abs_src_path, root).replace(os.sep, "/")
    assert plugin.build.name(file, config.docs_dir) == expected
    assert expected.endswith("team/q1.md") and expected.startswith(docs_dir.split("/")[0])


def test_the_text_handed_to_mkdocs_is_what_mkdocs_reads_itself(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    """The plugin hands MkDocs the pages it has read already, so no page is read twice: with a
    BOM, Windows or old Mac line ends, or both, every page renders as it does without the plugin,
    and a page that is not UTF-8 still stops the build as MkDocs stops it."""
    crlf = PLAIN["about.md"].replace("\n", "\r\n") + "Line one\r\nline two\rline three\n"
    files: dict[str, str | bytes] = {
        "index.md": PLAIN["index.md"],
        "crlf.md": crlf.encode(),
        "bom.md": b"\xef\xbb\xbf" + crlf.replace("About", "Bom").encode(),
        "cr.md": b"# Only CR\r\rtext\r",
    }
    nav = "nav: [index.md, crlf.md, bom.md, cr.md]\n"
    with_plugin = build_site(site(files, config(extra=nav)), caplog)
    without = build_site(site(files, config(plugin="", extra=nav)), caplog)
    for page in ["crlf/index.html", "bom/index.html", "cr/index.html"]:
        assert with_plugin.html(page) == without.html(page), page
    assert "line two" in with_plugin.html("crlf/index.html") and "<h1" in with_plugin.html("bom/index.html")
    broken = site({**files, "latin1.md": "# Caf\xe9\n".encode("latin-1")}, config())
    with pytest.raises(UnicodeDecodeError):
        build_site(broken, caplog)


def test_a_plugin_that_answers_on_page_read_source_after_the_okr_plugin_has_the_last_word(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    hook = "def on_page_read_source(page, config):\n    return '# Replaced\\n' if page.file.src_uri == 'about.md' else None\n"
    root = site(PLAIN, config(extra="hooks: [hooks.py]\n"))
    (root / "hooks.py").write_text(hook, encoding="utf-8")
    built = build_site(root, caplog)
    assert "Replaced" in built.html("about/index.html") and "Deep" in built.html("nested/deep/index.html")


def test_mkdocs_renders_the_text_the_plugin_read_without_reading_the_file_again(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    """Each page is read once: a page whose file is gone after the plugin's `on_files` (a hook
    removes it) is still rendered, from the text the plugin handed to MkDocs."""
    hook = (
        "import os\nfrom mkdocs.plugins import event_priority\n\n"
        "@event_priority(-200)\ndef on_files(files, config):\n"
        "    os.remove(files.get_file_from_path('about.md').abs_src_path)\n"
    )
    root = site({**PLAIN, "okrs/q1.md": OKR_PAGE}, config(extra="hooks: [hooks.py]\n"))
    (root / "hooks.py").write_text(hook, encoding="utf-8")
    built = build_site(root, caplog)
    assert "<h1" in built.html("about/index.html") and "About" in built.html("about/index.html")
    assert "okr-card" in built.html("okrs/q1/index.html")
