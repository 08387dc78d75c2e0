"""The sites of a workspace: each one's settings, from its mkdocs.yml, and what the cross-page
rules read of each of its pages.

A page belongs to the site of the nearest mkdocs.yml above it, whose settings it is checked with,
as `mkdocs-okr check` run from that folder checks it; without one, to the workspace folder that
holds it, checked with the defaults. A site's pages are read once, in the background, and then
kept current: an open page by its text as it is typed, any other by the file when it changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check import Options, check_bytes
from ..cli import _markdown_files
from ..history.checkins import Version
from ..history.gitlog import History
from ..model import Diagnostic
from ..options.site_config import SiteConfigError, load
from ..rules.crosspage import Ref, cross_page, outline, page_objectives, placed, unplaced
from ..show.render import GUIDANCE_URL
from ..site.check import read_page
from ..site.history import folder_history, inside
from ..site.translations import Languages, cross_page_by_language

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def nearest_config(path: Path) -> Path | None:
    """The mkdocs.yml in the folder of `path` (or in `path`, a folder) or the nearest folder above it."""
    for folder in [path, *path.parents] if path.is_dir() else path.parents:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


@dataclass
class Site:
    """One site: its settings, where its pages are, and each page's outline (crosspage.outline)."""

    root: Path  # findings name a page by its path from here, as `check` run here names it
    options: Options = Options()
    guidance_url: str = GUIDANCE_URL
    pages: Path | None = None  # the folder the cross-page rules read (docs_dir)
    languages: Languages | None = None
    problem: str | None = None  # why its mkdocs.yml could not be read: checked with the defaults
    ready: threading.Event = field(default_factory=threading.Event)  # its pages are read
    history: History | None = None
    on_disk: dict[str, dict[str, Any]] = field(default_factory=dict)  # by page name
    typed: dict[str, dict[str, Any] | None] = field(default_factory=dict)  # open pages, as typed
    version: int = 0  # counts the changes to the outlines, so cross-page findings are reused until one
    # the cross-page findings of every page at one version: each open page republished after a
    # change reads them, so they are worked out once for all of them
    _found: tuple[int, dict[str, list[Diagnostic]]] = (-1, {})
    _refs: dict[str, tuple[Mapping[str, Any], list[Ref]]] = field(
        default_factory=dict
    )  # by page: (outline, its objectives)

    def name(self, path: Path) -> str:
        """How findings name the page at `path`."""
        relative = inside(path, self.root)
        return relative if relative is not None else path.as_posix()

    def past(self, path: Path) -> Sequence[Version]:
        """The page's versions in git, once the site's history is read (`read`)."""
        if self.history is None or self.pages is None:
            return ()
        where = inside(path, self.pages)
        return self.history.versions(where) if where is not None else ()

    def read(self) -> None:
        """Read every page's outline and the pages' history in git (slow: run it in a thread)."""
        found: dict[str, dict[str, Any]] = {}
        if self.pages is not None and self.pages.is_dir():
            if self.options.git_history:
                self.history = folder_history(self.pages)[0]
            for path in _markdown_files((self.pages,)):
                checked = read_outline(path, self.name(path), self.options)
                if checked is not None:
                    found[self.name(path)] = checked
        self.on_disk = found
        self.version += 1
        self.ready.set()

    def reread(self, path: Path) -> None:
        """A page changed on disk, or is gone."""
        if self.pages is None or inside(path, self.pages) is None:
            return
        name = self.name(path)
        checked = read_outline(path, name, self.options) if path.is_file() else None
        if checked != self.on_disk.get(name):
            self.version += 1
            if checked is None:
                self.on_disk.pop(name)
                self._refs.pop(name, None)
            else:
                self.on_disk[name] = checked

    def typing(self, name: str, outline: dict[str, Any] | None) -> bool:
        """An open page's outline as typed; whether what the cross-page rules read of it changed
        (the other open pages' findings may then change too), not only where its parts stand."""
        same = name in self.typed and unplaced(self.typed[name]) == unplaced(outline)
        self.typed[name] = outline
        if same:
            return False
        self.version += 1
        return True

    def closed(self, path: Path) -> None:
        """An open page was closed: its file is what counts again."""
        self.typed.pop(self.name(path), None)
        self.version += 1
        self.reread(path)

    def cross_page(self, name: str) -> list[Diagnostic]:
        """The findings of the cross-page rules on page `name`, over the site's pages as they are
        now; none until the pages are read, since a page not read yet would be missed."""
        if not self.ready.is_set():
            return []
        pages = {**self.on_disk, **self.typed}
        now = pages.get(name)
        if self._found[0] != self.version:
            okrs = [o for o in pages.values() if o is not None]
            if self.languages is None or self.pages is None:
                found = cross_page(okrs, self.options.severity, self._objectives)
            else:
                where = {n: inside(self.root / n, self.pages) or n for n in pages}
                found = cross_page_by_language(okrs, self.options.severity, self.languages, where, self._objectives)
            by_file: dict[str, list[Diagnostic]] = {}
            for d in sorted(found, key=Diagnostic.sort_key):
                by_file.setdefault(d.file, []).append(d)
            self._found = (self.version, by_file)
        mine = self._found[1].get(name, [])
        # a page whose lines moved but whose outline did not change keeps its findings, placed anew
        return [placed(d, now) for d in mine] if now is not None else mine

    def _objectives(self, okr: Mapping[str, Any]) -> list[Ref]:
        """A page's objectives, made again only when its outline is a new one: a keystroke changes
        one page, and making every page's objectives again cost the cross-page rules a third of their time."""
        name = str(okr["file"])
        kept = self._refs.get(name)
        if kept is None or kept[0] is not okr:
            kept = self._refs[name] = (okr, page_objectives(okr))
        return kept[1]


def read_outline(path: Path, name: str, options: Options) -> dict[str, Any] | None:
    """What the cross-page rules read of the page at `path`, None for a page they do not read."""
    try:
        raw = read_page(path)
    except OSError:
        return None
    result = check_bytes(raw, name, options)
    return outline(result.okr.to_dict()) if result.okr is not None else result.outline


class Sites:
    """Every site the open pages belong to, made when a page of it is first checked."""

    def __init__(self, folders: Iterable[Path]) -> None:
        self.folders = sorted(folders, key=lambda f: -len(f.parts))  # the innermost first
        self.sites: dict[Path, Site] = {}

    def of(self, path: Path) -> tuple[Site, bool]:
        """The site of the page at `path` (or of the pages in `path`, a folder), and whether it is
        new (its pages are not read yet)."""
        config = nearest_config(path)
        own = path if path.is_dir() else path.parent
        key = config or next((f for f in self.folders if inside(path, f) is not None), own)
        if key in self.sites:
            return self.sites[key], False
        site = self.sites[key] = make_site(config, key)
        return site, True

    def forget(self, config: Path) -> None:
        """A mkdocs.yml changed: its site is made again when one of its pages is next checked."""
        for name in CONFIG_NAMES:
            self.sites.pop(config.with_name(name), None)


def make_site(config: Path | None, folder: Path) -> Site:
    """A site from its mkdocs.yml, or a folder's with the defaults (all its pages read)."""
    if config is None:
        return Site(folder, pages=folder)
    try:
        read = load(config)
    except SiteConfigError as error:
        return Site(config.parent, pages=config.parent / "docs", problem=str(error))
    return Site(config.parent, read.options, read.guidance_url, read.docs_dir, read.languages)
