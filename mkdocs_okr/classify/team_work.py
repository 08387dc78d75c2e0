"""The signals of the team's own work: an opening output verb ("Ship", "Migrate") or any other
order to the team ("Draft the guides", "Perform docs assessments"), a deadline ("by June"), the
team's defects whoever reports them, and a party's name that only names the team's product
("citizen portal uptime")."""

from __future__ import annotations

from ..model import Level
from .sentence import _OBJECT_PREPOSITIONS, Sentence
from .signals import Signal

CUSTOMER, TEAM = Level.CUSTOMER, Level.TEAM


def modifies_product(end: int, s: Sentence) -> bool:
    """ "citizen portal uptime", "citizen-facing forms": the party names the team's product, not a party that acts."""
    if s.text_at(end) == "-" and s.text_at(end + 1) in ("facing", "side", "level"):
        return True
    for k in (end, end + 1, end + 2):
        if k in s.metric_at and s.metric_at[k][2].level is TEAM and s.metric_at[k][2].strong:
            return all(s.text_at(j)[:1].isalpha() and s.text_at(j) not in _OBJECT_PREPOSITIONS for j in range(end, k))
    return False


def team_signals(s: Sentence) -> list[Signal]:
    """An opening output verb ("Ship", "Migrate"), and "reported by" beside the team's own defects."""
    signals = []
    first = s.first
    opening = _opening_verb(s, first)
    if first is not None and opening is not None:
        signals.append(Signal(first, opening, TEAM, s.phrase(first, opening), "team-verb", "subject"))
    elif first is not None and _order(s, first):
        signals.append(
            Signal(first, first + 1, TEAM, s.phrase(first, first + 1), "team-verb", "subject", source="order")
        )
    if "by" in s.words:  # most key results have no "by": skip the walk
        for j, word in enumerate(s.words[:-1]):
            if word == "by" and s.vocab.deadlines.match_at(s.lemmas, j + 1):
                signals.append(Signal(j, j + 2, TEAM, s.phrase(j, j + 2), "deadline"))
                break
    reporter = next((j for j in s.role_starts if s.role_at(j) == "reporters"), None)
    if reporter is not None and counts_defects(s):
        end = s.roles[reporter][0]
        signals.append(Signal(reporter, end, TEAM, s.phrase(reporter, end), "reporter"))
    return signals


def counts_defects(s: Sentence) -> bool:
    """The key result counts something of the team's own (bugs, incidents, crashes), whoever reports it."""
    return any(e.level is TEAM and e.strong for _, _, e in s.metrics)


def _order(s: Sentence, first: int) -> bool:
    """The key result opens with a verb of general English that names no change it aims at: an
    order to the team, whatever the verb ("Draft", "Perform", "Host 3 meetups"). A word that is also
    a noun is the verb only before its object ("Measure the", not "Measure accuracy")."""
    if first in s.metric_at or first in s.actor_at:
        return False
    word, vocab = s.words[first], s.vocab
    if word in vocab.orders:
        return True
    after = s.text_at(first + 1)
    return word in vocab.orders_before_object and (after in vocab.order_objects or after[:1].isdigit())


def _opening_verb(s: Sentence, first: int | None) -> int | None:
    """End of an opening output verb, unless it opens a metric ("Test drives") or wins customers
    ("Add 30 properties", "Sign 12 districts": their choice to buy)."""
    if first is None:
        return None
    if first in s.metric_at:
        start, end, entry = s.metric_at[first]
        if entry.level is not TEAM and (entry.strong or end - start > 1):
            return None  # "Test drives booked", "Support contacts per 1,000 merchants": a noun, not a verb
    lemmas = s.lemmas[first : first + 2]
    for verb in s.vocab.acquisition_verbs.get(s.lemmas[first], ()):
        after = first + len(verb)
        if lemmas[: len(verb)] == verb and s.text_at(after)[:1].isdigit():
            won = [k for k in range(after + 1, after + 4) if k in s.actor_at and s.actor_at[k][2].level is CUSTOMER]
            if won and not modifies_product(s.actor_at[won[0]][1], s):  # not "Onboard 3 airline partner feeds"
                return None
    for verb in s.vocab.team_verbs.get(s.lemmas[first], ()):
        if s.lemmas[first : first + len(verb)] == verb:
            return first + len(verb)
    return None
