"""Read the data files shipped inside the package (vocabularies, rules, schema)."""

from __future__ import annotations

import os
from typing import Any

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def text(path: str) -> str:
    """A package data file's text, e.g. `schema/okr.schema.json`: read from the package's folder
    (the wheel installs it as files), without importlib.resources, which a one-file check would
    spend a twentieth of its time importing."""
    with open(os.path.join(_PACKAGE, path), encoding="utf-8") as file:
        return file.read()


def load_yaml(path: str) -> Any:
    """A package YAML file, read with the C safe loader when PyYAML has it (ten times faster).
    PyYAML is imported on the first file read, not with this module: `--version` reads none."""
    import yaml

    return yaml.load(text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
