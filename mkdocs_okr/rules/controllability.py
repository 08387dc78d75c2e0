"""Annotate every key result of a page with its controllability, and the findings that follow."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..classify import assess, people
from ..classify.explain import quoted
from ..classify.vocabulary import SiteWords
from ..levels import levels as words
from ..model import OKR, Controllability, Finding, KeyResult, Level, Position, Positions


def annotate(okr: OKR, positions: Positions, site: SiteWords = ()) -> list[Finding]:
    """Classify each key result in place; return the controllability, measures-mismatch and measurable findings."""
    findings = []
    levels = words()
    for objective in okr.objectives:
        for kr in objective.key_results:
            assessed = assess(kr.text, okr.customer, okr.customers_users, kr.measures, kr.target is not None, site)
            result, inferred = assessed.result, assessed.inferred
            if okr.no_customers_users and result.level is Level.CUSTOMERS_USERS and result.source == "inferred":
                result = inferred = _their_own_users(result, levels)
            kr.controllability = result
            name = f"{objective.id} {kr.id}"
            at = Position(kr.line, kr.column)
            evidence = quoted(result.evidence)
            message = _finding(levels[result.level.value], name, result.actor, evidence)
            findings.append(Finding("controllability", at, message, kr.pointer, key=result.level.value))
            if assessed.contradicted:
                findings.append(_mismatch(name, kr, inferred.level, inferred.evidence, positions))
            if not assessed.measurable and not _measured_otherwise(kr):
                message = f'{name}: "{kr.text}" has no number, metric or target; say how you will know it was reached'
                findings.append(Finding("measurable", at, message, kr.pointer))
    return findings


def _measured_otherwise(kr: KeyResult) -> bool:
    """A milestone is done or not, a baseline measured or not, and a band has its numbers: each says
    how you will know it was reached, whatever its text."""
    return kr.kind != "metric" or kr.least is not None or kr.most is not None


def _finding(words: dict[str, str], name: str, actor: str | None, evidence: str) -> str:
    """The finding's words, naming the party once: "measures diners, your customers' users", or
    "measures your customers' users" when the text names no one, or names the party by its kind."""
    named = people(actor) if actor else ""
    if not named or named.lower() in words["default_actor"].lower():
        return words.get("finding_unnamed", words["finding"]).format(kr=name, evidence=evidence)
    return words["finding"].format(kr=name, actor=named, evidence=evidence)


def _their_own_users(result: Controllability, levels: dict[str, Any]) -> Controllability:
    """On a page that has no customers' users, the people who use the product are its customers."""
    actor = result.actor or levels["customer"]["default_actor"]
    evidence = quoted(result.evidence)
    reason = levels["customer"]["reason"].format(actor=actor, evidence=evidence) + "; this page has no customers' users"
    return replace(result, level=Level.CUSTOMER, reason=reason, suggestion=None)


def _mismatch(name: str, kr: KeyResult, level: Level, evidence: tuple[str, ...], positions: Positions) -> Finding:
    shown = ", ".join(f'"{e}"' for e in evidence[:3])
    message = f"{name} declares measures: {kr.measures}, but its text reads as {level.value} ({shown})"
    return Finding("measures-mismatch", positions.position(f"{kr.pointer}/measures"), message, kr.pointer)
