"""Names that look the same and are not: "Café" typed as one character é or as e and a combining
accent (NFC and NFD), a name with a zero-width space or a no-break space in it. The pages keep
what they say, letter for letter; these helpers tell the findings which names a reader could not
tell apart, and show where such names differ."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)  # a site has few team names, and the cross-page rules ask for each page's
def looks(name: str) -> str:
    """What a reader sees of `name`: compatibility forms folded (NFKC: no-break spaces, ligatures,
    composed and decomposed accents alike), invisible format characters dropped, runs of spaces as one."""
    if name.isascii():  # most names: NFKC leaves ASCII as it is, and no format character is ASCII
        return " ".join(name.split())
    folded = unicodedata.normalize("NFKC", name)
    return " ".join("".join(ch for ch in folded if unicodedata.category(ch) != "Cf").split())


def shown(name: str) -> str:
    """`name` with each character that a reader cannot see for what it is written as its code
    point (`Cafe\\u0301`, `Payments\\u200b`): combining marks, invisible characters, spaces other
    than the plain one, and characters that NFKC changes."""
    return "".join(ch if ch == " " or not _hidden(ch) else _escape(ch) for ch in name)


def _escape(ch: str) -> str:
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def _hidden(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category in ("Mn", "Me", "Cf", "Zs", "Zl", "Zp") or unicodedata.normalize("NFKC", ch) != ch
