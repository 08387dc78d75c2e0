"""What site search finds of the cards and of the index.

The search plugins of MkDocs and of Material index `page.content` in `on_page_context`, before
the card and the index are put in (`on_post_page`, so that neither is parsed again by themes and
search). The plugin puts their text in words there instead, between two comments, for the search
plugins to read; `on_post_page` takes it out again as it puts in the card or the index."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..show.render import environment

SEARCH_TEMPLATE = "okr/search.html"
START, END = "<!-- mkdocs-okr: search -->", "<!-- mkdocs-okr: search end -->"
_TEXT = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)


def wants_text(plugin_names: Sequence[str]) -> bool:
    """Whether a plugin of the site indexes pages for search (`search`, `material/search`)."""
    return any(name == "search" or name.endswith("/search") for name in plugin_names)


def with_text(
    html: str, marker: str, okrs: Sequence[Mapping[str, Any]], key_results: bool, search_paths: tuple[str, ...]
) -> str:
    """`html` with the OKRs' text after `marker`, for search to index."""
    text = environment(search_paths).get_template(SEARCH_TEMPLATE).render(okrs=okrs, key_results=key_results)
    return html.replace(marker, f"{marker}{START}\n{text}\n{END}", 1)


def without_text(output: str) -> str:
    """`output` without the text that `with_text` put in."""
    return _TEXT.sub("", output, 1) if START in output else output
