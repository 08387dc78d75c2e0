"""Silence findings by rule id where a page, an objective or a key result says so, with a reason."""

from __future__ import annotations

from difflib import get_close_matches

from ..model import OKR, Finding, Positions, escape
from .registry import registry


def suppress(findings: list[Finding], okr: OKR, positions: Positions) -> list[Finding]:
    """The findings that no `ignore` covers, plus a `suppression` finding for each unknown rule id."""
    scopes = [("/okr", okr.ignore)]
    for objective in okr.objectives:
        scopes.append((objective.pointer, objective.ignore))
        scopes += [(kr.pointer, kr.ignore) for kr in objective.key_results]
    ignores = {pointer: ignore for pointer, ignore in scopes if ignore}
    kept = [f for f in findings if not _covered(f, ignores)]
    known = list(registry())
    for pointer, ignore in scopes:
        for rule in ignore:
            if rule not in known:
                close = get_close_matches(rule, known, n=1)
                hint = f' — did you mean "{close[0]}"?' if close else f"; known rules: {', '.join(known)}"
                at = positions.key_position(f"{pointer}/ignore/{escape(rule)}")
                kept.append(Finding("suppression", at, f'ignore: unknown rule "{rule}"{hint}', f"{pointer}/ignore"))
    return kept


def _covered(finding: Finding, ignores: dict[str, dict[str, str]]) -> bool:
    """Whether an `ignore` at the finding's place, or at a place above it, names its rule: a walk up
    the finding's pointer, so the cost does not grow with the number of scopes."""
    pointer = finding.pointer
    while pointer:
        if finding.rule in ignores.get(pointer, ()):
            return True
        pointer = pointer.rpartition("/")[0]
    return False
