"""What a key result says about whose behaviour it measures: the signals a reading finds.

A signal is a party or a metric the sentence names, with the role the small grammar gives it
(acts, is counted, owns the metric, is only a denominator or a place) and the scope it stands in
(after the party that acts, before an outcome clause, a modifier of a longer metric). The signals
carry no weights: how much each kind counts is fitted from labelled key results (see fit.py and
features.py), not set by hand. The signals of the team's own work are read in team_work.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Level
from .sentence import _ATTACH_AFTER, _CLAUSE_BREAKS, _MODIFYING, _OBJECT_PREPOSITIONS, Sentence
from .signals import Reading, Signal
from .team_work import counts_defects, modifies_product, team_signals
from .vocabulary import Vocabulary
from .words import POSSESSIVES as _POSSESSIVES
from .words import Entry

CUSTOMER, USERS, TEAM = Level.CUSTOMER, Level.CUSTOMERS_USERS, Level.TEAM


def read(text: str, customer: Sequence[str], customers_users: Sequence[str], vocab: Vocabulary) -> Reading:
    """Find the evidence in one key result, and the role and scope of each piece."""
    s = Sentence(text, customer, customers_users, vocab)
    team = team_signals(s)
    verbs = {x.start for x in team if x.kind == "team-verb"}
    metrics = [x for x in _metric_signals(s) if not (x.source == "lexicon" and x.start in verbs)]  # "Ship": once
    signals = sorted(_actor_signals(s) + metrics + team, key=lambda x: x.start)
    _mark_compounds(signals, s)
    _mark_after_subject(signals, s)
    return Reading(s, _apply_scopes(signals, s))


def _actor_signals(s: Sentence) -> list[Signal]:
    signals = []
    possessors: dict[int, int] = {}  # possessed word -> its possessor
    for start, end, entry in s.actors:
        level, source = entry.level or CUSTOMER, entry.source
        if source == "declared-initials" and not s.phrase(start, end).removesuffix("s").isupper():
            continue  # "OTAs" names online travel agencies; "its" does not name independent tea shops
        if entry.kind == "staff" and s.lemmas[end - 1] not in s.staff_as and _ours(start, s):
            level, source = TEAM, "ours"  # "our crews", "our CS agents": the team's own people
        elif entry.kind == "staff":
            level = s.staff_as.get(s.lemmas[end - 1], level)
        elif entry.kind == "ambiguous":
            level, source, possessor = _resolve_customer_word(start, end, s)
            if possessor is not None:
                possessors[start] = possessor
        if s.role_before(start, "reporters", 3) is not None and counts_defects(s):
            continue  # "bugs reported by restaurants": they only report; the count is the team's
        signals.append(
            Signal(start, end, level, s.phrase(start, end), "actor", _role(start, end, level, s), source=source)
        )
    by_start = {x.start: x for x in signals}
    for possessed, possessor in possessors.items():
        if possessor in by_start and possessed in by_start:
            owner = by_start[possessor]
            if owner.role == "subject":  # "clients of each studio who buy": the clients buy
                by_start[possessed].role = "subject"
            owner.role = "possessor"
    return _join_compounds(signals, s)


def _ours(start: int, s: Sentence) -> bool:
    """ "our" in front of a party's name, over at most two words ("our customer success agents")."""
    for j in range(start - 1, max(-1, start - 4), -1):
        word = s.text_at(j)
        if word == "our":
            return True
        if not word[:1].isalpha() or j in s.actor_at or j in s.metric_at:
            return False
    return False


def _join_compounds(signals: list[Signal], s: Sentence) -> list[Signal]:
    """ "restaurant customers": a party noun and the word customer(s) right after it name one party."""
    joined: list[Signal] = []
    for signal in signals:
        last = joined[-1] if joined else None
        if (
            last
            and last.end == signal.start
            and last.level is signal.level
            and s.lemmas[signal.start] in ("customer", "client")
        ):
            last.end, last.text = signal.end, s.phrase(last.start, signal.end)
        else:
            joined.append(signal)
    return joined


def _role(start: int, end: int, level: Level, s: Sentence) -> str:
    """The role a party's mention plays, from its neighbours."""
    if s.text_at(start - 1) == "per" or (s.text_at(start - 2) == "per" and not s.text_at(start - 1)[:1].isalpha()):
        return "denominator"  # "orders per active diner", "per 1,000 merchants", "per salon visit"
    if s.acts_after(start, end) or s.role_before(start, "causatives", 1) is not None:
        return "subject"
    if s.agent_by(start) and s.role_before(start, "reporters", 3) is None:
        return "subject"
    before = [s.text_at(j) for j in range(start - 4, start)]
    scoped = False
    for k in range(3, -1, -1):  # walk back over modifiers: "% of new active restaurants"
        j = start - 4 + k
        if before[k] == "of" and s.role_before(j, "counters", 2) is not None:
            counter = s.role_before(j, "counters", 2)
            scoped = (
                s.text_at((counter or 0) - 2 if s.text_at((counter or 0) - 1)[:1].isdigit() else (counter or 0) - 1)
                in _OBJECT_PREPOSITIONS
            )
            return "object" if scoped else "counted"
        if before[k][:1].isdigit():
            return "numbered"
        if before[k] == "per":
            return "denominator"
        if (
            not before[k]
            or before[k] in _CLAUSE_BREAKS
            or j in s.metric_at
            or j in s.actor_at
            or before[k] in _ATTACH_AFTER
            or before[k] in _OBJECT_PREPOSITIONS
        ):
            break
    if modifies_product(end, s):
        return "modifier"  # "citizen portal uptime", "citizen-facing forms": about the product, not the party
    owned = _owned_metric(start, end, s)
    if owned is not None:
        return "counterparty" if owned.strong and owned.level != level else "owner"
    if s.text_at(start - 1) in _OBJECT_PREPOSITIONS:
        return "object"
    return ""


def _owned_metric(start: int, end: int, s: Sentence) -> Entry | None:
    """The metric a party owns: "churn of merchants", "orders from the same restaurants", "restaurant churn"."""
    for j in range(start - 1, max(-1, start - 5), -1):
        word = s.text_at(j)
        if word in _ATTACH_AFTER:
            return s.metric_at[j - 1][2] if j - 1 in s.metric_at else None
        if word in _CLAUSE_BREAKS or j in s.actor_at or j in s.metric_at or word[:1].isdigit():
            break
    j = end
    while s.text_at(j) in _POSSESSIVES:
        j += 1
    return s.metric_at[j][2] if j in s.metric_at else None


def _resolve_customer_word(start: int, end: int, s: Sentence) -> tuple[Level, str, int | None]:
    """ "a restaurant's customers", "their clients", "customers of each studio" are end consumers
    (and the restaurant or studio only their possessor); so are bare "clients" on a page that
    names its own customers otherwise (law firms, accounting firms). "restaurant customers" and,
    on a page that names no customer, "our customers" are the team's own."""
    for j in range(start - 1, max(-1, start - 6), -1):
        word = s.text_at(j)
        if word in _POSSESSIVES and j - 1 in s.actor_at:
            return USERS, "possessed", s.actor_at[j - 1][0]
        if word in ("their", "its"):
            return USERS, "possessed", None
        if word in _CLAUSE_BREAKS or j in s.actor_at:
            break
    if s.text_at(end) == "of":
        for k in range(end + 1, end + 4):
            if k in s.actor_at:
                return USERS, "possessed", s.actor_at[k][0]
    if s.text_at(start - 1) == "end":
        return USERS, "possessed", None
    before = s.actor_at.get(start - 1)
    if s.text_at(start - 1) in ("our", "your") or (
        before and before[2].level is CUSTOMER and before[2].kind == "actor"
    ):
        return CUSTOMER, "ours", None  # "our customers", "restaurant customers"
    if s.declares_parties:
        return USERS, "ambiguous", None  # the page names its parties otherwise: these are the customers' customers
    return CUSTOMER, "ambiguous", None


def _metric_signals(s: Sentence) -> list[Signal]:
    signals = []
    for start, end, entry in s.metrics:
        assert entry.level is not None
        role = ""
        owner = _metric_owner(start, end, s)
        if owner is not None and owner is not entry.level and (not entry.strong or _by_agent(end, s)):
            role = "yields"  # to the party it belongs to: "complaints from diners", "renewals by riders"
        before = [s.text_at(start - 1), s.text_at(start - 2)]
        if before[0] == "per" or (before[1] == "per" and before[0][:1].isdigit()):
            role = "denominator"  # "cost per 1,000 tickets sold"
        elif start <= 2 and s.acts_after(start, end) and entry.level is TEAM:
            role = "subject"  # the product acts: "Scanner app works offline"
        signals.append(
            Signal(
                start, end, entry.level, s.phrase(start, end), "metric", role, source=entry.source, strong=entry.strong
            )
        )
    return signals


def _by_agent(end: int, s: Sentence) -> bool:
    """ "renewals by riders", "requests submitted by residents": a party after "by" does what is counted,
    unless the count is of the team's defects ("bugs reported by salons")."""
    if s.role_at(end) == "reporters" and counts_defects(s):
        return False
    return s.text_at(end) == "by" or s.text_at(end + 1) == "by"


def _metric_owner(start: int, end: int, s: Sentence) -> Level | None:
    """The party a metric is attached to: "diner complaints", "complaints from restaurant owners"."""
    j = start - 1
    while s.text_at(j) in _POSSESSIVES:
        j -= 1
    if j in s.actor_at and s.actor_at[j][2].kind == "actor":
        return s.actor_at[j][2].level
    if s.text_at(end) in _ATTACH_AFTER or _by_agent(end, s):
        for k in range(end + 1, end + 5):
            if k in s.actor_at and s.actor_at[k][2].kind in ("actor", "staff"):
                _, last, entry = s.actor_at[k]
                return entry.level if entry.kind == "actor" else s.staff_as.get(s.lemmas[last - 1], entry.level)
    return None


def _mark_compounds(signals: list[Signal], s: Sentence) -> None:
    """In a run of metric words, the last is the head: "checkout API uptime" is about uptime, and
    "checkout-related support contacts" about support contacts."""
    metrics = [x for x in signals if x.kind == "metric"]  # signals come in order
    for a, b in zip(metrics, metrics[1:]):
        if a.level is b.level:
            continue
        between = s.words[a.end : b.start]
        if (between and all(w in _MODIFYING for w in between)) or (b.start - a.end <= 1 and b.strong >= a.strong):
            a.scope = "modifier"


def _mark_after_subject(signals: list[Signal], s: Sentence) -> None:
    """Once a party acts, what follows in that clause is what it acts on."""
    subject = next((x for x in signals if x.role == "subject"), None)
    if subject is None:
        return
    outcome = next((j for j in s.role_starts if s.role_at(j) == "outcome_markers" and j > subject.start), s.count)
    for x in signals:
        if subject.end <= x.start < outcome and x.level is not subject.level:
            x.scope = x.scope or "after-subject"


def _apply_scopes(signals: list[Signal], s: Sentence) -> list[Signal]:
    """Drop what a negation excludes ("not diner orders"); mark what precedes an outcome clause."""
    negation = next((s.roles[j][0] for j in s.role_starts if s.role_at(j) == "negations" and j > 0), None)
    outcome = next((j for j in s.role_starts if s.role_at(j) == "outcome_markers" and j > 0), None)
    kept = []
    for x in signals:
        if (
            negation is not None
            and x.start >= negation
            and not any(w in _CLAUSE_BREAKS for w in s.words[negation : x.start])
        ):
            continue
        if outcome is not None and x.start < outcome:
            x.scope = "before-outcome"
        kept.append(x)
    return kept
