"""The pytest fixtures every tier shares, the tier's marker on each test, and the summary printed at
the end of a run. What tests share that is not a fixture (writing and building sites, sample pages,
helpers) is in tests/fixtures.

The tiers are folders: tests/unit (in process and no build, at most the command line on a page or
two: `pytest tests/unit`, in seconds), tests/build (real builds by MkDocs, ProperDocs, Sphinx and
Zensical, pre-commit, packages, the command line over sites, the oldest libraries allowed) and
tests/browser (Chromium). Each test also carries its tier's marker, so that `pytest -m "not browser"`
and the like select across folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pytest

from fixtures.git import init
from fixtures.sites import DATA, FIGURES, write_site

HERE = Path(__file__).parent
TIERS = ("unit", "build", "browser")  # registered as markers in pyproject.toml
SHOWN: list[str] = []  # the figures the tests recorded, as their reports bring them in

# CI sets FORCE_COLOR, which makes Sphinx colour its log even into a pipe; the suite runs that way
# everywhere, so a test that reads a host's log without asking for plain text fails here too.
os.environ["FORCE_COLOR"] = "1"


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


@pytest.fixture(scope="session", autouse=True)
def inside_git(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test's tmp_path is inside one git work tree with no commit yet, as a site in a new
    repository is: its pages have no history, and a build says nothing of git. Tests of check-ins
    make repositories of their own (fixtures/git.py), and the one of a site outside git a folder
    outside this one (tests/build/test_git_history.py)."""
    init(tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def reproducible_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs stamps the build time into pages unless SOURCE_DATE_EPOCH is set."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium, one for each test module that asks (tests/browser)."""
    from fixtures.browser import chromium

    with chromium() as launched:
        yield launched


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than the cores (`-n auto`): many tests wait on a build in a subprocess or on
    the browser, and a spare worker keeps the cores busy meanwhile (on 2 cores, 420 s against 510 s)."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the tier its folder names, and put the modules marked long first, the
    longest first: each runs in one worker, and one started last would keep the whole run waiting."""

    def seconds(item: pytest.Item) -> float:
        mark = item.get_closest_marker("long")
        return mark.args[0] if mark else 0

    items.sort(key=seconds, reverse=True)
    for item in items:
        try:
            tier = item.path.relative_to(HERE).parts[0]
        except ValueError:
            continue
        if tier in TIERS:
            item.add_marker(tier)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport() -> Iterator[None]:
    """Carry the figures a test recorded on its report: under pytest-xdist a test runs in a worker,
    and only its reports reach the process that prints the summary."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    report.user_properties.extend(("figure", line) for line in FIGURES)
    FIGURES.clear()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    SHOWN.extend(value for key, value in report.user_properties if key == "figure")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.section("resolved versions")  # a failure after an upstream release names it
    terminalreporter.write_line(resolved_versions())
    if SHOWN:
        terminalreporter.section("measured figures")
        for line in SHOWN:
            terminalreporter.write_line(line)


def resolved_versions() -> str:
    """The versions of the libraries the package runs on, as this environment resolved them."""
    import yaml

    libyaml = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "none"
    found = []
    for name in (
        "mkdocs",
        "markdown",
        "pyyaml",
        "jsonschema",
        "jinja2",
        "click",
        "mkdocs-material",
        "sphinx",
        "myst-parser",
        "zensical",
    ):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} absent")
    return ", ".join(found) + f", libyaml {libyaml}"
