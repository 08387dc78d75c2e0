"""Rules across pages: what no single page can know. Run on the OKRs of every page, in any host.

They read the OKRs as the JSON report has them (plain data, as the build's workers send them back),
and honour `ignore` at page and objective level like the one-page rules.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from difflib import get_close_matches
from typing import Any, NamedTuple

from ..model import Diagnostic, Severity, one_line
from .lookalike import looks, shown
from .registry import severity_of


def objective_key(team: object, period: object, ident: object) -> str:
    """How `aligns_to` names an objective: `team/period/id`."""
    return f"{team}/{period}/{ident}"


class Ref(NamedTuple):
    """One objective of the site, with where it is and what it supports. A tuple, not a frozen
    dataclass: a site's refs are made again on each change the language server checks, and a
    tuple is made three times as fast."""

    key: str
    file: str
    okr: Mapping[str, Any]
    objective: Mapping[str, Any]
    position: int  # among its page's objectives
    aligns_to: str | None  # the key of the objective it supports, as written

    def ignores(self, rule: str) -> bool:
        return rule in self.okr.get("ignore", {}) or rule in self.objective.get("ignore", {})


def outline(okr: Mapping[str, Any]) -> dict[str, Any]:
    """What these rules read of a page's OKRs: all but the key results."""
    objectives = [{k: v for k, v in o.items() if k != "key_results"} for o in okr["objectives"]]
    return {**okr, "objectives": objectives}


def own_outline(okr: Mapping[str, Any], stands: Callable[[str], bool]) -> dict[str, Any] | None:
    """The outline of an invalid page's salvaged OKRs, for these rules: only the objectives whose
    team, period and id are the page's own (`stands`), so that a stand-in for an invalid period or
    id neither makes a duplicate nor hides one; None when no objective is left."""
    whole = outline(okr)
    if stands("/okr/team") and stands("/okr/period"):
        whole["objectives"] = [o for o in whole["objectives"] if stands(f"{o['pointer']}/id")]
        if whole["objectives"]:
            return whole
    return None


def unplaced(okr: Mapping[str, Any] | None) -> object:
    """What these rules read of a page's outline, less where its parts stand: while only that
    stays the same (lines added or removed above an objective), each finding of these rules on
    the page stays the same but for its place (`placed`). A rule that reads more reads it here too."""
    if okr is None:
        return None
    kept = [
        (o["id"], o["pointer"], (o.get("aligns_to") or {}).get("objective"), o.get("ignore")) for o in okr["objectives"]
    ]
    return okr["file"], okr["team"], okr["period"], okr.get("ignore"), kept


def placed(d: Diagnostic, okr: Mapping[str, Any]) -> Diagnostic:
    """A finding of these rules on the page of outline `okr`, at the place its pointer has there now."""
    if d.pointer == "/okr/team":
        at = okr.get("team_at") or {"line": 1, "column": 1}
    else:
        pointer, _, last = d.pointer.rpartition("/")
        owner = pointer if last == "aligns_to" else d.pointer
        objective = next((o for o in okr["objectives"] if o["pointer"] == owner), None)
        if objective is None:
            return d
        at = objective["aligns_to"] if last == "aligns_to" else objective
    return replace(d, line=int(at["line"]), column=int(at["column"]))


def page_objectives(okr: Mapping[str, Any]) -> list[Ref]:
    """The objectives of one page."""
    file = str(okr["file"])
    return [
        Ref(objective_key(okr["team"], okr["period"], o["id"]), file, okr, o, n, _target(o))
        for n, o in enumerate(okr["objectives"])
    ]


RefsOf = Callable[[Mapping[str, Any]], list[Ref]]  # a page's objectives: `page_objectives`, or a cache of it


def objectives(okrs: Iterable[Mapping[str, Any]], refs_of: RefsOf = page_objectives) -> list[Ref]:
    """Every objective of the site, pages in path order."""
    return [ref for okr in sorted(okrs, key=lambda o: str(o["file"])) for ref in refs_of(okr)]


def _target(objective: Mapping[str, Any]) -> str | None:
    target = objective.get("aligns_to")
    return str(target["objective"]) if target else None


def resolve(refs: Sequence[Ref]) -> dict[str, Ref]:
    """Each key to the objective it names: the first in path order (a later one is a `duplicate-id`)."""
    found: dict[str, Ref] = {}
    for ref in refs:
        found.setdefault(ref.key, ref)
    return found


def add_cross_page(
    diagnostics_by_file: Mapping[str, list[Diagnostic]],
    okrs: Iterable[Mapping[str, Any]],
    severity: Mapping[str, Severity],
) -> None:
    """Add the cross-page findings to each page's diagnostics, kept in order."""
    for d in cross_page(okrs, severity):
        page = diagnostics_by_file[d.file]
        page.append(d)
        page.sort(key=Diagnostic.sort_key)


def cross_page(
    okrs: Iterable[Mapping[str, Any]], severity: Mapping[str, Severity], refs_of: RefsOf = page_objectives
) -> list[Diagnostic]:
    """The findings no single page can know: duplicate objectives, `aligns_to` problems, and
    team names that look the same but are written differently. The language server, which
    checks again on each change, passes a `refs_of` that keeps the objectives of unchanged pages."""
    okrs = list(okrs)
    refs = objectives(okrs, refs_of)
    by_key = resolve(refs)
    return [
        *duplicate_objectives(refs, by_key, severity),
        *alignments(refs, by_key, severity),
        *team_spellings(okrs, severity),
    ]


def team_spellings(okrs: Sequence[Mapping[str, Any]], severity: Mapping[str, Severity]) -> list[Diagnostic]:
    """A `team-spelling` finding on each page that writes a team's name with other characters than
    the usual spelling of a name that looks the same: the one most pages write, else the one
    without hidden characters, else the first in path order. The index keeps them apart, as the
    pages and their `aligns_to` do; the finding says what to write."""
    level = severity_of("team-spelling", severity)
    if level is Severity.IGNORE:
        return []
    alike: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for okr in sorted(okrs, key=lambda o: str(o["file"])):
        alike[looks(str(okr["team"]))][str(okr["team"])].append(okr)
    found = []
    for spellings in (s for s in alike.values() if len(s) > 1):
        usual = min(spellings, key=lambda name: (-len(spellings[name]), shown(name) != name))
        pages = [str(o["file"]) for o in spellings[usual]]
        more = len(pages) - 1
        where = pages[0] + (f" and {more:,} other page{'s' if more > 1 else ''}" if more else "")
        for name in (n for n in spellings if n != usual):
            message = (
                f'team "{shown(name)}" looks the same as "{shown(usual)}" on {where}, but is written with other '
                f"characters, so the index shows two teams; write it as {'those pages do' if more else 'that page does'}"
            )
            for okr in spellings[name]:
                at = okr.get("team_at") or {"line": 1, "column": 1}
                if "team-spelling" not in okr.get("ignore", {}):
                    found.append(
                        Diagnostic(
                            str(okr["file"]),
                            int(at["line"]),
                            int(at["column"]),
                            level,
                            "team-spelling",
                            message,
                            "/okr/team",
                        )
                    )
    return found


def duplicate_objectives(
    refs: Sequence[Ref], first: Mapping[str, Ref], severity: Mapping[str, Severity]
) -> list[Diagnostic]:
    """A `duplicate-id` finding for each objective whose team, period and id another page used
    first (`first`: `resolve(refs)`)."""
    level = severity_of("duplicate-id", severity)
    found = []
    for ref in refs:
        earlier = first[ref.key]
        if earlier.file == ref.file or level is Severity.IGNORE or ref.ignores("duplicate-id"):
            continue  # the same page: its own duplicate-id finding says so
        o, okr = ref.objective, ref.okr
        message = (
            f"{o['id']}: {okr['team']}, {okr['period']} already has an objective {o['id']} "
            f"({earlier.file}:{earlier.objective['line']}); give this one another id"
        )
        found.append(_at(ref, o, level, "duplicate-id", message, str(o["pointer"])))
    return found


def alignments(refs: Sequence[Ref], by_key: Mapping[str, Ref], severity: Mapping[str, Severity]) -> list[Diagnostic]:
    """An `aligns-to` finding for each `aligns_to` that names no objective of the site, names the
    objective itself, or closes a loop (`by_key`: `resolve(refs)`)."""
    level = severity_of("aligns-to", severity)
    if level is Severity.IGNORE:
        return []
    made: list[Suggester] = []  # at the first `aligns_to` that matches none: most sites have none

    def suggest(target: str) -> str | None:
        if not made:
            made.append(Suggester(list(by_key)))
        return made[0](target)

    on_loop = loops(refs, by_key)
    reported: set[tuple[str, ...]] = set()
    found = []
    for ref in refs:
        target = ref.aligns_to
        if target is None or ref.ignores("aligns-to"):
            continue
        loop = on_loop.get(ref.key) if ref is by_key.get(ref.key) else None
        if loop is not None and loop in reported:
            continue  # a loop is reported once, at its first objective in page order
        if loop is not None:
            reported.add(loop)
        message = _problem(ref, target, by_key, suggest, loop)
        if message:
            where = ref.objective["aligns_to"]
            pointer = f"{ref.objective['pointer']}/aligns_to"
            found.append(_at(ref, where, level, "aligns-to", f"{ref.objective['id']}: {message}", pointer))
    return found


def supports(refs: Sequence[Ref], by_key: Mapping[str, Ref]) -> Iterator[tuple[Ref, Ref]]:
    """Each objective whose `aligns_to` names another objective of the site without closing a
    loop, with that objective: one walk over the site (`loops`), however long its chains. A later
    objective with a key already taken (a `duplicate-id`) supports nothing."""
    on_loop = loops(refs, by_key)
    for ref in refs:
        target = ref.aligns_to
        if ref is by_key[ref.key] and target is not None and target in by_key and ref.key not in on_loop:
            yield ref, by_key[target]


def loops(refs: Sequence[Ref], by_key: Mapping[str, Ref]) -> dict[str, tuple[str, ...]]:
    """Each objective that stands on a loop of `aligns_to`, to its loop (keys in the order they
    support each other, from the loop's smallest key): one walk over the site, however long the loops."""
    found: dict[str, tuple[str, ...]] = {}
    done: set[str] = set()
    for ref in refs:
        path: dict[str, int] = {}
        key: str | None = ref.key
        while key is not None and key in by_key and key not in done and key not in path:
            path[key] = len(path)
            key = by_key[key].aligns_to
        if key in path:  # the walk came back to itself: the keys from there on are a loop
            members = list(path)[path[key] :]
            start = members.index(min(members))
            loop = tuple(members[start:] + members[:start])
            found.update(dict.fromkeys(loop, loop))
        done.update(path)
    return found


class Suggester:
    """The closest objective key to a misspelt one. Only keys that share the team, else the
    period, are compared (every key when none does), and of those at most `_POOL` nearest in
    length: a site with thousands of misses does not pay keys × misses."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.folded: dict[str, str] = {}
        near: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            self.folded.setdefault(looks(key).casefold(), key)
            team, period, _ = _parts(key)
            near["team:" + team].append(key)
            near["period:" + period].append(key)
        by_length = lambda pool: sorted(pool, key=lambda key: (len(key), key))  # noqa: E731
        self.near = {name: by_length(pool) for name, pool in near.items()}
        self.keys = by_length(keys)

    def __call__(self, target: str) -> str | None:
        if looks(target).casefold() in self.folded:
            return self.folded[looks(target).casefold()]
        team, period, _ = _parts(target)
        pool = self.near.get("team:" + team) or self.near.get("period:" + period) or self.keys
        at = bisect_left(pool, len(target), key=len)
        window = pool[max(0, at - _POOL // 2) : at + _POOL // 2]
        return next(iter(get_close_matches(target, window, n=1)), None)


_POOL = 64  # keys compared with one that matches none


def _parts(key: str) -> tuple[str, str, str]:
    team, period, ident = (["", "", ""] + key.rsplit("/", 2))[-3:]
    return team.casefold(), period.casefold(), ident


def _problem(
    ref: Ref, target: str, by_key: Mapping[str, Ref], suggest: Callable[[str], str | None], loop: tuple[str, ...] | None
) -> str:
    if target == ref.key:
        return f'aligns_to "{target}" names this objective itself; name the objective it supports'
    if target not in by_key:
        close = suggest(target)
        if close is not None and looks(close) == looks(target):  # the same to a reader: show how they differ
            target, close = shown(target), shown(close)
        hint = (
            f'; did you mean "{close}"?' if close else "; write team/period/objective id of an objective on this site"
        )
        return f'aligns_to "{target}" matches no objective{hint}'
    if loop is not None:
        return f"aligns_to makes a loop: {_excerpt(loop, ref.key)}; an objective cannot support itself"
    return ""


_SHOWN = 6  # keys of a loop shown in full; a longer loop is shown by its ends and its length


def _excerpt(loop: tuple[str, ...], start: str) -> str:
    """`A → B → C → A`, from `start`; for a long loop `A → B → C → … → Z → A (1,000 objectives)`."""
    at = loop.index(start)
    keys = list(loop[at:] + loop[:at])
    if len(keys) <= _SHOWN:
        return " → ".join([*keys, start])
    return " → ".join([*keys[:3], "…", keys[-1], start]) + f" ({len(keys):,} objectives)"


def _at(ref: Ref, where: Mapping[str, Any], level: Severity, rule: str, message: str, pointer: str) -> Diagnostic:
    return Diagnostic(ref.file, int(where["line"]), int(where["column"]), level, rule, one_line(message), pointer)
