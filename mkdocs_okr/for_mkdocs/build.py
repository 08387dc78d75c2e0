"""What one build of a site finds, as one object that the plugin makes anew in `on_config`.

`mkdocs serve` keeps the plugin across rebuilds, and mkdocs-static-i18n runs one build per language
in one run. What lasts for the run (the findings so far, the day, the workers' batch) stays on the
plugin; everything a build learns of its own pages lives here, so a rebuild starts from nothing by
construction, not by resetting each attribute by hand.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.structure.files import File

from ..site.outcome import Checked, Look
from ..site.wide import SiteWide


@dataclass
class Build:
    look: Look = field(default_factory=Look)
    root: str = "."  # mkdocs.yml's folder, which page names in findings start from
    docs_prefix: str = ""  # docs_dir as seen from mkdocs.yml's folder, with a final "/"
    search: bool = False  # whether a search plugin indexes the pages
    folded: bool = True  # whether the build's results are in the run's (nothing to add before a build)
    pages: list[str] = field(default_factory=list)  # the documentation pages, as diagnostics name them
    files: dict[str, File] = field(default_factory=dict)  # src_uri -> the file of each page checked
    index: File | None = None  # the index page the build generated
    urls: dict[str, str] = field(default_factory=dict)  # page file as diagnostics name it -> the page's URL
    shielded: dict[str, str] = field(default_factory=dict)  # src_uri -> what MkDocs reads instead of the page's file
    sources: dict[str, bytes] = field(
        default_factory=dict
    )  # src_uri -> the bytes read in on_files, until MkDocs reads the page
    index_pages: set[str] = field(default_factory=set)  # the pages that hold the index marker
    checked: dict[str, Checked] = field(
        default_factory=dict
    )  # src_uri -> each OKR page checked, once every page is read
    site: Callable[[], SiteWide] | None = None  # waits for the site-wide steps' result

    def name(self, file: File, docs_dir: str) -> str:
        """The page's path relative to mkdocs.yml's folder, as CI tools and editors want it; for
        a page of docs_dir, the folder's path and the page's, joined (no path arithmetic a page)."""
        if file.src_dir == docs_dir and file.abs_src_path:
            return self.docs_prefix + file.src_uri
        path = file.abs_src_path or os.path.join(docs_dir, file.src_path)
        return os.path.relpath(path, self.root).replace(os.sep, "/")
