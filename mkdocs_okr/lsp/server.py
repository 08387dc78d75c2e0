"""The server: the protocol's messages wired to the checker, hover, quick fixes and completion.

A document is checked when it opens, and again 150 ms after the last change of a burst of typing
(a check costs milliseconds, but a keystroke every 50 ms need not pay for each). Every handler
catches what goes wrong, logs it and answers with nothing: a page the core cannot handle costs
the writer that page's findings, never the server.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..cli import MARKDOWN_SUFFIXES
from ..model import Diagnostic
from ..read.text import normalise
from .actions import fixes
from .blocks import block_at, blocks
from .complete import completions
from .diagnostics import Found, found
from .hover import hover
from .pages import PageCheck, check_document
from .sites import CONFIG_NAMES, Site, Sites

DELAY = 0.15  # seconds after the last change before a document is checked again
WATCHED = "**/{" + ",".join(["*" + s for s in MARKDOWN_SUFFIXES] + list(CONFIG_NAMES)) + "}"
log = logging.getLogger("mkdocs_okr.lsp")
T = TypeVar("T")


@dataclass
class Checked:
    """The last check of an open document, for the version of its text it was made for."""

    version: int | None
    site: Site
    page: PageCheck
    found: list[Found] = field(default_factory=list)


class OkrServer(LanguageServer):
    """The language server, with the sites of its workspace and the last check of each open document."""

    def __init__(self) -> None:
        super().__init__("mkdocs-okr", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.sites = Sites(())
        self.checked: dict[str, Checked] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}

    def start(self, folders: list[Path]) -> None:
        """Begin to read the workspace's sites, each in the background."""
        self.sites = Sites(folders)
        for folder in folders:
            site, new = self.sites.of(folder)
            if new:
                self.read_site(site)

    def read_site(self, site: Site) -> None:
        """Read a site's pages in a thread; then check its open documents again, with them."""
        if site.problem:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, site.problem))
        future = asyncio.get_running_loop().run_in_executor(None, site.read)

        def done(_: object) -> None:
            if future.exception() is not None:
                log.error("mkdocs-okr could not read the pages of %s: %s", site.root, future.exception())
            # the pages' outlines live as long as the server: kept out of the collector's full passes,
            # which otherwise walk all of them every so often during a keystroke's check
            gc.freeze()
            self.recheck(site)

        future.add_done_callback(done)

    def recheck(self, site: Site | None = None) -> None:
        """Check every open document again (of `site` only, when given)."""
        for uri in list(self.checked):
            if site is None or self.checked[uri].site is site:
                self.check(uri)

    def later(self, uri: str) -> None:
        """Check a document once its text has not changed for DELAY seconds."""
        if uri in self.timers:
            self.timers[uri].cancel()
        self.timers[uri] = asyncio.get_running_loop().call_later(DELAY, self.check, uri)

    def check(self, uri: str) -> Checked | None:
        """Check a document now and publish its findings; None for a document that is not a page."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()  # checked now: not again when the timer would have fired
        if uri not in self.workspace.text_documents:
            return None  # closed meanwhile
        document = self.workspace.get_text_document(uri)
        path = Path(document.path)
        if path.suffix not in MARKDOWN_SUFFIXES:
            return None
        site, new = self.sites.of(path)
        if new:
            self.read_site(site)
        name = site.name(path)
        try:
            page = check_document(document.source, name, site.options, site.past(path))
        except Exception:  # a page the core cannot handle: logged, the server goes on
            log.exception("mkdocs-okr could not check %s", name)
            return None
        checked = Checked(document.version, site, page)
        self.checked[uri] = checked
        if site.typing(name, page.outline):
            for other in [u for u, c in self.checked.items() if c.site is site and u != uri]:
                self.publish(other, self.checked[other])
        self.publish(uri, checked)
        return checked

    def publish(self, uri: str, checked: Checked) -> None:
        """Publish a document's findings: its own and, with the site's other pages, the cross-page ones."""
        document = self.workspace.get_text_document(uri)
        name = checked.site.name(Path(document.path))
        findings = sorted([*checked.page.diagnostics, *checked.site.cross_page(name)], key=Diagnostic.sort_key)
        lines = normalise(document.source).split("\n")
        checked.found = [found(d, lines, document, checked.site.guidance_url) for d in findings]
        diagnostics = [f.lsp for f in checked.found]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics)
        )

    def current(self, uri: str) -> Checked | None:
        """The check of a document's text as it is now: made now, when the last is older; None
        for a document that is not open."""
        if uri not in self.workspace.text_documents:
            return None
        checked = self.checked.get(uri)
        if checked is None or checked.version != self.workspace.get_text_document(uri).version:
            return self.check(uri)
        return checked


def guarded(handler: Callable[..., T]) -> Callable[..., T | None]:
    """A handler that logs what goes wrong in it and answers nothing, so the server goes on."""

    @functools.wraps(handler)
    def run(*args: Any) -> T | None:
        try:
            return handler(*args)
        except Exception:
            log.exception("mkdocs-okr: %s failed", handler.__name__)
            return None

    return run


def make_server() -> OkrServer:
    """The server with its handlers."""
    server = OkrServer()

    @server.feature(types.INITIALIZED)
    @guarded
    def initialized(ls: OkrServer, params: types.InitializedParams) -> None:
        folders = [Path(p) for f in ls.workspace.folders.values() if (p := to_fs_path(f.uri))]
        if not folders and ls.workspace.root_path:
            folders = [Path(ls.workspace.root_path)]
        ls.start(folders)
        watching = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watching and watching.dynamic_registration:
            watchers = types.DidChangeWatchedFilesRegistrationOptions([types.FileSystemWatcher(glob_pattern=WATCHED)])
            registration = types.Registration("mkdocs-okr-files", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, watchers)
            ls.client_register_capability(types.RegistrationParams([registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded
    def opened(ls: OkrServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded
    def changed(ls: OkrServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded
    def saved(ls: OkrServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded
    def closed(ls: OkrServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri in ls.timers:
            ls.timers.pop(uri).cancel()
        checked = ls.checked.pop(uri, None)
        path = to_fs_path(uri)
        if checked is not None and path:
            checked.site.closed(Path(path))
            ls.recheck(checked.site)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded
    def files_changed(ls: OkrServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = Path(to_fs_path(change.uri) or "")
            if path.name in CONFIG_NAMES:
                ls.sites.forget(path)
                for uri in list(ls.checked):
                    ls.checked[uri].site = ls.sites.of(Path(ls.workspace.get_text_document(uri).path))[0]
            elif path.suffix in MARKDOWN_SUFFIXES:
                for site in ls.sites.sites.values():
                    if site.ready.is_set() and site.name(path) not in site.typed:
                        site.reread(path)
        ls.recheck()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def hovered(ls: OkrServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        document = ls.workspace.get_text_document(params.text_document.uri)
        at = document.position_codec.position_from_client_units(document.lines, params.position)
        block = block_at(blocks(normalise(document.source)), at.line)
        if block is None:
            return None
        found = hover(block, (at.line, at.character), checked.page.models.get(block.first + 1))
        if found is None:
            return None
        text, start, end = found
        span = types.Range(types.Position(*start), types.Position(*end))
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=document.position_codec.range_to_client_units(document.lines, span),
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    )
    @guarded
    def code_actions(ls: OkrServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = ls.current(uri)
        if checked is None:
            return []
        document = ls.workspace.get_text_document(uri)
        wanted = document.position_codec.range_from_client_units(document.lines, params.range)
        first, last = (wanted.start.line, wanted.start.character), (wanted.end.line, wanted.end.character)
        found = blocks(normalise(document.source))
        actions = []
        for f in checked.found:
            block = block_at(found, f.start[0])
            if block is None or f.end < first or f.start > last:
                continue
            d = f.finding
            for fix in fixes(block, d.rule, d.message, d.pointer, f.start, f.end):
                edits = [
                    types.TextEdit(
                        range=document.position_codec.range_to_client_units(
                            document.lines, types.Range(types.Position(*a), types.Position(*b))
                        ),
                        new_text=text,
                    )
                    for a, b, text in fix.edits
                ]
                actions.append(
                    types.CodeAction(
                        title=fix.title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[f.lsp],
                        edit=types.WorkspaceEdit(changes={uri: edits}),
                        is_preferred=fix.preferred or None,
                    )
                )
        return actions

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "]))
    @guarded
    def complete(ls: OkrServer, params: types.CompletionParams) -> types.CompletionList | None:
        if params.text_document.uri not in ls.workspace.text_documents:
            return None
        document = ls.workspace.get_text_document(params.text_document.uri)
        at = document.position_codec.position_from_client_units(document.lines, params.position)
        block = block_at(blocks(normalise(document.source)), at.line)
        if block is None:
            return None
        row, column = block.local((at.line, at.character))
        return types.CompletionList(is_incomplete=False, items=completions(block, row, column))

    return server


def serve() -> None:
    """Run the server over stdin and stdout until the editor ends it; the log goes to stderr."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
    make_server().start_io()
