"""The HTML ids that a card gives its objectives and key results, and the index its teams, each
unique on its page. An id is what it always was (`okr-o1`, `okr-o1-kr2`, `okr-2026-q1-payments`),
so links written by hand keep working; only ids that would be the same (objectives `O1` and `o1`,
an objective `O1-KR1` and O1's key result KR1, teams "Q1 Ops" in 2026 and "Ops" in 2026-Q1) are
told apart, by a suffix `-2`, `-3`, ... given in page order. Objectives come first, so a link to
an objective from another page or the index does not move with its key results' ids; a suffix
never takes an id that another item has of its own. A card takes none of the index's ids either,
as a page may show both."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import OKR

# the ids the index gives its own sections (siteindex), other than its teams' (`okr-<year>-...`)
_INDEX_IDS = re.compile(r"okr-(alignment|unread|period-[0-9]{4}(-[qh][1-4])?(-chart)?)")


def unique(
    wanted: Sequence[str], taken: set[str] | None = None, refused: Callable[[str], bool] = lambda _: False
) -> list[str]:
    """`wanted`, in order, each id kept unless an earlier one (or `taken`) has it or it is
    `refused`, else given the first suffix that no id of `wanted` or `taken` has; `taken` gets them."""
    taken = set() if taken is None else taken
    reserved = set(wanted) | taken
    found = []
    for anchor in wanted:
        candidate, n = anchor, 2
        while candidate in taken or refused(candidate) or (candidate != anchor and candidate in reserved):
            candidate, n = f"{anchor}-{n}", n + 1
        taken.add(candidate)
        found.append(candidate)
    return found


@dataclass(frozen=True)
class CardIds:
    """The ids of one card: an objective's, by its place on the page; its key results', by theirs."""

    objectives: tuple[str, ...]
    key_results: tuple[tuple[str, ...], ...]

    def all(self) -> list[str]:
        """Every id of the card, in the card's order."""
        return [a for anchor, krs in zip(self.objectives, self.key_results) for a in (anchor, *krs)]


def card_ids(objectives: Iterable[tuple[object, Sequence[object]]], taken: set[str] | None = None) -> CardIds:
    """The ids of a card whose objectives have these ids, each with its key results' ids; ids that
    `taken` holds (those of other cards on the page) are told apart too, and added to it."""
    pairs = [(f"okr-{str(o).lower()}", [str(kr).lower() for kr in krs]) for o, krs in objectives]
    results = [f"{anchor}-{kr}" for anchor, krs in pairs for kr in krs]
    found = iter(
        unique([anchor for anchor, _ in pairs] + results, taken, lambda name: _INDEX_IDS.fullmatch(name) is not None)
    )
    own = tuple(next(found) for _ in pairs)
    return CardIds(own, tuple(tuple(next(found) for _ in krs) for _, krs in pairs))


def page_ids(okr: OKR | Mapping[str, Any], taken: set[str] | None = None) -> CardIds:
    """The ids of the card of a page's OKRs, from the model or as the JSON report has them."""
    if isinstance(okr, Mapping):
        return card_ids(((o["id"], [kr["id"] for kr in o["key_results"]]) for o in okr["objectives"]), taken)
    return card_ids(((o.id, [kr.id for kr in o.key_results]) for o in okr.objectives), taken)
