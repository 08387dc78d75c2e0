"""The words that go with an answer: who is measured, the evidence, the reason and a better key result."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..levels import levels
from ..model import Controllability, Level
from .parties import parties, plurals
from .signals import Reading, Signal
from .vocabulary import load
from .words import lemma

CUSTOMER, USERS = Level.CUSTOMER, Level.CUSTOMERS_USERS
NO_EVIDENCE = "read from the whole sentence"  # shown when no single word or party decided


def _suggestions() -> dict[str, Any]:
    found: dict[str, Any] = load("suggestions")
    return found


@lru_cache(maxsize=1)
def _unchanged() -> tuple[str, ...]:
    """Endings of a group that takes no plural -s: the plurals and group nouns of parties.yaml."""
    return tuple(plurals())


@lru_cache(maxsize=1)
def _noun_breaks() -> frozenset[str]:
    return frozenset(_suggestions()["noun_breaks"])


@lru_cache(maxsize=1)
def _carry_over() -> tuple[re.Pattern[str], ...]:
    """One expression per part that carries over: the change, then the time frame."""
    found = _suggestions()["carry_over"]
    return tuple(
        re.compile("|".join(f"(?:{p})" for p in found[part]), re.IGNORECASE) for part in ("change", "time_frame")
    )


def aim(text: str) -> str:
    """What of a key result carries over to a customer-side one: a relative change and a time
    frame, as the key result writes them (" by 20% by Q3"), or nothing."""
    kept = (m.group(0) for m in (pattern.search(text) for pattern in _carry_over()) if m)
    return "".join(" " + part[:1].lower() + part[1:] for part in kept)


def quoted(evidence: Sequence[str]) -> str:
    """Up to three pieces of evidence, quoted, for a message."""
    return ", ".join(f'"{e}"' for e in evidence[:3]) or NO_EVIDENCE


def people(phrase: str) -> str:
    """A party named in the singular, as a group: "diner" -> "diners", "pharmacy" -> "pharmacies"."""
    last = phrase.rsplit(" ", 1)[-1].lower()
    if (
        not last.isalpha()
        or lemma(last) != last
        or last.endswith(_unchanged())  # "salespeople", "kitchen staff"
        or last.endswith("s")
    ):
        return phrase
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    return phrase + ("es" if last.endswith(("x", "ch", "sh")) else "s")


def explained(
    level: Level,
    source: str,
    evidence: Sequence[Signal],
    party: Signal | None,
    reading: Reading,
    parties_: tuple[Sequence[str], Sequence[str]],
) -> Controllability:
    """The answer with its reason and, for the customers' users, a customer-side alternative."""
    customer, customers_users = parties_
    entry = levels()[level.value]
    actor = party.text if party else None
    declared = {CUSTOMER: customer, USERS: customers_users}.get(level, ())
    if party:
        who = people(in_sentence(party.text, party.start, reading))
    else:
        who = short_name(declared) or entry["default_actor"]
    texts = tuple(dict.fromkeys([s.text for s in evidence]))
    shown = quoted(texts)
    reason = entry["reason"].format(actor=who, evidence=shown)
    if source == "declared":
        reason = f"declared with measures: {level.value}; " + reason
    suggestion = _suggest(reading, customer) if level is USERS else None
    return Controllability(level, source, actor, texts, reason, suggestion)


def _suggest(reading: Reading, customer: Sequence[str]) -> str:
    """A customer-side key result for what this one counts: its metric family decides the advice,
    and its metric, as a noun, is named in it."""
    data = _suggestions()
    metrics = [s for s in reading.signals if s.kind == "metric" and s.level is USERS]
    measured = _noun(metrics[0], reading) if metrics else "their users' behaviour"
    customers = [s for s in reading.signals if s.level is CUSTOMER and s.kind == "actor"]
    seen = people(in_sentence(customers[0].text, customers[0].start, reading)) if customers else "your customers"
    who = short_name(customer) or seen
    family = next((data["by_family"][s.source] for s in metrics if s.source in data["by_family"]), None)
    text = family["text"] if family else data["fallback"]
    return str(text).format(customer=who, measured=measured, aim=aim(reading.sentence.text))


def short_name(declared: Sequence[str]) -> str:
    """The first party of a page's first declaration, as the page writes it and as a group:
    "NHS trusts" for "NHS trusts and their midwives", "marketplaces" for "the marketplace's teams"."""
    if not declared:
        return ""
    named = parties(declared[0])
    if not named:
        return ""
    words, written = named[0].words, declared[0]
    at = written.lower().find(words)
    return people(written[at : at + len(words)] if at >= 0 else words)


def in_sentence(text: str, start: int, reading: Reading) -> str:
    """Words of the key result as they read inside another sentence: a capital that is there only
    because the key result starts with the word is dropped ("Hikers" -> "hikers"; "NHS" stays)."""
    words = text.split(" ")
    title = [w[:1].isupper() and w[1:].islower() for w in words[:2]]
    if start == reading.sentence.first and title[0] and not any(title[1:]):  # "Gift Aid" is a name
        return text[:1].lower() + text[1:]
    return text


def _noun(signal: Signal, reading: Reading) -> str:
    """The metric as a noun phrase: "monthly active" is read to "monthly active users"; a metric
    written as a verb ("booked online") is named by what its family counts."""
    if any(word.endswith("ed") for word in signal.text.lower().split()):
        return str(_suggestions()["family_nouns"].get(signal.source, "their users' behaviour"))
    s, end, breaks = reading.sentence, signal.end, _noun_breaks()
    while end < s.count and end - signal.end < 2 and s.words[end][:1].isalpha() and s.words[end].lower() not in breaks:
        end += 1
    return in_sentence(s.phrase(signal.start, end), signal.start, reading)
