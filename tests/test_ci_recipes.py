"""The CI recipes on the guidance site's "In CI" page parse, and their commands pass on this repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

PAGE = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", PAGE, re.DOTALL)]


def commands() -> list[str]:
    github, gitlab, precommit = BLOCKS
    found = [step["run"] for step in github["jobs"]["okrs"]["steps"] if "run" in step]
    found += gitlab["okrs"]["script"]
    hook = precommit["repos"][0]["hooks"][0]
    assert hook["types"] == ["markdown"] and hook["language"] == "python"
    found.append(hook["entry"] + " docs/index.md docs/examples/food-delivery-after.md")  # pre-commit passes file names
    return [c for c in found if not c.startswith("pip install")]  # the package is installed already


def test_there_are_three_recipes() -> None:
    assert len(BLOCKS) == 3 and "jobs" in BLOCKS[0] and "okrs" in BLOCKS[1] and "repos" in BLOCKS[2]


@pytest.mark.parametrize("command", sorted(set(commands())))
def test_each_recipe_command_passes_on_this_repository(command: str, tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "docs", "hooks"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
