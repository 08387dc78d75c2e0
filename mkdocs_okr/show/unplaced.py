"""The key results the classifier could not place, listed by the index: where a team should
declare `measures:` or teach the site its words with the `vocabulary` option."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .anchors import CardIds


@dataclass(frozen=True)
class Unplaced:
    """One key result whose level is unknown, and where its card shows it."""

    team: str
    period: str
    name: str  # "O1 KR2"
    text: str
    url: str


def unplaced(
    okrs: Iterable[Mapping[str, Any]], url_of: Callable[[str, str], str], cards: Mapping[str, CardIds]
) -> list[Unplaced]:
    """Every key result the classifier read as unknown (not the declared ones), by team, period
    and place on its page; `cards`: each page's card ids, by file."""
    found = []
    for okr in okrs:
        ids = cards[str(okr["file"])].key_results
        for o, objective in enumerate(okr["objectives"]):
            for k, kr in enumerate(objective["key_results"]):
                reading = kr.get("controllability") or {}
                if reading.get("level") == "unknown" and reading.get("source") == "inferred":
                    url = url_of(str(okr["file"]), ids[o][k])
                    found.append(
                        Unplaced(
                            str(okr["team"]), str(okr["period"]), f"{objective['id']} {kr['id']}", str(kr["text"]), url
                        )
                    )
    return sorted(found, key=lambda u: (u.team.casefold(), u.team, u.period, u.url))
