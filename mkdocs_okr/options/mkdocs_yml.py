"""mkdocs.yml read as MkDocs 1.6 reads it (`mkdocs.utils.yaml`), without importing MkDocs.

Nothing in the file is executed. `!ENV` is resolved as MkDocs' pyyaml-env-tag resolves it,
`!relative` reads as its text, and every other tag (`!!python/name:...`) reads as an empty value.
`INHERIT` names a parent file, relative to the file that names it; the file's settings are merged
into the parent's as MkDocs merges them (mergedeep): mappings key by key, any other value
replaced. A parent may inherit in turn.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml


class SiteConfigError(Exception):
    """mkdocs.yml cannot be read, or the okr plugin's options are wrong."""


class _Loader(yaml.SafeLoader):
    """Safe loading plus MkDocs' tags, without executing anything."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    """The first of the named variables that is set, its value typed as YAML types a plain value
    (`5` a number, `true` a boolean); else the default, the last item of a list of two or more;
    else None."""
    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        items = node.value
        if len(items) > 1:
            default, items = loader.construct_object(items[-1]), items[:-1]
        names = [loader.construct_scalar(item) for item in items]
    else:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"!ENV: expected a variable's name or a list, found a {type(node).__name__.removesuffix('Node').lower()}",
            node.start_mark,
        )
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            return loader.construct_object(
                yaml.ScalarNode(loader.resolve(yaml.ScalarNode, value, (True, False)), value)
            )
    return default


def _ignored(loader: _Loader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node) or ".")  # type: ignore[arg-type]  # !relative is written on a scalar
_Loader.add_multi_constructor("", _ignored)


def read(path: Path) -> dict[str, Any]:
    """The settings of `path` (a mkdocs.yml), with those it inherits."""
    return _read(os.path.abspath(path), str(path), [])


def _read(file: str, shown: str, inheriting: list[tuple[str, str]]) -> dict[str, Any]:
    """`file`'s settings over those it inherits; `shown` is how messages name it, `inheriting`
    the files that inherit it (each as a real path, and as shown)."""
    try:
        data = yaml.load(Path(file).read_text(encoding="utf-8-sig"), Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError) as error:
        raise SiteConfigError(f"{shown}: cannot read: {error}") from None
    except yaml.YAMLError as error:
        raise SiteConfigError(f"{shown}: not valid YAML: {error}".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise SiteConfigError(f"{shown}: expected a mapping of settings")
    if "INHERIT" not in data:
        return data
    named = data.pop("INHERIT")
    if not isinstance(named, str) or not named:
        raise SiteConfigError(f"{shown}: INHERIT: expected the path of a file, got {named!r}")
    parent = os.path.normpath(os.path.join(os.path.dirname(file), named))
    shown_parent = os.path.normpath(os.path.join(os.path.dirname(shown), named))
    chain = [*inheriting, (os.path.realpath(file), shown)]
    if os.path.realpath(parent) in {real for real, _ in chain}:
        files = [name for _, name in chain] + [shown_parent]
        raise SiteConfigError(f"{shown}: INHERIT: a cycle: {' inherits '.join(files)}")
    if not os.path.exists(parent):
        raise SiteConfigError(f'{shown}: INHERIT: "{named}" does not exist (looked for {parent})')
    return _merged(_read(parent, shown_parent, chain), data)


def _merged(parent: dict[Any, Any], child: dict[Any, Any]) -> dict[Any, Any]:
    """`child` merged into `parent`, which is returned."""
    for key, value in child.items():
        if isinstance(parent.get(key), dict) and isinstance(value, dict):
            _merged(parent[key], value)
        else:
            parent[key] = copy.deepcopy(value)
    return parent
