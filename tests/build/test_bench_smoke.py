"""The benchmarks still run: a small smoke run of each (they would catch a generated site that is not clean)."""

from __future__ import annotations

import re
import subprocess
import sys

from fixtures.sites import REPO


def test_build_overhead_quick_run() -> None:
    run = subprocess.run(
        [sys.executable, "bench/build_overhead.py", "--quick"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "overhead %" in run.stdout and "  100 " in run.stdout


def test_accuracy_runs() -> None:
    run = subprocess.run(
        [sys.executable, "bench/accuracy.py", "--repeat", "1", "--set", "key_results.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "accuracy" in run.stdout and "key results per second" in run.stdout


def test_index_scaling_runs() -> None:
    run = subprocess.run(
        [sys.executable, "bench/index_scaling.py", "--pages", "50,100", "--rounds", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("index HTML") == 2 and "1.00 is linear growth" in run.stdout


def test_check_speed_quick_run() -> None:
    run = subprocess.run(
        [sys.executable, "bench/check_speed.py", "--quick"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"^\s+100\s+50\s.*\d+\.\dx\s", run.stdout, re.MULTILINE), run.stdout


def test_fuzz_runs() -> None:
    run = subprocess.run(
        [sys.executable, "bench/fuzz.py", "--examples", "50"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"^50 examples in [\d.]+ s", run.stdout, re.MULTILINE), run.stdout


def test_hostile_scaling_runs() -> None:
    run = subprocess.run(
        [sys.executable, "bench/hostile_scaling.py", "--sizes", "20,40"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.count(" us each ") == 6 and "one loop of aligns_to" in run.stdout


def test_startup_runs() -> None:
    run = subprocess.run(
        [sys.executable, "bench/startup.py", "--quick", "--pages", "6"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    for label in ("check one page", "check one page, schema errors", "--version", "python -c pass"):
        assert re.search(rf"^{re.escape(label)} +\d+\.\d{{3}} +\d+\.\d\d +\d+\.\d\d$", run.stdout, re.MULTILINE), (
            run.stdout
        )


def test_git_history_quick_run() -> None:
    run = subprocess.run(
        [sys.executable, "bench/git_history.py", "--quick"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "| 100 | 50 |" in run.stdout


def test_lsp_runs() -> None:
    run = subprocess.run(
        [sys.executable, "bench/lsp.py", "--pages", "60", "--keys", "3"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "open: pages read in" in run.stdout and run.stdout.count("the server's own time per check, median") == 2
