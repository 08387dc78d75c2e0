"""The Sphinx adapter (extension `mkdocs_okr.sphinx`).

A Markdown page (myst-parser) is checked from its raw source, as myst-parser turns nested front
matter into strings: its front matter's `okr` block and its fenced okr blocks (```` ```okr ````, as
the Markdown extension reads them). The `okr` directive checks the okr block it holds, in
reStructuredText and MyST (```` ```{okr} ````) pages alike. Findings are Sphinx warnings at the page's line
(`-W` fails the build on them; `suppress_warnings = ["okr.<rule>"]` silences one rule), the card
goes under the page's title (or where the directive stands) in HTML builds, and `okrs.json` in the
output folder holds every OKR and finding, as the MkDocs build exports them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import __version__
from .check import Options
from .history.gitlog import History
from .model import Diagnostic
from .options.readers import SettingError
from .options.table import SPHINX, core_options, of_host, read_options
from .read.positions import Origin
from .rules.staleness import SourceDateError, today
from .show import render, report
from .site.history import inside, site_history
from .site.outcome import LOG_LEVEL, Checked, Look, block, lone_card, markdown_page

log = logging.getLogger(__name__)
CSS_FILE = "mkdocs-okr/okr.css"  # under _static/
FRONT, FENCE, DIRECTIVE = "front", "fence", "directive"
OKR_CODE = "okr"  # the language MyST gives a fenced okr block


@dataclass(frozen=True)
class Found:
    """An OKR block of a page: where it came from (FRONT, FENCE or DIRECTIVE) and the line it starts on."""

    kind: str
    line: int
    checked: Checked


@dataclass(frozen=True)
class Host:
    """The project's settings, read once the configuration is."""

    options: Options
    look: Look
    guidance_url: str
    root: str
    history: History  # of every file under the source folder, read once, before the first page


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the settings, the directive and the handlers of Sphinx's events."""
    for option in of_host(SPHINX):  # their values are read, and wrong ones reported, by `configure`
        app.add_config_value(option.setting(SPHINX), option.default, "env", Any, option.doc)
    app.add_directive("okr", OkrDirective)
    app.connect("config-inited", configure)
    app.connect("source-read", read_markdown)
    app.connect("doctree-read", insert_cards)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("html-page-context", add_stylesheet)
    app.connect("build-finished", write_files)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


def configure(app: Sphinx, config: Any) -> None:
    """Read the okr_* settings. A wrong one is an error in the build's log, as Sphinx reports its
    own settings of the wrong type, and is left at its default (so `-W` fails the build)."""
    given = {option.name: config[option.setting(SPHINX)] for option in of_host(SPHINX)}
    while True:
        try:
            values = read_options(given, SPHINX)
            break
        except SettingError as error:
            log.error(f"{error.setting}: {error} (in conf.py; the setting is not used)", type="okr", subtype="config")
            del given[error.setting.removeprefix("okr_")]
    try:
        day = today(values["today"])  # one day for the whole build
    except SourceDateError as error:
        log.error(f"{error} (the current date is used)", type="okr", subtype="config")
        day = date.today()
    options = replace(core_options(values), today=day)
    templates = tuple(os.path.join(app.confdir, p) for p in config.templates_path)
    root = os.path.join(app.confdir, values["root"])
    history = History()
    if values["git_history"]:
        history, note = site_history(Path(app.srcdir), None)
        if note:
            log.info(note, type="okr", subtype="git")
    app.okr_host = Host(options, Look(templates), values["guidance_url"], root, history)  # type: ignore[attr-defined]  # the extension's state on Sphinx's app and environment, which have no typed slot for it


def read_markdown(app: Sphinx, docname: str, source: list[str]) -> None:
    """Check a Markdown page's front matter and fenced okr blocks from its raw source."""
    path = app.env.doc2path(docname)
    if app.config.source_suffix.get(os.path.splitext(path)[1]) != "markdown":
        return
    host: Host = app.okr_host  # type: ignore[attr-defined]  # the extension's state on Sphinx's app and environment, which have no typed slot for it
    where = inside(Path(path), Path(app.srcdir))
    past = host.history.versions(where) if where else ()
    found = markdown_page(source[0], _name(host, path), host.options, host.look, None, host.guidance_url, past)
    if found.front is not None:
        _record(app.env, docname, Found(FRONT, 1, found.front))
    for fence, checked in found.fences:
        _record(app.env, docname, Found(FENCE, fence.start + 1, checked))


class OkrDirective(SphinxDirective):
    """`.. okr::` with the value of `okr` (team, period, objectives) as its content."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        host: Host = self.env.app.okr_host  # type: ignore[attr-defined]  # the extension's state on Sphinx's app and environment, which have no typed slot for it
        name = _name(host, self.env.doc2path(self.env.docname))
        text = "\n".join(self.content)
        checked = block(text, self._origin(), name, host.options, host.look, None, host.guidance_url)
        _record(self.env, self.env.docname, Found(DIRECTIVE, self.lineno, checked))
        return [_card_node(checked)]

    def _origin(self) -> Origin:
        """Where the content stands in the page. docutils counts `content_offset` from the top of
        the page (0-based) and removes the content's indentation; myst-parser counts it from the
        line after the opening fence."""
        if type(self.state_machine).__module__.startswith("myst_parser"):
            return Origin(self.lineno + 1 + self.content_offset)
        first = self.content_offset + 1
        written = self.block_text.split("\n")[first - self.lineno :][:1] or [""]
        return Origin(first, len(written[0]) - len(written[0].lstrip(" ")))


def insert_cards(app: Sphinx, doctree: nodes.document) -> None:
    """Put the card of the page's front matter under the page's title, and each fenced okr
    block's card in the block's place."""
    found = _found(app.env).get(app.env.docname, [])
    fenced = [f.checked for f in found if f.kind == FENCE]
    blocks = [n for n in doctree.findall(nodes.literal_block) if n.get("language") == OKR_CODE]
    if len(blocks) == len(fenced):  # else the page changed on its way (an include?): blocks stay code
        for node, checked in zip(blocks, fenced):
            node.replace_self(_card_node(checked))
    front = next((f.checked for f in found if f.kind == FRONT), None)
    if front is None:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, _card_node(front))
    else:
        doctree.insert(0, _card_node(front))


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _found(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Take the OKRs that parallel readers found."""
    theirs = _found(other)
    _found(env).update((name, theirs[name]) for name in docnames if name in theirs)


def add_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Link the card's stylesheet from the pages that show a card."""
    if _found(app.env).get(pagename):
        app.add_css_file(CSS_FILE)


def write_files(app: Sphinx, exception: Exception | None) -> None:
    """After a build: the stylesheet (HTML builds), and okrs.json with every OKR and finding."""
    if exception is not None:
        return
    every = (f for found in _found(app.env).values() for f in found)
    found = [f.checked for f in sorted(every, key=lambda f: (f.checked.file, f.line))]  # in page order
    if found and app.builder.format == "html":
        host: Host = app.okr_host  # type: ignore[attr-defined]  # the extension's state on Sphinx's app and environment, which have no typed slot for it
        css = os.path.join(app.outdir, "_static", CSS_FILE)
        os.makedirs(os.path.dirname(css), exist_ok=True)
        with open(css, "w", encoding="utf-8") as f:
            f.write(render.stylesheet(host.look.search_paths))
    okrs = [c.okr_json for c in found if c.okr_json]
    diagnostics = sorted((d for c in found for d in c.diagnostics), key=Diagnostic.sort_key)
    with open(os.path.join(app.outdir, report.EXPORT_FILE), "w", encoding="utf-8") as f:
        f.write(report.export(len(app.env.found_docs), okrs, diagnostics))


def _record(env: BuildEnvironment, docname: str, found: Found) -> None:
    """Keep a page's OKR block, and report its findings as Sphinx warnings at the page's lines."""
    _found(env).setdefault(docname, []).append(found)
    for d in found.checked.diagnostics:
        log.log(LOG_LEVEL[d.severity], d.message, location=(docname, d.line), type="okr", subtype=d.rule)


def _found(env: BuildEnvironment) -> dict[str, list[Found]]:
    """The OKR blocks of every page read, by docname (kept in the environment between builds)."""
    if not hasattr(env, "okr_found"):
        env.okr_found = {}  # type: ignore[attr-defined]  # the extension's state on Sphinx's app and environment, which have no typed slot for it
    return env.okr_found  # type: ignore[attr-defined,no-any-return]  # the extension's state on Sphinx's environment, which has no typed slot for it


def _card_node(checked: Checked) -> nodes.raw:
    """The card, for HTML builders only."""
    return nodes.raw("", lone_card(checked), format="html")


def _name(host: Host, path: str | os.PathLike[str]) -> str:
    """A page's name in findings: its path from `okr_root`."""
    return os.path.relpath(path, host.root).replace(os.sep, "/")
