"""The MkDocs adapter: read options, run the core on every page, log findings, insert cards."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url, write_file
from mkdocs.utils.templates import TemplateContext

from .check import Options
from .for_mkdocs import searchtext
from .for_mkdocs.build import Build
from .for_mkdocs.config import OkrConfig
from .for_mkdocs.files import export_clash, index_clash
from .for_mkdocs.history import page_history
from .for_mkdocs.index import INDEX_MARKER, generated_index, holds_marker, place_index, title_of
from .for_mkdocs.languages import LanguageBuild, language_build, list_page
from .for_mkdocs.links import add_anchors, relative_path
from .for_mkdocs.runlog import Findings, Run, log_all, log_changes
from .history.gitlog import History
from .options.table import core_options
from .read.frontmatter import FRONT_MATTER_RE
from .read.shield import safe_source
from .read.text import may_be_okr_page, read_text
from .rules.staleness import SourceDateError, today
from .show import render
from .site.batch import Batch, Item, workers_for
from .site.outcome import Look, link_aligns
from .site.wide import Holder, ShownIndex, site_wide

log = get_plugin_logger(__name__)

_LEADING_H1 = re.compile(r"\A\s*<h1[^>]*>.*?</h1>\s*", re.DOTALL)
CARD_MARKER = "<!-- mkdocs-okr: card -->"
_INDEX_MARKER_BYTES = INDEX_MARKER.encode()


class OkrPlugin(BasePlugin[OkrConfig]):
    """Checks OKR front matter, reports findings to the build log and shows an OKR card on each page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.batch = Batch(Options(), Look())
        self.build = Build()  # what this build finds; a new one for each build
        self.export: str | None = None  # where in the site the run's export goes; None for nowhere
        self.run = Run()  # what this run's builds found, reported when the last one ends
        self.serving = False  # `mkdocs serve`, which keeps this instance across rebuilds
        self.before: Findings | None = None  # the findings the last run of `mkdocs serve` reported
        self.today: date | None = None  # the day this run measures age against

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is `mkdocs serve`, whose rebuilds print only what changed."""
        self.serving, self.before = command == "serve", None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Start a new `Build`, so that a rebuild of `mkdocs serve` starts from nothing; a later
        build of the same run (mkdocs-static-i18n's, for another language) first adds the last
        one's results to the run's, and measures age against the same day. A SOURCE_DATE_EPOCH that MkDocs cannot read stops the
        build here, in one line, before MkDocs stops on it with a traceback."""
        if language_build(config.plugins).later:
            self._fold()
        else:
            self.batch.close()
            self.run = Run()
            try:
                self.today = today(self.config["today"]) if self.config["enabled"] else None
            except SourceDateError as error:
                raise PluginError(str(error)) from None
        root = os.path.dirname(config.config_file_path or os.path.join(config.docs_dir, ".."))
        docs = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
        self.build = Build(
            look=Look(tuple(config.theme.dirs)),
            root=root,
            docs_prefix="" if docs == "." else docs + "/",
            search=searchtext.wants_text(list(config.plugins)),
            folded=False,
        )
        return config

    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Start checking every page that may be an OKR page, late, after other plugins generated
        theirs, and after mkdocs-static-i18n (-100) chose this language's pages, to which it adds
        none of ours. Every page, because a `--dirty` rebuild passes only changed pages through
        page events but must report the same findings; in the background, while MkDocs renders.
        Material's blog posts too: its blog plugin reads them itself and keeps them out of the
        site until its `on_nav`."""
        if not self.config["enabled"]:
            return files
        items = []
        options = replace(core_options(self.config), today=self.today)
        pages = sorted(
            (
                f
                for f in files.documentation_pages(inclusion=lambda _: True)
                if f.inclusion.is_included() or f.page is not None
            ),
            key=lambda f: f.src_uri,
        )
        self.build.pages = [self.build.name(file, config.docs_dir) for file in pages]
        history, where = page_history(pages, config.docs_dir, log) if options.git_history else (History(), {})
        holds_index = False
        for file in pages:
            raw = file.content_bytes
            self.build.files[file.src_uri] = file
            if file.abs_src_path:
                self.build.sources[file.src_uri] = raw
            if may_be_okr_page(raw):
                css_url = get_relative_url(render.CSS_PATH, file.url)
                past = tuple(history.versions(where[file.src_uri])) if file.src_uri in where else ()
                item = Item(
                    file.src_uri, raw, self.build.name(file, config.docs_dir), css_url, self._guidance(file.url), past
                )
                items.append(item)
                self.build.urls[item.file] = file.url
                shielded = safe_source(raw, options.limits)
                if shielded is not None:
                    self.build.shielded[file.src_uri] = shielded
            if _INDEX_MARKER_BYTES in raw and holds_marker(raw.decode("utf-8", "replace")):
                holds_index = True
                # the index changes with any OKR page: rebuild its page on every `--dirty` build too
                file.is_modified = lambda: True  # type: ignore[method-assign]  # MkDocs asks each file whether it changed; the index page always has
        workers = workers_for(len(items), self.config["workers"])
        self.batch = Batch(options, self.build.look, workers)
        self.batch.submit(items)
        language = language_build(config.plugins)
        if items and not holds_index:
            holds_index = self._generate_index(files, config, language)
        if not language.later:
            self.export = self._export_place(files, config)
        if (items or holds_index) and files.get_file_from_path(render.CSS_PATH) is None:
            stylesheet = render.stylesheet(self.build.look.search_paths)
            files.append(File.generated(config, render.CSS_PATH, content=stylesheet))
        return files

    @event_priority(100)
    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Give MkDocs the page's text as `on_files` read it, so that no page is read twice, and
        an OKR page in a form it can read safely: without front matter larger or deeper than the
        site allows (its YAML loader would stall or crash), and with bytes that are not UTF-8
        replaced (it would stop the whole build). The file is not touched; the card says why.
        First of all plugins: one that answers after it (an i18n plugin, say) has the last word."""
        uri = page.file.src_uri
        raw = self.build.sources.pop(uri, None)
        shielded = self.build.shielded.get(uri)
        if shielded is not None or raw is None:
            return shielded
        try:
            return read_text(raw)
        except UnicodeDecodeError:
            return None  # MkDocs reads the file itself and says why it cannot

    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Leave out front matter that MkDocs could not read as YAML: it would render it as the
        page's first paragraph, and take the page's title from the file's name instead of its first
        heading. Only an OKR page, whose card says what is wrong; first, before other plugins see it."""
        if page.meta or not markdown.startswith("---") or "okr" not in markdown:
            return None
        match = FRONT_MATTER_RE.match(markdown)
        checked = self.batch.get(page.file.src_uri) if match else None
        if match is None or checked is None or checked.card is None:
            return None
        return markdown[match.end() :].lstrip("\n")

    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Mark where the card goes, under the page's first heading; other pages are left untouched.
        MkDocs' own reading of the front matter says whether this is an OKR page, so the workers need
        not be waited for; only a page whose front matter MkDocs could not read is asked about. The
        card itself is put in by `on_post_page`, so search indexes and themes do not reprocess it."""
        if INDEX_MARKER in html:
            self.build.index_pages.add(page.file.src_uri)
        if not isinstance(page.meta.get("okr"), dict):
            checked = self.batch.get(page.file.src_uri)
            if checked is None or checked.card is None:
                return html
        heading = _LEADING_H1.match(html)
        at = heading.end() if heading else 0
        return html[:at] + CARD_MARKER + "\n" + html[at:]

    @event_priority(-50)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Give the generated index one entry of the navigation that MkDocs made, spelt as its
        title, after other plugins changed the navigation (`indexpage`)."""
        if self.build.index is not None and config.nav is None:
            place_index(nav, self.build.index, title_of(self.build.index.content_string))
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Every page is read: start the site-wide steps (cross-page rules, where each objective is,
        the index for each page that holds it), in a worker when there is one, while MkDocs writes
        the pages; the pages that need the result wait for it."""
        self.build.sources.clear()  # what MkDocs did not read (`--dirty`)
        self.build.checked = {
            key: c
            for key, c in self.batch.all().items()
            if c.card is not None and not self.build.files[key].inclusion.is_excluded()
        }
        okr_json = [c.okr_json for c in self.build.checked.values() if c.okr_json]
        unread = [(c.file, c.diagnostics) for c in self.build.checked.values() if not c.okr_json]
        salvaged = [c.outline_json for c in self.build.checked.values() if not c.okr_json and c.outline_json]
        holders = {}
        for src_uri in sorted(self.build.index_pages):
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                links = {name: relative_path(url, file.page) for name, url in self.build.urls.items()}
                holders[src_uri] = Holder(links, get_relative_url(render.CSS_PATH, file.page.url))
        if okr_json or salvaged or holders:
            options = self.batch.options
            self.build.site = self.batch.call(
                site_wide, okr_json, options.severity, holders, self.build.look.search_paths, unread, salvaged
            )
        return env

    @event_priority(50)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """List the index's periods in the table of contents of the page that holds it, and give
        the search plugins, which index the page next, the card's or the index's text in words."""
        shown = self._shown_index(page)
        if shown is not None:
            entries = [AnchorLink(title, anchor, 2) for title, anchor in shown.toc]
            items = page.toc.items
            (items[0].children if len(items) == 1 and items[0].level == 1 else items).extend(entries)
        if not self.build.search or not page.content:
            return context
        if shown is not None:
            okrs = [o for _, c in sorted((c.file, c) for c in self.build.checked.values()) if (o := c.okr())]
            page.content = searchtext.with_text(page.content, INDEX_MARKER, okrs, False, self.build.look.search_paths)
        checked = self.build.checked.get(page.file.src_uri)
        if checked is not None and checked.okr_json and CARD_MARKER in page.content:
            okr = [o for o in [checked.okr()] if o]
            page.content = searchtext.with_text(page.content, CARD_MARKER, okr, True, self.build.look.search_paths)
        return context

    @event_priority(-50)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put the OKR card where `on_page_content` marked it, and the index where a page holds it."""
        output = searchtext.without_text(searchtext.without_text(output))
        shown = self._shown_index(page)
        if shown is not None:
            output = output.replace(INDEX_MARKER, shown.html, 1)
            add_anchors(page, shown.anchors)
        if CARD_MARKER not in output:
            return output
        checked = self.build.checked.get(page.file.src_uri)
        if checked is None or checked.card is None:  # not an OKR page after all: leave no trace
            return output.replace(CARD_MARKER + "\n", "", 1)
        add_anchors(page, checked.anchors)
        card = link_aligns(checked.card, lambda key: self._align_href(key, page))
        return output.replace(CARD_MARKER, card, 1)

    @event_priority(-150)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """When the run's last build is done (after mkdocs-static-i18n's, -100, which runs the
        other languages' builds), report the findings of all pages, in page order, each once, and
        export every OKR of the site where `export` says (`okrs.json`), in the JSON report's
        format. A rebuild of `mkdocs serve` prints only the pages whose findings changed, then a
        summary."""
        self._fold()
        if language_build(config.plugins).later or not self.run.checked:
            return
        findings = self.run.findings()
        if self.serving and self.before is not None:
            log_changes(findings, self.before, log, config.strict)
        else:
            log_all(findings, log)
        self.before = findings if self.serving else None
        if self.export:
            write_file(self.run.export(findings).encode(), os.path.join(config.site_dir, self.export))

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the workers of a failed build."""
        self.batch.close()

    def _fold(self) -> None:
        """Add this build's results to the run's, once, when its pages are written."""
        if self.build.folded:
            return
        site = self.build.site() if self.build.site is not None else None
        self.batch.close()
        self.run.add(self.build.pages, self.build.checked.values(), site.findings if site is not None else ())
        self.build.folded = True

    def _generate_index(self, files: Files, config: MkDocsConfig, language: LanguageBuild) -> bool:
        """Add the index page at the configured path, unless none is wanted or a page of the site
        is there already; True when added. Added last, so it is read when every page is checked."""
        index, info = generated_index(files, config, self.config["index"], language, self.build)
        if info:
            log.info(info)
        clash = index_clash(files, index, lambda f: self.build.name(f, config.docs_dir)) if index else None
        if clash is not None:
            log.warning(clash)
        if index is None or clash is not None:
            return False
        self.build.index = index
        files.append(index)
        list_page(config.plugins, language, index)
        return True

    def _export_place(self, files: Files, config: MkDocsConfig) -> str | None:
        """Where the export goes, unless none is wanted or a file of the site is there."""
        path = self.config["export"]
        clash = export_clash(files, path, lambda f: self.build.name(f, config.docs_dir)) if path else None
        if clash is not None:
            log.warning(clash)
        return path if path and clash is None else None

    def _shown_index(self, page: Page) -> ShownIndex | None:
        """The index as `page` shows it, when it holds the index."""
        if self.build.site is None or page.file.src_uri not in self.build.index_pages:
            return None
        return self.build.site().indexes.get(page.file.src_uri)

    def _align_href(self, key: str, page: Page) -> str | None:
        """The link to a supported objective, from `page`, or None when the site has no such objective."""
        where = self.build.site().objectives.get(key) if self.build.site is not None else None
        if where is None:
            return None
        file, anchor = where
        url = relative_path(self.build.urls[file], page)
        return f"{url}#{anchor}" if anchor else url  # no anchor: an invalid page, whose card lists no objective

    def _guidance(self, page_url: str) -> str:
        """`guidance_url` as a link from the page: kept when absolute, else taken from the site's root."""
        url: str = self.config["guidance_url"]
        if "://" in url or url.startswith("/"):
            return url
        return get_relative_url(url.strip("./") or ".", page_url).rstrip("/") + "/"
