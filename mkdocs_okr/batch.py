"""Check many pages, in the background, in worker processes when it pays.

A build spends one core on MkDocs; checking OKR pages is independent page by page, so a large
site's pages are checked by worker processes on the other cores while MkDocs renders, in chunks
submitted in page order. A result is waited for only when it is needed. Small sites, or machines
with one core, are checked in the calling process. Results are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from .check import Options, PageResult, check_bytes

CHUNK = 64  # pages per task: large enough to amortise the hand-over, small enough to start early
MIN_PAGES = 200  # below this, starting a worker costs more than it saves

Item = tuple[str, bytes, str]  # key, the page's bytes, the name used in diagnostics


def workers_for(pages: int, requested: int | None) -> int:
    """How many worker processes to use: as requested, or, for `None`, what pays on this machine."""
    if requested is not None:
        return max(0, requested)
    cores = os.cpu_count() or 1
    return min(cores - 1, 4) if pages >= MIN_PAGES and cores > 1 else 0


def check_chunk(items: Sequence[Item], options: Options) -> list[PageResult]:
    """Check pages one after the other (this runs in a worker)."""
    return [check_bytes(raw, file, options) for _, raw, file in items]


class Batch:
    """Pages being checked; `result(key)` waits for a page's chunk only when it is not done yet."""

    def __init__(self, items: Sequence[Item], options: Options, workers: int = 0) -> None:
        self.options = options
        self.chunks = [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]
        self.chunk_of = {key: n for n, chunk in enumerate(self.chunks) for key, _, _ in chunk}
        self.done: dict[str, PageResult] = {}
        self.futures: list[Future[list[PageResult]] | None] = [None] * len(self.chunks)
        self.pool: ProcessPoolExecutor | None = None
        if workers and self.chunks:
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            self.futures = [self.pool.submit(check_chunk, chunk, options) for chunk in self.chunks]

    def result(self, key: str) -> PageResult | None:
        """The result for one page, or None when it was not in the batch."""
        if key not in self.done and key in self.chunk_of:
            self._collect(self.chunk_of[key])
        return self.done.get(key)

    def results(self) -> dict[str, PageResult]:
        """Every result, in the order the pages were given."""
        for n in range(len(self.chunks)):
            self._collect(n)
        return {key: self.done[key] for chunk in self.chunks for key, _, _ in chunk}

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def _collect(self, n: int) -> None:
        chunk, future = self.chunks[n], self.futures[n]
        if chunk[0][0] in self.done:
            return
        try:
            results = future.result() if future is not None else check_chunk(chunk, self.options)
        except Exception:  # a worker that died or could not start: check here instead, same result
            results = check_chunk(chunk, self.options)
        self.done.update((key, result) for (key, _, _), result in zip(chunk, results))
