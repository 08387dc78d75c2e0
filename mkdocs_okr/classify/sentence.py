"""One key result as the classifier reads it: its words, the parties and metrics they name, and
the small grammar that says who acts ("teachers grade"), who is counted ("% of venues") and what
is only a place or a denominator ("per diner")."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Level
from .declared import declared_names, staff_levels
from .parties import consumers
from .vocabulary import Vocabulary
from .words import Entry, token_spans, tokenize

CUSTOMER, USERS, TEAM = Level.CUSTOMER, Level.CUSTOMERS_USERS, Level.TEAM
_CLAUSE_BREAKS = {";", ":", ",", "(", ")", "\u2013", "\u2014"}
_SUBJECT_MARKERS = {"who", "that", "whose", "which"}
_ATTACH_AFTER = {"of", "from", "among", "across", "amongst"}
_OBJECT_PREPOSITIONS = {"to", "for", "with", "at", "on", "into", "in", "through", "via", "about", "against"}
_MODIFYING = {"-", "related", "based", "specific", "driven", "facing", "level"}  # "checkout-related ..."
_DETERMINERS = {"the", "a", "an", "each", "every", "all", "our", "their", "its", "new", "existing", "active"}
# words that follow a party's name without making it act: "restaurants and cafes", "venues with", "districts above"
_NOT_VERBS = {
    "and",
    "or",
    "with",
    "without",
    "than",
    "above",
    "below",
    "under",
    "over",
    "who",
    "'s",
    "'",
    "-",
    "%",
    "/",
    "<",
    ">",
}
_NOT_A_VERB = _OBJECT_PREPOSITIONS | _ATTACH_AFTER | _NOT_VERBS
Span = tuple[int, int, Entry]


def merge(first: list[Span], second: list[Span]) -> list[Span]:
    """Spans of `first` win over overlapping spans of `second`: declared names over built-in ones,
    and the lists over the general lexicon."""
    if not first or not second:
        return first or second
    taken = {i for s, e, _ in first for i in range(s, e)}
    kept = [span for span in second if taken.isdisjoint(range(span[0], span[1]))]
    return sorted(first + kept, key=lambda span: span[0])


def _outside(spans: list[Span], taken: set[int]) -> list[Span]:
    """The spans not wholly inside the tokens `taken`."""
    return [span for span in spans if not taken.issuperset(range(span[0], span[1]))] if taken else spans


class Sentence:
    """One key result, tokenised, with its vocabulary matches indexed by token."""

    def __init__(self, text: str, customer: Sequence[str], customers_users: Sequence[str], vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.text = text
        self.words, self.lemmas = tokenize(text)
        self.spans: list[tuple[int, int]] | None = None  # where each token stands, found when first quoted
        self.count = len(self.lemmas)
        # the first word (not a number or a mark): where an opening verb or an acting party stands
        self.first = next((i for i, w in enumerate(self.words) if w[:1].isalpha()), None)
        assert vocab.lexicon is not None
        builtin_actors, metrics, role_words, neutral_spans, general_actors, general_metrics = vocab.lexicon.spans(
            self.lemmas
        )
        self.roles = {start: (end, entry.role) for start, end, entry in role_words}
        self.role_starts = sorted(self.roles)
        declared = declared_names(tuple(customer), tuple(customers_users))
        neutral = {i for a, b, _ in neutral_spans for i in range(a, b)}
        metrics = _outside(metrics, neutral)
        # "bank card", "business day", "app-store rating": a party's name inside a longer phrase names no party
        covered = neutral | {i for a, b, _ in metrics if b - a > 1 for i in range(a, b)}
        actors = _outside(merge(declared.spans(self.lemmas), builtin_actors), covered)
        # the general lexicon fills gaps only: it covers no party and no metric of the lists
        self.actors = merge(actors, _outside(general_actors, covered))
        self.actor_at = {i: span for span in self.actors for i in range(span[0], span[1])}
        if general_metrics:
            gaps = [m for m in _outside(general_metrics, neutral) if self.actor_at.keys().isdisjoint(range(*m[:2]))]
            metrics = merge(metrics, gaps)
        self.metrics = metrics
        self.metric_at = {i: span for span in self.metrics for i in range(span[0], span[1])}
        self.staff_as = staff_levels(tuple(customer), tuple(customers_users))
        self.declares_parties = bool(customer or customers_users)
        self.consumers = consumers(tuple(customer), tuple(customers_users))

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
        if nxt == "to" and self.text_at(start - 1) == "for" and self.text_at(end + 1)[:1].isalpha():
            return True  # "time for restaurant owners to publish": they publish
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
        """ "renewals by riders", "requests submitted by residents": the party after "by" does it."""
        return self.text_at(start - 1) == "by" or (
            self.text_at(start - 2) == "by" and self.text_at(start - 1) in _DETERMINERS
        )
