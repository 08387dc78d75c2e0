"""Where the plugin's own files go in the built site, and the site's file already there, which the
plugin never replaces. MkDocs compares the destinations of the files it found in `docs_dir`, not
those of files a plugin adds: `okrs.md` and the index's `okrs/index.md` both go to
`okrs/index.html` (with directory URLs), and the later one would silently win. So destinations
and URLs are compared, not source paths; a folder at the place counts, and so does a file where
the generated one needs a folder."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.files import File, Files

from .index import INDEX_MARKER


def occupant(files: Files, dest_uri: str, url: str | None, shown: Callable[[File], str]) -> tuple[File, str] | None:
    """The site's file that takes `dest_uri` or `url`, and its name (`shown`), or the folder's
    that holds it; None when the place is free."""
    for file in files:
        theirs = file.dest_uri
        if theirs == dest_uri or dest_uri.startswith(theirs + "/") or (url is not None and file.url == url):
            return file, shown(file)
        if theirs.startswith(dest_uri + "/"):  # a file inside a folder of that name
            name, inside = shown(file), theirs[len(dest_uri) :]
            return file, f"the folder {name[: -len(inside)]}/" if name.endswith(inside) else name
    return None


def index_clash(files: Files, index: File, shown: Callable[[File], str]) -> str | None:
    """Why the generated `index` cannot go where it would: the site's file there, named by `shown`
    (with the line that shows the index in a page of its own, when it is one); None when free."""
    taken = occupant(files, index.dest_uri, index.url, shown)
    if taken is None:
        return None
    file, user = taken
    marker = (
        f", or add the line {INDEX_MARKER} to {user} to show the index there" if file.is_documentation_page() else ""
    )
    return (
        f"{user} takes {index.dest_uri} in the built site, where the OKR index would go, so the index is not "
        f"generated: set the okr plugin's option index to another path, e.g. index: okrs/all.md{marker}"
    )


def export_clash(files: Files, dest_uri: str, shown: Callable[[File], str]) -> str | None:
    """Why the export cannot be written at `dest_uri`: the site's file there; None when free."""
    taken = occupant(files, dest_uri, None, shown)
    if taken is None:
        return None
    return (
        f"{taken[1]} takes {dest_uri} in the built site, where the export of the site's OKRs would go, so "
        "the export is not written: set the okr plugin's option export to another path, e.g. export: okrs-export.json"
    )
