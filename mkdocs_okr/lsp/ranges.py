"""How far a finding reaches on its line: the YAML token that starts at its column.

The core places a finding at the start of its key or value (line and column, as the command line
prints them); an editor underlines a range. The range's end is read from the page's text, so that
the underline covers the key, the quoted or plain value, or the flow collection, and not the line.
"""

from __future__ import annotations

_QUOTES = "\"'"
_CLOSING = {"[": "]", "{": "}"}


def token_end(line: str, start: int) -> int:
    """The end (exclusive, 0-based) of the token that starts at `start` in `line`: a quoted
    scalar to its closing quote, a flow collection to its closing bracket, a key to its colon, a
    plain value to a comment or, inside a flow collection, to the next `,`; never before `start`,
    and the rest of the line when the token does not close on it."""
    if start >= len(line):
        return start
    first = line[start]
    if first in _QUOTES:
        return _quoted_end(line, start)
    if first in _CLOSING:
        return _flow_end(line, start)
    return _plain_end(line, start, _in_flow(line, start))


def _quoted_end(line: str, start: int) -> int:
    quote, n = line[start], start + 1
    while n < len(line):
        if quote == '"' and line[n] == "\\":
            n += 2
            continue
        if line[n] == quote:
            if quote == "'" and line[n + 1 : n + 2] == "'":  # '' is a quote inside single quotes
                n += 2
                continue
            return n + 1
        n += 1
    return len(line.rstrip())


def _flow_end(line: str, start: int) -> int:
    depth, n = 0, start
    while n < len(line):
        char = line[n]
        if char in _QUOTES:
            n = _quoted_end(line, n)
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return n + 1
        n += 1
    return len(line.rstrip())


def _plain_end(line: str, start: int, in_flow: bool) -> int:
    n = start
    while n < len(line):
        char, after = line[n], line[n + 1 : n + 2]
        if char == ":" and after in ("", " ", "\t") or (in_flow and char == ":" and after in ",]}"):
            break  # the end of a key
        if char == "#" and n > start and line[n - 1] in " \t":
            break  # a comment
        if in_flow and char in ",]}":
            break
        n += 1
    return max(start + 1, len(line[start:n].rstrip()) + start)


def _in_flow(line: str, start: int) -> bool:
    """Whether `start` stands inside a flow collection opened earlier on the line."""
    depth, n = 0, 0
    while n < start:
        char = line[n]
        if char in _QUOTES and (n == 0 or line[n - 1] in " \t[{,:"):
            n = _quoted_end(line, n)
            continue
        if char == "#" and n > 0 and line[n - 1] in " \t":
            return False
        depth += char in "[{"
        depth -= char in "]}"
        n += 1
    return depth > 0
