"""Hover: on a key result's text, what the card's badge says of it and why; on a key, the schema's
description of it. The classifier's result is the one the check found (`KeyResult.controllability`),
so the hover and the finding never disagree."""

from __future__ import annotations

import re

import yaml

from ..levels import levels
from ..model import OKR, Controllability, KeyResult
from . import keys
from .blocks import Block, Point

_KEY_RESULT = re.compile(r"^(?P<kr>/okr/objectives/\d+/key_results/\d+)(/text)?$")


def hover(block: Block, point: Point, model: OKR | None) -> tuple[str, Point, Point] | None:
    """The hover's Markdown at a page point, and the span of the key or value it is about."""
    found = block.pointer_at(point)
    if found is None:
        return None
    pointer, on_key = found
    key, value = block.nodes(pointer)
    node = key if on_key else value
    if node is None:
        return None
    if on_key:
        title, description = keys.describe(keys.at(keys.steps(pointer)))
        text = (
            f"**{title}** (`{key.value}`)\n\n{description}" if description and isinstance(key, yaml.ScalarNode) else ""
        )
    else:
        match = _KEY_RESULT.match(pointer)
        kr = _key_result(model, match["kr"]) if match and isinstance(value, yaml.ScalarNode) else None
        text = badge(kr.controllability) if kr is not None and kr.controllability is not None else ""
    return (text, block.page(node.start_mark), block.page(node.end_mark)) if text else None


def badge(result: Controllability) -> str:
    """The badge's word and the classifier's reason, evidence and suggestion, in Markdown."""
    words = levels()[result.level.value]
    lines = [f"**{words['symbol']} {words['label']}** ({result.source})", "", result.reason]
    if result.evidence:
        lines += ["", "Evidence: " + ", ".join(f'"{e}"' for e in result.evidence)]
    if result.suggestion:
        lines += ["", f"Suggestion: {result.suggestion}"]
    return "\n".join(lines)


def _key_result(model: OKR | None, pointer: str) -> KeyResult | None:
    if model is None:
        return None
    return next((kr for o in model.objectives for kr in o.key_results if kr.pointer == pointer), None)
