"""The site's pages' history in git, for their check-ins: read once per build, before any page is checked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mkdocs.structure.files import File

from ..history.gitlog import History
from ..site.history import inside, site_history
from .runlog import Log


def page_history(pages: Sequence[File], docs_dir: str, log: Log) -> tuple[History, dict[str, str]]:
    """The history of the pages that are files of docs_dir (not generated ones), and the name
    git gives each, by its src_uri (a translation plugin may change the uri, never the file)."""
    folder = Path(docs_dir)
    where = {f.src_uri: name for f in pages if f.abs_src_path and (name := inside(Path(f.abs_src_path), folder))}
    if not where:
        return History(), where
    history, note = site_history(folder, set(where.values()))
    if note:
        log.info(note)
    return history, where
