"""The `direction` rule: a key result's words, its `direction` and its numbers go one way, and its
direction has what it needs: a threshold to maintain, both ends of a band to stay within."""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import load_yaml
from ..model import OKR, Finding, KeyResult, Positions
from ..progress import goes

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    """Each word that says a direction (data/directions.yaml), to the direction it says."""
    listed: dict[str, list[str]] = load_yaml("data/directions.yaml")
    return {word.lower(): way for way, words in listed.items() for word in words}


def said(text: str) -> tuple[str, str] | None:
    """The direction a text's words say, with the first word that says it as the text writes it;
    None when its words say none, or both."""
    words = _words()
    found = [(words[w.lower()], w) for w in _WORD.findall(text) if w.lower() in words]
    return found[0] if len({way for way, _ in found}) == 1 else None


def direction(okr: OKR, positions: Positions) -> list[Finding]:
    """The `direction` findings of a page's metrics (milestones and baselines go no way)."""
    return [
        finding
        for objective in okr.objectives
        for kr in objective.key_results
        if kr.kind == "metric"
        for finding in _findings(f"{objective.id} {kr.id}", kr, positions)
    ]


def _findings(name: str, kr: KeyResult, positions: Positions) -> list[Finding]:
    way, source = kr.direction

    def finding(at: str, message: str) -> Finding:
        return Finding("direction", positions.position(f"{kr.pointer}/{at}"), f"{name}: {message}", kr.pointer)

    found = []
    if kr.least is not None and kr.most is not None and kr.least > kr.most:
        found.append(finding("min", f"min {as_written(kr.least)} is above max {as_written(kr.most)}; swap them"))
    numbers = f"the target {as_written(kr.target)} is {_relation(kr)} the baseline {as_written(kr.baseline)}"
    if source == "declared" and way in ("increase", "decrease") and _contradicts(way, kr):
        found.append(finding("direction", f"direction: {way}, but {numbers}; correct the direction or the numbers"))
    if way == "maintain" and kr.least is None and kr.most is None:
        if source == "declared":
            message = "direction: maintain needs a threshold; set min (the least the value may be), max (the most it may be) or both"
            found.append(finding("direction", message))
        else:
            message = (
                f"baseline and target are both {as_written(kr.target)}, which reads as maintain, but nothing says whether "
                "that is the least or the most the value may be; set min, max or both"
            )
            found.append(finding("target", message))
    if way == "within" and (kr.least is None or kr.most is None):
        missing = "min" if kr.least is None else "max"
        found.append(finding("direction", f"direction: within needs both ends of its band; add {missing}"))
    words = said(kr.text)
    if words is not None and way in ("increase", "decrease") and words[0] != way:
        if source == "declared":
            message = f'the text says "{words[1]}", but direction: {way}; make the two say the same'
            found.append(finding("direction", message))
        else:
            found.append(
                finding("target", f'the text says "{words[1]}", but {numbers}; correct the numbers or the words')
            )
    return found


def _contradicts(way: str, kr: KeyResult) -> bool:
    return kr.baseline is not None and kr.target is not None and not goes(way, kr.baseline, kr.target)


def _relation(kr: KeyResult) -> str:
    if kr.baseline is None or kr.target is None or kr.target == kr.baseline:
        return "equal to"
    return "above" if kr.target > kr.baseline else "below"


def as_written(value: float | None) -> str:
    """A number as the page would write it: 90, 2.5."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
