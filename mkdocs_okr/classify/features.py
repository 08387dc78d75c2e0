"""A reading as the features the fitted model weighs.

Each signal gives a few overlapping features (its kind and level; with its role, its scope, its
source), so that the model can learn how much a counted party outweighs a mere place, or a strong
metric family a hint, from labelled key results rather than by hand. On a page that sells to
consumers each signal's kind and level come again, under their own names, since there the
customer is the one it names. The sentence's own words and word pairs, and its first word, let
the model learn what bare metrics ("logo churn", "time to approve") usually count; they are
validated on domains the fit never saw (fit.py).
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Level
from .signals import Reading, Signal

Features = list[str]  # a bag of feature names


def signal_features(signal: Signal) -> tuple[str, ...]:
    """The names of the features one signal contributes."""
    return _names(signal.kind, signal.level, signal.role, signal.scope, signal.source, signal.strong)


@lru_cache(maxsize=4096)
def _names(kind: str, level: Level, role: str, scope: str, source: str, strong: bool) -> tuple[str, ...]:
    base = f"{kind}:{level.value}"
    names = (base, f"{base}:role:{role}", f"{base}:scope:{scope}", f"{base}:source:{source}")
    return (*names, f"{base}:strong:{strong}") if kind == "metric" else names


def features(reading: Reading, stopwords: frozenset[str]) -> Features:
    """Everything the model weighs in one key result, as a bag of names: one that occurs twice counts twice."""
    x: Features = [name for signal in reading.signals for name in signal_features(signal)]
    s = reading.sentence
    if not reading.signals:
        x.append("no-signal")
    if s.declares_parties:
        x.append("declares-parties")
    if s.consumers:  # what a party or a metric counts changes when the customer is the consumer
        x += ["consumers", *(f"consumers:{signal.kind}:{signal.level.value}" for signal in reading.signals)]
    content = [lem for word, lem in zip(s.words, s.lemmas) if word[:1].isalpha() and lem not in stopwords]
    x += dict.fromkeys(
        ["word:" + lem for lem in content] + ["pair:" + a + "_" + b for a, b in zip(content, content[1:])]
    )
    if s.first is not None:
        x.append("first:" + s.lemmas[s.first])
    return x
