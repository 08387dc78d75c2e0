"""Nothing a page or a mkdocs.yml says is executed: YAML tags that would run code, each first shown
to create a file when loaded unsafely, create nothing through the checker, a build or the data files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from fixtures.sites import run_cli

# each writes the file named {marker} when an unsafe loader constructs it
PAYLOADS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.check_call [[touch, '{marker}']]",
    "!!python/object/apply:subprocess.run [[touch, '{marker}']]",
    '!!python/object/apply:builtins.exec [\'open("{marker}", "w").close()\']',
]
PAGE = """\
---
okr:
  team: {payload}
  period: 2026-Q1
  objectives:
    - title: Keep restaurants on the platform
      key_results:
        - Raise the renewal rate of restaurant owners from 82% to 90%
        - {payload}
---
# Q1
"""


@pytest.fixture(params=PAYLOADS)
def payload(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    """A payload, proven live: loaded unsafely (in another process) it creates its file."""
    marker = tmp_path / "owned"
    text = request.param.format(marker=marker)
    subprocess.run(
        [sys.executable, "-c", "import sys, yaml; yaml.unsafe_load(sys.argv[1])", text], capture_output=True, timeout=60
    )
    assert marker.exists(), "the payload does not work, so its absence below would prove nothing"
    marker.unlink()
    return text, marker


def test_a_pages_tags_run_nothing_in_the_checker_or_the_build(
    payload: tuple[str, Path], site: Callable[..., Path]
) -> None:
    text, marker = payload
    root = site({"q1.md": PAGE.format(payload=text)})
    check = run_cli("check", cwd=root)
    assert check.returncode == 1 and "is not allowed" in check.stdout and "docs/q1.md:3:9: error:" in check.stdout
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert build.returncode == 0 and "docs/q1.md:3:9: the tag" in build.stderr
    assert not marker.exists()


def test_tags_in_mkdocs_yml_run_nothing_in_the_checker(payload: tuple[str, Path], site: Callable[..., Path]) -> None:
    text, marker = payload
    config = f"site_name: T\nextra:\n  x: {text}\nplugins:\n  - okr:\n      customer: {text}\n"
    root = site({"q1.md": PAGE.format(payload="Restaurant platform")}, config)
    check = run_cli("check", cwd=root)
    assert check.returncode == 2 and "Traceback" not in check.stderr  # the tag reads as nothing: no customer
    assert (
        check.stderr
        == 'Error: mkdocs.yml: okr plugin option "customer": expected a name or a list of names, got None\n'
    )
    assert not marker.exists()


def test_the_packages_data_files_are_read_with_a_safe_loader(
    payload: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_okr import datafiles

    text, marker = payload
    monkeypatch.setattr(datafiles, "text", lambda path: f"rule: {text}\n")
    with pytest.raises(yaml.constructor.ConstructorError):
        datafiles.load_yaml("data/rules.yaml")
    assert not marker.exists()
