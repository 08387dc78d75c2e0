"""The package on the oldest libraries its requirements allow: the core and MkDocs tests run again
in a fresh environment with each floor pinned, so a floor that no longer works is caught here, not
by a user whose resolver picked it. The newest are what the main run resolves."""

from __future__ import annotations

import re
import subprocess
import venv
from pathlib import Path

import pytest

from fixtures.sites import REPO, record_figure

# the tests that exercise YAML, Markdown, MkDocs and the schema; Zensical and Sphinx, which pin
# libraries of their own, are tested on the newest only
CORE_TESTS = (
    "build/test_attacks.py",
    "unit/test_frontmatter.py",
    "unit/test_validate.py",
    "unit/test_schemaerrors.py",
    "build/test_plugin.py",
    "unit/test_markdown_extension.py",
    "build/test_markdown_extension_builds.py",
    "build/test_cli.py",
    "build/test_site_index.py",
    "unit/test_site_index_parts.py",
    "build/test_broken_site.py",
    "build/test_startup.py",
)
THEME_FLOOR = "mkdocs-material==9.5.0"  # the floor of the docs extra, for the tests that build with it


def floors() -> list[str]:
    """`name==lowest` for each runtime requirement in pyproject.toml (an editable install's
    metadata keeps the requirements it was installed with)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and newer
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = re.match(r"([A-Za-z0-9_.-]+)[^;]*?>=([0-9][^,;\s]*)", requirement)
        assert match, f"a runtime requirement without a floor: {requirement}"
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def test_the_core_passes_on_the_oldest_libraries_allowed(tmp_path: Path) -> None:
    pins = floors()
    assert {pin.split("==")[0].lower() for pin in pins} >= {"pyyaml", "markdown", "mkdocs", "jsonschema"}
    env = tmp_path / "oldest"
    venv.create(env, with_pip=True)
    python = str(env / "bin" / "python")
    constraints = tmp_path / "floors.txt"
    constraints.write_text("\n".join([*pins, THEME_FLOOR]) + "\n", encoding="utf-8")
    install = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "-q",
            "-c",
            str(constraints),
            str(REPO),
            THEME_FLOOR,
            "pytest>=8",
            "hypothesis>=6.100",
        ],
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format", "freeze"], capture_output=True, text=True, check=True
    ).stdout
    for pin in pins:
        assert pin.lower() in listed.lower(), f"{pin} was not installed:\n{listed}"
    where = subprocess.run(
        [python, "-c", "import mkdocs_okr; print(mkdocs_okr.__file__)"], cwd=tmp_path, capture_output=True, text=True
    )
    assert str(env) in where.stdout, where.stdout + where.stderr  # the installed wheel, not the checkout
    tests = [str(REPO / "tests" / name) for name in CORE_TESTS]
    # run from outside the checkout, so the installed wheel is imported and not the source tree
    run = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "not zensical", *tests],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
    )
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    record_figure(f"oldest libraries ({', '.join(pins)}): {summary}")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
