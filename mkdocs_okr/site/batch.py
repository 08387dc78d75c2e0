"""Check many pages, and render their cards, in the background: in worker processes when it pays.

A build spends one core on MkDocs; checking OKR pages is independent page by page, so a large
site's pages are checked by worker processes on the other cores while MkDocs renders, in chunks
submitted in page order (the first chunk small, so the first page that needs its result gets it
soon). A result is waited for only when it is needed. Small sites, or machines with one core, are
checked in the calling process. Results are the same either way.

A worker leaves each chunk's results (cards and OKRs: about 9 KB a page) in a file of a spool
folder, and sends back only the file's name; the caller reads the file when it needs the chunk.
Sent back through the pool, the results were read as they came, by a thread of the caller that
took the interpreter lock from MkDocs for every piece of the pipe: about 1 % of a 5,000-page build.

What only workers need (multiprocessing, the pool, pickling, the spool) is imported when workers
start: most batches have none, and a one-file check on the command line should not pay for them.
"""

from __future__ import annotations

import gc
import os
import sys
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from ..check import Options
from ..classify import warm_up as warm_up_classifier
from ..history.checkins import Version
from ..show import render
from . import sigterm
from .outcome import Checked, Look, page

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
FIRST_CHUNK = 8
CHUNK = 64  # pages per task: large enough to amortise the hand-over, small enough to start early
MIN_PAGES = 200  # below this, starting a worker costs more than it saves


@dataclass(frozen=True)
class Item:
    """One page to check: its key, its bytes, the name used in diagnostics, its card's links (to
    the stylesheet, and to the rule pages) as seen from the page, and its history."""

    key: str
    raw: bytes
    file: str
    css_url: str
    guidance_url: str = render.GUIDANCE_URL
    past: tuple[Version, ...] = ()  # the page's versions in git, oldest first, for its check-ins


def workers_for(pages: int, requested: int | None, caller_busy: bool = True) -> int:
    """How many worker processes to use: as requested, or, for `None`, what pays on this machine;
    a caller that only waits for the results (the command line) leaves every core to the workers."""
    if requested is not None:
        return max(0, requested)
    cores = os.cpu_count() or 1
    return min(cores - caller_busy, 4) if pages >= MIN_PAGES and cores > 1 else 0


def check_chunk(items: Sequence[Item], options: Options, look: Look) -> list[Checked]:
    """Check pages one after the other and render the cards of OKR pages (this runs in a worker)."""
    return [page(item.raw, item.file, options, look, item.css_url, item.guidance_url, item.past) for item in items]


def check_to_file(items: Sequence[Item], options: Options, look: Look, path: str) -> str:
    """`check_chunk`, its results left in the file `path` (this runs in a worker); returns `path`."""
    import pickle

    with open(path, "wb") as file:
        pickle.dump(check_chunk(items, options, look), file, pickle.HIGHEST_PROTOCOL)
    return path


def _spool() -> str:
    """A new folder, that only this user may write to, for the workers' results; "" when the
    temporary folder (`TMPDIR`) cannot take one: the pages are then checked in this process."""
    import tempfile

    try:
        return tempfile.mkdtemp(prefix="mkdocs-okr-")
    except OSError:
        return ""


def _read_results(path: str) -> list[Checked] | None:
    """The results a worker left in `path`, the file removed; None when it cannot be read."""
    import pickle

    try:
        with open(path, "rb") as file:
            results: list[Checked] = pickle.load(file)
        os.unlink(path)
    except (OSError, pickle.UnpicklingError, EOFError):
        return None
    return results


def warm_up(look: Look) -> None:
    """Load what checking needs (and the templates, when `look` wants cards), so a new worker is
    ready when the first pages arrive; then set it aside from the garbage collector, which would
    otherwise walk it on every full pass (and a forked worker would copy each memory page that the
    walk touches)."""
    warm_up_classifier()
    if look.cards:
        render.environment(look.search_paths)
    gc.freeze()


class Batch:
    """Pages being checked; `get(key)` waits for a page's chunk only when it is not done yet."""

    def __init__(self, options: Options, look: Look, workers: int = 0, fork: bool = False) -> None:
        """`fork`: start the workers as copies of this process, ready at once; only for a process
        that runs no threads (the command line). A build starts fresh interpreters instead, since
        `mkdocs serve` runs threads, and forking a threaded process is unsafe."""
        self.options, self.look = options, look
        self.chunks: list[list[Item]] = []  # emptied once collected: a page's bytes are not kept
        self.order: list[str] = []
        self.chunk_of: dict[str, int] = {}
        self.done: dict[str, Checked] = {}
        self.futures: list[Future[str] | None] = []  # each chunk's results file
        self.checked_here = 0  # chunks this process checked itself
        self.pool: ProcessPoolExecutor | None = None
        self.spool = ""  # where workers leave results
        self._remove_spool: weakref.finalize | None = None
        if workers:
            sigterm.guard(self)  # first: SIGTERM then stops whatever exists of the spool and the pool
            self.spool = _spool()
        if not self.spool:
            sigterm.release(self)
            return
        import shutil

        # removed on close, on SIGTERM, or when Python exits after an interrupted build
        self._remove_spool = weakref.finalize(self, shutil.rmtree, self.spool, True)
        forking = fork and sys.platform == "linux"
        self.pool = _pool(workers, look, forking)
        if not forking:  # fresh interpreters: each warms up as it starts
            for _ in range(workers):
                self._submit(warm_up, look)

    def submit(self, items: Sequence[Item]) -> None:
        """Queue pages, in order (after those queued before); with workers, they start at once."""
        sizes = [CHUNK if self.chunks else FIRST_CHUNK] + [CHUNK] * len(items)
        start = 0
        for size in sizes:
            if start >= len(items):
                break
            chunk = list(items[start : start + size])
            self.chunk_of.update((item.key, len(self.chunks)) for item in chunk)
            self.order += [item.key for item in chunk]
            self.chunks.append(chunk)
            path = os.path.join(self.spool, f"{len(self.futures)}.pickle")
            self.futures.append(self._submit(check_to_file, chunk, self.options, self.look, path))
            start += size

    def get(self, key: str) -> Checked | None:
        """The result for one page, or None when it was not submitted."""
        if key not in self.done and key in self.chunk_of:
            self._collect(self.chunk_of[key])
        return self.done.get(key)

    def all(self) -> dict[str, Checked]:
        """Every result, in the order the pages were submitted. Rather than wait for workers that
        are behind (cores shared with other work), this process checks the chunks that no worker
        has started yet, from the last one back, while the workers go on from the front."""
        pending = [n for n, chunk in enumerate(self.chunks) if chunk]
        while pending:
            last, future = pending[-1], self.futures[pending[-1]]
            if future is None or future.done() or future.cancel():
                self._collect(last)
                pending.pop()
            else:  # the workers hold every chunk left: wait for them in order
                self._collect(pending.pop(0))
        return {key: self.done[key] for key in self.order}

    def call(self, fn: Callable[..., T], *args: Any) -> Callable[[], T]:
        """Start `fn(*args)` in a worker, when there are workers; returns what waits for its result.
        Without workers, or when the worker failed, it runs here, when first asked for."""
        future = self._submit(fn, *args)
        return cache(lambda: _result(future, lambda: fn(*args)))

    def close(self, wait: bool = False) -> None:
        """Stop the workers. `wait` for them when the process is about to exit: a pool left to stop
        on its own races Python's exit (CPython 3.11 then prints "Bad file descriptor" from
        concurrent.futures' exit hook); a build does not wait."""
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
        self._stopped()

    def terminate(self) -> None:
        """Kill the workers at once, then remove the spool, which none of them can write to any
        more: the process is ending (SIGTERM), and a chunk being checked may take seconds. Takes
        none of the pool's locks, which the interrupted code may hold."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())  # Python 3.14 has kill_workers()
        pending = getattr(self.pool, "_pending_work_items", None) or {}
        for work_id, item in list(pending.items()):
            if item.future.cancelled():  # chunks `all` took back: when its workers die, Python 3.11's pool
                pending.pop(work_id, None)  # sets an error on each pending future, and fails on these
        for process in processes:
            process.kill()
        for process in processes:
            process.join()
        self._stopped()

    def _stopped(self) -> None:
        """The workers are stopped: the spool goes, and SIGTERM need not stop them."""
        self.pool = None
        if self._remove_spool is not None:
            self._remove_spool()
        sigterm.release(self)

    def _submit(self, fn: Callable[..., T], *args: Any) -> Future[T] | None:
        """`fn(*args)` started in a worker; None without workers, or when a worker died (the pool
        is then broken): the caller does the work itself."""
        if self.pool is None:
            return None
        from concurrent.futures.process import BrokenProcessPool

        try:
            with sigterm.held():  # a submission may start a worker
                return self.pool.submit(fn, *args)
        except BrokenProcessPool:
            return None

    def _collect(self, n: int) -> None:
        chunk, future = self.chunks[n], self.futures[n]
        if not chunk:
            return  # collected already
        path = _result(future, lambda: "")
        checked = _read_results(path) if path else None
        if checked is None:
            checked = self._here(chunk)
        self.done.update((item.key, c) for item, c in zip(chunk, checked))
        self.chunks[n], self.futures[n] = [], None

    def _here(self, chunk: list[Item]) -> list[Checked]:
        self.checked_here += 1
        return check_chunk(chunk, self.options, self.look)


def _pool(workers: int, look: Look, fork: bool) -> ProcessPoolExecutor:
    """The worker processes, none started yet: copies of this process, warmed up first, for
    `fork`; else fresh interpreters."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if fork:
        warm_up(look)
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork" if fork else "spawn"))


def _result(future: Future[T] | None, here: Callable[[], T]) -> T:
    """A worker's result; or `here()`, the same work done in this process, when there is no
    worker, the work was taken back before it started, or the worker died or could not start
    (a real error in the work then shows itself here)."""
    if future is not None and not future.cancelled():
        try:
            return future.result()
        except Exception:
            pass
    return here()
