"""dev/golden.py, which proves a refactor changed no output, records the same outputs twice from
the same sources, and says so when one differs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fixtures.sites import REPO

GOLDEN = [sys.executable, str(REPO / "dev" / "golden.py")]


def test_golden_outputs_are_the_same_from_the_same_sources_and_a_change_is_named(tmp_path: Path) -> None:
    out = tmp_path / "golden"
    record = subprocess.run([*GOLDEN, "record", str(out), "--pages", "20"], capture_output=True, text=True, timeout=600)
    assert record.returncode == 0, record.stderr
    assert {p.name for p in out.iterdir()} == {"guidance", "bench", "tests-check", "hosts"}
    same = subprocess.run([*GOLDEN, "compare", str(out), "--pages", "20"], capture_output=True, text=True, timeout=600)
    assert (same.returncode, same.stdout.strip()) == (0, "every golden output is byte-identical"), (
        same.stdout + same.stderr
    )
    (out / "bench" / "okrs.json").write_text("{}", encoding="utf-8")
    changed = subprocess.run(
        [*GOLDEN, "compare", str(out), "--pages", "20"], capture_output=True, text=True, timeout=600
    )
    assert changed.returncode == 1 and changed.stdout.startswith("bench/okrs.json: differs"), changed.stdout
