"""The classifier's word lists (data/*.yaml), loaded once and indexed, with a site's own words first.

A site can teach the classifier its words in `mkdocs.yml` (the `vocabulary` option): its names for
its customer, its customers' users and the customer's staff, its own team's words, and metrics with
their owner. They are matched before the built-in lists, so a site's word wins where both know it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..datafiles import load_yaml
from ..model import Level
from .words import Entry, Lexicon, Matcher, lemma, phrase

CUSTOMER, USERS, TEAM = Level.CUSTOMER, Level.CUSTOMERS_USERS, Level.TEAM
SITE_PARTIES = {
    "customer": (CUSTOMER, "actor"),
    "customers_users": (USERS, "actor"),
    "customer_staff": (CUSTOMER, "staff"),
    "team": (TEAM, "actor"),
}
_ACTOR_GROUPS = [
    ("customer", CUSTOMER, "actor"),
    ("customer_standin", CUSTOMER, "actor"),
    ("customers_users", USERS, "actor"),
    ("customers_users_standin", USERS, "actor"),
    ("team", TEAM, "actor"),
    ("staff", CUSTOMER, "staff"),  # the customer's own staff count as the customer (labelling guide)
]
_LEXICON_GROUPS = [  # data/lexicon.yaml, matched after actors.yaml
    ("organisations", CUSTOMER, "actor"),
    ("professionals", CUSTOMER, "staff"),
    ("individuals", USERS, "actor"),
]


@dataclass
class Vocabulary:
    """The word lists, parsed and indexed."""

    actors: Matcher = field(default_factory=Matcher)
    metrics: Matcher = field(default_factory=Matcher)
    words: Matcher = field(default_factory=Matcher)
    actions: set[str] = field(default_factory=set)
    team_verbs: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # by first word
    acquisition_verbs: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # by first word
    orders: frozenset[str] = frozenset()  # verbs that, opening a key result, give the team an order
    orders_before_object: frozenset[str] = frozenset()  # the same, when also nouns: only before "the", "a", a number
    order_objects: frozenset[str] = frozenset()
    deadlines: Matcher = field(default_factory=Matcher)
    neutral: Matcher = field(default_factory=Matcher)
    general_actors: Matcher = field(default_factory=Matcher)  # data/lexicon.yaml: where the lists above say nothing
    general_metrics: Matcher = field(default_factory=Matcher)
    lexicon: Lexicon | None = None  # all the matchers above, read in one pass
    measurable: set[str] = field(default_factory=set)
    stopwords: frozenset[str] = frozenset()


@cache
def load(name: str) -> Any:
    """One of the classifier's data files, read once: the word lists and the declarations' reader
    share them. Nothing may change what it returns."""
    return load_yaml(f"classify/data/{name}.yaml")


def _inflections(verb: str) -> set[str]:
    """ship -> ship, ships, shipped, shipping; use -> uses, used, using; apply -> applies, applied."""
    forms = {verb, verb + "s", verb + "es", verb + "ed", verb + "ing", verb + "d"}
    if verb.endswith("e"):
        forms |= {verb[:-1] + "ing"}
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if re.fullmatch(r".*[^aeiou][aeiou][bdgmnprt]", verb):
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def _by_first_word(verbs: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Verb phrases as lemmas, by their first word, the longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for verb in sorted({phrase(v) for v in verbs}, key=lambda v: (-len(v), v)):
        index.setdefault(verb[0], []).append(verb)
    return index


SiteWords = tuple[tuple[str, tuple[str, ...]], ...]  # (kind, words) pairs, hashable for the cache


def site_words(option: Mapping[str, Any] | None) -> SiteWords:
    """The `vocabulary` option as the cache key of `vocabulary()`: parties by kind, and metrics by owner."""
    if not option:
        return ()
    pairs = [(kind, tuple(option.get(kind) or ())) for kind in SITE_PARTIES]
    metrics = option.get("metrics") or {}
    pairs += [
        (f"metrics:{level}", tuple(metrics.get(level) or ())) for level in ("customer", "customers_users", "team")
    ]
    return tuple((kind, words) for kind, words in pairs if words)


@lru_cache(maxsize=8)
def vocabulary(site: SiteWords = ()) -> Vocabulary:
    """The word lists, with a site's own words (see `site_words`) matched first."""
    vocab = Vocabulary()
    for kind, names in site:
        if kind.startswith("metrics:"):
            for name in names:
                vocab.metrics.add(phrase(name), Entry("metric", Level(kind.split(":", 1)[1]), True, source="site"))
        else:
            level, entry_kind = SITE_PARTIES[kind]
            for name in names:
                vocab.actors.add(phrase(name), Entry(entry_kind, level, source="site"))
    actors, grammar, families = load("actors"), load("grammar"), load("families")
    for group, level, kind in _ACTOR_GROUPS:
        for name in actors[group]:
            vocab.actors.add(phrase(name), Entry(kind, level, source=group))
    for name in actors["ambiguous_customer"]:
        vocab.actors.add(phrase(name), Entry("ambiguous", CUSTOMER, source="ambiguous"))
    lexicon = load("lexicon")
    for group, level, kind in _LEXICON_GROUPS:
        for name in lexicon[group].splitlines():  # one entry to a line: read ten times faster than a list
            vocab.general_actors.add(phrase(name), Entry(kind, level, source=group))
    for family, data in families.items():
        for name in data["words"]:
            vocab.metrics.add(phrase(name), Entry("metric", Level(data["owner"]), data["strong"], source=family))
    for owner, names in lexicon["metrics"].items():
        for name in names.splitlines():
            vocab.general_metrics.add(phrase(name), Entry("metric", Level(owner), source="lexicon"))
    for role in ("counters", "reporters", "outcome_markers", "negations", "causatives"):
        for word in grammar[role]:
            vocab.words.add(phrase(word), Entry("word", role=role))
    vocab.actions = {form for verb in grammar["actions"] for form in _inflections(verb)}
    vocab.team_verbs = _by_first_word(grammar["team_verbs"])
    vocab.acquisition_verbs = _by_first_word(grammar["acquisition_verbs"])
    verbs, aims = load("verbs"), set(grammar["aim_verbs"]) | set(grammar["stopwords"])
    vocab.orders = frozenset(verbs["verbs"].split()) - aims
    vocab.orders_before_object = frozenset(verbs["verbs_and_nouns"].split()) - aims
    vocab.order_objects = frozenset(grammar["order_objects"])
    for deadline in grammar["deadlines"]:
        vocab.deadlines.add(phrase(deadline), Entry("deadline"))
    for name in grammar["neutral"]:
        vocab.neutral.add(phrase(name), Entry("neutral"))
    vocab.measurable = {lemma(w) for w in grammar["measurable"]}
    vocab.stopwords = frozenset(lemma(w) for w in grammar["stopwords"])
    vocab.lexicon = Lexicon(
        [vocab.actors, vocab.metrics, vocab.words, vocab.neutral, vocab.general_actors, vocab.general_metrics]
    )
    return vocab
