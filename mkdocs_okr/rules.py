"""The rule registry (data/rules.yaml) and the policy that turns a finding into a severity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml

from .model import Severity


@dataclass(frozen=True)
class Rule:
    """A kind of finding: its id, default severity and what it means."""

    id: str
    severity: Severity
    summary: str
    fix: str


@lru_cache(maxsize=1)
def registry() -> dict[str, Rule]:
    """Every rule, by id, in the order of the registry file."""
    text = files("mkdocs_okr").joinpath("data/rules.yaml").read_text(encoding="utf-8")
    return {
        rule_id: Rule(rule_id, Severity(entry["severity"]), entry["summary"], entry["fix"])
        for rule_id, entry in yaml.safe_load(text).items()
    }


def severity_of(rule: str, overrides: Mapping[str, Severity]) -> Severity:
    """The severity of `rule`: the site's override, else the registry's default."""
    return overrides.get(rule) or registry()[rule].severity
