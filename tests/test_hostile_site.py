"""Hostile sites as a whole (issue 21): a chain of `aligns_to` 1,000 objectives deep across pages,
built by the plugin and checked by `mkdocs-okr check`."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable

import pytest

from conftest import build_site, record_figure, run_cli

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
    record_figure(f"a chain of aligns_to 1,000 objectives deep on 100 pages: built in {time.perf_counter() - started:.1f} s")
    html = built.html("okrs/index.html")
    tree = html[html.index('<ul class="okr-tree">') : html.index("</section>", html.index('<ul class="okr-tree">'))]
    keys = re.findall(r'<li><a href="[^"]*">([^<]*)</a>', tree)
    assert keys == [f"Team {n // PER_PAGE}/2026-Q1/O{n % PER_PAGE + 1}" for n in range(999, -1, -1)]
    assert tree.count("<ul>") == 999 and tree.count("</ul>") == 1000 and tree.count("</li>") == 1000
    assert not [line for line in built.findings if "[aligns-to]" in line]

    cli = run_cli("check", "docs", cwd=root)
    assert cli.returncode == 0 and "Traceback" not in cli.stderr and "[aligns-to]" not in cli.stdout
