"""The MkDocs adapter: read options, run the core on every page, log findings, insert cards."""

from __future__ import annotations

import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import render
from .check import Options, PageResult, check_bytes
from .config import OkrConfig, options_from
from .model import Severity

log = get_plugin_logger(__name__)

_LOG_LEVEL = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}
_LEADING_H1 = re.compile(r"\A\s*<h1[^>]*>.*?</h1>\s*", re.DOTALL)


class OkrPlugin(BasePlugin[OkrConfig]):
    """Checks OKR front matter, reports findings to the build log and shows an OKR card on each page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.options = Options()
        self.results: dict[str, PageResult] = {}
        self.search_paths: tuple[str, ...] = ()
        self.root = "."

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Reset per-build state, so `mkdocs serve` rebuilds start from nothing."""
        self.options = options_from(self.config)
        self.results = {}
        self.search_paths = tuple(config.theme.dirs)
        self.root = os.path.dirname(config.config_file_path or os.path.join(config.docs_dir, ".."))
        return config

    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Check every page here, late, after other plugins generated theirs: a `--dirty` rebuild
        passes only changed pages through page events but must report the same findings."""
        if not self.config.enabled:
            return files
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            result = check_bytes(file.content_bytes, self._display_path(file, config), self.options)
            if result.is_okr_page:
                self.results[file.src_uri] = result
                for d in result.diagnostics:
                    _LOG_LEVEL[d.severity](f"{d.file}:{d.line}:{d.column}: {d.message} [{d.rule}]")
        if self.results and files.get_file_from_path(render.CSS_PATH) is None:
            files.append(File.generated(config, render.CSS_PATH, content=render.stylesheet(self.search_paths)))
        return files

    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Insert the OKR card under the page's first heading; other pages are left untouched."""
        result = self.results.get(page.file.src_uri)
        if result is None:
            return html
        css_url = get_relative_url(render.CSS_PATH, page.url)
        card = render.card(result.okr, result.diagnostics, css_url, self.config.guidance_url, self.search_paths)
        heading = _LEADING_H1.match(html)
        at = heading.end() if heading else 0
        return html[:at] + card + "\n" + html[at:]

    def _display_path(self, file: File, config: MkDocsConfig) -> str:
        """The page's path relative to mkdocs.yml's folder, as CI tools and editors want it."""
        path = file.abs_src_path or os.path.join(config.docs_dir, file.src_path)
        return os.path.relpath(path, self.root).replace(os.sep, "/")
