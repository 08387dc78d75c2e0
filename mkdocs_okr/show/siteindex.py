"""The site's OKR index as plain data for its template: periods newest first, a table per team, a
chart of key results by controllability level, and the tree of which objective supports which.

Built from the OKRs as the JSON report has them, so any host can render it; links come from the
host (`url_of`), which knows where pages end up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..rules.crosspage import Ref, objectives, resolve, supports
from ..scoring import Band, band
from .anchors import page_ids, unique
from .teamcycle import TeamCycle, team_cycle
from .unplaced import Unplaced, unplaced

LEVELS = ("customer", "customers_users", "team", "unknown")
# The chart's geometry: across in percent of its width, down in em of the text around it, so its
# text stays the size of the page's at every width (a viewBox would scale it with the column).
BAR_AREA = 88  # percent; the rest is for the largest bar's total
NARROWEST = 20  # em: the narrowest chart (320 px of 16 px text, a phone); a segment too narrow
# there for its symbol and count carries none (its title has them)
LABEL_CHARS = 30  # a team name longer than this wraps, at spaces: SVG text does not wrap itself
LINE = 1.3  # em, a line of a team's name
BAR = 1.5  # em, the height of a bar
GAP = 0.9  # em, below each bar

UrlOf = Callable[[str, str], str]  # (page file as in the report, the objective's id on its card) -> URL from the index


@dataclass(frozen=True)
class Link:
    """An objective as a link: `key` is team/period/id."""

    key: str
    title: str
    url: str


@dataclass
class Row:
    """One objective in a team's table."""

    link: Link
    objective_id: str
    counts: dict[str, int]
    progress: float | None  # mean of its key results' progress, where they have one
    measured: int  # key results with a progress
    total: int
    supports: Link | None
    supports_missing: str | None  # an aligns_to that names no objective
    score: float | None = None
    band: Band | None = None  # its score's
    kind: str | None = None  # the objective's type: committed | aspirational


@dataclass
class Team:
    name: str
    anchor: str
    rows: list[Row] = field(default_factory=list)
    health: list[Mapping[str, Any]] = field(default_factory=list)  # its pages' health metrics, as exported
    cycle: TeamCycle | None = None  # its score and confidence over time

    @cached_property
    def counts(self) -> dict[str, int]:
        return {level: sum(r.counts[level] for r in self.rows) for level in LEVELS}


@dataclass(frozen=True)
class Segment:
    level: str
    x: float
    width: float
    count: int
    labelled: bool


@dataclass(frozen=True)
class Bar:
    """One team's bar: its name in lines (their baselines in `label_y`), the bar's top and the
    baseline of the numbers in it, all in em."""

    team: str
    anchor: str  # the team's section below the chart
    lines: tuple[str, ...]
    label_y: tuple[float, ...]
    y: float
    text_y: float
    total: int
    segments: tuple[Segment, ...]

    @property
    def end(self) -> float:
        return round(self.segments[-1].x + self.segments[-1].width, 1) if self.segments else 0.0


@dataclass(frozen=True)
class Chart:
    """Key results by level for each team of one period, as SVG geometry: x and widths in
    percent, y and heights in em (see BAR_AREA)."""

    anchor: str
    height: float
    bar_height: float
    bars: tuple[Bar, ...]


@dataclass
class Period:
    name: str
    anchor: str
    teams: list[Team]
    chart: Chart


@dataclass(frozen=True)
class Branch:
    """An objective in the alignment tree, as a list in reading order: it `opens` a list of the
    objectives that support it, or is a leaf that `closes` that many lists after its own. Flat, so
    that neither Python nor the template recurses, however long a chain of `aligns_to` is."""

    link: Link
    depth: int
    opens: bool
    closes: int


@dataclass(frozen=True)
class Unread:
    """An OKR page that could not be read, so the index leaves it out: where it is, and the first
    of its findings (none when the site's policy drops them all)."""

    file: str
    url: str | None
    line: int = 0
    column: int = 0
    message: str = ""
    rule: str = ""
    more: int = 0  # its other findings


@dataclass
class Index:
    periods: list[Period]
    tree: list[Branch]
    pages: int
    counts: dict[str, int]
    unread: list[Unread] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    @property
    def key_results(self) -> int:
        return sum(self.counts.values())

    @property
    def present(self) -> list[str]:
        """The levels that some key result has."""
        return [level for level in LEVELS if self.counts[level]]

    def anchors(self) -> list[str]:
        """The ids of the index's sections, which other pages may link to."""
        found = ["okr-unread"] if self.unread else []
        found += [a for p in self.periods for a in (p.anchor, *(t.anchor for t in p.teams))]
        found += ["okr-unplaced"] if self.unplaced else []
        return found + (["okr-alignment"] if self.tree else [])


def period_order(period: str) -> tuple[int, int, int]:
    """Sort key, newest first: by year, then by the period's last month, quarters before halves
    before years that end together."""
    year, rest = int(period[:4]), period[5:]
    if not rest:
        return (-year, -12, 12)
    months = 3 if rest[0] == "Q" else 6
    return (-year, -int(rest[1]) * months, months)


def slug(text: str) -> str:
    """Lower-case letters and digits joined by '-': an HTML id from any name."""
    return re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-") or "x"


def build_index(okrs: Iterable[Mapping[str, Any]], url_of: UrlOf, unread: Sequence[Unread] = ()) -> Index:
    """The index of every objective, grouped by period (newest first) and team (by name), and
    the OKR pages it leaves out because they could not be read (`unread`), by file."""
    okrs = list(okrs)
    refs = objectives(okrs)
    by_key = resolve(refs)
    cards = {str(okr["file"]): page_ids(okr) for okr in okrs}
    ids = {file: card.objectives for file, card in cards.items()}
    links = {ref.key: _link(ref, url_of, ids) for ref in by_key.values()}
    grouped: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for ref in refs:
        own = links[ref.key] if by_key[ref.key] is ref else _link(ref, url_of, ids)  # a duplicate links its own page
        grouped[str(ref.okr["period"])][str(ref.okr["team"])].append(_row(ref, own, links))
    team_names = {p: sorted(grouped[p], key=lambda t: (t.casefold(), t)) for p in sorted(grouped, key=period_order)}
    teams = [(period, team) for period, names in team_names.items() for team in names]
    team_ids = dict(zip(teams, unique([f"okr-{slug(period)}-{slug(team)}" for period, team in teams])))
    pages: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for okr in sorted(okrs, key=lambda o: str(o["file"])):
        pages[str(okr["period"]), str(okr["team"])].append(okr)
    periods = []
    for period, names in team_names.items():
        shown = [_team(team, team_ids[period, team], grouped[period][team], pages[period, team]) for team in names]
        anchor = f"okr-period-{slug(period)}"
        periods.append(Period(period, anchor, shown, chart(anchor, shown)))
    counts = {level: sum(t.counts[level] for p in periods for t in p.teams) for level in LEVELS}
    left_out = sorted(unread, key=lambda u: u.file)
    return Index(
        periods, alignment_tree(refs, by_key, links), len(okrs), counts, left_out, unplaced(okrs, url_of, cards)
    )


def chart(anchor: str, teams: Sequence[Team]) -> Chart:
    """A horizontal stacked bar per team under its name, scaled to the period's largest team."""
    largest = max((sum(t.counts.values()) for t in teams), default=0) or 1
    bars, top = [], 0.0
    for team in teams:
        x, segments = 0.0, []
        for level in LEVELS:
            count = team.counts[level]
            if count:
                width = round(count / largest * BAR_AREA, 1)
                segments.append(Segment(level, x, width, count, width >= _label_width(count)))
                x = round(x + width, 1)
        lines = wrap(team.name, LABEL_CHARS)
        label_y = tuple(_em(top + (n + 1) * LINE - 0.3) for n in range(len(lines)))
        y = _em(top + len(lines) * LINE + 0.1)
        text_y = _em(y + BAR / 2 + 0.35)  # the baseline of the numbers in the bar, centred
        bars.append(Bar(team.name, team.anchor, lines, label_y, y, text_y, sum(team.counts.values()), tuple(segments)))
        top = y + BAR + GAP
    return Chart(f"{anchor}-chart", _em(top), BAR, tuple(bars))


def wrap(text: str, width: int) -> tuple[str, ...]:
    """`text` in lines of at most `width` characters, broken at spaces; a longer word is a line."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def _label_width(count: int) -> float:
    """The percent of the narrowest chart that a segment's label takes: its offset, the symbol and
    a space (1.6 em), and 0.6 em a digit."""
    return round((1.6 + 0.6 * len(str(count))) / NARROWEST * 100, 1)


def _em(value: float) -> float:
    return round(value, 2)


def alignment_tree(refs: Sequence[Ref], by_key: Mapping[str, Ref], links: Mapping[str, Link]) -> list[Branch]:
    """Objectives that others support, each followed by its supporters one level deeper; the roots
    support nothing on the site. Loops are left out (the `aligns-to` rule reports them)."""
    supporters: dict[str, list[str]] = defaultdict(list)
    for ref, parent in supports(refs, by_key):
        supporters[parent.key].append(ref.key)
    roots = [key for key in supporters if by_key[key].aligns_to not in by_key]
    roots.sort(key=lambda k: (period_order(str(by_key[k].okr["period"])), k), reverse=True)
    stack = [(key, 0) for key in roots]  # what is left to show, the next on top
    tree: list[Branch] = []
    while stack:
        key, depth = stack.pop()
        below = supporters.get(key, ())
        stack += [(child, depth + 1) for child in reversed(below)]
        closes = 0 if below else depth - (stack[-1][1] if stack else 0)
        tree.append(Branch(links[key], depth, bool(below), closes))
    return tree


def _team(name: str, anchor: str, rows: list[Row], pages: list[Mapping[str, Any]]) -> Team:
    health = [metric for okr in pages for metric in okr.get("health", ())]
    return Team(name, anchor, rows, health, team_cycle(pages, [(row.score, row.kind) for row in rows]))


def _row(ref: Ref, link: Link, links: Mapping[str, Link]) -> Row:
    counts = dict.fromkeys(LEVELS, 0)
    shares = []
    for kr in ref.objective["key_results"]:
        counts[kr.get("controllability", {}).get("level", "unknown")] += 1
        if kr.get("progress") is not None:
            shares.append(float(kr["progress"]))
    target = ref.aligns_to
    kind, score = ref.objective.get("type"), ref.objective.get("score")
    return Row(
        link=link,
        objective_id=str(ref.objective["id"]),
        counts=counts,
        progress=sum(shares) / len(shares) if shares else None,
        measured=len(shares),
        total=len(ref.objective["key_results"]),
        supports=links.get(target) if target else None,
        supports_missing=target if target and target not in links else None,
        score=score,
        band=band(float(score), kind) if score is not None else None,
        kind=kind,
    )


def _link(ref: Ref, url_of: UrlOf, ids: Mapping[str, Sequence[str]]) -> Link:
    return Link(ref.key, str(ref.objective["title"]), url_of(ref.file, ids[ref.file][ref.position]))
