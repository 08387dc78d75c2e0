"""The published schema ships inside the wheel, and an installed (non-editable) package validates with it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from fixtures.pages import BAD_PAGE
from fixtures.sites import REPO


def test_an_installed_wheel_carries_the_schema_and_validates(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ["pyproject.toml", "README.md", "LICENSE"]:
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "mkdocs_okr", source / "mkdocs_okr", ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(source)],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("mkdocs_okr-*.whl")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    # the dependencies (mkdocs, jsonschema, ...) come from this test environment, the package from the wheel
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    page = tmp_path / "page.md"
    page.write_text(BAD_PAGE, encoding="utf-8")
    probe = "import mkdocs_okr, sys; print(mkdocs_okr.__file__)"
    where = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert where.startswith(str(env_dir)), where
    run = subprocess.run(
        [env_dir / "bin" / "mkdocs-okr", "check", "page.md"], capture_output=True, text=True, cwd=tmp_path
    )
    assert run.returncode == 1 and "page.md:4:11: error: period" in run.stdout, run.stderr
    schema = subprocess.run([env_dir / "bin" / "mkdocs-okr", "schema"], capture_output=True, text=True, cwd=tmp_path)
    assert schema.stdout == (REPO / "schema" / "okr.schema.json").read_text(encoding="utf-8")
