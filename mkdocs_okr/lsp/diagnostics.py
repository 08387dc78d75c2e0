"""A finding of the core as the editor shows it: an LSP diagnostic over the key or value it is
about, its rule as its code, linked to the rule's page."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from lsprotocol import types
from pygls.workspace import TextDocument

from ..model import Diagnostic, Severity
from ..show.render import GUIDANCE_URL
from .blocks import Point
from .ranges import token_end

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Found:
    """A finding as the editor has it: the core's, where it stands in the page, and in LSP terms."""

    finding: Diagnostic
    start: Point
    end: Point
    lsp: types.Diagnostic


def found(d: Diagnostic, lines: list[str], document: TextDocument, guidance_url: str) -> Found:
    """`d` in a document whose lines (newlines normalised) are `lines`, in the client's units (UTF-16
    by default); the rule's page is on the site's guidance site when it has a full URL of its own
    (`./`, a site that carries the rule pages itself, means nothing in an editor)."""
    row = min(d.line - 1, len(lines) - 1)
    start = (row, d.column - 1)
    end = (row, token_end(lines[row], start[1]))
    codec = document.position_codec
    span = codec.range_to_client_units(document.lines, types.Range(types.Position(*start), types.Position(*end)))
    base = guidance_url if urlsplit(guidance_url).scheme in ("http", "https") else GUIDANCE_URL
    lsp = types.Diagnostic(
        range=span,
        message=d.message,
        severity=SEVERITY[d.severity],
        code=d.rule,
        code_description=types.CodeDescription(href=f"{base}rules/{d.rule}/"),
        source="mkdocs-okr",
    )
    return Found(d, start, end, lsp)
