"""Whose behaviour does a key result measure: the customer, the customers' users, the team, or unclear?

One entry point, `assess`. A key result is read (reading.py): the parties it names, the page's
declared ones first (parties.py, declared.py), the metric families it counts (data/families.yaml),
and the roles the small grammar gives them; a general lexicon (data/lexicon.yaml) fills in the
parties and metrics the lists do not know. The reading becomes features (features.py) that a model
fitted on labelled key results from some nine hundred domains weighs (model.py, fit.py).
The answer is the most probable level when it is confident enough, else unknown, with the evidence
that counted most and, for the customers' users, a customer-side alternative (explain.py). Metrics
a site teaches in its `vocabulary` decide where they agree, since no fit has seen them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Controllability, Level
from .explain import explained, people
from .features import Features, features, signal_features
from .model import LEVELS, TELLING, model
from .reading import read
from .signals import Reading, Signal
from .vocabulary import SiteWords, site_words, vocabulary

__all__ = ["Assessment", "assess", "people", "site_words", "warm_up"]

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Assessment:
    """All the classifier says of one key result."""

    result: Controllability  # what the card shows: the declaration if there is one, else the reading
    inferred: Controllability  # what the text alone says
    measurable: bool

    @property
    def contradicted(self) -> bool:
        """A declaration that the text clearly reads otherwise (the `measures-mismatch` rule)."""
        declared = self.result.source == "declared"
        return declared and self.inferred.level not in (Level.UNKNOWN, self.result.level)


def assess(
    text: str,
    customer: Sequence[str] = (),
    customers_users: Sequence[str] = (),
    declared: str | None = None,
    has_target: bool = False,
    site: SiteWords = (),
) -> Assessment:
    """Classify one key result, and say whether it is measurable, reading it once."""
    vocab = vocabulary(site)
    reading = read(text, customer, customers_users, vocab)
    parties = (customer, customers_users)
    level = _taught(reading) or model().decide(features(reading, vocab.stopwords))
    inferred = _explained(level, "inferred", reading, parties)
    result = inferred if declared is None else _explained(Level(declared), "declared", reading, parties)
    return Assessment(result, inferred, _measurable(text, reading, vocab.measurable, has_target))


def _explained(
    level: Level, source: str, reading: Reading, parties: tuple[Sequence[str], Sequence[str]]
) -> Controllability:
    evidence = _evidence(reading, level)
    return explained(level, source, evidence, _actor(evidence, level), reading, parties)


def _taught(reading: Reading) -> Level | None:
    """The owner of the site's own metrics, when the key result counts some and they agree: a team
    that says in `mkdocs.yml` whose behaviour a metric counts has declared it, and no fit has seen
    its words to weigh them. A site's party words are weighed like any party, by their role
    ("uptime of the diner app" counts no diner)."""
    taught = {s.level for s in reading.signals if s.source == "site" and s.kind == "metric"}
    return taught.pop() if len(taught) == 1 else None


def read_features(text: str, customer: Sequence[str], customers_users: Sequence[str], site: SiteWords = ()) -> Features:
    """What the model weighs in one key result (for fitting)."""
    vocab = vocabulary(site)
    return features(read(text, customer, customers_users, vocab), vocab.stopwords)


def _evidence(reading: Reading, level: Level) -> list[Signal]:
    """The signals that speak for `level`, in the order of the text; when none does, the words
    that pulled the model most towards it. For unknown, every signal."""
    if level is Level.UNKNOWN:
        return list(reading.signals)
    chosen = [s for s in reading.signals if s.level is level or _consumer(s, level, reading)]
    return chosen or _telling_words(reading, level, LEVELS.index(level))


def _consumer(signal: Signal, level: Level, reading: Reading) -> bool:
    """On a page that sells to consumers, a party named as a customer's user is one of its customers."""
    return (
        reading.sentence.consumers
        and level is Level.CUSTOMER
        and signal.kind == "actor"
        and signal.level is Level.CUSTOMERS_USERS
    )


def _actor(evidence: Sequence[Signal], level: Level) -> Signal | None:
    """The party named in the evidence that pulled the model most towards `level`."""
    actors = [s for s in evidence if s.kind == "actor"]
    if len(actors) < 2 or level is Level.UNKNOWN:
        return actors[0] if actors else None
    k, weights = LEVELS.index(level), model().weights
    return max(
        actors, key=lambda s: (sum(weights.get(name, (0.0, 0.0, 0.0))[k] for name in signal_features(s)), -s.start)
    )


def _telling_words(reading: Reading, level: Level, k: int) -> list[Signal]:
    """Up to two of the sentence's words whose fitted weight points most to `level`."""
    s, weights = reading.sentence, model().weights
    pulls = [
        (weights.get("word:" + lem, (0.0, 0.0, 0.0))[k], i)
        for i, lem in enumerate(s.lemmas)
        if s.words[i][:1].isalpha()
    ]
    best = sorted((p for p in pulls if p[0] > TELLING), reverse=True)[:2]
    return [Signal(i, i + 1, level, s.phrase(i, i + 1), "word") for _, i in sorted(best, key=lambda p: p[1])]


def _measurable(text: str, reading: Reading, measure_words: set[str], has_target: bool) -> bool:
    """A number, a target, a measure word ("rate", "time") or a countable metric ("orders", "renewals")."""
    if has_target or _DIGIT.search(text):
        return True
    if any(lem in measure_words for lem in reading.sentence.lemmas):
        return True
    return any(entry.strong for _, _, entry in reading.sentence.metrics)  # "repeat orders", not "onboarding"


def warm_up(site: SiteWords = ()) -> None:
    """Load the word lists and the model before the first page (a forked worker then shares them)."""
    vocabulary(site)
    model()
