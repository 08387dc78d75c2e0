"""Scores from 0 to 1: a key result's (written at the end of the period, else its progress), an
objective's (the weighted mean of its key results'), and the band a score falls in, by the type
of its objective (data/scoring.yaml, after Google's OKR playbook)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .datafiles import load_yaml

TYPES = ("committed", "aspirational")


@dataclass(frozen=True)
class Band:
    """Where a score stands for its type of objective: red, yellow or green, and what that means."""

    name: str
    label: str


def key_result_score(written: float | None, progress: float | None) -> tuple[float | None, str | None]:
    """A key result's score and where it comes from: the `score` the page writes when the period is
    graded, else its progress (to two decimals, as scores are compared), else none."""
    if written is not None:
        return written, "written"
    if progress is not None:
        return round(progress, 2), "progress"
    return None, None


def mean(scored: Iterable[tuple[float, float]]) -> float | None:
    """The mean of (score, weight) pairs weighted by their weights, to two decimals; None when
    no weight counts (no score, or every weight 0)."""
    pairs = list(scored)
    total = sum(weight for _, weight in pairs)
    return round(sum(score * weight for score, weight in pairs) / total, 2) if total else None


@lru_cache(maxsize=1)
def bands() -> dict[str | None, tuple[tuple[float, Band], ...]]:
    """Each type's bands, lowest first, each with the score it starts at; under None, those of
    an objective that does not say its type."""
    data = load_yaml("data/scoring.yaml")
    found: dict[str | None, tuple[tuple[float, Band], ...]] = {
        kind: tuple((float(b["from"]), Band(b["band"], b["label"])) for b in listed)
        for kind, listed in data["types"].items()
    }
    found[None] = found[data["untyped"]]
    return found


def band(score: float, kind: str | None) -> Band:
    """The band `score` falls in, for an objective of type `kind` (None: untyped)."""
    listed = bands()[kind]
    return next(b for start, b in reversed(listed) if score >= start or start == listed[0][0])
