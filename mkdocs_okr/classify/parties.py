"""Read a page's declaration of its parties as the people and organisations it names.

Teams declare their customer and their customers' users as descriptive phrases: "estate agencies
and their agents", "bus operators (with their depot staff and drivers)", "tablet owners who
download and play the games", "the shops' own buyers". The classifier needs the parties in them,
each with its head noun, and which of them are another party's staff; the words of a clause that
describes a party ("games", "engine", "checkout") name none. A small reading of the phrase's
grammar finds them: asides in brackets and after a dash, clauses, prepositions, coordination and
possessives, with the word lists in `data/parties.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .vocabulary import load
from .words import lemma


@dataclass(frozen=True)
class Party:
    """One party a declaration names: its words (lower case), its head noun in the singular, and
    the party whose staff it is, if it is one's."""

    words: str
    head: str
    staff_of: str | None = None
    initials: bool = False  # written in capitals ("TOCs", "MSPs"): a name of its own
    possessor: bool = False  # named as the one whose people follow ("the shops' own buyers")

    def of(self, owner: str | None) -> Party:
        """The same party, as the staff of `owner`."""
        return Party(self.words, self.head, owner, self.initials, self.possessor)


@dataclass(frozen=True)
class _Words:
    determiners: frozenset[str]
    clause_openers: frozenset[str]
    coordinators: tuple[tuple[str, ...], ...]
    aside_openers: tuple[tuple[str, ...], ...]
    prepositions: frozenset[str]
    organisations: frozenset[str]
    served: frozenset[str]
    people: frozenset[str]  # every head noun of actors.yaml
    staff: frozenset[str]  # the head nouns of its staff, and more
    professionals: frozenset[str]  # the job titles of the general lexicon: staff when "their" says whose
    individuals: frozenset[str]  # people in a private role (actors.yaml's customers' users, the lexicon's individuals)
    person_endings: tuple[str, ...]
    things: frozenset[str]
    participles: frozenset[str]
    irregular: dict[str, str]
    served_phrases: frozenset[str]  # the customers' users of actors.yaml
    roles: frozenset[str]  # heads that name a role in an organisation ("festival organisers")


def organisation_roles() -> frozenset[str]:
    """Heads that name someone by their role in an organisation: "campground owners" are campgrounds."""
    return _words().roles


def consumers(customer: tuple[str, ...], customers_users: tuple[str, ...]) -> bool:
    """Whether a page sells to people in a private role ("households that subscribe to the box",
    "learners"), with no users of theirs declared: then the words that elsewhere name the
    customers' users ("subscribers", "visitors") name its customers."""
    named = parties(customer[0]) if customer and not customers_users else ()
    return bool(named) and named[0].head in _words().individuals


def plurals() -> dict[str, str]:
    """Plurals that do not end in -s, and nouns with no plural: "women" -> "woman", "staff"."""
    return _words().irregular


@cache
def _words() -> _Words:
    data, actors = load("parties"), load("actors")
    general = load("lexicon")  # knows far more job titles, to tell a person in an aside
    heads = lambda names: {name.split()[-1] for name in names}  # noqa: E731
    professionals = heads(general["professionals"].splitlines())
    people = set().union(*(heads(group) for group in actors.values()), professionals)
    individuals = heads(general["individuals"].splitlines()) | heads(actors["customers_users"])
    people |= individuals
    phrases = lambda key: tuple(sorted((tuple(p.split()) for p in data[key]), key=len, reverse=True))  # noqa: E731
    return _Words(
        frozenset(data["determiners"]),
        frozenset(data["clause_openers"]),
        phrases("coordinators"),
        phrases("aside_openers"),
        frozenset(data["prepositions"]),
        frozenset(data["organisations"]),
        frozenset(data["served"]),
        frozenset(people),
        frozenset(heads(actors["staff"]) | heads(data["staff"])),
        frozenset(professionals),
        frozenset(lemma(word) for word in individuals),
        tuple(data["person_endings"]),
        frozenset(data["things"]),
        frozenset(data["participles"]),
        dict(data["irregular_plurals"]),
        frozenset(actors["customers_users"]),
        frozenset(data["organisation_roles"]),
    )


_QUOTES = re.compile("[\"\u201c\u201d\u2018`]|(?<![a-z])'|(?<![s])'(?![a-z])", re.IGNORECASE)
_SIZE = re.compile(r"^\W*\d[\d\s,.+<>~kK\u2013-]*\s+\w+\W*$")  # "(10-250 employees)": a size, not a party
_ASIDE = re.compile(r"\(([^()]*)\)")
_DASH = re.compile(
    r"\s[\u2014\u2013-]\s|,\s*(?=(?:namely|mostly|mainly|especially|i\.e\.|e\.g\.|including|such as|chiefly|notably)\b)"
)
_TOKEN = re.compile(r"[^\s,;:]+|,")
_SLASHED = re.compile(r"(?<=\w)/(?=\w)")
_POSSESSIVE = re.compile(r"(?:'s|s')$")


@lru_cache(maxsize=4096)
def parties(declaration: str) -> tuple[Party, ...]:
    """The parties a declaration names, in the order it names them, each once."""
    text = _QUOTES.sub("", declaration.replace("\u2019", "'")).strip().rstrip(".;:!\u2026 ")
    text = text.replace(";", ",")  # "vineyards; vineyard managers; irrigation crews": a list of three
    asides = [m.group(1) for m in _ASIDE.finditer(text)]
    main, *more = _DASH.split(_ASIDE.sub(" ", text))
    found = _segment(_TOKEN.findall(main), None)
    owner = found[0] if found else None
    for aside in [*more, *asides]:
        tokens = _without_opener(_TOKEN.findall(aside))
        if not _SIZE.match(aside):
            found += [p for p in _segment(tokens, owner) if _is_party(p)]
    unique: dict[str, Party] = {}
    for party in found:
        unique.setdefault(party.words, party)
    return tuple(unique.values())


def _segment(tokens: list[str], owner: Party | None) -> list[Party]:
    """The parties of one run of words: its clause cut off, then its parties and their objects."""
    words = _words()
    tokens = _before_clause(_split_slashes(tokens))
    at = next((i for i, t in enumerate(tokens) if i and t.lower() in words.prepositions), len(tokens))
    found = _coordination(tokens[:at], owner)
    if at < len(tokens) and found:
        objects = [p for p in _coordination(tokens[at + 1 :], None) if _is_party(p)]
        place = objects[0] if objects else None
        if place and tokens[at].lower() == "with":  # "logistics firms with in-house dispatch teams"
            objects = [p.of(found[0].words) if p.head in words.staff else p for p in objects]
        elif place and (place.initials or place.head in words.organisations | words.people) and not _served(place):
            found = [p if _served(p) or p.staff_of else p.of(place.words) for p in found]
        found += objects
    return found


def _split_slashes(tokens: list[str]) -> list[str]:
    """ "clinics/practices" names two parties; "clinic/practice managers" one, of two kinds."""
    out = []
    for i, token in enumerate(tokens):
        last = i + 1 == len(tokens) or tokens[i + 1] == "," or _is_coordinator(tokens, i + 1)
        if last and _SLASHED.search(token):
            for n, part in enumerate(_SLASHED.split(token)):
                out += ["/", part] if n else [part]
        else:
            out.append(token)
    return out


def _before_clause(tokens: list[str]) -> list[str]:
    """The words before a clause that describes the party: a relative pronoun ("who", "that"),
    or a participle after a noun ("studios shipping on our engine", "children aged 5-11")."""
    words = _words()
    for i, token in enumerate(tokens):
        low = token.lower()
        if low in words.clause_openers and not token.isupper():  # "IT teams": not the pronoun
            return tokens[:i]
        before = tokens[i - 1].lower() if i else ""
        participle = low in words.participles or (len(low) > 3 and low.endswith(("ing", "ed")))
        # "destination marketing orgs": an -ing word before the run's last noun names a kind of it
        modifier = (
            low.endswith("ing")
            and i + 2 == len(tokens)
            and lemma(before) == before
            and lemma(tokens[i + 1].lower()) != tokens[i + 1].lower()
        )
        after_noun = (
            before not in words.determiners | words.prepositions
            and before != ","
            and not _is_coordinator(tokens, i - 1)
        )
        if i and participle and after_noun and not modifier:
            return tokens[:i]
    return tokens


def _coordination(tokens: list[str], owner: Party | None) -> list[Party]:
    """Parties joined by commas and coordinators; "their"/"its" makes the rest staff of the one before."""
    found: list[Party] = []
    conjunct: list[str] = []
    linked = False
    i = 0
    while i <= len(tokens):
        size = _is_coordinator(tokens, i) if i < len(tokens) else 1
        if size or tokens[i] == ",":
            linked = _close(conjunct, found, owner, linked) if conjunct else linked
            conjunct = []
            i += size or 1
            continue
        conjunct.append(tokens[i])
        i += 1
    return found


def _close(conjunct: list[str], found: list[Party], owner: Party | None, linked: bool) -> bool:
    """Add the parties of one conjunct; whether the next ones belong to the party before, too."""
    words = _words()
    linked = linked or conjunct[0].lower() in ("their", "its")
    possessor = next((i for i, t in enumerate(conjunct[:-1]) if _POSSESSIVE.search(t)), None)
    if possessor is not None:
        first = _party(conjunct[: possessor + 1], strip_possessive=True, possessor=True)
        second = _party([t for t in conjunct[possessor + 1 :] if t.lower() != "own"])
        if first:
            found.append(first)
        if first and second:
            staff = second.head in words.staff and not _served(second) and not _served(first)
            found.append(second.of(first.words) if staff else second)
        return linked
    party = _party(conjunct)
    if party is None:
        return linked
    first = owner or (found[0] if found else None)
    staff = party.head in words.staff or (linked and party.head in words.professionals)
    if first is not None and not _served(party) and staff:
        if linked or first.head in words.organisations:
            party = party.of(first.words)  # "estate agencies and their agents", "hospitals (nurses, clerks)"
    found.append(party)
    return linked


def _party(tokens: list[str], strip_possessive: bool = False, possessor: bool = False) -> Party | None:
    words = _words()
    tokens = list(tokens)
    while tokens and tokens[0].lower() in words.determiners:
        tokens = tokens[1:]
    if not tokens:
        return None
    if strip_possessive:
        tokens[-1] = _POSSESSIVE.sub("", tokens[-1]) if tokens[-1].lower().endswith("'s") else tokens[-1][:-1]
    text = " ".join(tokens).lower()
    last = tokens[-1]
    initials = 1 < len(last.rstrip("s")) <= 5 and last.rstrip("s").isupper()
    low = last.lower()
    head = (
        low.rstrip("s")
        if initials
        else words.irregular.get(low) or (low[:-3] + "man" if low.endswith("men") else lemma(low))
    )
    return Party(text, head, None, initials, possessor)


def _is_party(party: Party) -> bool:
    """Whether a phrase after a preposition or in an aside names people or organisations."""
    words = _words()
    return party.initials or party.head in words.organisations or _is_person(party)


def _served(party: Party) -> bool:
    """Whether a party is one of the people a customer serves ("learner drivers", "clients")."""
    words = _words()
    return party.head in words.served or " ".join(map(lemma, party.words.split())) in words.served_phrases


def _is_person(party: Party) -> bool:
    words = _words()
    head = party.head
    if head in words.things:
        return False
    return head in words.people or head in words.staff or head in words.served or head.endswith(words.person_endings)


def _is_coordinator(tokens: list[str], i: int) -> int:
    """The number of words of the coordinator at `tokens[i]`, or 0."""
    for phrase in _words().coordinators:
        if tuple(t.lower() for t in tokens[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _without_opener(tokens: list[str]) -> list[str]:
    for phrase in _words().aside_openers:
        if tuple(t.lower() for t in tokens[: len(phrase)]) == phrase:
            return tokens[len(phrase) :]
    return tokens
