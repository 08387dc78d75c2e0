"""The VS Code extension (editors/vscode) builds and packages into a .vsix with @vscode/vsce, from
the npm registry, as its README says: its dependencies as the lock file pins them, its TypeScript
checked and bundled, and the package holds the bundle and the setting that starts the server."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

from fixtures.sites import REPO

pytestmark = pytest.mark.long(60)  # npm ci and the bundle: started first (tests/conftest.py)

SOURCE = REPO / "editors" / "vscode"


def npm(*args: str, cwd: Path) -> None:
    run = subprocess.run(["npm", *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_the_extension_is_packaged_with_vsce(tmp_path: Path) -> None:
    work = tmp_path / "vscode"
    shutil.copytree(SOURCE, work, ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix"))
    npm("ci", "--no-audit", "--no-fund", "--prefer-offline", cwd=work)
    npm("exec", "--no", "--", "vsce", "package", "--out", str(tmp_path / "mkdocs-okr.vsix"), cwd=work)
    with zipfile.ZipFile(tmp_path / "mkdocs-okr.vsix") as vsix:
        names = vsix.namelist()
        manifest = json.loads(vsix.read("extension/package.json"))
        bundle = vsix.read("extension/out/extension.js").decode("utf-8")
    assert not [n for n in names if n.startswith(("extension/src/", "extension/node_modules/"))], names
    assert "textDocument/publishDiagnostics" in bundle  # the language client, bundled
    assert 'require("vscode")' in bundle  # the editor's own API, not bundled
    setting = manifest["contributes"]["configuration"]["properties"]["mkdocs-okr.command"]
    assert setting["default"] == ["mkdocs-okr", "lsp"]
    assert manifest["activationEvents"] == ["onLanguage:markdown"]
    assert manifest["version"] == version("mkdocs-okr")  # released together
