"""Shared helpers: write real sites into tmp_path and build them with MkDocs itself."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from mkdocs.commands.build import build
from mkdocs.config import load_config

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
CLI = [sys.executable, "-m", "mkdocs_okr"]

# CI sets FORCE_COLOR, which makes Sphinx colour its log even into a pipe; the suite runs that way
# everywhere, so a test that reads a host's log without asking for plain text fails here too.
os.environ["FORCE_COLOR"] = "1"


@dataclass
class Built:
    """A site after a real build: its folders and the okr plugin's log lines."""

    root: Path
    site: Path
    logs: list[tuple[str, str]]

    def html(self, page: str) -> str:
        return (self.site / page).read_text(encoding="utf-8")

    def export(self) -> dict[str, Any]:
        """The site's okrs.json, checked against the report schema."""
        data = json.loads((self.site / "okrs.json").read_text(encoding="utf-8"))
        assert_report(data)
        return data

    @property
    def findings(self) -> list[str]:
        """The plugin's findings as `LEVEL message`, prefix removed."""
        return [f"{level} {msg.split(': ', 1)[1]}" for level, msg in self.logs]


def write_site(root: Path, files: Mapping[str, str | bytes], config: str) -> Path:
    """Write mkdocs.yml and docs/ files (text is dedented) under root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    for name, content in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def build_site(root: Path, caplog: pytest.LogCaptureFixture, **overrides: object) -> Built:
    """Build the site at root in-process with load_config + build, collecting the plugin's log."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.mkdocs_okr"):
        cwd = os.getcwd()
        os.chdir(root)
        try:
            config = load_config(str(root / "mkdocs.yml"), **overrides)
            build(config, dirty=bool(overrides.get("dirty")))
        finally:
            os.chdir(cwd)
    logs = [(r.levelname, r.getMessage()) for r in caplog.records if r.name.startswith("mkdocs.plugins.mkdocs_okr")]
    return Built(root, Path(config.site_dir), logs)


def run_mkdocs(
    *args: str, cwd: Path, env: Mapping[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs` (a build, usually) as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=timeout)


def run_cli(*args: str, cwd: Path, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs-okr` as a user would, in a subprocess; a JSON report it prints is checked
    against the published report schema, so every test that reads one also tests the contract."""
    full_env = {**os.environ, **(env or {})}
    run = subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=120)
    if args[:1] == ("check",) and "json" in args and run.returncode in (0, 1):
        assert_report(json.loads(run.stdout))
    return run


@lru_cache(maxsize=1)
def report_validator() -> Draft202012Validator:
    schema = json.loads((REPO / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_report(report: object) -> None:
    """Fail with every way `report` breaks schema/report.schema.json."""
    errors = [f"{e.json_path}: {e.message}" for e in report_validator().iter_errors(report)]
    assert errors == [], errors


@pytest.fixture
def site(tmp_path: Path) -> Callable[..., Path]:
    """Factory: site(files, config=...) writes a site into a fresh folder and returns its root."""
    counter = iter(range(1000))

    def make(files: Mapping[str, str | bytes], config: str = "site_name: Test\nplugins:\n  - okr\n") -> Path:
        return write_site(tmp_path / f"site{next(counter)}", files, config)

    return make


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    """A copy of tests/data/broken_site, safe to build."""
    return Path(shutil.copytree(DATA / "broken_site", tmp_path / "broken_site"))


@pytest.fixture(autouse=True)
def reproducible_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs stamps the build time into pages unless SOURCE_DATE_EPOCH is set."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


FIGURES: list[str] = []


def record_figure(line: str) -> None:
    """Keep a measured figure (time, memory, counts) to print at the end of the run, for quoting."""
    FIGURES.append(line)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.section("resolved versions")  # a failure after an upstream release names it
    terminalreporter.write_line(resolved_versions())
    if FIGURES:
        terminalreporter.section("measured figures")
        for line in FIGURES:
            terminalreporter.write_line(line)



def resolved_versions() -> str:
    """The versions of the libraries the package runs on, as this environment resolved them."""
    import yaml

    libyaml = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "none"
    found = []
    for name in ("mkdocs", "markdown", "pyyaml", "jsonschema", "jinja2", "click", "mkdocs-material", "sphinx", "myst-parser", "zensical"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} absent")
    return ", ".join(found) + f", libyaml {libyaml}"
