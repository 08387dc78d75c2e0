"""The page's own names for its parties, made into word lists the sentence is matched against."""

from __future__ import annotations

from functools import lru_cache

from ..model import Level
from .parties import parties
from .words import Entry, Matcher, phrase

CUSTOMER, USERS = Level.CUSTOMER, Level.CUSTOMERS_USERS
_ORGANISATION_ROLES = {"owner", "operator", "manager", "director", "admin", "administrator", "leader"}


@lru_cache(maxsize=256)
def declared_names(customer: tuple[str, ...], customers_users: tuple[str, ...]) -> Matcher:
    """The page's own names for its parties: each party a declaration names (`parties`: "estate
    agencies and their agents" names two, "studios shipping on our engine" one), its head noun
    ("districts" for "school districts") and, for the customer, the organisation in front
    ("campgrounds" for "campground owners"). The customers' users are the people of another:
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
        if level is CUSTOMER and len(words) > 1 and words[-1] in _ORGANISATION_ROLES and len(words[0]) > 3:
            matcher.add(words[:1], Entry("actor", CUSTOMER, source="declared-head"))
    return matcher


@lru_cache(maxsize=256)
def staff_levels(customer: tuple[str, ...], customers_users: tuple[str, ...]) -> dict[str, Level]:
    """Staff roles a page declares: `customer: [teachers]`, or "schools and their teachers", makes
    teachers the customer."""
    levels: dict[str, Level] = {}
    for names, level in ((customers_users, USERS), (customer, CUSTOMER)):
        for name in names:
            for party in parties(name):
                words = phrase(party.words)
                if words:
                    levels[words[-1]] = CUSTOMER if party.possessor else level
    return levels
