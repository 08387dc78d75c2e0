"""The rule registry (data/rules.yaml) and the policy that turns a finding into a severity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import load_yaml
from ..model import Severity


@dataclass(frozen=True)
class Rule:
    """A kind of finding: its id, default severity and what it means."""

    id: str
    severity: Severity
    summary: str
    fix: str
    by_level: dict[str, Severity]


@lru_cache(maxsize=1)
def registry() -> dict[str, Rule]:
    """Every rule, by id, in the order of the registry file."""
    return {
        rule_id: Rule(
            rule_id,
            Severity(entry["severity"]),
            entry["summary"],
            entry["fix"],
            {level: Severity(v) for level, v in entry.get("by_level", {}).items()},
        )
        for rule_id, entry in load_yaml("data/rules.yaml").items()
    }


def policy_keys() -> list[str]:
    """What a site may set a severity for: every rule id, and each controllability level."""
    keys = list(registry())
    for rule in registry().values():
        keys += [level for level in rule.by_level if level not in keys]
    return keys


def severity_of(rule: str, overrides: Mapping[str, Severity], key: str = "") -> Severity:
    """The severity of a finding: the site's setting for its key (a level), then for its rule,
    then the registry's default for the key, then for the rule."""
    if key and key in overrides:
        return overrides[key]
    if rule in overrides:
        return overrides[rule]
    entry = registry()[rule]
    return entry.by_level.get(key, entry.severity)
