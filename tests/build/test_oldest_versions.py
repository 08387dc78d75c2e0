"""The package on the oldest libraries its requirements allow: the core, MkDocs and language
server tests run again in a fresh environment with each floor pinned, so a floor that no longer
works is caught here, not by a user whose resolver picked it. The newest are what the main run resolves."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures import oldest
from fixtures.sites import record_figure

pytestmark = pytest.mark.long(110)  # a fresh environment and some 200 tests in it: started first (tests/conftest.py)


def test_the_core_passes_on_the_oldest_libraries_allowed(tmp_path: Path) -> None:
    pytest.importorskip("tomllib")  # the floors are read from pyproject.toml with it: Python 3.11 and newer
    result = oldest.main(tmp_path)
    pins = result["pins"]
    assert all("==" in pin for pin in pins), pins  # each runtime requirement has a floor
    assert {pin.split("==")[0].lower() for pin in pins} >= {"pyyaml", "markdown", "mkdocs", "jsonschema", "pygls"}
    assert result["install"] == 0, result["install_errors"]
    for pin in pins:
        assert pin.lower() in result["listed"].lower(), f"{pin} was not installed:\n{result['listed']}"
    assert result["env"] in result["where"], result["where"]  # the installed wheel, not the checkout
    summary = result["stdout"].strip().splitlines()[-1] if result["stdout"].strip() else ""
    record_figure(f"oldest libraries ({', '.join(pins)}): {summary}")
    assert result["returncode"] == 0, result["stdout"] + result["stderr"]
