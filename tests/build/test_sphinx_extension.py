"""The Sphinx extension in real `sphinx-build` runs: MyST front matter and fenced blocks, the
`okr` directive in reStructuredText and MyST, warnings at the page's lines, -W, the card, okrs.json."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

from fixtures.pages import DINERS, FENCED
from fixtures.sites import assert_report
from fixtures.sphinx import CONF, project, sphinx_build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = project(tmp_path_factory.mktemp("sphinx"))
    return root, sphinx_build(root, "-b", "html")


def warnings(run: subprocess.CompletedProcess[str]) -> list[str]:
    """`okrs/q1.md:14: WARNING: message [okr.rule]`, with the path from docs/."""
    return sorted(line.split("/docs/", 1)[1] for line in run.stderr.splitlines() if "[okr." in line)


def test_findings_are_sphinx_warnings_at_the_page_lines(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, run = built
    assert run.returncode == 0, run.stderr
    diner = (
        'O1 KR2 measures diners, your customers\' users: outside your control ("orders", "diner") [okr.controllability]'
    )
    assert warnings(run) == sorted(
        [
            'okrs/broken.md:7: ERROR: period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q1 2026" [okr.schema]',
            f"okrs/broken.md:12: WARNING: {diner}",  # the rest of a page with a schema error is checked too
            f"okrs/directive.rst:14: WARNING: {diner}",
            f"okrs/fenced.md:12: WARNING: {diner}",
            f"okrs/fenced.md:26: WARNING: {diner}",
            f"okrs/q1.md:14: WARNING: {diner}",
        ]
    )


def test_cards_stand_under_the_title_and_where_the_blocks_were(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = built
    out = root / "out"
    q1 = (out / "okrs/q1.html").read_text(encoding="utf-8")
    assert q1.count('<section class="okr-card"') == 1 and "82% → 90%" in q1
    assert q1.index("Menu team OKRs<") < q1.index('<section class="okr-card"') < q1.index("Some text.")
    assert 'href="../_static/mkdocs-okr/okr.css' in q1
    assert (out / "_static/mkdocs-okr/okr.css").read_text(encoding="utf-8").startswith("/*")
    fenced = (out / "okrs/fenced.html").read_text(encoding="utf-8")
    assert fenced.count('<section class="okr-card"') == 2 and "highlight-okr" not in fenced
    assert fenced.index("Some text.") < fenced.index("okr-card") < fenced.index("More text.")
    directive = (out / "okrs/directive.html").read_text(encoding="utf-8")
    assert (
        directive.index("Text before.") < directive.index('<section class="okr-card"') < directive.index("Text after.")
    )
    assert directive.count("</span> Outside your control<") == 1
    assert "could not be read" in (out / "okrs/broken.html").read_text(encoding="utf-8")
    plain = (out / "plain.html").read_text(encoding="utf-8")
    assert "okr" not in plain.replace("okrs/", "")


def test_the_build_exports_every_okr_and_finding(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = built
    report = json.loads((root / "out/okrs.json").read_text(encoding="utf-8"))
    assert_report(report)
    assert report["files_checked"] == 6
    assert [(o["file"], o["team"]) for o in report["okrs"]] == [
        ("docs/okrs/directive.rst", "Menu team"),
        ("docs/okrs/fenced.md", "Restaurant platform"),
        ("docs/okrs/fenced.md", "Courier team"),
        ("docs/okrs/q1.md", "Restaurant platform"),
    ]
    assert ("docs/okrs/broken.md", 7, "schema") in {(d["file"], d["line"], d["rule"]) for d in report["diagnostics"]}


def test_warnings_fail_a_build_with_W_and_a_rule_can_be_silenced(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n" + FENCED}
    failing = sphinx_build(project(tmp_path / "a", pages=pages), "-W")
    assert failing.returncode != 0 and "[okr.controllability]" in failing.stderr
    quiet = project(tmp_path / "b", CONF + 'suppress_warnings = ["okr.controllability"]\n', pages)
    passing = sphinx_build(quiet, "-W")
    assert passing.returncode == 0, passing.stderr


def test_other_builders_get_no_card_but_the_same_findings(tmp_path: Path) -> None:
    root = project(tmp_path, pages={"index.md": "# Home\n\n" + FENCED})
    run = sphinx_build(root, "-b", "text")
    assert run.returncode == 0, run.stderr
    assert warnings(run) == [
        'index.md:14: WARNING: O1 KR2 measures diners, your customers\' users: outside your control ("orders", "diner") [okr.controllability]'
    ]
    text = (root / "out/index.txt").read_text(encoding="utf-8")
    assert "<section" not in text and "team: Restaurant platform" not in text


def test_a_wrong_setting_is_an_error_in_the_log_and_fails_W(tmp_path: Path) -> None:
    conf = CONF + 'okr_severity = {"controlability": "ignore"}\n'
    root = project(tmp_path, conf, {"index.md": "# Home\n\n" + FENCED})
    run = sphinx_build(root)
    assert run.returncode == 0, run.stderr
    expected = 'ERROR: okr_severity: unknown rule or level "controlability" — did you mean "controllability"? (in conf.py; the setting is not used) [okr.config]'
    assert expected in run.stderr.splitlines()
    assert "[okr.controllability]" in run.stderr  # the other settings, and the defaults, still apply
    assert "Traceback" not in run.stderr
    assert sphinx_build(root, "-W").returncode != 0


def test_templates_path_overrides_the_card(tmp_path: Path) -> None:
    conf = CONF + 'templates_path = ["_templates"]\n'
    root = project(
        tmp_path,
        conf,
        {"index.md": "# Home\n\n" + FENCED, "_templates/okr/card.html": '<p class="ours">{{ okr.team }}</p>\n'},
    )
    run = sphinx_build(root)
    assert run.returncode == 0, run.stderr
    assert '<p class="ours">Restaurant platform</p>' in (root / "out/index.html").read_text(encoding="utf-8")


def test_a_page_is_never_changed(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = built
    assert (root / "docs/okrs/q1.md").read_text(encoding="utf-8") == textwrap.dedent(DINERS)


def test_parallel_reading_finds_the_same(tmp_path: Path) -> None:
    """With -j, pages are read in worker processes whose findings Sphinx merges."""
    pages = {f"p{n}.md": f"# Page {n}\n\n" + FENCED.replace("Restaurant platform", f"Team {n}") for n in range(8)}
    pages["index.md"] = "# Home\n\n```{toctree}\n" + "".join(f"p{n}\n" for n in range(8)) + "```\n"
    root = project(tmp_path, pages=pages)
    serial, parallel = (
        sphinx_build(root, "-b", "html"),
        sphinx_build(root, "-b", "html", "-j", "2", "-d", "doctrees-j", "-E"),
    )
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert len(warnings(parallel)) == 8 and sorted(warnings(parallel)) == sorted(warnings(serial))
    report = json.loads((root / "out/okrs.json").read_text(encoding="utf-8"))
    assert [o["team"] for o in report["okrs"]] == [f"Team {n}" for n in range(8)]


def test_an_incremental_build_keeps_every_okr(tmp_path: Path) -> None:
    """Sphinx re-reads only changed pages; the others' OKRs come from its saved environment."""
    root = project(tmp_path, pages={"index.md": "# Home\n\n```{toctree}\na\nb\n```\n", "a.md": FENCED, "b.md": DINERS})
    first = sphinx_build(root)
    exported = (root / "out/okrs.json").read_text(encoding="utf-8")
    (root / "docs/a.md").write_text(FENCED.replace("Some text.", "Other text."), encoding="utf-8")
    again = sphinx_build(root)
    assert first.returncode == again.returncode == 0, again.stderr
    assert [w.split(":")[0] for w in warnings(again)] == ["a.md"]  # only the changed page was read
    assert (root / "out/okrs.json").read_text(encoding="utf-8") == exported
    assert '<section class="okr-card"' in (root / "out/b.html").read_text(encoding="utf-8")
