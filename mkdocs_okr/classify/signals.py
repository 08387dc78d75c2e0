"""What a reading finds: the signals of one key result, each a piece of evidence with its role."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Level
from .sentence import Sentence


@dataclass(slots=True)
class Signal:
    """One piece of evidence: some words, the level they point to, and what kind of evidence it is."""

    start: int
    end: int
    level: Level
    text: str
    kind: str  # actor | metric | team-verb | deadline | reporter
    role: str = (
        ""  # subject | counted | numbered | owner | denominator | object | counterparty | possessor | modifier | yields
    )
    scope: str = ""  # after-subject | before-outcome | modifier
    source: str = ""  # a party's source (declared, site, a group of actors.yaml); a metric's family
    strong: bool = False


@dataclass(slots=True)
class Reading:
    """What the reading found in one key result."""

    sentence: Sentence
    signals: list[Signal]
