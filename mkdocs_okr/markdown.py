"""The Python-Markdown adapter (extension `okr`), for hosts that run Markdown extensions but not
MkDocs plugins: Zensical, MkDocs' `markdown_extensions`, Python-Markdown itself.

A fenced block whose info string is `okr` holds the value of `okr` (team, period, objectives) and
becomes the card. The page's own front matter is checked too: read from the page's file when the
host says which page it converts (Zensical, MkDocs), else from the text when it still starts with
it (plain Python-Markdown, where the front matter is then replaced by the card). Findings carry
the page's lines, are logged under the logger `mkdocs.okr` (so MkDocs shows them and its strict
mode counts them), and are listed in the card.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .history.checkins import Version
from .options import readers as settings
from .options.table import BY_NAME, MARKDOWN, core_options, of_host, read_options
from .read.fences import okr_fences
from .read.frontmatter import FRONT_MATTER_RE
from .read.text import decode
from .rules.staleness import SourceDateError, today
from .site.history import folder_history, inside
from .site.outcome import LOG_LEVEL, Checked, Look, log_line, lone_card, markdown_page

log = logging.getLogger("mkdocs.okr")
_TOLD: set[str] = set()  # what was said of git's history in this process, said once
PRIORITY = 29  # after whitespace is normalised (30), before fenced code (25) and raw HTML (20)


class OkrExtension(Extension):
    """Checks fenced `okr` blocks and the page's `okr` front matter, and shows each as a card."""

    def __init__(self, **kwargs: Any) -> None:
        # Python-Markdown turns a value given for an option whose default is None into a boolean,
        # so an unset option is "" here and None to the reader
        self.config = {o.name: ["" if o.default is None else o.default, o.doc] for o in of_host(MARKDOWN)}
        super().__init__(**kwargs)
        given = {
            name: None if value == "" and BY_NAME[name].default is None else value
            for name, value in self.getConfigs().items()
        }
        try:
            values = read_options(given, MARKDOWN)
            self.options = replace(
                core_options(values), today=today(values["today"])
            )  # one day for every page this converts
        except settings.SettingError as error:
            raise ValueError(f"okr extension: {error.setting}: {error}") from None
        except SourceDateError as error:
            raise ValueError(f"okr extension: {error}") from None
        self.look = Look(findings=True, inline_css=not values["css_url"])
        self.checked: list[Checked] = []  # the OKRs of the last page converted, in page order

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(OkrPreprocessor(md, self), "okr", PRIORITY)

    def reset(self) -> None:
        self.checked = []

    def show(self, checked: Checked) -> str:
        """Log a checked block's findings and return its card (one page at a time, the extension
        does not know the site)."""
        self.checked.append(checked)
        for d in checked.diagnostics:
            log.log(LOG_LEVEL[d.severity], log_line(d))
        # a block-level wrapper, so that Markdown does not put the card in a paragraph
        return f'<div class="okr-block">{lone_card(checked)}</div>'


class OkrPreprocessor(Preprocessor):
    """Replaces each fenced okr block, and the okr front matter, by a card."""

    def __init__(self, md: Markdown, extension: OkrExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, lines: list[str]) -> list[str]:
        ext, configs = self.ext, self.ext.getConfigs()
        source = _page_file(self.md)
        text = _read(source[0]) if source else "\n".join(lines)
        if text is None:
            return lines
        file = source[1] if source else configs["file"]
        past = _past(source[0], source[2]) if source and ext.options.git_history else ()
        found = markdown_page(
            text, file, ext.options, ext.look, configs["css_url"] or None, configs["guidance_url"], past
        )
        front = ext.show(found.front) if found.front is not None else None
        cards = [ext.show(checked) for _, checked in found.fences]
        fences = okr_fences(lines)  # where the blocks stand in what the host gave: the page, or its body
        if len(fences) != len(cards):  # the host changed the page (an include?): leave its blocks as they are
            fences, cards = [], []
        for fence, card in reversed(list(zip(fences, cards))):
            lines[fence.start : fence.end + 1] = ["", fence.indent + self.md.htmlStash.store(card), ""]
        if front is not None:
            held = FRONT_MATTER_RE.match(text.removeprefix("\ufeff")) if source is None else None
            if held is not None:  # the front matter is still in the text: the card replaces it
                del lines[: held.group(0).count("\n")]
            at = _after_title(lines)
            lines[at:at] = ["", self.md.htmlStash.store(front), ""]
        return lines


def _past(path: str, docs_dir: str) -> tuple[Version, ...]:
    """The page's versions in git, from the history of its docs folder (read once per build)."""
    history, note = folder_history(Path(docs_dir))
    if note and note not in _TOLD:
        _TOLD.add(note)
        log.info(note)
    name = inside(Path(path), Path(docs_dir))
    return tuple(history.versions(name)) if name else ()


def _page_file(md: Markdown) -> tuple[str, str, str] | None:
    """The page's source file, its name in findings (from the site's root) and its docs folder,
    when the host says which page it converts: Zensical through its rendering context, MkDocs
    through its link processor. None for plain Python-Markdown, or a page that has no file."""
    for processor in md.preprocessors:
        if type(processor).__name__ == "ContextPreprocessor":  # Zensical
            context: Any = processor  # Zensical's, which carries its page and config untyped
            config, path = context.config, context.page.path
            root = config["root_dir"]
            docs = os.path.join(root, config["docs_dir"])
            return (*_named(os.path.join(docs, path), root), docs)
    links = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    file, config = getattr(links, "file", None), getattr(links, "config", None)
    if file is not None and file.abs_src_path and config is not None and config.config_file_path:  # MkDocs
        return (*_named(file.abs_src_path, os.path.dirname(config.config_file_path)), config["docs_dir"])
    return None


def _named(path: str, root: str) -> tuple[str, str]:
    return path, os.path.relpath(path, root).replace(os.sep, "/")


def _read(path: str) -> str | None:
    """The page's text, or None when it cannot be read (the host reports that itself)."""
    try:
        with open(path, "rb") as f:
            return decode(f.read())
    except (OSError, UnicodeDecodeError):
        return None


def _after_title(lines: list[str]) -> int:
    """Where a page's card goes: under its first line when that is a level-1 heading, else on top."""
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    return first + 1 if first is not None and lines[first].startswith("# ") else 0


def makeExtension(**kwargs: Any) -> OkrExtension:
    """Python-Markdown's entry point for `mkdocs_okr.markdown`."""
    return OkrExtension(**kwargs)
