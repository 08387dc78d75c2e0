"""SIGTERM ends a run that has workers as cleanly as Ctrl-C does.

Left to its default, SIGTERM ends the process on the spot: its workers, blocked on a pipe that
they hold open themselves, live on under PID 1 until their queue runs dry, and the spool keeps its
files. So while a batch has workers, SIGTERM first kills them and removes the spool, then ends the
process as SIGTERM does by default (a shell reports status 143). A Python handler that was there
before is restored and called instead.

Python lets only the main thread set handlers; MkDocs builds in it, `mkdocs serve` included.
"""

from __future__ import annotations

import os
import signal
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, Protocol


class Stoppable(Protocol):
    def terminate(self) -> None:
        """Stop the workers now and remove what they left."""


_live: weakref.WeakSet[Stoppable] = weakref.WeakSet()
_previous: Any = None  # the handler ours replaced, while ours is set
_owner = 0  # the process that set ours: a worker forked from it inherits the handler, not its work
_holding = 0  # how deep in `held()` this process is
_deferred = False  # SIGTERM came while held


def guard(batch: Stoppable) -> None:
    """Have SIGTERM stop `batch` before the process ends, until `release(batch)`."""
    global _previous, _owner
    _live.add(batch)
    if _previous is not None or threading.current_thread() is not threading.main_thread():
        return
    current = signal.getsignal(signal.SIGTERM)
    if current is signal.SIG_IGN or current is None:  # ignored on purpose, or set outside Python
        return
    _previous, _owner = current, os.getpid()
    signal.signal(signal.SIGTERM, _on_sigterm)


def release(batch: Stoppable) -> None:
    """`batch` is stopped: SIGTERM need not stop it; the handler before ours is back with the last."""
    _live.discard(batch)
    if not _live:
        _restore()


@contextmanager
def held() -> Iterator[None]:
    """Let SIGTERM wait while a worker may be starting: one started but not yet known to its pool
    would be missed, and one spawned but not yet told what to run prints a traceback."""
    global _holding, _deferred
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1
        if not _holding and _deferred:
            _deferred = False
            _on_sigterm(signal.SIGTERM, None)


def _restore() -> Any:
    global _previous
    previous, _previous = _previous, None
    if previous is not None and signal.getsignal(signal.SIGTERM) is _on_sigterm:
        signal.signal(signal.SIGTERM, previous)
    return previous


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    global _deferred
    if os.getpid() != _owner:  # a forked worker: end as by default
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    if _holding:
        _deferred = True
        return
    previous = _restore()
    ending = not callable(previous)
    if ending:  # first, while the pools' threads are idle: they tear down the queues of killed workers
        from multiprocessing import util

        util._run_finalizers(0)  # type: ignore[attr-defined]  # private, but what Python's exit calls; as it does: frees the pools' named semaphores, which the
        # resource tracker would report as leaked once this process is gone
    for batch in list(_live):
        batch.terminate()
    if ending:
        signal.raise_signal(signum)
    else:
        previous(signum, frame)
