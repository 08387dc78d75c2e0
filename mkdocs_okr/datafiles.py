"""Read the data files shipped inside the package (vocabularies, rules, schema)."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import yaml

_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def text(path: str) -> str:
    """A package data file's text, e.g. `schema/okr.schema.json`."""
    return files("mkdocs_okr").joinpath(path).read_text(encoding="utf-8")


def load_yaml(path: str) -> Any:
    """A package YAML file, read with the C safe loader when PyYAML has it (ten times faster)."""
    return yaml.load(text(path), Loader=_SafeLoader)
