"""Read a site's mkdocs.yml for the command line: docs_dir and the okr plugin's options.

Nothing in the file is executed: MkDocs' own tags (`!ENV`, `!relative`) are resolved by hand and
every other tag (`!!python/name:...`) is read as an empty value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .check import Options
from .config import OkrConfig, options_from
from .translations import Languages, languages_from


class SiteConfigError(Exception):
    """mkdocs.yml cannot be read, or the okr plugin's options are wrong."""


@dataclass(frozen=True)
class SiteConfig:
    """What the checker needs from mkdocs.yml."""

    path: Path
    docs_dir: Path
    options: Options
    warnings: tuple[str, ...] = ()  # options that are not the plugin's, as MkDocs warns of them
    languages: Languages | None = None  # the site's translations, with mkdocs-static-i18n


class _Loader(yaml.SafeLoader):
    """Safe loading plus MkDocs' tags, without executing anything."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)
    if not names:
        return os.environ.get(default)
    return next((os.environ[n] for n in names if n in os.environ), default)


def _ignored(loader: _Loader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node) or ".")
_Loader.add_multi_constructor("", _ignored)


def load(path: Path) -> SiteConfig:
    """Read `path` (a mkdocs.yml) and validate the okr plugin's options as the build would."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError) as error:
        raise SiteConfigError(f"{path}: cannot read: {error}") from None
    except yaml.YAMLError as error:
        raise SiteConfigError(f"{path}: not valid YAML: {error}".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: expected a mapping of settings")
    docs_dir = path.parent / str(data.get("docs_dir") or "docs")
    options = _plugin_options(data.get("plugins"), "okr")
    if not isinstance(options, (dict, type(None))):
        raise SiteConfigError(f"{path}: the okr plugin's options: expected a mapping of option to value, got {options!r}")
    config = OkrConfig(config_file_path=str(path))
    config.load_dict(options or {})
    failed, warnings = config.validate()
    if failed:
        key, error = failed[0]
        raise SiteConfigError(f'{path}: okr plugin option "{key}": {error}')
    problems = tuple(f'{path}: okr plugin option "{key}": {warning}' for key, warning in warnings)
    languages = languages_from(_plugin_options(data.get("plugins"), "i18n"))
    return SiteConfig(path, docs_dir, options_from(config), problems, languages)


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
