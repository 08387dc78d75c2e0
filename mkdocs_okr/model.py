"""Plain data types shared by the core and every adapter, and JSON pointer helpers; no behaviour beyond small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from .progress import direction_of, progress
from .scoring import Band, band, key_result_score, mean


class Severity(str, Enum):
    """What a finding does: errors and warnings fail strict runs, info is shown, ignore drops it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    IGNORE = "ignore"


class Level(str, Enum):
    """Whose behaviour a key result measures (DESIGN section 3)."""

    CUSTOMER = "customer"
    CUSTOMERS_USERS = "customers_users"
    TEAM = "team"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Controllability:
    """The annotation of one key result: its level, why, and what to measure instead."""

    level: Level
    source: str  # declared | inferred
    actor: str | None
    evidence: tuple[str, ...]
    reason: str
    suggestion: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level.value,
            "source": self.source,
            "actor": self.actor,
            "evidence": list(self.evidence),
            "reason": self.reason,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in the page file."""

    line: int
    column: int


class Positions(Protocol):
    """Where each value of an okr block stands in its page, by JSON pointer: all a rule needs of
    the page to place its findings (read/positions.py reads it from the YAML nodes)."""

    def position(self, pointer: str) -> Position:
        """The value at `pointer`, or its nearest ancestor that the page has."""
        ...

    def key_position(self, pointer: str) -> Position:
        """The key whose value is at `pointer` (the value, when it has no key)."""
        ...


def escape(token: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def human_path(pointer: str) -> str:
    """`objectives[0].key_results[1].target` for /okr/objectives/0/key_results/1/target."""
    text = ""
    for token in pointer.split("/")[2:]:
        token = token.replace("~1", "/").replace("~0", "~")
        text += f"[{token}]" if token.isdigit() else f".{token}"
    return text.lstrip(".") or "okr"


@dataclass(frozen=True)
class Finding:
    """A finding before it is placed in a file and given a severity by policy."""

    rule: str
    position: Position
    message: str
    pointer: str = ""
    key: str = ""  # what policy looks up besides the rule id: the level of a controllability finding


# control characters and line breaks a page's values may bring into a message (YAML's "\e", "\n")
_CONTROLS = [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
_ONE_LINE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _CONTROLS if c != 0x09}
_ONE_LINE.update({0x0A: "\\n", 0x0D: "\\r"})


def one_line(message: str) -> str:
    """A message as one line of plain text: control characters and line breaks shown as escapes,
    so a finding stays one line of a report and cannot drive the terminal it is printed on."""
    return message.translate(_ONE_LINE)


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one place in one file."""

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    pointer: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "pointer": self.pointer,
        }


@dataclass(frozen=True)
class CheckIn:
    """One measurement of a key result: written on the page, or read from a commit that changed it."""

    date: str  # YYYY-MM-DD
    value: float | None = None
    confidence: float | None = None
    note: str | None = None
    source: str = "page"  # page | git
    commit: str | None = None  # for a check-in from git: the commit and its author
    author: str | None = None
    pointer: str = ""  # for a written check-in: where it stands on the page

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in CHECK_IN_FIELDS if getattr(self, name) is not None}


CHECK_IN_FIELDS = ("date", "value", "confidence", "note", "source", "commit", "author")


@dataclass
class KeyResult:
    """A key result, normalised: a plain-string key result becomes one with only `text`."""

    id: str
    text: str
    pointer: str
    line: int
    column: int
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    unit: str | None = None
    measures: str | None = None
    updated: str | None = None
    confidence: float | None = None
    checkins: list[CheckIn] = field(default_factory=list)  # oldest first: the page's and, merged in, git's
    ignore: dict[str, str] = field(default_factory=dict)
    controllability: Controllability | None = None
    kind: str = "metric"  # metric | milestone | baseline (a baseline to establish)
    declared_direction: str | None = None  # the page's `direction`
    least: float | None = None  # the page's `min` and `max`: a band, or a threshold to maintain
    most: float | None = None
    done: bool | None = None  # a milestone's
    written_score: float | None = None  # the page's `score`, graded at the end of the period
    weight: float | None = None

    @property
    def direction(self) -> tuple[str | None, str | None]:
        """Which way it goes, and whether the page says so or its numbers (progress.direction_of)."""
        return direction_of(self.declared_direction, self.baseline, self.target, self.least, self.most)

    @property
    def progress(self) -> float | None:
        """0.0 to 1.0, by its kind and direction (see progress.progress)."""
        way = self.direction[0]
        return progress(self.kind, way, self.baseline, self.target, self.current, self.least, self.most, self.done)

    @property
    def score(self) -> tuple[float | None, str | None]:
        """Its score from 0 to 1, and whether the page wrote it or its progress gives it."""
        return key_result_score(self.written_score, self.progress)

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "text": self.text, "line": self.line}
        for name in ("baseline", "target", "current", "updated", "unit", "measures", "progress", "confidence"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        if self.checkins:
            data["checkins"] = [c.to_dict() for c in self.checkins]
        if self.controllability is not None:
            data["controllability"] = self.controllability.to_dict()
        (way, told), (score, scored) = self.direction, self.score
        added = {"kind": self.kind, "direction": way, "direction_source": told, "min": self.least, "max": self.most}
        added.update(done=self.done, weight=self.weight, score=score, score_source=scored)
        return data | {name: value for name, value in added.items() if value is not None}


@dataclass
class Objective:
    """An objective with its key results."""

    id: str
    title: str
    pointer: str
    line: int
    column: int = 1
    key_results: list[KeyResult] = field(default_factory=list)
    ignore: dict[str, str] = field(default_factory=dict)
    aligns_to: str | None = None  # "team/period/objective id" of the objective this one supports
    aligns_to_at: Position | None = None
    type: str | None = None  # committed | aspirational

    @property
    def score(self) -> float | None:
        """The mean of its key results' scores, weighted by their `weight` (1 unless written);
        those without a score do not count."""
        scores = [(kr.score[0], 1.0 if kr.weight is None else kr.weight) for kr in self.key_results]
        return mean((s, w) for s, w in scores if s is not None)

    def band(self, score: float) -> Band:
        """The band a score of this objective, or of one of its key results, falls in."""
        return band(score, self.type)

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id,
            "title": self.title,
            "key_results": [kr.to_dict() for kr in self.key_results],
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
        }
        if self.aligns_to is not None and self.aligns_to_at is not None:
            at = self.aligns_to_at
            data["aligns_to"] = {"objective": self.aligns_to, "line": at.line, "column": at.column}
        if self.ignore:
            data["ignore"] = dict(self.ignore)
        if self.type is not None:
            data["type"] = self.type
        score = self.score
        if score is not None:
            data.update(score=score, band=self.band(score).name)
        return data


@dataclass(frozen=True)
class Health:
    """A health metric of the page: what must stay within its band while the team works on its
    key results (after Christina Wodtke's Radical Focus)."""

    name: str
    value: float
    pointer: str
    line: int
    column: int
    least: float | None = None  # the page's `min` and `max`
    most: float | None = None
    unit: str | None = None

    @property
    def status(self) -> str:
        """`below` its min, `above` its max, else `within`."""
        if self.least is not None and self.value < self.least:
            return "below"
        if self.most is not None and self.value > self.most:
            return "above"
        return "within"

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"name": self.name, "value": self.value}
        for name, value in (("min", self.least), ("max", self.most), ("unit", self.unit)):
            if value is not None:
                data[name] = value
        data.update(status=self.status, line=self.line, column=self.column)
        return data


@dataclass
class OKR:
    """One page's OKR block, with the site's defaults for the two parties applied."""

    file: str
    team: str
    period: str
    customer: tuple[str, ...]
    customers_users: tuple[str, ...]
    objectives: list[Objective] = field(default_factory=list)
    ignore: dict[str, str] = field(default_factory=dict)
    no_customers_users: bool = False  # the page says `customers_users: []`: its customers use the product
    team_at: Position | None = None
    health: list[Health] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        at = {"team_at": {"line": self.team_at.line, "column": self.team_at.column}} if self.team_at else {}
        return {
            "file": self.file,
            "team": self.team,
            **at,
            "period": self.period,
            "customer": list(self.customer),
            "customers_users": list(self.customers_users),
            "objectives": [o.to_dict() for o in self.objectives],
            **({"ignore": dict(self.ignore)} if self.ignore else {}),
            **({"health": [h.to_dict() for h in self.health]} if self.health else {}),
        }
