"""The guidance site's host pages work as written: their configuration and example page, built by
Zensical and by Sphinx, give the card and the finding the page shows."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from fixtures.sites import REPO


def blocks(page: str, language: str) -> list[str]:
    """The fenced blocks of a guidance page in `language`, outer fences of three or four backticks."""
    text = (REPO / "docs/hosts" / page).read_text(encoding="utf-8")
    return [m[2] for m in re.finditer(rf"^(`{{3,4}}){language}\n(.*?)^\1$", text, re.MULTILINE | re.DOTALL)]


def test_the_zensical_page_builds_as_written(tmp_path: Path) -> None:
    (config,) = blocks("markdown.md", "yaml")
    (page,) = blocks("markdown.md", "markdown")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs/okrs").mkdir(parents=True)
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs/okrs/q2.md").write_text(page, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    shown = re.search(
        r"`(docs/okrs/q2.md:\d+:\d+: O1 KR2 measures diners), \.\.\. \[controllability\]`",
        (REPO / "docs/hosts/markdown.md").read_text(encoding="utf-8"),
    )
    assert shown and shown[1] in run.stdout + run.stderr
    html = (tmp_path / "site/okrs/q2/index.html").read_text(encoding="utf-8")
    assert '<section class="okr-card"' in html and html.count("</span> Outside your control<") == 1


def test_the_sphinx_page_builds_as_written(tmp_path: Path) -> None:
    (conf,) = blocks("sphinx.md", "python")
    (page,) = blocks("sphinx.md", "rst")
    (shown,) = blocks("sphinx.md", "text")
    (tmp_path / "docs/okrs").mkdir(parents=True)
    (tmp_path / "docs/conf.py").write_text(conf.replace("# docs/conf.py\n", ""), encoding="utf-8")
    (tmp_path / "docs/index.rst").write_text("Home\n====\n\n.. toctree::\n\n   okrs/q2\n", encoding="utf-8")
    (tmp_path / "docs/okrs/q2.rst").write_text(page, encoding="utf-8")
    command = [sys.executable, "-m", "sphinx", "--no-color", "-W", "--keep-going", "docs", "build/html"]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1  # -W: the page's finding fails the build, as the page says
    assert shown.strip() in [line.replace(f"{tmp_path}/", "") for line in run.stderr.splitlines()]
    html = (tmp_path / "build/html/okrs/q2.html").read_text(encoding="utf-8")
    assert '<section class="okr-card"' in html


def test_the_zensical_page_names_the_release_the_tests_build_with() -> None:
    """The newest Zensical releases need a package that cannot be installed; the page says which
    release is tested, and this run is on that one."""
    text = (REPO / "docs/hosts/markdown.md").read_text(encoding="utf-8")
    tested = re.search(r"Tested with Zensical (\S+), the newest release that installs", text)
    assert tested and tested[1] == version("zensical")


DINERS_PAGE = """\
---
okr:
  team: Menu team
  period: 2026-Q2
  objectives:
    - title: Make it effortless for restaurant owners to show diners what they offer
      key_results:
        - Raise the share of restaurant owners who publish a full menu from 40% to 70%
        - Increase orders per diner per week from 1.2 to 1.5
---
# Menu team, Q2
"""


def test_the_properdocs_page_builds_as_written_and_the_check_takes_its_config(tmp_path: Path) -> None:
    (config,) = blocks("mkdocs.md", "yaml")
    (tmp_path / "properdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs/okrs").mkdir(parents=True)
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs/okrs/q2.md").write_text(DINERS_PAGE, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    diners = "O1 KR2 measures diners, your customers' users"
    assert run.returncode == 1 and f"mkdocs_okr: docs/okrs/q2.md:9:11: {diners}" in run.stderr, run.stderr

    def customer(*args: str) -> list[str]:
        command = [sys.executable, "-m", "mkdocs_okr", "check", "--format", "json", *args, "docs/okrs/q2.md"]
        report = json.loads(subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120).stdout)
        return report["okrs"][0]["customer"]  # type: ignore[no-any-return]

    assert customer("--config", "properdocs.yml") == ["restaurant owners"]
    assert customer() == []  # without it: the default options
