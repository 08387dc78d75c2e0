"""`mkdocs serve`, run for real on 127.0.0.1: the first build prints every finding; a rebuild
prints only the pages whose findings changed, then one line that sums up the site."""

from __future__ import annotations

import logging
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from fixtures.pages import OKR_PAGE

DINERS = OKR_PAGE.replace(
    "Cut the median time for restaurant owners to publish a full menu from 3 days to 1 day",
    "Increase orders per diner per week from 1.2 to 1.5",
)
GUESTS = DINERS.replace("Restaurant platform", "Guest team").replace("per diner", "per guest")
DEADLINE = 120  # seconds for the whole serve session: a bound, not a measure
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Server:
    """A `mkdocs serve` process and the lines of its log, read as they come."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process, self.lines = process, queue.Queue[str]()
        self.end = time.monotonic() + DEADLINE
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(ANSI.sub("", line.rstrip("\n")))

    def build(self, until: str = "mkdocs_okr: OKR findings") -> list[str]:
        """The log lines up to the line that holds `until`: by default the summary that ends the
        plugin's report of a rebuild (MkDocs' own "Documentation built in 0.08 seconds" is not
        printed again when an earlier build took as long)."""
        seen = []
        while time.monotonic() < self.end:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if until in line:
                return seen
        raise AssertionError("no build finished before the deadline:\n" + "\n".join(seen))


@contextmanager
def serving(root: Path) -> Iterator[Server]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield Server(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def okr_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if "mkdocs_okr:" in line]


def test_a_rebuild_prints_only_the_pages_whose_findings_changed_then_a_summary(site: Callable[..., Path]) -> None:
    root = site({"index.md": "# Home\n", "okrs/a.md": DINERS, "okrs/b.md": GUESTS})
    diner = 'O1 KR2 measures diners, your customers\' users: outside your control ("orders", "diner") [controllability]'
    with serving(root) as server:
        first = okr_lines(server.build(until="Serving on"))  # watching for changes from then on
        assert len(first) == 2 and "docs/okrs/a.md:14:11:" in first[0] and "docs/okrs/b.md:14:11:" in first[1]

        (root / "docs/okrs/a.md").write_text(
            DINERS.replace("  objectives:", "  customers_users: [diners]\n  objectives:"), encoding="utf-8"
        )
        edited = okr_lines(server.build())
        assert edited == [
            f"WARNING -  mkdocs_okr: docs/okrs/a.md:15:11: {diner}",
            "INFO    -  mkdocs_okr: OKR findings changed on 1 of 2 OKR pages; the site has 2 warnings",
        ]

        (root / "docs/okrs/a.md").write_text(OKR_PAGE, encoding="utf-8")
        fixed = okr_lines(server.build())
        assert fixed == [
            "INFO    -  mkdocs_okr: docs/okrs/a.md: no findings now",
            "INFO    -  mkdocs_okr: OKR findings changed on 1 of 2 OKR pages; the site has 1 warning",
        ]

        (root / "docs/index.md").write_text("# Home, changed\n", encoding="utf-8")
        assert okr_lines(server.build()) == [
            "INFO    -  mkdocs_okr: OKR findings unchanged on 2 OKR pages; the site has 1 warning"
        ]


def test_under_strict_a_rebuild_that_leaves_a_warning_fails_as_the_first_build_did(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from mkdocs_okr.for_mkdocs.runlog import log_changes
    from mkdocs_okr.model import Diagnostic, Severity

    warning = Diagnostic("docs/a.md", 3, 5, Severity.WARNING, "controllability", "KR1 measures diners")
    findings = {"docs/a.md": [warning], "docs/b.md": []}
    log = logging.getLogger("mkdocs.plugins.test_runlog")
    for strict, level in [(False, "INFO"), (True, "WARNING")]:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger=log.name):
            log_changes(findings, findings, log, strict)
        assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
            (level, "OKR findings unchanged on 2 OKR pages; the site has 1 warning")
        ]
