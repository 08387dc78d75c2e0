"""Rule profiles (data/profiles.yaml): presets of severities and counts that a site picks by name.

A profile fills in what the site leaves unset; the site's own settings always win. Every profile
starts from `recommended`, so each preset names only what it changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from typing import Any

from ..datafiles import load_yaml
from ..model import Severity
from .readers import SettingError

BASE = "recommended"


@dataclass(frozen=True)
class Profile:
    name: str
    after: str  # the practice it follows
    summary: str
    options: Mapping[str, Any]  # option name to value, `recommended`'s under its own
    severity: Mapping[str, Severity]  # only what it changes


@lru_cache(maxsize=1)
def profiles() -> dict[str, Profile]:
    data = load_yaml("data/profiles.yaml")
    base = data[BASE]["options"]
    return {
        name: Profile(
            name,
            entry["after"],
            " ".join(entry["summary"].split()),
            {**base, **entry["options"]},
            {rule: Severity(level) for rule, level in entry["severity"].items()},
        )
        for name, entry in data.items()
    }


def profile_name(value: object) -> str:
    """The name of a profile, as the `profile` option reads it."""
    known = list(profiles())
    if isinstance(value, str) and value in known:
        return value
    close = get_close_matches(str(value), known, n=1)
    hint = f' — did you mean "{close[0]}"?' if close else ""
    raise SettingError(f"expected one of {', '.join(known)}, got {value!r}{hint}")
