"""Links and anchors between the pages of a build, as MkDocs sees them."""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


def add_anchors(page: Page, anchors: Iterable[str]) -> None:
    """Let MkDocs' anchor validation know the ids that the card or the index adds to the page."""
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(anchors)


def relative_path(url: str, page: Page) -> str:
    """A link from `page` to the page at `url`, to which a `#fragment` is added: "" for itself."""
    relative = get_relative_url(url, page.url)
    return "" if relative == "." else relative
