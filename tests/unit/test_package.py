"""What the package is made of: the schema it ships is the published one, the hosts are optional
extras, and no module but the MkDocs and Sphinx adapters imports MkDocs (the wheel itself, built and
installed: tests/build/test_wheel.py)."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

from fixtures.sites import REPO


def test_the_two_schema_copies_are_the_same_bytes() -> None:
    published = (REPO / "schema" / "okr.schema.json").read_bytes()
    packaged = (REPO / "mkdocs_okr" / "schema" / "okr.schema.json").read_bytes()
    assert published == packaged


def test_the_hosts_are_optional_extras() -> None:
    requires = importlib.metadata.requires("mkdocs-okr") or []
    core = [r for r in requires if "extra ==" not in r]
    assert not [r for r in core if r.startswith(("sphinx", "myst", "zensical"))], core
    for extra, needs in {"sphinx": ["sphinx", "myst-parser"], "zensical": ["zensical"]}.items():
        assert [r.split(">")[0] for r in requires if f'extra == "{extra}"' in r] == needs


def test_the_core_imports_nothing_of_mkdocs() -> None:
    """Every module but the MkDocs adapter (the plugin and for_mkdocs/) and the Sphinx one:
    the core, the modules every host shares, the command line and the Markdown extension (Zensical runs it)."""
    probe = (
        "import importlib, pkgutil, sys, mkdocs_okr\n"
        "adapters = {'mkdocs_okr.plugin', 'mkdocs_okr.sphinx', 'mkdocs_okr.__main__'}\n"
        "names = [m.name for m in pkgutil.walk_packages(mkdocs_okr.__path__, 'mkdocs_okr.') if m.name not in adapters and '.for_mkdocs' not in m.name]\n"
        "assert len(names) > 50, names\n"
        "for name in names: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
