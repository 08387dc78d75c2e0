"""The page's own names for its parties, made into word lists the sentence is matched against."""

from __future__ import annotations

from functools import lru_cache

from ..model import Level
from .parties import organisation_roles, parties
from .words import Entry, Matcher, phrase

CUSTOMER, USERS = Level.CUSTOMER, Level.CUSTOMERS_USERS


@lru_cache(maxsize=2048)  # a site whose pages each declare their own parties: read once per build
def declared_names(customer: tuple[str, ...], customers_users: tuple[str, ...]) -> Matcher:
    """The page's own names for its parties: each party a declaration names (`parties`: "estate
    agencies and their agents" names two, "studios shipping on our engine" one), its head noun
    ("districts" for "school districts"), its initials ("OTAs" for "online travel agencies") and,
    for the customer, the organisation in front of a role ("terminals" for "container terminal
    operators"). The customers' users are the people of another:
    a party they are said to belong to ("our customers' clients", "a gym's members") is the
    customer, and so is a party both declarations name."""
    matcher = Matcher()
    declared = [
        (party, CUSTOMER if party.possessor else level)
        for names, level in ((customer, CUSTOMER), (customers_users, USERS))
        for name in names
        for party in parties(name)
    ]
    for party, level in declared:
        matcher.add(phrase(party.words), Entry("actor", level, source="declared"))
    for party, level in declared:
        words = phrase(party.words)
        if len(words) > 1:
            matcher.add(words[-1:], Entry("actor", level, source="declared-head"))
        if level is CUSTOMER and len(words) > 1 and words[-1] in organisation_roles():
            for kind in (words[:-1], words[-2:-1]):  # "container terminal operators": terminals
                if len(kind[-1]) > 3 and not kind[-1].endswith("ing"):
                    matcher.add(kind, Entry("actor", CUSTOMER, source="declared-head"))
        initials = "".join(word[0] for word in words)
        if len(words) > 2 and initials.isalpha():  # "online travel agencies": OTAs
            matcher.add((initials,), Entry("actor", level, source="declared-initials"))
    return matcher


@lru_cache(maxsize=2048)  # a site whose pages each declare their own parties: read once per build
def staff_levels(customer: tuple[str, ...], customers_users: tuple[str, ...]) -> dict[str, Level]:
    """Staff roles a page declares: `customer: [teachers]`, or "schools and their teachers", makes
    teachers the customer."""
    levels: dict[str, Level] = {}
    for names, level in ((customers_users, USERS), (customer, CUSTOMER)):  # the customer's word is the last
        for name in names:
            for party in parties(name):
                words = phrase(party.words)
                if words:
                    levels[words[-1]] = CUSTOMER if party.possessor else level
    return levels
