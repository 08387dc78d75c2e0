"""Whose behaviour does a key result measure? Customer, customers' users, the team, or unclear.

The classifier is a small, explainable reading of one sentence, with vocabularies as data (vocab/):

1. Find the parties it names (the page's declared `customer` and `customers_users` first, then a
   built-in vocabulary of customer, end-user and staff nouns), the metrics it counts, and the small
   words that give them roles ("% of", "per", "reported by", "who", "not", "so that").
2. Weigh each party by its role: a party that is counted ("% of restaurants"), that acts
   ("teachers grade", "schools that enable") or owns the metric ("churn of merchants") weighs more;
   one that is only a denominator ("per diner") or a place ("orders from restaurants") weighs less.
3. Add the metric's own weight: some metrics belong to one party whoever is named (orders are
   placed by end users; renewals are signed by customers), others only hint.
4. The level with clearly the most weight wins; when nothing or nothing clear stands out, the
   answer is `unknown`, and the author is asked to declare `measures:`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Controllability, Level
from .parties import parties
from .vocabulary import POSSESSIVES as _POSSESSIVES
from .vocabulary import Entry, Matcher, lemma, phrase, token_spans, tokenize, vocabulary

CUSTOMER, USERS, TEAM, UNKNOWN = Level.CUSTOMER, Level.CUSTOMERS_USERS, Level.TEAM, Level.UNKNOWN

DECLARED_WEIGHT = 3.0
TEAM_VERB = 3.0
MIN_SCORE = 1.5  # less evidence than this is not enough to say
MIN_MARGIN = 1.0  # the winner must lead the runner-up by this much
_ORDER = {CUSTOMER: 0, USERS: 1, TEAM: 2}  # ties go to the first
_ORGANISATION_ROLES = {"owner", "operator", "manager", "director", "admin", "administrator", "leader"}

_CLAUSE_BREAKS = {";", ":", ",", "(", ")", "\u2013", "\u2014"}
_SUBJECT_MARKERS = {"who", "that", "whose", "which"}
_ATTACH_AFTER = {"of", "from", "among", "across", "amongst"}
_OBJECT_PREPOSITIONS = {"to", "for", "with", "at", "on", "into", "in", "through", "via", "about", "against"}
_MODIFYING = {"-", "related", "based", "specific", "driven", "facing", "level"}  # "checkout-related ..."
_DETERMINERS = {"the", "a", "an", "each", "every", "all", "our", "their", "its", "new", "existing", "active"}
# words that follow a party's name without making it act: "restaurants and cafes", "venues with", "districts above"
_NOT_VERBS = {"and", "or", "with", "without", "than", "above", "below", "under", "over", "who", "'s", "'", "-", "%", "/", "<", ">"}
_NOT_A_VERB = _OBJECT_PREPOSITIONS | _ATTACH_AFTER | _NOT_VERBS


@dataclass
class Signal:
    """One piece of evidence: some words, the level they point to, their role and weight."""

    start: int
    end: int
    level: Level
    weight: float
    text: str
    kind: str  # actor | metric | team-verb | reporter
    role: str = ""


@dataclass
class Reading:
    """What the classifier saw in one sentence: signals and the score of each level."""

    signals: list[Signal]
    scores: dict[Level, float]
    lemmas: tuple[str, ...]
    metrics: list[tuple[int, int, Entry]]


# how much a party's mention weighs in each role
ROLE_WEIGHT = {
    "subject": 2.0,  # acts: "teachers grade", "schools that enable", "help restaurants reply"
    "counted": 2.0,  # "% of restaurants", "share of new districts"
    "numbered": 1.5,  # "25 studios", "300 brands"
    "owner": 1.5,  # owns the metric: "churn of merchants", "restaurant churn"
    "": 1.0,
    "denominator": 0.75,  # "orders per active diner"
    "object": 0.5,  # "for students", "at 100% of venues"
    "counterparty": 0.3,  # "orders from restaurants": diners place them
    "possessor": 0.3,  # "a restaurant's customers": the customers act, not the restaurant
    "modifier": 0.3,  # "citizen portal uptime": the party only names the product
}
AFTER_SUBJECT = 0.3  # what follows the acting party is what it acts on
BEFORE_OUTCOME = 0.3  # "Launch X so that 60% of venues go live": the outcome decides
MODIFIER = 0.3  # "checkout API uptime": the last metric word is the head


_DIGIT = re.compile(r"\d")


class _Sentence:
    """One key result, tokenised, with its vocabulary matches indexed by token."""

    def __init__(self, text: str, customer: Sequence[str], customers_users: Sequence[str]) -> None:
        vocab = vocabulary()
        self.vocab = vocab
        self.text = text
        self.words, self.lemmas = tokenize(text)
        self.spans: list[tuple[int, int]] | None = None  # where each token stands, found when first quoted
        self.count = len(self.lemmas)
        # the first word (not a number or a mark): where an opening verb or an acting party stands
        self.first = next((i for i, w in enumerate(self.words) if w[:1].isalpha()), None)
        assert vocab.lexicon is not None
        builtin_actors, metrics, role_words, neutral_spans = vocab.lexicon.spans(self.lemmas)
        self.roles = {start: (end, entry.role) for start, end, entry in role_words}
        self.role_starts = sorted(self.roles)
        declared = _declared_names(tuple(customer), tuple(customers_users))
        neutral = {i for a, b, _ in neutral_spans for i in range(a, b)}
        self.metrics = [m for m in metrics if not neutral.issuperset(range(m[0], m[1]))] if neutral else metrics
        covered = neutral | {i for a, b, _ in self.metrics if b - a > 1 for i in range(a, b)}
        actors = _merge(declared.spans(self.lemmas), builtin_actors)
        # "bank card", "business day", "app-store rating": a party's name inside a longer phrase names no party
        self.actors = [span for span in actors if not covered.issuperset(range(span[0], span[1]))] if covered else actors
        self.metric_at = {i: span for span in self.metrics for i in range(span[0], span[1])}
        self.actor_at = {i: span for span in self.actors for i in range(span[0], span[1])}
        self.staff_as = _staff_levels(tuple(customer), tuple(customers_users))
        self.declares_parties = bool(customer or customers_users)

    def phrase(self, start: int, end: int) -> str:
        """Tokens start to end, as the text writes them."""
        if self.spans is None:
            self.spans = token_spans(self.text, self.words)
        return self.text[self.spans[start][0] : self.spans[end - 1][1]]

    def text_at(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.count else ""

    def role_at(self, i: int) -> str:
        return self.roles[i][1] if i in self.roles else ""

    def role_before(self, i: int, role: str, reach: int) -> int | None:
        """Index of a `role` word ending within `reach` tokens before i, if any."""
        for j in reversed(self.role_starts):  # a sentence has few role words: look at those alone
            if j < i - reach - 2:
                break
            end, found = self.roles[j]
            if j < i and found == role and i - end <= reach:
                return j
        return None

    def acts_after(self, start: int, end: int) -> bool:
        """A verb of action follows: "merchants ship", "schools that enable", "nonprofits personally thank",
        "landlords syndicating"; or the key result opens with the party and a word that is no noun of ours."""
        nxt = self.text_at(end)
        if nxt in _SUBJECT_MARKERS or nxt in self.vocab.actions:
            return True
        if nxt.endswith("ly") and self.text_at(end + 1) in self.vocab.actions:
            return True
        plain = nxt[:1].isalpha() and end not in self.metric_at and end not in self.actor_at
        if not plain:
            return False
        if nxt.endswith("ing") and nxt not in _OBJECT_PREPOSITIONS:
            return True  # "landlords syndicating vacancies"
        opening = self.first is None or self.first >= start  # no word before the party
        # "resident portal uptime": a noun before the product metric, not a verb
        modifier = end + 1 in self.metric_at and self.metric_at[end + 1][2].level is TEAM
        return opening and not modifier and nxt not in _NOT_A_VERB

    def agent_by(self, start: int) -> bool:
        """"renewals by riders", "requests submitted by residents": the party after "by" does it."""
        return self.text_at(start - 1) == "by" or (self.text_at(start - 2) == "by" and self.text_at(start - 1) in _DETERMINERS)


def read(text: str, customer: Sequence[str] = (), customers_users: Sequence[str] = ()) -> Reading:
    """Find and weigh the evidence in one key result."""
    s = _Sentence(text, customer, customers_users)
    signals = sorted(_actor_signals(s) + _metric_signals(s) + _team_signals(s), key=lambda x: x.start)
    _weigh_compounds(signals, s)
    _weigh_after_subject(signals, s)
    signals = _apply_scopes(signals, s)
    scores = {CUSTOMER: 0.0, USERS: 0.0, TEAM: 0.0}
    for signal in signals:
        scores[signal.level] += signal.weight
    return Reading(signals, scores, s.lemmas, s.metrics)


def _actor_signals(s: _Sentence) -> list[Signal]:
    signals = []
    possessors: dict[int, int] = {}  # possessed word -> its possessor
    for start, end, entry in s.actors:
        level, weight = entry.level or CUSTOMER, entry.weight
        if entry.kind == "staff":
            level, weight = s.staff_as.get(s.lemmas[end - 1], (USERS, entry.weight))
        elif entry.kind == "ambiguous":
            level, weight, possessor = _resolve_customer_word(start, end, s)
            if possessor is not None:
                possessors[start] = possessor
        if s.role_before(start, "reporters", 3) is not None and _counts_defects(s):
            continue  # "bugs reported by restaurants": they only report; the count is the team's
        signals.append(Signal(start, end, level, weight, s.phrase(start, end), "actor", _role(start, end, level, s)))
    by_start = {x.start: x for x in signals}
    for possessed, possessor in possessors.items():
        if possessor in by_start and possessed in by_start:
            owner = by_start[possessor]
            if owner.role == "subject":  # "clients of each studio who buy": the clients buy
                by_start[possessed].role = "subject"
            owner.role = "possessor"
    for signal in signals:
        signal.weight *= ROLE_WEIGHT[signal.role]
    return _join_compounds(signals, s)


def _join_compounds(signals: list[Signal], s: _Sentence) -> list[Signal]:
    """"restaurant customers": a party noun and the word customer(s) right after it name one party."""
    joined: list[Signal] = []
    for signal in signals:
        last = joined[-1] if joined else None
        if last and last.end == signal.start and last.level is signal.level and s.lemmas[signal.start] in ("customer", "client"):
            last.end, last.text = signal.end, s.phrase(last.start, signal.end)
            last.weight = max(last.weight, signal.weight)
        else:
            joined.append(signal)
    return joined


def _role(start: int, end: int, level: Level, s: _Sentence) -> str:
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
            scoped = s.text_at((counter or 0) - 2 if s.text_at((counter or 0) - 1)[:1].isdigit() else (counter or 0) - 1) in _OBJECT_PREPOSITIONS
            return "object" if scoped else "counted"
        if before[k][:1].isdigit():
            return "numbered"
        if before[k] == "per":
            return "denominator"
        if not before[k] or before[k] in _CLAUSE_BREAKS or j in s.metric_at or j in s.actor_at or before[k] in _ATTACH_AFTER or before[k] in _OBJECT_PREPOSITIONS:
            break
    if _modifies_product(end, s):
        return "modifier"  # "citizen portal uptime", "citizen-facing forms": about the product, not the party
    owned = _owned_metric(start, end, s)
    if owned is not None:
        return "counterparty" if owned.strong and owned.level != level else "owner"
    if s.text_at(start - 1) in _OBJECT_PREPOSITIONS:
        return "object"
    return ""


def _modifies_product(end: int, s: _Sentence) -> bool:
    if s.text_at(end) == "-" and s.text_at(end + 1) in ("facing", "side", "level"):
        return True
    for k in (end, end + 1, end + 2):
        if k in s.metric_at and s.metric_at[k][2].level is TEAM and s.metric_at[k][2].strong:
            return all(s.text_at(j)[:1].isalpha() and s.text_at(j) not in _OBJECT_PREPOSITIONS for j in range(end, k))
    return False


def _owned_metric(start: int, end: int, s: _Sentence) -> Entry | None:
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


def _resolve_customer_word(start: int, end: int, s: _Sentence) -> tuple[Level, float, int | None]:
    """"a restaurant's customers", "their clients", "customers of each studio" are end consumers
    (and the restaurant or studio only their possessor); so are bare "clients" on a page that
    names its own customers otherwise (law firms, accounting firms). "restaurant customers" and,
    on a page that names no customer, "our customers" are the team's own."""
    for j in range(start - 1, max(-1, start - 6), -1):
        word = s.text_at(j)
        if word in _POSSESSIVES and j - 1 in s.actor_at:
            return USERS, 2.0, s.actor_at[j - 1][0]
        if word in ("their", "its"):
            return USERS, 2.0, None
        if word in _CLAUSE_BREAKS or j in s.actor_at:
            break
    if s.text_at(end) == "of":
        for k in range(end + 1, end + 4):
            if k in s.actor_at:
                return USERS, 2.0, s.actor_at[k][0]
    if s.text_at(start - 1) == "end":
        return USERS, 2.0, None
    before = s.actor_at.get(start - 1)
    if s.text_at(start - 1) in ("our", "your") or (before and before[2].level is CUSTOMER and before[2].kind == "actor"):
        return CUSTOMER, 1.5, None  # "our customers", "restaurant customers"
    if s.declares_parties:
        return USERS, 1.5, None  # the page names its parties otherwise: these are the customers' customers
    return CUSTOMER, 1.5, None


def _metric_signals(s: _Sentence) -> list[Signal]:
    signals = []
    for start, end, entry in s.metrics:
        assert entry.level is not None
        weight = entry.weight
        owner = _metric_owner(start, end, s)
        if owner is not None and owner is not entry.level and (not entry.strong or _by_agent(end, s)):
            weight *= 0.5  # yields to the party it belongs to: "complaints from diners", "renewals by riders"
        before = [s.text_at(start - 1), s.text_at(start - 2)]
        if before[0] == "per" or (before[1] == "per" and before[0][:1].isdigit()):
            weight *= 0.3  # a denominator: "cost per 1,000 tickets sold"
        role = "subject" if start <= 2 and s.acts_after(start, end) and entry.level is TEAM else ""
        if role:
            weight *= ROLE_WEIGHT["subject"]  # the product acts: "Scanner app works offline"
        signals.append(Signal(start, end, entry.level, weight, s.phrase(start, end), "metric", role))
    return signals


def _by_agent(end: int, s: _Sentence) -> bool:
    """"renewals by riders", "requests submitted by residents": a party after "by" does what is counted,
    unless the count is of the team's defects ("bugs reported by salons")."""
    if s.role_at(end) == "reporters" and _counts_defects(s):
        return False
    return s.text_at(end) == "by" or s.text_at(end + 1) == "by"


def _metric_owner(start: int, end: int, s: _Sentence) -> Level | None:
    """The party a metric is attached to: "diner complaints", "complaints from restaurant owners"."""
    j = start - 1
    while s.text_at(j) in _POSSESSIVES:
        j -= 1
    if j in s.actor_at and s.actor_at[j][2].kind == "actor":
        return s.actor_at[j][2].level
    if s.text_at(end) in _ATTACH_AFTER or _by_agent(end, s):
        for k in range(end + 1, end + 5):
            if k in s.actor_at and s.actor_at[k][2].kind in ("actor", "staff"):
                return s.actor_at[k][2].level if s.actor_at[k][2].kind == "actor" else s.staff_as.get(s.lemmas[s.actor_at[k][1] - 1], (USERS, 0))[0]
    return None


def _team_signals(s: _Sentence) -> list[Signal]:
    """An opening output verb ("Ship", "Migrate"), and "reported by" beside the team's own defects."""
    signals = []
    first = s.first
    opening = _opening_verb(s, first)
    if opening is not None:
        signals.append(Signal(first, opening, TEAM, TEAM_VERB, s.phrase(first, opening), "team-verb", "subject"))
    for j, word in enumerate(s.words[:-1]):
        if word == "by" and s.vocab.deadlines.match_at(s.lemmas, j + 1):
            signals.append(Signal(j, j + 2, TEAM, 1.5, s.phrase(j, j + 2), "deadline"))
            break
    reporter = next((j for j in s.role_starts if s.role_at(j) == "reporters"), None)
    if reporter is not None and _counts_defects(s):
        end = s.roles[reporter][0]
        signals.append(Signal(reporter, end, TEAM, 1.5, s.phrase(reporter, end), "reporter"))
    return signals


def _counts_defects(s: _Sentence) -> bool:
    """The key result counts something of the team's own (bugs, incidents, crashes), whoever reports it."""
    return any(e.level is TEAM and e.strong for _, _, e in s.metrics)


def _opening_verb(s: _Sentence, first: int | None) -> int | None:
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
            if won and not _modifies_product(s.actor_at[won[0]][1], s):  # not "Onboard 3 airline partner feeds"
                return None
    for verb in s.vocab.team_verbs.get(s.lemmas[first], ()):
        if s.lemmas[first : first + len(verb)] == verb:
            return first + len(verb)
    return None


def _weigh_compounds(signals: list[Signal], s: _Sentence) -> None:
    """In a run of metric words, the last is the head: "checkout API uptime" is about uptime, and
    "checkout-related support contacts" about support contacts."""
    metrics = [x for x in signals if x.kind == "metric"]  # signals come in order
    for a, b in zip(metrics, metrics[1:]):
        if a.level is b.level:
            continue
        between = s.words[a.end : b.start]
        if between and all(w in _MODIFYING for w in between):
            a.weight *= MODIFIER
        elif b.start - a.end <= 1 and b.weight >= a.weight:
            a.weight *= MODIFIER


def _weigh_after_subject(signals: list[Signal], s: _Sentence) -> None:
    """Once a party acts, what follows in that clause is what it acts on."""
    subject = next((x for x in signals if x.role == "subject"), None)
    if subject is None:
        return
    outcome = next((j for j in s.role_starts if s.role_at(j) == "outcome_markers" and j > subject.start), s.count)
    for x in signals:
        if subject.end <= x.start < outcome and x.level is not subject.level:
            x.weight *= AFTER_SUBJECT


def _apply_scopes(signals: list[Signal], s: _Sentence) -> list[Signal]:
    """Drop what a negation excludes ("not diner orders"); discount what precedes an outcome clause."""
    negation = next((s.roles[j][0] for j in s.role_starts if s.role_at(j) == "negations" and j > 0), None)
    outcome = next((j for j in s.role_starts if s.role_at(j) == "outcome_markers" and j > 0), None)
    kept = []
    for x in signals:
        if negation is not None and x.start >= negation and not any(w in _CLAUSE_BREAKS for w in s.words[negation : x.start]):
            continue
        if outcome is not None and x.start < outcome:
            x.weight *= BEFORE_OUTCOME
        if x.weight > 0:
            kept.append(x)
    return kept


def _merge(first: list, second: list) -> list:
    """Spans of `first` (declared names) win over overlapping spans of `second` (built-in names)."""
    if not first:
        return second
    taken = {i for s, e, _ in first for i in range(s, e)}
    kept = [span for span in second if taken.isdisjoint(range(span[0], span[1]))]
    return sorted(first + kept, key=lambda span: span[0])


@lru_cache(maxsize=256)
def _declared_names(customer: tuple[str, ...], customers_users: tuple[str, ...]) -> Matcher:
    """The page's own names for its parties: each party a declaration names (`parties`: "estate
    agencies and their agents" names two, "studios shipping on our engine" one), its head noun
    ("districts" for "school districts") and, for the customer, the organisation in front
    ("campgrounds" for "campground owners")."""
    matcher = Matcher()
    declared = [(party, level) for names, level in ((customers_users, USERS), (customer, CUSTOMER)) for name in names for party in parties(name)]
    for party, level in declared:
        matcher.add(phrase(party.words), Entry("actor", level, DECLARED_WEIGHT))
    for party, level in declared:
        words = phrase(party.words)
        if len(words) > 1:
            matcher.add(words[-1:], Entry("actor", level, DECLARED_WEIGHT - 1))
        if level is CUSTOMER and len(words) > 1 and words[-1] in _ORGANISATION_ROLES and len(words[0]) > 3:
            matcher.add(words[:1], Entry("actor", CUSTOMER, DECLARED_WEIGHT - 1))
    return matcher


@lru_cache(maxsize=256)
def _staff_levels(customer: tuple[str, ...], customers_users: tuple[str, ...]) -> dict[str, tuple[Level, float]]:
    """Staff roles a page declares: `customer: [teachers]`, or "schools and their teachers", makes
    teachers the customer."""
    levels = {}
    for names, level in ((customers_users, USERS), (customer, CUSTOMER)):
        for name in names:
            for party in parties(name):
                words = phrase(party.words)
                if words:
                    levels[words[-1]] = (level, DECLARED_WEIGHT)
    return levels


def is_measurable(text: str, has_target: bool) -> bool:
    """A number, a target, a measure word ("rate", "time") or a countable metric ("orders", "renewals")."""
    _, lemmas = tokenize(text)
    metrics = vocabulary().metrics.spans(lemmas)
    return _measurable(text, lemmas, metrics, has_target)


def _measurable(text: str, lemmas: Sequence[str], metrics: Sequence[tuple[int, int, Entry]], has_target: bool) -> bool:
    if has_target or _DIGIT.search(text):
        return True
    if any(lem in vocabulary().measurable for lem in lemmas):
        return True
    return any(entry.strong for _, _, entry in metrics)  # "repeat orders", not "onboarding"


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
        return declared and self.inferred.level not in (UNKNOWN, self.result.level)


def assess(
    text: str,
    customer: Sequence[str] = (),
    customers_users: Sequence[str] = (),
    declared: str | None = None,
    has_target: bool = False,
) -> Assessment:
    """Classify one key result and say whether it is measurable, reading it once."""
    reading = read(text, customer, customers_users)
    result, inferred = _judge(reading, (customer, customers_users), declared)
    return Assessment(result, inferred, _measurable(text, reading.lemmas, reading.metrics, has_target))


def classify(
    text: str,
    customer: Sequence[str] = (),
    customers_users: Sequence[str] = (),
    declared: str | None = None,
) -> tuple[Controllability, Controllability]:
    """The controllability of one key result, and what the text alone says (to check a declaration)."""
    return _judge(read(text, customer, customers_users), (customer, customers_users), declared)


def _judge(
    reading: Reading, parties: tuple[Sequence[str], Sequence[str]], declared: str | None
) -> tuple[Controllability, Controllability]:
    inferred = _decide(reading, parties, "inferred")
    if declared is None:
        return inferred, inferred
    level = Level(declared)
    evidence = tuple(dict.fromkeys(s.text for s in reading.signals if s.level is level))
    result = _explained(level, "declared", _actor(reading, level), evidence, parties, reading)
    return result, inferred


def _decide(reading: Reading, parties: tuple[Sequence[str], Sequence[str]], source: str) -> Controllability:
    ranked = sorted(reading.scores.items(), key=lambda kv: (-kv[1], _ORDER[kv[0]]))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_SCORE or top - second < MIN_MARGIN:
        evidence = tuple(dict.fromkeys(s.text for s in reading.signals))
        return _explained(UNKNOWN, source, None, evidence, parties, reading)
    evidence = tuple(dict.fromkeys(s.text for s in reading.signals if s.level is best))
    return _explained(best, source, _actor(reading, best), evidence, parties, reading)


def _actor(reading: Reading, level: Level) -> str | None:
    actors = [s for s in reading.signals if s.level is level and s.kind == "actor"]
    return max(actors, key=lambda s: s.weight).text if actors else None


def _explained(
    level: Level,
    source: str,
    actor: str | None,
    evidence: tuple[str, ...],
    parties: tuple[Sequence[str], Sequence[str]],
    reading: Reading,
) -> Controllability:
    vocab = vocabulary()
    customer, customers_users = parties
    entry = vocab.levels[level.value]
    declared = {CUSTOMER: customer, USERS: customers_users}.get(level, ())
    who = people(actor) if actor else (declared[0] if declared else entry["default_actor"])
    shown = ", ".join(f'"{e}"' for e in evidence[:3]) or "no clear words"
    reason = entry["reason"].format(actor=who, evidence=shown)
    if source == "declared":
        reason = f"declared with measures: {level.value}; " + reason
    suggestion = _suggest(reading, customer) if level is USERS else None
    return Controllability(level, source, actor, evidence, reason, suggestion)


_INVARIANT = ("staff", "people", "personnel", "children", "team", "police", "crew", "faculty", "audience")


def people(phrase: str) -> str:
    """A party named in the singular, as a group: "diner" -> "diners", "pharmacy" -> "pharmacies"."""
    last = phrase.rsplit(" ", 1)[-1].lower()
    if not last.isalpha() or lemma(last) != last or last.endswith(_INVARIANT) or last.endswith("s"):
        return phrase
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    return phrase + ("es" if last.endswith(("x", "ch", "sh")) else "s")


def _suggest(reading: Reading, customer: Sequence[str]) -> str:
    """A customer-side key result, built from the page's customer and what the key result counts."""
    data = vocabulary().suggestions
    measured_signals = [s for s in reading.signals if s.kind == "metric" and s.level is USERS]
    measured = measured_signals[0].text if measured_signals else "their users' behaviour"
    named = parties(customer[0]) if customer else ()
    who = named[0].words if named else _customer_named(reading) or "your customers"  # "bus operators", not the whole declaration
    lemmas = {lemma(w) for s in measured_signals for w in s.text.lower().split()}
    for family in data["by_metric"].values():  # type: ignore[union-attr]
        if lemmas & family["lemmas"]:
            return family["text"].format(customer=who, measured=measured)
    return data["fallback"].format(customer=who, measured=measured)  # type: ignore[index]


def _customer_named(reading: Reading) -> str | None:
    named = [s.text for s in reading.signals if s.level is CUSTOMER and s.kind == "actor"]
    return named[0] if named else None
