"""The MkDocs adapter: read options, run the core on every page, log findings, insert cards."""

from __future__ import annotations

import os
import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import render, report
from .batch import Batch, Checked, Item, Look, workers_for
from .check import Options, may_be_okr_page
from .config import OkrConfig, options_from
from .crosspage import add_duplicate_objectives
from .model import Diagnostic, Severity

log = get_plugin_logger(__name__)

_LOG_LEVEL = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}
_LEADING_H1 = re.compile(r"\A\s*<h1[^>]*>.*?</h1>\s*", re.DOTALL)
CARD_MARKER = "<!-- mkdocs-okr: card -->"
EXPORT_PATH = "okrs.json"


class OkrPlugin(BasePlugin[OkrConfig]):
    """Checks OKR front matter, reports findings to the build log and shows an OKR card on each page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.batch = Batch(Options(), Look())
        self.checked: dict[str, Checked] = {}
        self.look = Look()
        self.root = "."
        self.pages = 0

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Reset per-build state, so `mkdocs serve` rebuilds start from nothing."""
        self.batch.close()
        self.checked = {}
        self.look = Look(tuple(config.theme.dirs))
        self.root = os.path.dirname(config.config_file_path or os.path.join(config.docs_dir, ".."))
        return config

    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Start checking every page that may be an OKR page, late, after other plugins generated
        theirs. Every page, because a `--dirty` rebuild passes only changed pages through page events
        but must report the same findings; in the background, while MkDocs renders."""
        if not self.config.enabled:
            return files
        items = []
        pages = sorted(files.documentation_pages(), key=lambda f: f.src_uri)
        self.pages = len(pages)
        for file in pages:
            raw = file.content_bytes
            if may_be_okr_page(raw):
                css_url = get_relative_url(render.CSS_PATH, file.url)
                item = Item(file.src_uri, raw, self._display_path(file, config), css_url, self._guidance(file.url))
                items.append(item)
        workers = workers_for(len(items), self.config.workers)
        self.batch = Batch(options_from(self.config), self.look, workers)
        self.batch.submit(items)
        if items and files.get_file_from_path(render.CSS_PATH) is None:
            stylesheet = render.stylesheet(self.look.search_paths)
            files.append(File.generated(config, render.CSS_PATH, content=stylesheet))
        return files

    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Mark where the card goes, under the page's first heading; other pages are left untouched.
        MkDocs' own reading of the front matter says whether this is an OKR page, so the workers need
        not be waited for; only a page whose front matter MkDocs could not read is asked about. The
        card itself is put in by `on_post_page`, so search indexes and themes do not reprocess it."""
        if not isinstance(page.meta.get("okr"), dict):
            checked = self.batch.get(page.file.src_uri)
            if checked is None or checked.card is None:
                return html
        heading = _LEADING_H1.match(html)
        at = heading.end() if heading else 0
        return html[:at] + CARD_MARKER + "\n" + html[at:]

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Every page is read: report the findings of all pages, in page order."""
        self.checked = {key: c for key, c in self.batch.all().items() if c.card is not None}
        self.batch.close()
        okrs = [c.okr for c in self.checked.values() if c.okr]
        diagnostics_by_file = {str(c.okr["file"]): c.diagnostics for c in self.checked.values() if c.okr}
        add_duplicate_objectives(diagnostics_by_file, okrs, self.batch.options.severity)
        for checked in self.checked.values():
            for d in checked.diagnostics:
                _LOG_LEVEL[d.severity](f"{d.file}:{d.line}:{d.column}: {d.message} [{d.rule}]")
        return env

    @event_priority(-50)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put the OKR card where `on_page_content` marked it."""
        if CARD_MARKER not in output:
            return output
        card = self.checked[page.file.src_uri].card if page.file.src_uri in self.checked else None
        if card is None:  # not an OKR page after all: leave no trace
            return output.replace(CARD_MARKER + "\n", "", 1)
        return output.replace(CARD_MARKER, card, 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Export every OKR of the site as `okrs.json`, in the JSON report's format."""
        if not self.config.enabled or not self.checked:
            return
        okrs = sorted((c.okr for c in self.checked.values() if c.okr), key=lambda okr: str(okr["file"]))
        diagnostics = sorted((d for c in self.checked.values() for d in c.diagnostics), key=Diagnostic.sort_key)
        with open(os.path.join(config.site_dir, EXPORT_PATH), "w", encoding="utf-8") as export:
            export.write(report.document(self.pages, okrs, diagnostics, compact=True))

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the workers of a failed build."""
        self.batch.close()

    def _guidance(self, page_url: str) -> str:
        """`guidance_url` as a link from the page: kept when absolute, else taken from the site's root."""
        url = self.config.guidance_url
        if "://" in url or url.startswith("/"):
            return url
        return get_relative_url(url.strip("./") or ".", page_url).rstrip("/") + "/"

    def _display_path(self, file: File, config: MkDocsConfig) -> str:
        """The page's path relative to mkdocs.yml's folder, as CI tools and editors want it."""
        path = file.abs_src_path or os.path.join(config.docs_dir, file.src_path)
        return os.path.relpath(path, self.root).replace(os.sep, "/")
