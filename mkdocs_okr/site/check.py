"""Check many files as one site, for the command line: large sets in worker processes, and the
cross-page rules over the named files and, when given, the rest of the site as context."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..check import Options, PageResult
from ..history.gitlog import History
from ..model import Diagnostic
from ..read.text import may_be_okr_page
from ..rules.crosspage import add_cross_page
from .batch import CHUNK, MIN_PAGES, Batch, Item, workers_for
from .history import inside, site_history
from .outcome import Look
from .translations import Languages, cross_page_by_language


@dataclass
class SiteCheck:
    """The named files' results and OKRs (by file), and the named files that could not be read."""

    results: list[PageResult] = field(default_factory=list)
    okrs: list[str] = field(default_factory=list)  # each page's OKRs as the JSON report has them, serialised
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    notes: list[str] = field(default_factory=list)  # info lines for the user: why there are no check-ins from git


def check_site(
    named: Sequence[tuple[str, Path]],
    context: Sequence[tuple[str, Path]],
    options: Options,
    workers: int | None = None,
    languages: tuple[Languages, Path] | None = None,
) -> SiteCheck:
    """Check the `named` files (as (name, path)); `context` files are read only so that the
    cross-page rules see them, and an unreadable one is skipped. `languages`: the site's
    translations and its docs_dir, for a site translated with mkdocs-static-i18n."""
    site = SiteCheck()
    results: dict[str, PageResult] = {}
    batch: Batch | None = None
    pending: list[Item] = []  # read, not queued yet
    shown = {name for name, _ in named}
    history, where = _history([*named, *context], site) if options.git_history else (History(), {})
    try:
        for name, path in [*named, *context]:
            try:
                raw = read_page(path)
            except OSError as error:
                if name in shown:
                    site.unreadable.append((name, error.strerror or str(error)))
                continue
            if not may_be_okr_page(raw):
                results[name] = PageResult(name)
                continue
            pending.append(
                Item(name, raw, name, "", past=tuple(history.versions(where[name])) if name in where else ())
            )
            if batch is None and (workers is not None or len(pending) >= MIN_PAGES):
                batch = _batch(options, len(pending), workers)  # enough pages to know: workers start now
            if batch is not None and len(pending) >= CHUNK:
                batch.submit(pending)  # checked while the rest is read
                pending = []
        if batch is None:
            batch = _batch(options, len(pending), workers)
        batch.submit(pending)
        checked = batch.all()
    finally:
        if batch is not None:
            batch.close(wait=True)  # the command exits next
    results.update((name, PageResult(name, c.is_okr_page, None, c.diagnostics)) for name, c in checked.items())
    okrs = [okr for c in checked.values() if (okr := c.outline())]
    if languages is None:
        add_cross_page({name: r.diagnostics for name, r in results.items()}, okrs, options.severity)
    else:
        inside = {name: _inside(path, languages[1]) for name, path in [*named, *context]}
        for d in cross_page_by_language(okrs, options.severity, languages[0], inside):
            results[d.file].diagnostics.append(d)
            results[d.file].diagnostics.sort(key=Diagnostic.sort_key)
    site.results = sorted((r for name, r in results.items() if name in shown), key=lambda r: r.file)
    site.okrs = [c.okr_json for name, c in sorted(checked.items()) if c.okr_json and name in shown]
    return site


def _inside(path: Path, docs_dir: Path) -> str:
    """A page's path inside docs_dir, as mkdocs-static-i18n reads it ('' outside it)."""
    try:
        return path.resolve().relative_to(docs_dir.resolve()).as_posix()
    except ValueError:
        return ""


def _batch(options: Options, pages: int, workers: int | None) -> Batch:
    """A batch for the command line, which only waits for the results: workers forked, one per core."""
    return Batch(options, Look(cards=False, outlines=True), workers_for(pages, workers, caller_busy=False), fork=True)


def read_page(path: Path) -> bytes:
    """A file's bytes; OSError when it cannot be read or is not a regular file (a named pipe would
    block the check for ever, a device never end)."""
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return file.read()


def _history(pages: Sequence[tuple[str, Path]], site: SiteCheck) -> tuple[History, dict[str, str]]:
    """The pages' history in git, read once from the folder that holds them all, and the name git
    gives each page, by its name in the report."""
    if not pages:
        return History(), {}
    folder = Path(os.path.commonpath([os.path.dirname(os.path.abspath(path)) for _, path in pages]))
    where = {name: found for name, path in pages if (found := inside(path, folder))}
    history, note = site_history(folder, set(where.values()))
    if note:
        site.notes.append(note)
    return history, where
