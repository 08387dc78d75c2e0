"""Shape rules: how many objectives a page has and how many key results an objective, whether an
objective is really a metric, and whether a key result says which way and how far."""

from __future__ import annotations

import re
from functools import lru_cache

from ..classify.words import lemma
from ..datafiles import load_yaml
from ..model import OKR, Finding, Positions

_WORDS = re.compile(r"[a-z]+|[<>≤≥+→%-]+|\d")


@lru_cache(maxsize=1)
def _vocab() -> dict[str, set[str]]:
    data = load_yaml("data/shape.yaml")
    return {key: {lemma(w.lower()) for w in words} for key, words in data.items()}


def _words(text: str) -> list[str]:
    return [lemma(w) for w in _WORDS.findall(text.lower())]


def _has(words: list[str], vocabulary: set[str]) -> bool:
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    return bool(vocabulary.intersection(words) or vocabulary.intersection(pairs))


def shape(
    okr: OKR, positions: Positions, min_results: int, max_results: int, max_objectives: int | None = None
) -> list[Finding]:
    """Findings of the four shape rules for one page."""
    vocab = _vocab()
    findings = []
    count = len(okr.objectives)
    if max_objectives is not None and count > max_objectives:
        kept = "the one that matters" if max_objectives == 1 else f"the {max_objectives} that matter"
        message = f"this page has {count} objectives, and the site allows {max_objectives}; keep {kept} most"
        findings.append(Finding("objective-count", positions.key_position("/okr/objectives"), message, "/okr"))
    for objective in okr.objectives:
        count = len(objective.key_results)
        if not min_results <= count <= max_results:
            message = (
                f"{objective.id} has {count} key result{'s' if count != 1 else ''}; keep {min_results} to {max_results}"
            )
            at = positions.position(objective.pointer)
            findings.append(Finding("key-result-count", at, message, objective.pointer))
        title = _words(objective.title)
        numeric = any(w.isdigit() or w == "%" for w in title)
        opens_with_measure = bool(title) and title[0] in vocab["objective_openers"] and _has(title, vocab["measures"])
        if numeric or opens_with_measure:
            message = f'{objective.id}: "{objective.title}" reads like a key result; state the goal in words and move the number into a key result'
            findings.append(
                Finding(
                    "objective-metric", positions.position(f"{objective.pointer}/title"), message, objective.pointer
                )
            )
        for kr in objective.key_results:
            if kr.target is not None or kr.least is not None or kr.most is not None or kr.kind != "metric":
                continue
            text = _words(kr.text)
            if not any(w.isdigit() for w in text) and not _has(text, vocab["directions"]):
                message = f'{objective.id} {kr.id}: "{kr.text}" says neither which way nor how far; add a direction and a target'
                findings.append(Finding("no-target", positions.position(kr.pointer), message, kr.pointer))
    return findings
