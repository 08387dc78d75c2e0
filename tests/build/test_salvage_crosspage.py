"""`duplicate-id` across pages when a page has a schema error: the valid rest of the page takes part
(its objectives whose team, period and id are the page's own), the stand-ins that salvage puts
where the errors were do not. Checked by `mkdocs-okr check` and by a real `mkdocs build` alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.sites import build_site, run_cli

CONFIG = "site_name: Duplicates\nplugins:\n  - okr:\n      customer: [merchants]\n"
KEY_RESULTS = """\
      key_results:
        - text: Raise the share of merchants on one-click checkout from 30% to 60%
          measures: customer{kr_extra}
        - text: Cut checkout support contacts per 1,000 merchants from 45 to 30
          measures: customer
"""


def page(
    team: str = "Checkout", period: str = "2026-Q2", ident: str = "O1", extra: str = "", kr_extra: str = ""
) -> str:
    """An OKR page with one objective; `extra` goes into the okr block, `kr_extra` into a key result."""
    body = KEY_RESULTS.format(kr_extra=kr_extra)
    return f"---\nokr:\n  team: {team}\n  period: {period}{extra}\n  objectives:\n    - id: {ident}\n      title: Keep merchants on the Pro plan\n{body}---\n# OKRs\n"


REAL = {  # a schema error elsewhere on the page: its objective is still Checkout/2026-Q2/O1
    "okrs/a.md": page(),
    "okrs/b-unknown-key.md": page(extra="\n  colour: blue"),
    "okrs/c-bad-key-result.md": page(kr_extra="\n          baseline: lots"),
    "okrs/0-invalid-first.md": page(period="2026-H1", extra="\n  colour: blue"),  # first in path order
    "okrs/z-valid-later.md": page(period="2026-H1"),
}
STAND_INS = {  # each error's stand-in would name an objective that a valid page has
    "okrs/a.md": page(),
    "okrs/e.md": page(period="2026-Q1"),  # 2026-Q1 is what an invalid period stands in as
    "okrs/f.md": page(team="Restaurant platform", period="2026-Q1"),  # the stand-in for an invalid team
    "okrs/g-bad-period.md": page(period='"2026-Q7"'),
    "okrs/h-bad-team.md": page(team="42", period="2026-Q1"),
    "okrs/i-bad-id.md": page(ident="1st"),  # read as its default id, O1
    "okrs/j-no-key-results.md": page().replace("      key_results:", "      key_result:"),  # set aside whole, as O1
}
MESSAGE = (
    "O1: {team}, {period} already has an objective O1 (docs/okrs/{first}); give this one another id [duplicate-id]"
)
FOUND = [
    "docs/okrs/b-unknown-key.md:7:7: " + MESSAGE.format(team="Checkout", period="2026-Q2", first="a.md:6"),
    "docs/okrs/c-bad-key-result.md:6:7: " + MESSAGE.format(team="Checkout", period="2026-Q2", first="a.md:6"),
    "docs/okrs/z-valid-later.md:6:7: "
    + MESSAGE.format(team="Checkout", period="2026-H1", first="0-invalid-first.md:7"),
]


def duplicates(lines: list[str]) -> list[str]:
    return sorted(line.replace(": error: ", ": ") for line in lines if "[duplicate-id]" in line)


def built_duplicates(root: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    built = build_site(root, caplog)
    return duplicates([msg.split(": ", 1)[1] for level, msg in built.logs])


def test_a_real_duplicate_on_an_invalid_page_is_found(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = site(REAL, CONFIG)
    run = run_cli("check", cwd=root)
    assert run.returncode == 1 and "[schema]" in run.stdout
    assert duplicates(run.stdout.splitlines()) == FOUND
    assert built_duplicates(root, caplog) == FOUND
    one = run_cli("check", "docs/okrs/z-valid-later.md", cwd=root)  # as pre-commit runs it: the rest is context
    assert duplicates(one.stdout.splitlines()) == FOUND[2:]


def test_a_stand_in_makes_no_duplicate(site: Callable[..., Path], caplog: pytest.LogCaptureFixture) -> None:
    root = site(STAND_INS, CONFIG)
    run = run_cli("check", cwd=root)
    assert run.stdout.count("[schema]") == 4, run.stdout
    assert duplicates(run.stdout.splitlines()) == []
    assert built_duplicates(root, caplog) == []


def test_an_invalid_id_is_no_duplicate_of_another_on_its_page(site: Callable[..., Path]) -> None:
    """The second objective's "2nd" is read as O2, its default, which the first objective has."""
    second = "    - id: 2nd\n      title: Ship what merchants ask for\n" + KEY_RESULTS.format(kr_extra="")
    root = site({"okrs/k.md": page(ident="O2").replace("---\n# OKRs", second + "---\n# OKRs")}, CONFIG)
    run = run_cli("check", cwd=root)
    assert run.stdout.count("[schema]") == 1 and "[duplicate-id]" not in run.stdout, run.stdout


def test_an_objective_on_an_invalid_page_can_be_aligned_to(
    site: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    """It exists: no `aligns-to` finding, and the card links to its page (whose card shows the error)."""
    supports = page(team="Growth").replace("      title:", "      aligns_to: Checkout/2026-Q2/O1\n      title:")
    root = site({"okrs/b-unknown-key.md": page(extra="\n  colour: blue"), "okrs/growth.md": supports}, CONFIG)
    run = run_cli("check", cwd=root)
    assert run.stdout.count("[schema]") == 1 and "[aligns-to]" not in run.stdout, run.stdout
    built = build_site(root, caplog)
    assert not [msg for _, msg in built.logs if "[aligns-to]" in msg]
    assert 'Supports <a href="../b-unknown-key/">Checkout/2026-Q2/O1</a>' in built.html("okrs/growth/index.html")
