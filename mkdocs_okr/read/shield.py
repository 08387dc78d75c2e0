"""What MkDocs is given to render instead of an OKR page's file, when reading the file as it is
would stop or stall the whole build; the page's card says what was wrong."""

from __future__ import annotations

import yaml

from .frontmatter import FRONT_MATTER_RE
from .limits import Limits, shallow, too_deep, too_large


def safe_source(raw: bytes, limits: Limits) -> str | None:
    """The page's text with bytes that are not UTF-8 replaced (MkDocs would stop the build) and
    without front matter that is larger or deeper than `limits` allow (MkDocs' own YAML loader
    would take minutes over it, or crash); None when the file can be read as it is."""
    if len(raw) <= limits.front_matter_bytes and raw.isascii() and shallow(raw):  # most pages, at once
        return None
    try:
        text, changed = raw.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        text, changed = raw.decode("utf-8-sig", "replace"), True
    if len(text) * 4 <= limits.front_matter_bytes and shallow(text):  # most pages: nothing to refuse
        return text if changed else None
    match = FRONT_MATTER_RE.match(text)  # as MkDocs reads it: newlines as they are
    if match is not None and _refused(match.group(1), limits):
        return text[match.end() :]
    return text if changed else None


def _refused(block: str, limits: Limits) -> bool:
    try:
        return too_large(block, limits.front_matter_bytes) is not None or too_deep(block, limits.depth + 1) is not None
    except yaml.YAMLError:  # MkDocs' loader stops at the same place, as soon
        return False
