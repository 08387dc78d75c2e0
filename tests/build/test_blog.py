"""Beside Material's blog plugin (installed from PyPI), which reads its posts itself and keeps them
out of the site until its `on_nav`: a post with an `okr` block is checked like any page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pages import OKR_PAGE
from fixtures.sites import build_site, run_cli

DINERS = "Increase orders per diner per week from 1.2 to 1.5"
POST = OKR_PAGE.replace("---\nokr:", "---\ndate: 2026-01-15\nokr:", 1).replace(
    "Cut the median time for restaurant owners to publish a full menu from 3 days to 1 day", DINERS
)
DRAFT = POST.replace("date: 2026-01-15", "date: 2026-01-16\ndraft: true").replace("Restaurant platform", "Draft team")
BLOG = "site_name: Test\ntheme:\n  name: material\nplugins:\n  - search\n  - blog\n  - okr\n"


def test_a_blog_post_with_okrs_gets_its_card_its_findings_and_its_place_in_the_index_and_export(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site(
        {"index.md": "# Home\n", "blog/index.md": "# Blog\n", "blog/posts/q1.md": POST, "blog/posts/draft.md": DRAFT},
        BLOG,
    )
    built = build_site(root, caplog)
    post = built.html("blog/2026/01/15/menu-team-okrs/index.html")
    assert post.count('<section class="okr-card"') == 1 and "82% → 90%" in post
    assert built.logs == [
        (
            "WARNING",
            "mkdocs_okr: docs/blog/posts/q1.md:15:11: O1 KR2 measures diners, your customers' users: "
            'outside your control ("orders", "diner") [controllability]',
        )
    ]
    index = built.html("okrs/index.html")
    assert 'href="../blog/2026/01/15/menu-team-okrs/#okr-o1"' in index and "Draft team" not in index
    assert [okr["file"] for okr in built.export()["okrs"]] == ["docs/blog/posts/q1.md"]
    cli = json.loads(run_cli("check", "--format", "json", "docs/blog/posts/q1.md", cwd=root).stdout)
    assert cli["okrs"] == built.export()["okrs"]
