"""The words each controllability level is shown with: badge, reason and finding (data/levels.yaml)."""

from __future__ import annotations

from functools import lru_cache

from .datafiles import load_yaml


@lru_cache(maxsize=1)
def levels() -> dict[str, dict[str, str]]:
    """Each level's symbol, label, reason and wording; rendering needs only these."""
    found: dict[str, dict[str, str]] = load_yaml("data/levels.yaml")
    return found
