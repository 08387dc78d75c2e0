"""Builds are reproducible and leave the sources alone; `mkdocs serve` shows a broken page's finding
after its rebuild, and its absence after the fix, answering all along."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from fixtures.pages import GOOD
from fixtures.sites import DATA, record_figure

MATERIAL = "site_name: Reproducible\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - okr:\n      customer: [restaurant owners]\n      customers_users: [diners]\n      workers: {workers}\n"


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links as links) by relative path, with the SHA-256 of its bytes."""
    digests = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            digests[path.relative_to(folder).as_posix()] = "link:" + os.readlink(path)
        elif path.is_file():
            digests[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def mkdocs_build(root: Path, site_dir: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", site_dir], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr


def test_two_builds_are_byte_identical_and_the_sources_untouched(tmp_path: Path) -> None:
    """With SOURCE_DATE_EPOCH set (conftest sets it), on the broken-pages fixture and the index,
    in one process and with worker processes: the same bytes, and docs_dir exactly as it was."""
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    for page in (DATA / "broken_site" / "docs").rglob("*.md"):
        target = root / "docs" / page.relative_to(DATA / "broken_site" / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.read_bytes())
    before = tree_digest(root / "docs")
    outputs = []
    for n, workers in enumerate([0, 0, 2]):
        (root / "mkdocs.yml").write_text(MATERIAL.format(workers=workers), encoding="utf-8")
        mkdocs_build(root, f"../out{n}")
        outputs.append(tree_digest(tmp_path / f"out{n}"))
    assert len(outputs[0]) > 20 and "okrs.json" in outputs[0] and "okrs/index.html" in outputs[0]
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]
    assert tree_digest(root / "docs") == before


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    """The page's HTML, or None while the server does not answer it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def test_mkdocs_serve_shows_a_finding_after_the_rebuild_and_drops_it_after_the_fix(site: Callable[..., Path]) -> None:
    root = site({"index.md": "# Home\n", "q1.md": GOOD})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/q1/"
    answers: list[bool] = []

    def wait_for(condition: Callable[[str], bool], what: str, limit: float = 60) -> float:
        start = time.monotonic()
        while time.monotonic() - start < limit:
            html = fetch(url)
            answers.append(html is not None)
            if html is not None and condition(html):
                return time.monotonic() - start
            time.sleep(0.2)
        raise AssertionError(f"{what} not seen within {limit} s")

    try:
        started = wait_for(lambda html: 'class="okr-card"' in html, "the first build")
        answers.clear()  # from here on, the server must answer every request
        (root / "docs" / "q1.md").write_text(GOOD.replace("2026-Q1", "Q1 2026"), encoding="utf-8")
        broken = wait_for(lambda html: "okr-card--invalid" in html and "Q1 2026" in html, "the finding")
        (root / "docs" / "q1.md").write_text(GOOD, encoding="utf-8")
        fixed = wait_for(lambda html: 'class="okr-card"' in html and "okr-card--invalid" not in html, "the fix")
        assert all(answers), "the server stopped answering during a rebuild"
        record_figure(
            f"mkdocs serve: first build {started:.1f} s, finding shown {broken:.1f} s after the edit, gone {fixed:.1f} s after the fix"
        )
    finally:
        server.terminate()
        try:
            output = server.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            server.kill()
            output = server.communicate()[0]
    assert "Traceback" not in output
    assert 'q1.md:4:11: period: expected YYYY, YYYY-Qn or YYYY-Hn, got "Q1 2026" [schema]' in output
