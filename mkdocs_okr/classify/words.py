"""How a sentence is cut into words, and how word lists are matched against them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Level

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
    next occurrence of its text. A letter can lower to two ("İ" to "i" and a dot), so places in
    the lowered text are then mapped back to the text."""
    lowered, spans, at = _lowered(text), [], 0
    for word in words:
        start = lowered.find(word, at)
        at = start + len(word)
        spans.append((start, at))
    if len(lowered) != len(text):
        place = [i for i, char in enumerate(text) for _ in _lowered(char)]  # lowered place -> text place
        spans = [(place[a], place[b - 1] + 1) for a, b in spans]
    return spans


def phrase(text: str) -> tuple[str, ...]:
    """A word list's entry as the lemmas it is matched by; most entries are one plain word."""
    if text.isascii() and text.isalpha() and text.islower():
        return (lemma(text),)
    words, lemmas = tokenize(text)
    return tuple(lem for word, lem in zip(words, lemmas) if word not in POSSESSIVES)


@dataclass(frozen=True, slots=True)
class Entry:
    """One vocabulary phrase and what it means."""

    kind: str  # actor | staff | ambiguous | metric | word
    level: Level | None = None
    strong: bool = False  # a metric that belongs to one party whoever else is named
    role: str = ""  # for a word: counters, reporters, negations...
    source: str = ""  # for a party: declared (by the page), site (mkdocs.yml), or its group in actors.yaml


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
    """Several matchers read in one pass: each keeps its own longest, non-overlapping matches.

    Phrases are indexed by their first word and then by their length, so that a word that opens
    many phrases ("school" opens dozens) costs one lookup per length, not one comparison per phrase."""

    def __init__(self, matchers: Sequence[Matcher]) -> None:
        self.size = len(matchers)
        by_first: dict[str, dict[int, dict[tuple[str, ...], list[tuple[int, Entry]]]]] = {}
        for number, matcher in enumerate(matchers):
            for first, bucket in matcher.index.items():
                lengths = by_first.setdefault(first, {})
                for phrase, entry in bucket:
                    lengths.setdefault(len(phrase), {}).setdefault(phrase, []).append((number, entry))
        # by first word: the longer phrases, longest first, and the entries of the word alone
        self.index = {
            first: (
                [(size, lengths[size]) for size in sorted(lengths, reverse=True) if size > 1],
                next(iter(lengths[1].values())) if 1 in lengths else [],
            )
            for first, lengths in by_first.items()
        }

    def spans(self, lemmas: tuple[str, ...]) -> list[list[tuple[int, int, Entry]]]:
        found: list[list[tuple[int, int, Entry]]] = [[] for _ in range(self.size)]
        free = [0] * self.size  # where each matcher may match next
        index = self.index
        for i, lem in enumerate(lemmas):
            hit = index.get(lem)
            if hit is None:
                continue
            longer, alone = hit
            for size, phrases in longer:
                for number, entry in phrases.get(lemmas[i : i + size], ()):
                    if free[number] <= i:
                        found[number].append((i, i + size, entry))
                        free[number] = i + size
            for number, entry in alone:
                if free[number] <= i:
                    found[number].append((i, i + 1, entry))
                    free[number] = i + 1
        return found
