"""SIGTERM stops a run with workers as cleanly as Ctrl-C (issue 21, item 5): a real check and a
real build, each sent SIGTERM while its workers are busy, leave no process and no spool behind,
and end as a process ended by SIGTERM does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fixtures.pages import OKR_PAGE
from fixtures.sites import CLI

PAGES = 1500  # enough to be mid-run when the first results are in
DEADLINE = 120  # seconds for each wait: a bound, not a measure


def children(pid: int) -> set[int]:
    """The processes `pid` started, as /proc lists them."""
    found: set[int] = set()
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found |= {int(child) for child in listing.read_text().split()}
        except OSError:  # the thread ended
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its entry waits for its new parent


def wait_for(condition: object, what: str) -> None:
    end = time.monotonic() + DEADLINE
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < end, f"no {what} within {DEADLINE} s"
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("command", ["check", "build"])
def test_sigterm_leaves_no_worker_and_no_spool(command: str, tmp_path: Path) -> None:
    root, spool_parent = tmp_path / "site", tmp_path / "tmp"
    (root / "docs").mkdir(parents=True)
    spool_parent.mkdir()
    (root / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - okr:\n      workers: 2\n", encoding="utf-8")
    for i in range(PAGES):
        (root / "docs" / f"p{i:04d}.md").write_text(OKR_PAGE, encoding="utf-8")
    args = [*CLI, "check", "--workers", "2"] if command == "check" else [sys.executable, "-m", "mkdocs", "build", "-q"]
    stderr = tmp_path / "stderr"
    with stderr.open("w") as err:  # a pipe would be held open by workers that outlive the run
        run = subprocess.Popen(
            args, cwd=root, env={**os.environ, "TMPDIR": str(spool_parent)}, stdout=subprocess.DEVNULL, stderr=err
        )
    workers: set[int] = set()
    try:
        wait_for(
            lambda: run.poll() is not None or any(spool_parent.glob("mkdocs-okr-*/*.pickle")), "results from workers"
        )
        assert run.poll() is None, "the run ended before it could be stopped; give it more pages"
        workers = children(run.pid)
        assert workers
        run.send_signal(signal.SIGTERM)
        assert run.wait(timeout=DEADLINE) == -signal.SIGTERM
        wait_for(lambda: not any(alive(pid) for pid in workers), "end of the workers")
        assert list(spool_parent.iterdir()) == []
        assert stderr.read_text() == ""
    finally:
        if run.poll() is None:
            run.kill()
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
