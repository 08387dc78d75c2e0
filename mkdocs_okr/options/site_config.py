"""Read a site's mkdocs.yml for the command line: docs_dir and the okr plugin's options.

The file is read as MkDocs reads it (`configfile`), and the options as the plugin reads them, from
the same table (table.py), without importing MkDocs, whose import would be most of the time a
one-file check takes (a pre-commit hook runs one on every commit).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check import Options
from ..show.render import GUIDANCE_URL
from ..site.translations import Languages, languages_from
from .mkdocs_yml import SiteConfigError
from .mkdocs_yml import read as read_file
from .readers import SettingError
from .table import MKDOCS, core_options, of_host, read_options, unknown


@dataclass(frozen=True)
class SiteConfig:
    """What the checker needs from mkdocs.yml."""

    path: Path
    docs_dir: Path
    options: Options
    warnings: tuple[str, ...] = ()  # options that are not the plugin's, as MkDocs warns of them
    languages: Languages | None = None  # the site's translations, with mkdocs-static-i18n
    guidance_url: str = GUIDANCE_URL  # where the rule pages are (`rules/<id>/` added), for links to them


def load(path: Path) -> SiteConfig:
    """Read `path` (a mkdocs.yml) and the okr plugin's options, as the build reads them."""
    data = read_file(path)
    docs_dir = data.get("docs_dir") or "docs"
    if not isinstance(docs_dir, str):
        raise SiteConfigError(f"{path}: docs_dir: expected the path of a folder, got {docs_dir!r}")
    given = _plugin_options(data.get("plugins"), "okr")
    if not isinstance(given, (dict, type(None))):
        raise SiteConfigError(f"{path}: the okr plugin's options: expected a mapping of option to value, got {given!r}")
    languages = languages_from(_plugin_options(data.get("plugins"), "i18n"))
    values, warnings = _values(path, given or {})
    return SiteConfig(path, path.parent / docs_dir, core_options(values), warnings, languages, values["guidance_url"])


def read(path: Path, given: dict[Any, Any]) -> tuple[Options, tuple[str, ...]]:
    """The plugin's options as the build reads them, and what MkDocs would warn of (an option
    that is not one); SiteConfigError for the first option that is wrong."""
    values, warnings = _values(path, given)
    return core_options(values), warnings


def _values(path: Path, given: dict[Any, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Every option of the plugin as read (`read_options`), and the warnings of `read`."""
    known = [option.name for option in of_host(MKDOCS)]
    warnings = tuple(
        f'{path}: okr plugin option "{key}": {unknown(str(key), known)}' for key in given if key not in known
    )
    try:
        return read_options(given, MKDOCS), warnings
    except SettingError as error:
        raise SiteConfigError(f'{path}: okr plugin option "{error.setting}": {error}') from None


def _plugin_options(plugins: Any, plugin: str) -> Any:
    """The options given to `plugin`, in any of the forms mkdocs.yml allows."""
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    else:
        entries = [next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins or ()]
    for name, options in entries:
        if name == plugin:
            return options
    return None
