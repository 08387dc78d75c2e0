"""Every finding of a valid card is on the card, in words, under the key result or objective it is
about, with a link to its rule's page: not only in the build log, which readers of the site never see."""

from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Callable
from html import unescape
from pathlib import Path

import markdown
import pytest

from fixtures.html import element
from fixtures.sites import DATA, build_site, run_mkdocs
from mkdocs_okr.rules.registry import registry
from mkdocs_okr.show import render
from mkdocs_okr.show.render import GUIDANCE_URL

FINDING = re.compile(
    r'<li class="okr-finding okr-finding--(\w+)"><span class="okr-finding__severity">\1</span> (.*?) '
    r'<a class="okr-finding__rule" href="([^"]+)">About this rule</a></li>'
)


def findings_in(html: str) -> list[tuple[str, str, str]]:
    """(severity, words, rule) of each finding the card shows in `html`."""
    found = []
    for severity, words, href in FINDING.findall(html):
        assert href.startswith(GUIDANCE_URL + "rules/") and href.endswith("/"), href
        found.append((severity, unescape(words), href[len(GUIDANCE_URL + "rules/") : -1]))
    return found


def under(html: str, anchor: str) -> list[tuple[str, str, str]]:
    """The findings shown under the key result or the objective (its title, not its key results)
    with the id `anchor`."""
    at = html.index(f'id="{anchor}"')
    start = html.rindex("<", 0, at)
    if "-kr" in anchor:
        return findings_in(element(html[start:], html[start : html.index(">", at) + 1]))
    return findings_in(element(html[start:], '<div class="okr-objective__body">'))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/index_site, built once (its menus and onboarding pages carry the findings)."""
    root = Path(shutil.copytree(DATA / "index_site", tmp_path_factory.mktemp("findings") / "site"))
    run = run_mkdocs("build", cwd=root)
    assert run.returncode == 0, run.stderr
    return root / "site"


def test_each_key_result_and_objective_shows_its_findings_in_words_with_the_rule_link(built: Path) -> None:
    menus = (built / "teams/menus/index.html").read_text(encoding="utf-8")
    assert under(menus, "okr-o1") == [
        (
            "info",
            "Reads like a key result; state the goal in words and move the number into a key result.",
            "objective-metric",
        )
    ]
    assert under(menus, "okr-o1-kr1") == [
        (
            "info",
            "Last updated 2026-01-02, 88 days before 2026-03-31 (the limit is 45); measure it again and "
            "update current and updated.",
            "stale",
        )
    ]
    assert under(menus, "okr-o1-kr2") == []
    assert under(menus, "okr-o1-kr3") == [
        ("warning", "Has no number, metric or target; say how you will know it was reached.", "measurable")
    ]
    assert under(menus, "okr-o1-kr4") == [
        (
            "warning",
            'Declares measures: team, but its text reads as customer ("renewal rate", "restaurant owners").',
            "measures-mismatch",
        )
    ]
    assert under(menus, "okr-o2") == [("info", "Has 1 key result; keep 2 to 5.", "key-result-count")]
    # the controllability finding is the badge and its reason, not a second line
    assert under(menus, "okr-o2-kr1") == [] and "Outside your control" in element(
        menus, '<li class="okr-kr" id="okr-o2-kr1">'
    )
    onboarding = (built / "teams/onboarding/index.html").read_text(encoding="utf-8")
    assert under(onboarding, "okr-o1-kr4") == [
        ("info", "Says neither which way nor how far; add a direction and a target.", "no-target")
    ]


def test_every_finding_of_a_valid_page_but_the_badges_is_on_its_card_once(built: Path) -> None:
    """The build log and the card agree: each finding okrs.json holds for a valid page is shown
    on the page's card exactly once, with its severity and rule, except the controllability ones."""
    report = json.loads((built / "okrs.json").read_text(encoding="utf-8"))
    valid = {okr["file"] for okr in report["okrs"]}
    checked = 0
    for file in sorted(valid):
        page = file.removeprefix("docs/").removesuffix(".md") + "/index.html"
        card = element((built / page).read_text(encoding="utf-8"), '<section class="okr-card"')
        shown = sorted((severity, rule) for severity, _, rule in findings_in(card))
        logged = sorted(
            (d["severity"], d["rule"])
            for d in report["diagnostics"]
            if d["file"] == file and d["rule"] != "controllability"
        )
        assert shown == logged, file
        assert all(rule in registry() for _, rule in shown)
        checked += len(shown)
    assert checked >= 6


PAGE_LEVEL = """\
---
okr:
  team: Menus
  period: 2026-Q1
  ignore:
    controlability: a typo on purpose
  objectives:
    - title: Make menus effortless for restaurant owners
      key_results:
        - Raise the share of restaurant owners who update their menu weekly from 30% to 50%
        - Cut the time to publish a menu from 3 days to 1 day
---
# Menus
"""


def test_a_finding_about_the_whole_page_is_at_the_foot_of_its_card(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    built = build_site(site({"index.md": "# Home\n", "menus.md": PAGE_LEVEL}), caplog)
    card = element(built.html("menus/index.html"), '<section class="okr-card"')
    foot = card[card.rindex("</ul>\n  </div>") :]
    assert findings_in(foot) == [
        ("error", 'ignore: unknown rule "controlability" — did you mean "controllability"?', "suppression")
    ]
    assert findings_in(card) == findings_in(foot)


def test_a_host_whose_log_is_easy_to_miss_shows_each_finding_once_with_its_place(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The Markdown extension (and Zensical) list findings under the card: each one once, at its
    line and column; the controllability ones, which the badges show, at the card's foot."""
    text = (
        "# Menus\n\n```okr\nteam: Menus\nperiod: 2026-Q1\nobjectives:\n  - title: Delight restaurant owners\n"
        "    key_results:\n      - Improve restaurant onboarding\n      - Increase orders per diner per week from 1.2 to 1.5\n```\n"
    )
    with caplog.at_level(logging.INFO, logger="mkdocs.okr"):
        html = markdown.markdown(
            text,
            extensions=["okr"],
            extension_configs={"okr": {"customer": "restaurant owners", "customers_users": ["diners"]}},
        )
    assert html.count("Has no number, metric or target") == 1 and html.count("has no number, metric or target") == 0
    assert '<span class="okr-problem__where">line 9, column 9</span> Has no number, metric or target' in html
    foot = html[html.index('aria-label="Findings the badges show"') :]
    # onboarding is the customer's (shared/labelling.md), whose controllability findings are off by default
    assert "O1 KR1" not in foot and "line 10, column 9</span> O1 KR2 " in foot
    assert foot.count("[controllability]") == 1 and "[measurable]" not in foot
    assert len(caplog.records) == 2


@pytest.mark.parametrize(
    ("message", "subject", "quoted", "words"),
    [
        ('O1 KR2: "Improve onboarding" has no number', "O1 KR2", "Improve onboarding", "Has no number."),
        ("O1 KR2 declares measures: team, but", "O1 KR2", "x", "Declares measures: team, but."),
        (
            'O1 KR2: updated: "2026-02-30" is not a date on the calendar',
            "O1 KR2",
            "x",
            'updated: "2026-02-30" is not a date on the calendar.',
        ),
        ("O1 has 1 key result; keep 2 to 5", "O1", "Title", "Has 1 key result; keep 2 to 5."),
        ('ignore: unknown rule "x" — did you mean "y"?', "", "", 'ignore: unknown rule "x" — did you mean "y"?'),
        ("O10 KR1: something", "O1", "", "O10 KR1: something."),  # another objective's name is kept
        ('O1 KR1: "a changed text" is long', "O1 KR1", "the text", '"a changed text" is long.'),
    ],
)
def test_a_message_under_its_key_result_drops_what_the_card_shows_beside_it(
    message: str, subject: str, quoted: str, words: str
) -> None:
    assert render.about(message, subject, quoted) == words
