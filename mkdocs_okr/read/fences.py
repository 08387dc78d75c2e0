"""Find the fenced `okr` blocks of a Markdown page (```` ```okr ```` or `~~~okr`), as CommonMark
reads fences: a fence closes with the same character, at least as many times; a fence inside
another fence is only shown, not read; a fence never closed runs to the end of the page."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .positions import Origin

_OPEN = re.compile(r"^(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
INFO = "okr"


@dataclass(frozen=True)
class Fence:
    """One fenced okr block: where it stands in the lines, and the YAML inside."""

    start: int  # index of the opening line
    end: int  # index of the closing line, or the number of lines when it is never closed
    indent: str  # the opening line's indentation, removed from every line inside
    text: str

    def origin(self, first_line: int = 1) -> Origin:
        """Where its YAML stands in the page, when `lines[0]` is the page's line `first_line`."""
        return Origin(first_line + self.start + 1, len(self.indent))


def okr_fences(lines: Sequence[str]) -> list[Fence]:
    """Every fenced block whose info string is `okr`, in page order."""
    found = []
    for start, end, opening in fenced_blocks(lines):
        if opening["info"].split(maxsplit=1)[:1] == [INFO]:
            indent = opening["indent"]
            inside = [
                line[len(indent) :] if line.startswith(indent) else line.lstrip(" ") for line in lines[start + 1 : end]
            ]
            found.append(Fence(start, end, indent, "\n".join(inside)))
    return found


def fenced_blocks(lines: Sequence[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
    """Every fenced block of any kind, in page order: the index of its opening line, of its closing
    line (the number of lines when it is never closed), and the opening line's match."""
    n = 0
    while n < len(lines):
        opening = _OPEN.match(lines[n])
        if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
            n += 1
            continue
        fence = opening["fence"]
        closing = re.compile(rf"^[ ]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((m for m in range(n + 1, len(lines)) if closing.match(lines[m])), len(lines))
        yield n, end, opening
        n = end + 1
