"""The built-in vocabularies (vocab/*.yaml) and how a sentence is cut into words and matched against them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .datafiles import load_yaml
from .model import Level

CUSTOMER, USERS, TEAM = Level.CUSTOMER, Level.CUSTOMERS_USERS, Level.TEAM
STRONG_METRIC = 3.0
WEAK_METRIC = 1.0
POSSESSIVES = {"'s", "'"}
_TOKEN_RE = re.compile(r"[a-z][a-z0-9]*|\d+(?:[.,]\d+)*|'s\b|'|%|[<>/;:,()\u2013\u2014-]")


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """A crude singular: restaurants -> restaurant, districts -> district, pharmacies -> pharmacy."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _lowered(text: str) -> str:
    return text.lower().replace("\u2019", "'")


def tokenize(text: str) -> tuple[list[str], tuple[str, ...]]:
    """Lower-cased words, numbers, possessive marks and punctuation, and their crude singulars."""
    words = _TOKEN_RE.findall(_lowered(text))
    return words, tuple(map(lemma, words))


def token_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where each of `words`, the tokens of `tokenize(text)`, stands in the text. Nothing between
    two tokens can begin one (else the tokenizer would have matched there), so each token is the
    next occurrence of its text."""
    lowered, spans, at = _lowered(text), [], 0
    for word in words:
        start = lowered.find(word, at)
        at = start + len(word)
        spans.append((start, at))
    return spans


def phrase(text: str) -> tuple[str, ...]:
    words, lemmas = tokenize(text)
    return tuple(lem for word, lem in zip(words, lemmas) if word not in POSSESSIVES)


@dataclass(frozen=True)
class Entry:
    """One vocabulary phrase and what it means."""

    kind: str  # actor | staff | ambiguous | metric | word
    level: Level | None = None
    weight: float = 0.0
    strong: bool = False
    role: str = ""


class Matcher:
    """Longest-match lookup of lemma phrases."""

    def __init__(self) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}

    def add(self, phrase: Iterable[str], entry: Entry) -> None:
        key = tuple(phrase)
        if key:
            bucket = self.index.setdefault(key[0], [])
            if all(existing != key for existing, _ in bucket):  # first definition wins
                bucket.append((key, entry))
                bucket.sort(key=lambda item: -len(item[0]))

    def match_at(self, lemmas: tuple[str, ...], i: int) -> int:
        """The length of the longest phrase that starts at lemma i, or 0."""
        for phrase, _ in self.index.get(lemmas[i] if i < len(lemmas) else "", ()):
            if lemmas[i : i + len(phrase)] == phrase:
                return len(phrase)
        return 0

    def spans(self, lemmas: tuple[str, ...]) -> list[tuple[int, int, Entry]]:
        """Non-overlapping longest matches over a list of lemmas, left to right."""
        found, i, count, index = [], 0, len(lemmas), self.index
        while i < count:
            for phrase, entry in index.get(lemmas[i], ()):
                size = len(phrase)
                if size == 1 or lemmas[i : i + size] == phrase:
                    found.append((i, i + size, entry))
                    i += size
                    break
            else:
                i += 1
        return found


class Lexicon:
    """Several matchers read in one pass: each keeps its own longest, non-overlapping matches."""

    def __init__(self, matchers: Sequence[Matcher]) -> None:
        self.size = len(matchers)
        self.index: dict[str, list[tuple[tuple[str, ...], int, Entry]]] = {}
        for number, matcher in enumerate(matchers):
            for first, bucket in matcher.index.items():
                self.index.setdefault(first, []).extend((phrase, number, entry) for phrase, entry in bucket)
        for bucket in self.index.values():
            bucket.sort(key=lambda item: -len(item[0]))

    def spans(self, lemmas: tuple[str, ...]) -> list[list[tuple[int, int, Entry]]]:
        found: list[list[tuple[int, int, Entry]]] = [[] for _ in range(self.size)]
        free = [0] * self.size  # where each matcher may match next
        index = self.index
        for i, lem in enumerate(lemmas):
            for phrase, number, entry in index.get(lem, ()):
                if free[number] > i:
                    continue
                size = len(phrase)
                if size == 1 or lemmas[i : i + size] == phrase:
                    found[number].append((i, i + size, entry))
                    free[number] = i + size
        return found


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


@dataclass
class Vocabulary:
    """The built-in vocabularies, loaded once from vocab/*.yaml."""

    actors: Matcher = field(default_factory=Matcher)
    metrics: Matcher = field(default_factory=Matcher)
    words: Matcher = field(default_factory=Matcher)
    actions: set[str] = field(default_factory=set)
    team_verbs: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # by first word
    acquisition_verbs: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # by first word
    deadlines: Matcher = field(default_factory=Matcher)
    neutral: Matcher = field(default_factory=Matcher)
    lexicon: Lexicon | None = None  # actors, metrics, words and neutral phrases, read in one pass
    measurable: set[str] = field(default_factory=set)
    levels: dict[str, dict[str, str]] = field(default_factory=dict)
    suggestions: dict[str, object] = field(default_factory=dict)


def _load(name: str) -> dict:
    return load_yaml(f"vocab/{name}.yaml")


def _by_first_word(verbs: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Verb phrases as lemmas, by their first word, the longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for verb in sorted({phrase(v) for v in verbs}, key=lambda v: (-len(v), v)):
        index.setdefault(verb[0], []).append(verb)
    return index


@lru_cache(maxsize=1)
def levels() -> dict[str, dict[str, str]]:
    """Each controllability level's symbol, label, reason and wording, without the rest of the
    vocabularies (rendering needs only these)."""
    return _load("levels")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabularies, parsed and indexed."""
    vocab = Vocabulary()
    actors, metrics = _load("actors"), _load("metrics")
    groups = [
        ("customer", CUSTOMER, "actor"),
        ("customer_standin", CUSTOMER, "actor"),
        ("customers_users", USERS, "actor"),
        ("customers_users_standin", USERS, "actor"),
        ("team", TEAM, "actor"),
        ("staff", USERS, "staff"),
    ]
    for group, level, kind in groups:
        for name in actors[group]["names"]:
            vocab.actors.add(phrase(name), Entry(kind, level, float(actors[group]["weight"])))
    for name in actors["ambiguous_customer"]:
        vocab.actors.add(phrase(name), Entry("ambiguous", CUSTOMER, 1.5))
    for level in (CUSTOMER, USERS, TEAM):
        for strength in ("strong", "weak"):
            weight = STRONG_METRIC if strength == "strong" else WEAK_METRIC
            for name in metrics[level.value][strength]:
                vocab.metrics.add(phrase(name), Entry("metric", level, weight, strength == "strong"))
    for role in ("counters", "reporters", "outcome_markers", "negations", "causatives"):
        for word in metrics[role]:
            vocab.words.add(phrase(word), Entry("word", role=role))
    vocab.actions = {form for verb in metrics["actions"] for form in _inflections(verb)}
    vocab.team_verbs = _by_first_word(metrics["team_verbs"])
    vocab.acquisition_verbs = _by_first_word(metrics["acquisition_verbs"])
    for deadline in metrics["deadlines"]:
        vocab.deadlines.add(phrase(deadline), Entry("deadline"))
    for name in metrics["neutral"]:
        vocab.neutral.add(phrase(name), Entry("neutral"))
    vocab.measurable = {lemma(w) for w in metrics["measurable"]}
    vocab.levels = levels()
    vocab.suggestions = _load("suggestions")
    vocab.lexicon = Lexicon([vocab.actors, vocab.metrics, vocab.words, vocab.neutral])
    for family in vocab.suggestions["by_metric"].values():
        family["lemmas"] = {lemma(m) for m in family["match"]}
    return vocab
