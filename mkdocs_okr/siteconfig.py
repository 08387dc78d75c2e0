"""Read a site's mkdocs.yml for the command line: docs_dir and the okr plugin's options.

The file is read as MkDocs reads it (`configfile`). Options that are plainly right are read without
MkDocs, whose import would be most of the time a one-file check takes (a pre-commit hook runs one on
every commit); any other goes through MkDocs' validation of the plugin's options, as the build
reads them, for its messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from .check import Options
from .configfile import SiteConfigError, read as read_file
from .limits import DEPTH_CEILING, Limits
from .settings import SettingError, link, name_list, severities, site_path, site_vocabulary
from .translations import Languages, languages_from


@dataclass(frozen=True)
class SiteConfig:
    """What the checker needs from mkdocs.yml."""

    path: Path
    docs_dir: Path
    options: Options
    warnings: tuple[str, ...] = ()  # options that are not the plugin's, as MkDocs warns of them
    languages: Languages | None = None  # the site's translations, with mkdocs-static-i18n


def load(path: Path) -> SiteConfig:
    """Read `path` (a mkdocs.yml) and validate the okr plugin's options as the build would."""
    data = read_file(path)
    docs_dir = data.get("docs_dir") or "docs"
    if not isinstance(docs_dir, str):
        raise SiteConfigError(f"{path}: docs_dir: expected the path of a folder, got {docs_dir!r}")
    options = _plugin_options(data.get("plugins"), "okr")
    if not isinstance(options, (dict, type(None))):
        raise SiteConfigError(f"{path}: the okr plugin's options: expected a mapping of option to value, got {options!r}")
    languages = languages_from(_plugin_options(data.get("plugins"), "i18n"))
    plain = plain_options(options or {})
    if plain is not None:
        return SiteConfig(path, path.parent / docs_dir, plain, (), languages)
    options_read, problems = validated(path, options or {})
    return SiteConfig(path, path.parent / docs_dir, options_read, problems, languages)


def validated(path: Path, options: dict[Any, Any]) -> tuple[Options, tuple[str, ...]]:
    """The plugin's options as MkDocs validates them for the build, and its warnings;
    SiteConfigError for the first option that is wrong."""
    from .config import OkrConfig, options_from

    config = OkrConfig(config_file_path=str(path))
    config.load_dict(options)
    failed, warnings = config.validate()
    if failed:
        key, error = failed[0]
        raise SiteConfigError(f'{path}: okr plugin option "{key}": {error}')
    problems = tuple(f'{path}: okr plugin option "{key}": {warning}' for key, warning in warnings)
    return options_from(config), problems


def _kind(kind: type) -> Callable[[object], object]:
    """A value of `kind`, or None (the option's default), as MkDocs' `Type` and `config.Day` take it."""

    def read(value: object) -> object:
        if value is None or isinstance(value, kind):
            return value
        raise SettingError("left to MkDocs' validation")

    return read


def _whole(least: int, most: int | None = None) -> Callable[[object], int]:
    """A whole number from `least` to `most`, as `config.Count` takes it."""

    def read(value: object) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and least <= value and (most is None or value <= most):
            return value
        raise SettingError("left to MkDocs' validation")

    return read


# Each option of config.OkrConfig, read as it reads a right value; SettingError for any other.
_PLAIN: dict[str, Callable[[object], Any]] = {
    "enabled": _kind(bool),
    "customer": name_list,
    "customers_users": name_list,
    "vocabulary": site_vocabulary,
    "guidance_url": link,
    "index": _kind(str),
    "export": site_path,
    "workers": _kind(int),
    "min_key_results": _whole(0),
    "max_key_results": _whole(1),
    "stale_after_days": _whole(0),
    "today": _kind(date),  # a date written as text is left to MkDocs' validation
    "max_front_matter_bytes": _whole(1),
    "max_depth": _whole(1, DEPTH_CEILING),
    "max_values": _whole(1),
    "severity": severities,
}
_LIMITS = {"max_front_matter_bytes": "front_matter_bytes", "max_depth": "depth", "max_values": "values"}
_OPTIONS = {f.name for f in fields(Options)} - {"limits"}  # the options that keep their name in the core


def plain_options(given: dict[Any, Any]) -> Options | None:
    """The plugin's options read without MkDocs; None unless each is an option and plainly right,
    which leaves MkDocs' validation to word the problem. A test holds it to `validated`."""
    if not given.keys() <= _PLAIN.keys():
        return None
    try:
        read = {key: _PLAIN[key](value) for key, value in given.items()}
    except SettingError:
        return None
    limits = Limits(**{field: read[key] for key, field in _LIMITS.items() if key in read})
    return Options(**{key: value for key, value in read.items() if key in _OPTIONS}, limits=limits)


def _plugin_options(plugins: Any, plugin: str) -> Any:
    """The options given to `plugin`, in any of the forms mkdocs.yml allows."""
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    else:
        entries = [
            next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins or ()
        ]
    for name, options in entries:
        if name == plugin:
            return options
    return None
