"""Turn a schema-valid okr block into the model: default ids, plain-string key results, site defaults."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..model import OKR, CheckIn, Finding, Health, KeyResult, Objective, human_path
from .frontmatter import FrontMatter


def names(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """A name or a list of names as a tuple, stripped, without blanks."""
    items = [value] if isinstance(value, str) else list(value or ())
    return tuple(n.strip() for n in items if n and n.strip())


def build_okr(
    front: FrontMatter,
    file: str,
    customer: Sequence[str] = (),
    customers_users: Sequence[str] = (),
    stands: Callable[[str], bool] = lambda pointer: True,
) -> tuple[OKR, list[Finding]]:
    """The model of a valid okr block, and the `duplicate-id` findings among its ids. For the
    salvaged copy of an invalid block, `stands` says which parts are the page's own (see
    `salvage.Salvaged.stands`): an id that is not takes no part in `duplicate-id`, which would
    otherwise compare a stand-in's default id (the page's "2nd" read as O2) with a real one."""
    block: dict[str, Any] = front.data["okr"]
    findings: list[Finding] = []
    objectives = []
    seen_objectives: dict[str, str] = {}
    for i, raw in enumerate(block["objectives"]):
        pointer = f"/okr/objectives/{i}"
        objective = Objective(
            id=raw.get("id") or f"O{i + 1}",
            title=raw["title"],
            pointer=pointer,
            line=front.positions.position(pointer).line,
            column=front.positions.position(pointer).column,
            ignore=raw.get("ignore", {}),
            type=raw.get("type"),
        )
        if "aligns_to" in raw:
            objective.aligns_to = raw["aligns_to"].strip()
            objective.aligns_to_at = front.positions.position(f"{pointer}/aligns_to")
        if stands(f"{pointer}/id"):
            _check_unique(objective.id, pointer, seen_objectives, front, findings, "objective")
        seen_results: dict[str, str] = {}
        for j, item in enumerate(raw["key_results"]):
            kr = _key_result(item, f"{pointer}/key_results/{j}", j, front)
            if stands(f"{kr.pointer}/id"):
                _check_unique(kr.id, kr.pointer, seen_results, front, findings, "key result")
            objective.key_results.append(kr)
        objectives.append(objective)
    okr = OKR(
        file=file,
        team=block["team"],
        period=str(
            int(block["period"]) if isinstance(block["period"], float) else block["period"]
        ),  # 2026.0 is the year 2026
        customer=names(block["customer"]) if "customer" in block else names(customer),
        customers_users=(names(block["customers_users"]) if "customers_users" in block else names(customers_users)),
        objectives=objectives,
        ignore=block.get("ignore", {}),
        no_customers_users=block.get("customers_users") == [],
        team_at=front.positions.position("/okr/team"),
        health=[_health(item, f"/okr/health/{n}", front) for n, item in enumerate(block.get("health", ()))],
    )
    return okr, findings


def _key_result(item: str | dict[str, Any], pointer: str, index: int, front: FrontMatter) -> KeyResult:
    fields: dict[str, Any] = {"text": item} if isinstance(item, str) else item
    at = front.positions.position(pointer)
    return KeyResult(
        id=fields.get("id") or f"KR{index + 1}",
        text=fields["text"],
        pointer=pointer,
        line=at.line,
        column=at.column,
        baseline=fields.get("baseline"),
        target=fields.get("target"),
        current=fields.get("current"),
        unit=fields.get("unit"),
        measures=fields.get("measures"),
        updated=fields.get("updated"),
        confidence=fields.get("confidence"),
        checkins=sorted(
            (_check_in(c, f"{pointer}/checkins/{i}") for i, c in enumerate(fields.get("checkins", ()))),
            key=lambda c: c.date,
        ),
        ignore=fields.get("ignore", {}),
        kind=fields.get("kind", "metric"),
        declared_direction=fields.get("direction"),
        least=fields.get("min"),
        most=fields.get("max"),
        done=fields.get("done"),
        written_score=fields.get("score"),
        weight=fields.get("weight"),
    )


def _health(fields: dict[str, Any], pointer: str, front: FrontMatter) -> Health:
    at = front.positions.position(pointer)
    return Health(
        fields["name"],
        fields["value"],
        pointer,
        at.line,
        at.column,
        fields.get("min"),
        fields.get("max"),
        fields.get("unit"),
    )


def _check_unique(
    ident: str, pointer: str, seen: dict[str, str], front: FrontMatter, findings: list[Finding], what: str
) -> None:
    if ident in seen:
        first = front.positions.position(seen[ident]).line
        message = f'{human_path(pointer)}.id: "{ident}" is already the id of the {what} on line {first}'
        findings.append(
            Finding(
                "duplicate-id", front.positions.position(f"{pointer}/id"), message + "; give each its own id", pointer
            )
        )
    else:
        seen[ident] = pointer


def _check_in(fields: dict[str, Any], pointer: str) -> CheckIn:
    return CheckIn(fields["date"], fields.get("value"), fields.get("confidence"), fields.get("note"), pointer=pointer)
