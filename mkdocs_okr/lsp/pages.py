"""One open document checked as the command line and the Markdown hosts check it.

Its front matter goes through `check_text`, as `mkdocs-okr check` reads a page, and each fenced
`okr` block through `check_block`, as the Markdown extension reads one; the models are kept for
hover, and the front matter's outline for the cross-page rules, which see the rest of the site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..check import Options, PageResult, check_block, check_text
from ..history.checkins import Version
from ..model import OKR, Diagnostic
from ..read.fences import okr_fences
from ..read.positions import FRONT_MATTER
from ..read.text import normalise
from ..rules.crosspage import outline


@dataclass
class PageCheck:
    """A document's own findings, the model of each valid okr block by the page line (1-based) its
    YAML starts on, and what the cross-page rules read of its front matter."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    models: dict[int, OKR] = field(default_factory=dict)
    outline: dict[str, Any] | None = None


def check_document(text: str, file: str, options: Options, past: Sequence[Version] = ()) -> PageCheck:
    """Check a document's text; `file` is how findings name it, `past` its versions in git."""
    text = normalise(text)
    front = check_text(text, file, options, past)
    checked = PageCheck(list(front.diagnostics), outline=_outline(front))
    if front.okr is not None:
        checked.models[FRONT_MATTER.line] = front.okr
    for fence in okr_fences(text.split("\n")):
        origin = fence.origin()
        block = check_block(fence.text, origin, file, options)
        checked.diagnostics += block.diagnostics
        if block.okr is not None:
            checked.models[origin.line] = block.okr
    checked.diagnostics.sort(key=Diagnostic.sort_key)
    return checked


def _outline(result: PageResult) -> dict[str, Any] | None:
    """What the cross-page rules read of a page, as the command line's workers give it."""
    return outline(result.okr.to_dict()) if result.okr is not None else result.outline
