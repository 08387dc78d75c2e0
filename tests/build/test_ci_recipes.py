"""The CI recipes on the guidance site's "In CI" page parse, follow their tools' schemas, and their commands
pass on this repository; the pre-commit hook they point to (.pre-commit-hooks.yaml) is a valid manifest."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fixtures.sites import REPO

PAGE = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
TEXTS = re.findall(r"```yaml\n(.*?)```", PAGE, re.DOTALL)
BLOCKS = [yaml.safe_load(block) for block in TEXTS]
MANIFEST = REPO / ".pre-commit-hooks.yaml"
HOOKS = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def commands() -> list[str]:
    github, gitlab, precommit = BLOCKS
    found = [step["run"] for step in github["jobs"]["okrs"]["steps"] if "run" in step]
    found += gitlab["okrs"]["script"]
    (entry,) = precommit["repos"]
    (used,) = entry["hooks"]
    (hook,) = [h for h in HOOKS if h["id"] == used["id"]]
    # pre-commit runs the manifest's entry, then the config's args, then the file names
    found.append(
        " ".join([hook["entry"], *used.get("args", []), "docs/index.md", "docs/examples/food-delivery-after.md"])
    )
    return [c for c in found if not c.startswith("pip install")]  # the package is installed already


def formats_of_the_cli() -> set[str]:
    """The --format choices of the installed `mkdocs-okr check`, read from its --help."""
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs_okr", "check", "--help"], capture_output=True, text=True, timeout=60
    )
    return set(re.search(r"--format \[([a-z|]+)\]", run.stdout).group(1).split("|"))


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True, timeout=120
    )


def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], capture_output=True, text=True, timeout=120)


def test_there_are_three_recipes() -> None:
    assert len(BLOCKS) == 3 and "jobs" in BLOCKS[0] and "okrs" in BLOCKS[1] and "repos" in BLOCKS[2]


@pytest.mark.parametrize("block, schema", [(0, "vendor.github-workflows"), (1, "vendor.gitlab-ci")])
def test_the_ci_recipes_follow_their_schemas(block: int, schema: str, tmp_path: Path) -> None:
    recipe = tmp_path / "recipe.yml"
    recipe.write_text(TEXTS[block], encoding="utf-8")
    run = check_jsonschema("--builtin-schema", schema, str(recipe))
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(TEXTS[0].replace("runs-on:", "run-on:"), encoding="utf-8")
    assert check_jsonschema("--builtin-schema", "vendor.github-workflows", str(broken)).returncode == 1


def test_the_github_recipe_annotates_and_uploads_sarif() -> None:
    steps = BLOCKS[0]["jobs"]["okrs"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "mkdocs-okr check --strict --format github" in runs
    sarif = runs.index("mkdocs-okr check --format sarif > okr.sarif")
    upload = steps[sarif + 1]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3" and upload["with"]["sarif_file"] == "okr.sarif"
    assert steps[sarif]["if"] == upload["if"] == "always()"  # findings make the check steps fail: upload anyway
    assert BLOCKS[0]["permissions"]["security-events"] == "write"


def test_the_pre_commit_recipe_is_a_valid_config_using_this_repositorys_hook(tmp_path: Path) -> None:
    # check-jsonschema has no builtin schema for .pre-commit-config.yaml; pre-commit validates its own.
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(TEXTS[2], encoding="utf-8")
    run = pre_commit("validate-config", str(config))
    assert run.returncode == 0, run.stdout + run.stderr
    (entry,) = BLOCKS[2]["repos"]
    assert (entry["repo"], entry["rev"]) == ("https://github.com/mkdocs-okr/mkdocs-okr", "v0.1.0")
    assert [hook["id"] for hook in entry["hooks"]] == ["mkdocs-okr"]
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")  # no tomllib before Python 3.11
    assert (
        f'\nversion = "{entry["rev"].removeprefix("v")}"\n' in project and f'\nSource = "{entry["repo"]}"\n' in project
    )


def test_the_hook_manifest_is_valid(tmp_path: Path) -> None:
    # check-jsonschema has no builtin schema for .pre-commit-hooks.yaml either; pre-commit validates its own.
    run = pre_commit("validate-manifest", str(MANIFEST))
    assert run.returncode == 0, run.stdout + run.stderr
    (hook,) = HOOKS
    assert {k: hook[k] for k in ("id", "name", "entry", "language", "types", "require_serial")} == {
        "id": "mkdocs-okr",
        "name": "mkdocs-okr",
        "entry": "mkdocs-okr check",
        "language": "python",
        "types": ["markdown"],
        "require_serial": True,  # cross-page rules: all files in one call
    }
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        MANIFEST.read_text(encoding="utf-8").replace("require_serial: true", "require_serial: yes please"),
        encoding="utf-8",
    )
    assert pre_commit("validate-manifest", str(broken)).returncode == 1


@pytest.mark.parametrize("command", sorted(set(commands())))
def test_each_recipe_command_passes_on_this_repository(command: str, tmp_path: Path) -> None:
    wanted = re.search(r"--format (\w+)", command)
    if wanted and wanted.group(1) not in formats_of_the_cli():
        pytest.skip(f"`mkdocs-okr check --format {wanted.group(1)}` is not in this CLI yet")
    for name in ("mkdocs.yml", "docs", "hooks"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
