"""The Sphinx adapter (extension `mkdocs_okr.sphinx`).

A Markdown page (myst-parser) whose front matter holds `okr` is checked from its raw source, as
myst-parser turns nested front matter into strings; the `okr` directive checks the okr block it
holds, in reStructuredText and MyST pages alike. Findings are Sphinx warnings at the page's line
(`-W` fails the build on them; `suppress_warnings = ["okr.<rule>"]` silences one rule), the card
goes under the page's title (or where the directive stands) in HTML builds, and `okrs.json` in the
output folder holds every OKR and finding, as the MkDocs build exports them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import __version__, render, report, settings
from .check import Options
from .frontmatter import Origin
from .model import Diagnostic, Severity
from .outcome import Checked, Look, block, link_aligns, page

log = logging.getLogger(__name__)
_LOG = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}
CSS_FILE = "mkdocs-okr/okr.css"  # under _static/
CONFIG = {
    "okr_customer": ([], "Your direct customers, by default for every OKR page (a name or a list)."),
    "okr_customers_users": ([], "Your customers' users, by default for every OKR page (a name or a list)."),
    "okr_severity": ({}, "error, warning, info or ignore, by rule id or controllability level."),
    "okr_guidance_url": (render.GUIDANCE_URL, "Where the rule pages live that cards link to."),
    "okr_root": ("", "The folder that page names in findings and okrs.json start from; default: conf.py's."),
}


@dataclass(frozen=True)
class Found:
    """An OKR block of a page: from its front matter, or from an `okr` directive."""

    front: bool
    checked: Checked


@dataclass(frozen=True)
class Host:
    """The project's settings, read once the configuration is."""

    options: Options
    look: Look
    guidance_url: str
    root: str


def setup(app: Sphinx) -> dict[str, Any]:
    for name, (default, _) in CONFIG.items():
        app.add_config_value(name, default, "env")
    app.add_directive("okr", OkrDirective)
    app.connect("config-inited", configure)
    app.connect("source-read", read_front_matter)
    app.connect("doctree-read", insert_card)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("html-page-context", add_stylesheet)
    app.connect("build-finished", write_files)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


def configure(app: Sphinx, config: Any) -> None:
    """Read the okr_* settings; a wrong one stops the build with a message that names it."""
    try:
        options = settings.options(config.okr_customer, config.okr_customers_users, config.okr_severity)
    except settings.SettingError as error:
        raise ConfigError(f"okr_{error}") from None
    templates = tuple(os.path.join(app.confdir, p) for p in config.templates_path)
    root = os.path.join(app.confdir, config.okr_root)
    app.okr_host = Host(options, Look(templates), config.okr_guidance_url, root)  # type: ignore[attr-defined]


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """Check a Markdown page's okr front matter from its raw source."""
    path = app.env.doc2path(docname)
    if app.config.source_suffix.get(os.path.splitext(path)[1]) != "markdown":
        return
    host: Host = app.okr_host  # type: ignore[attr-defined]
    checked = page(source[0].encode("utf-8"), _name(host, path), host.options, host.look, None, host.guidance_url)
    if checked.is_okr_page:
        _record(app.env, docname, Found(True, checked))


class OkrDirective(SphinxDirective):
    """`.. okr::` with the value of `okr` (team, period, objectives) as its content."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        host: Host = self.env.app.okr_host  # type: ignore[attr-defined]
        first = self.content_offset + 1  # the page line of the content's first line
        raw = self.block_text.split("\n")
        written = raw[first - self.lineno] if 0 <= first - self.lineno < len(raw) else ""
        origin = Origin(first, len(written) - len(written.lstrip(" ")))
        name = _name(host, self.env.doc2path(self.env.docname))
        checked = block("\n".join(self.content), origin, name, host.options, host.look, None, host.guidance_url)
        _record(self.env, self.env.docname, Found(False, checked))
        return [_card_node(checked)]


def insert_card(app: Sphinx, doctree: nodes.document) -> None:
    """Put the card of the page's front matter under the page's title."""
    front = next((f.checked for f in _found(app.env).get(app.env.docname, []) if f.front), None)
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
    found = [f.checked for name in sorted(_found(app.env)) for f in _found(app.env)[name]]
    if found and app.builder.format == "html":
        host: Host = app.okr_host  # type: ignore[attr-defined]
        css = os.path.join(app.outdir, "_static", CSS_FILE)
        os.makedirs(os.path.dirname(css), exist_ok=True)
        with open(css, "w", encoding="utf-8") as f:
            f.write(render.stylesheet(host.look.search_paths))
    okrs = [okr for _, okr in sorted((c.file, c.okr_json) for c in found if c.okr_json)]
    diagnostics = sorted((d for c in found for d in c.diagnostics), key=Diagnostic.sort_key)
    with open(os.path.join(app.outdir, report.EXPORT_FILE), "w", encoding="utf-8") as f:
        f.write(report.export(len(app.env.found_docs), okrs, diagnostics))


def _record(env: BuildEnvironment, docname: str, found: Found) -> None:
    """Keep a page's OKR block, and report its findings as Sphinx warnings at the page's lines."""
    _found(env).setdefault(docname, []).append(found)
    for d in found.checked.diagnostics:
        _LOG[d.severity](d.message, location=(docname, d.line), type="okr", subtype=d.rule)


def _found(env: BuildEnvironment) -> dict[str, list[Found]]:
    """The OKR blocks of every page read, by docname (kept in the environment between builds)."""
    if not hasattr(env, "okr_found"):
        env.okr_found = {}  # type: ignore[attr-defined]
    return env.okr_found  # type: ignore[attr-defined,no-any-return]


def _card_node(checked: Checked) -> nodes.raw:
    """The card, for HTML builders only; links to other pages' objectives are kept as text."""
    return nodes.raw("", link_aligns(checked.card or "", lambda key: ""), format="html")


def _name(host: Host, path: str | os.PathLike[str]) -> str:
    """A page's name in findings: its path from `okr_root`."""
    return os.path.relpath(path, host.root).replace(os.sep, "/")
