"""Findings that follow from the classifier, on whole pages: levels, mismatches, measurability, suppression."""

from __future__ import annotations

from mkdocs_okr.check import Options, check_text
from mkdocs_okr.model import Severity

PAGE = """\
---
okr:
  team: Restaurant platform
  period: 2026-Q1
  customer: [restaurant owners, restaurants]
  customers_users: [diners]
{page_ignore}  objectives:
    - title: Grow with our restaurants
      key_results:
        - Raise the renewal rate of restaurants from 82% to 90%
        - text: Increase orders per diner per week from 1.2 to 1.5
{kr_extra}        - Improve restaurant onboarding
---
"""


def page(page_ignore: str = "", kr_extra: str = "") -> str:
    return PAGE.format(page_ignore=page_ignore, kr_extra=kr_extra)


def found(text: str, options: Options = Options()) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.severity.value, d.rule) for d in check_text(text, "p.md", options).diagnostics]


def test_default_policy_warns_on_customers_users_and_unmeasurable() -> None:
    # onboarding is the customer's (shared/labelling.md), whose findings are off by default
    assert found(page()) == [(11, 11, "warning", "controllability"), (12, 11, "warning", "measurable")]
    (d,) = [
        d
        for d in check_text(page(), "p.md", Options()).diagnostics
        if d.severity is Severity.WARNING and d.rule == "controllability"
    ]
    assert d.message.startswith("O1 KR2 measures diners, your customers' users: outside your control")
    assert d.pointer == "/okr/objectives/0/key_results/1"


def test_the_json_model_carries_the_annotation() -> None:
    okr = check_text(page(), "p.md", Options()).okr
    assert okr is not None
    levels = [kr.controllability.level.value for kr in okr.objectives[0].key_results if kr.controllability]
    assert levels == ["customer", "customers_users", "customer"]
    kr = okr.objectives[0].key_results[1].to_dict()
    assert (
        kr["controllability"]["level"] == "customers_users"
        and "restaurant owners" in kr["controllability"]["suggestion"]
    )


def test_severity_per_level_from_the_site() -> None:
    options = Options(
        severity={"customers_users": Severity.ERROR, "unknown": Severity.IGNORE, "measurable": Severity.IGNORE}
    )
    assert found(page(), options) == [(11, 11, "error", "controllability")]


def test_a_declared_level_wins_and_a_contradiction_is_a_finding() -> None:
    text = page(kr_extra="          measures: customer\n")
    assert (12, 21, "warning", "measures-mismatch") in found(text)
    result = check_text(text, "p.md", Options())
    (mismatch,) = [d for d in result.diagnostics if d.rule == "measures-mismatch"]
    assert (
        "declares measures: customer, but its text reads as customers_users" in mismatch.message
        and '"orders"' in mismatch.message
    )
    assert result.okr is not None
    kr = result.okr.objectives[0].key_results[1]
    assert kr.controllability is not None and (kr.controllability.level.value, kr.controllability.source) == (
        "customer",
        "declared",
    )


def test_an_agreeing_declaration_is_no_finding() -> None:
    text = page(kr_extra="          measures: customers_users\n")
    assert not any(rule == "measures-mismatch" for *_, rule in found(text))


def test_a_key_result_silences_a_rule_with_a_reason() -> None:
    text = page(kr_extra="          ignore:\n            controllability: Kept as the before example\n")
    assert found(text) == [(14, 11, "warning", "measurable")]  # onboarding is the customer's, off by default
    okr = check_text(text, "p.md", Options()).okr
    assert okr is not None and okr.objectives[0].key_results[1].controllability is not None  # the badge stays


def test_a_page_silences_rules_for_all_its_key_results() -> None:
    text = page(page_ignore="  ignore: {controllability: An example page, measurable: An example page}\n")
    assert found(text) == []


def test_a_suppression_without_reason_or_with_an_unknown_rule_is_a_finding() -> None:
    no_reason = page(kr_extra="          ignore:\n            controllability:\n")
    assert (13, 13, "error", "schema") in found(no_reason)
    unknown = page(page_ignore="  ignore: {controlability: typo}\n")
    result = check_text(unknown, "p.md", Options())
    (d,) = [d for d in result.diagnostics if d.rule == "suppression"]
    assert (d.line, d.column) == (7, 12) and 'did you mean "controllability"' in d.message


def test_a_page_with_no_customers_users_reads_its_users_as_its_customers() -> None:
    """A B2C page in a B2B2C site: `customers_users: []` says the page has none, whatever the site says."""
    site = Options(customer=("restaurant owners",), customers_users=("diners",))
    b2c = page().replace(
        "  customer: [restaurant owners, restaurants]\n  customers_users: [diners]\n",
        "  customer: [households]\n  customers_users: []\n",
    )
    result = check_text(b2c, "p.md", site)
    assert result.okr is not None and result.okr.customers_users == () and result.okr.no_customers_users
    diner = result.okr.objectives[0].key_results[1].controllability
    assert diner is not None and diner.level.value in ("customer", "unknown") and diner.suggestion is None
    assert not any(d.rule == "controllability" and d.severity is Severity.WARNING for d in result.diagnostics)
    # a key result still read as their users' is the customers', and says why
    text = "Average watch time per viewer from 20 to 30 minutes"
    repeat = check_text(b2c.replace("Increase orders per diner per week from 1.2 to 1.5", text), "p.md", site)
    again = repeat.okr.objectives[0].key_results[1].controllability  # type: ignore[union-attr]
    assert again is not None and again.level.value == "customer" and "this page has no customers' users" in again.reason
    # leaving the key out inherits the site's customers' users
    inherits = check_text(b2c.replace("  customers_users: []\n", ""), "p.md", site)
    assert (
        inherits.okr is not None
        and inherits.okr.objectives[0].key_results[1].controllability.level.value == "customers_users"
    )  # type: ignore[union-attr]


def test_a_finding_names_its_party_once_and_as_a_group() -> None:
    text = page().replace(
        "        - Improve restaurant onboarding\n", "        - Raise checkout conversion from 2% to 3%\n"
    )
    messages = [d.message for d in check_text(text, "p.md", Options()).diagnostics if d.rule == "controllability"]
    assert messages[0].startswith("O1 KR2 measures diners, your customers' users: outside your control")
    assert messages[1].startswith("O1 KR3 measures your customers' users: outside your control")
    assert not any("users, your customers' users" in m or "measures diner," in m for m in messages)


def test_a_silenced_warning_shows_its_reason_once_on_the_card() -> None:
    from mkdocs_okr.site.outcome import Look
    from mkdocs_okr.site.outcome import page as checked_page

    reason = "Kept as the 'before' example of our guidance page"
    text = page(kr_extra=f"          ignore:\n            controllability: {reason}\n")
    card = checked_page(text.encode(), "p.md", Options(), Look(), None).card
    assert card is not None and "Warning silenced: Kept as the &#39;before&#39; example" in card
    assert "Kept on purpose" not in card
