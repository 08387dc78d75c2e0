"""Checking many pages in worker processes gives what checking them one by one gives."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import wait
from pathlib import Path

import pytest

from fixtures.pages import BAD_PAGE, OKR_PAGE
from mkdocs_okr.check import Options
from mkdocs_okr.rules.crosspage import outline
from mkdocs_okr.site.batch import MIN_PAGES, Batch, Item, check_chunk, workers_for
from mkdocs_okr.site.check import check_site
from mkdocs_okr.site.outcome import Look, page


def test_a_worker_batch_equals_checking_in_process() -> None:
    items = [
        Item(f"p{i}", (BAD_PAGE if i % 5 == 0 else OKR_PAGE).encode(), f"docs/p{i}.md", "x.css") for i in range(150)
    ]
    options = Options(customer=("restaurant owners",), customers_users=("diners",))
    batch = Batch(options, Look(), workers=1)
    batch.submit(items)
    assert batch.pool is not None and [len(c) for c in batch.chunks] == [8, 64, 64, 14]
    try:
        assert batch.get("p149") == check_chunk(items[149:], options, Look())[0]
        assert batch.get("p0").diagnostics and batch.get("p0").diagnostics[0].rule == "schema"
        everything = batch.all()
        assert list(everything.values()) == check_chunk(items, options, Look())
        assert everything["p1"].card is not None and "okr-card" in everything["p1"].card
        assert batch.get("not a page") is None
    finally:
        batch.close()


def test_workers_only_where_they_pay() -> None:
    assert workers_for(10, None) == 0
    assert workers_for(5000, 0) == 0 and workers_for(10, 3) == 3


def test_the_caller_checks_the_chunks_no_worker_has_started() -> None:
    """Asked for everything at once, the calling process takes chunks from the back instead of
    waiting for one worker to reach them; the results are those of checking in order."""
    items = [Item(f"p{i}", OKR_PAGE.encode(), f"docs/p{i:04d}.md", "x.css") for i in range(8 + 64 * 40)]
    options = Options(customer=("restaurant owners",))
    batch = Batch(options, Look(cards=False), workers=1)
    try:
        batch.submit(items)
        everything = batch.all()
    finally:
        batch.close()
    assert 0 < batch.checked_here < len(batch.futures)
    assert list(everything) == [item.key for item in items]
    assert list(everything.values()) == check_chunk(items, options, Look(cards=False))


def test_a_worker_that_dies_costs_no_result() -> None:
    """A worker killed mid-build (out of memory, say) breaks the pool: the pages it had are checked
    here, and work asked for afterwards runs here too, instead of failing the build."""
    items = [Item(f"p{i}", OKR_PAGE.encode(), f"docs/p{i}.md", "x.css") for i in range(100)]
    options = Options(customer=("restaurant owners",))
    batch = Batch(options, Look(), workers=1)
    try:
        batch.submit(items)
        assert batch.pool is not None
        for process in list(batch.pool._processes.values()):
            process.kill()
            process.join()
        wait([f for f in batch.futures if f is not None])  # the pool has seen the death: each future failed
        later = [Item("late", OKR_PAGE.encode(), "docs/late.md", "x.css")]
        batch.submit(later)
        assert list(batch.all().values()) == check_chunk(items + later, options, Look())
        assert batch.call(sorted, [3, 1, 2])() == [1, 2, 3]
    finally:
        batch.close()


def test_workers_leave_results_in_spool_files_that_the_caller_reads_and_removes() -> None:
    """Results come back as files in the batch's spool folder, not through the pool's pipe; a file
    that cannot be read is checked here instead; closing the batch removes the folder."""
    items = [Item(f"p{i}", OKR_PAGE.encode(), f"docs/p{i}.md", "x.css") for i in range(150)]
    options = Options(customer=("restaurant owners",))
    batch = Batch(options, Look(), workers=1)
    try:
        batch.submit(items)
        futures = [f for f in batch.futures if f is not None]
        wait(futures)
        paths = [f.result() for f in futures]
        assert len(paths) == len(batch.chunks) and all(os.path.dirname(p) == batch.spool for p in paths)
        os.unlink(paths[1])  # lost: its pages are checked here
        everything = batch.all()
        assert batch.checked_here == 1 and os.listdir(batch.spool) == []
        assert list(everything.values()) == check_chunk(items, options, Look())
        spool = batch.spool
    finally:
        batch.close()
    assert not os.path.exists(spool)


def test_pages_queued_in_several_calls_are_cut_into_full_chunks_after_the_first() -> None:
    items = [Item(f"p{i}", OKR_PAGE.encode(), f"docs/p{i}.md", "x.css") for i in range(200)]
    batch = Batch(Options(), Look(cards=False))
    batch.submit(items[:72])
    batch.submit(items[72:])
    assert [len(c) for c in batch.chunks] == [8, 64, 64, 64]
    assert list(batch.all()) == [item.key for item in items]


def test_the_command_line_checks_pages_while_it_reads_the_rest_and_finds_what_one_process_finds(tmp_path: Path) -> None:
    """With more OKR pages than it takes to start workers, the checker queues pages as it reads
    them; plain pages, a file it cannot read and the order of results are as in one process."""
    named = []
    for i in range(MIN_PAGES * 2):
        path = tmp_path / f"p{i:04d}.md"
        path.write_text(BAD_PAGE if i % 7 == 0 else OKR_PAGE if i % 3 else "# Plain\n", encoding="utf-8")
        named.append((f"docs/p{i:04d}.md", path))
    (tmp_path / "folder.md").mkdir()
    named.append(("docs/folder.md", tmp_path / "folder.md"))
    options = Options(customer=("restaurant owners",))
    parallel, serial = check_site(named, [], options), check_site(named, [], options, workers=0)
    assert parallel == serial and [name for name, _ in parallel.unreadable] == ["docs/folder.md"]
    assert len(parallel.okrs) > MIN_PAGES and [r.file for r in parallel.results] == sorted(n for n, _ in named[:-1])


def test_without_a_writable_temporary_folder_the_pages_are_checked_here(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    items = [Item(f"p{i}", OKR_PAGE.encode(), f"docs/p{i}.md", "x.css") for i in range(20)]
    batch = Batch(Options(), Look(), workers=1)
    try:
        batch.submit(items)
        assert batch.pool is None and batch.spool == ""
        assert list(batch.all().values()) == check_chunk(items, Options(), Look())
    finally:
        batch.close()


def test_an_interrupted_run_leaves_no_spool_folder_behind(tmp_path: Path) -> None:
    """A build stopped with Ctrl-C never closes its batch; the spool goes when Python exits."""
    script = (
        "import sys, tempfile; tempfile.tempdir = sys.argv[1]\n"
        "from mkdocs_okr.site.batch import Batch; from mkdocs_okr.site.outcome import Look; from mkdocs_okr.check import Options\n"
        "batch = Batch(Options(), Look(), workers=1); print(batch.spool)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().startswith(str(tmp_path)) and list(tmp_path.iterdir()) == []


def test_only_a_host_that_asks_for_outlines_gets_them() -> None:
    """The command line runs the cross-page rules on outlines; a build's workers do not make them."""
    for_build = page(OKR_PAGE.encode(), "docs/q1.md", Options(), Look(), "x.css")
    for_cli = page(OKR_PAGE.encode(), "docs/q1.md", Options(), Look(cards=False, outlines=True), None)
    assert for_build.outline_json is None and for_build.okr_json is not None
    assert for_cli.outline() == outline(for_cli.okr())
