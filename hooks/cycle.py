"""MkDocs hook for this project's own site: the worked example of a cycle, from a real git history.

At each build it makes a git repository in a temporary folder, commits one team's OKR page as the
team would through a quarter (set dates, set authors), reads the page's check-ins from that history
with the checker itself, and puts the history and the card in place of the line
`<!-- mkdocs-okr: cycle example -->` of the cycle page. The same sources give the same page: the
commits' dates, authors and contents are fixed, so their ids are too. Nothing is written to docs/.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from datetime import date
from html import escape
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_okr.check import Options
from mkdocs_okr.history.gitlog import read_history
from mkdocs_okr.show import render
from mkdocs_okr.site.outcome import Look, page

MARKER = "<!-- mkdocs-okr: cycle example -->"
EXAMPLE = Path(__file__).parent / "cycle_example.yaml"  # the page, and the commits that check it in
TODAY = date(2026, 3, 9)  # the day the example is read on: a week after the last check-in


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    css = get_relative_url(render.CSS_PATH, page.file.url)
    return markdown.replace(MARKER, example(css, get_relative_url(".", page.file.url).rstrip("/") + "/"))


def example(css_url: str, guidance_url: str) -> str:
    """The example's history, as a table of its commits, and its card."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _git(root, "init", "-q", "-b", "main")
        rows = []
        for step in data["steps"]:
            fields = {**step, "renewal_checkins": _checkins(step.get("renewal_checkins", []))}
            (root / "growth.md").write_text(data["page"].format(**fields), encoding="utf-8")
            _git(root, "add", "growth.md")
            _git(root, "commit", "-q", "-m", step["message"], author=step["author"], day=step["day"])
            rows.append(f"| {step['day']} | {escape(step['author'])} | {escape(step['message'])} |")
        history = read_history(root, ["growth.md"])
        raw = (root / "growth.md").read_bytes()
        options = Options(customer=("restaurant owners", "restaurants"), customers_users=("diners",), today=TODAY)
        checked = page(raw, "growth.md", options, Look(), css_url, guidance_url, history.versions("growth.md"))
        source = raw.decode("utf-8").split("\n---\n", 1)[0] + "\n---"
    table = "| day | author | commit |\n|---|---|---|\n" + "\n".join(rows)
    return f"{table}\n\nThe page as the last commit leaves it:\n\n```yaml\n{source}\n```\n\nIts card:\n\n{checked.card or ''}\n"


def _checkins(checkins: list[dict[str, object]]) -> str:
    """Written check-ins as the lines of YAML under a key result (indented as the page's fields)."""
    if not checkins:
        return ""
    dumped = yaml.safe_dump({"checkins": checkins}, sort_keys=False, allow_unicode=True, width=200)
    return "".join("\n" + " " * 10 + line for line in dumped.splitlines())


def _git(root: Path, *args: str, author: str = "", day: str = "") -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    if author:
        email = author.lower().replace(" ", ".") + "@example.org"
        when = f"{day}T10:00:00+00:00"
        env |= {"GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": when}
        env |= {"GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
