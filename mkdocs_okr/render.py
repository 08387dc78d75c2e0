"""Render OKR cards as HTML through Jinja2 templates that a site can override."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

from .vocabulary import vocabulary
from .model import OKR, Diagnostic, KeyResult

CARD_TEMPLATE = "okr/card.html"
CSS_TEMPLATE = "okr/okr.css"
CSS_PATH = "assets/mkdocs-okr/okr.css"
GUIDANCE_URL = "https://mkdocs-okr.github.io/mkdocs-okr/"


def number(value: float | None) -> str:
    """A number as people write it: 90, 2.5, 1,200 (no trailing .0)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def span(kr: KeyResult) -> str:
    """`82% → 90%` or `3 → 1 days`: baseline to target, a symbol unit on each number, a word unit once."""
    unit = kr.unit or ""
    attached = unit in ("%", "‰", "pp")
    ends = [number(v) + (unit if attached else "") if v is not None else "?" for v in (kr.baseline, kr.target)]
    text = " → ".join(ends) if kr.baseline is not None else ends[1]
    return f"{text} {unit}" if unit and not attached else text


def current(kr: KeyResult) -> str:
    """`now 84%`, or '' when there is no current value."""
    if kr.current is None:
        return ""
    unit = kr.unit or ""
    return f"now {number(kr.current)}{unit}" if unit in ("%", "‰", "pp") else f"now {number(kr.current)} {unit}".rstrip()


@lru_cache(maxsize=16)
def environment(search_paths: tuple[str, ...] = ()) -> Environment:
    """A Jinja2 environment: the site's folders first (theme `custom_dir`), then the package's templates."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(list(search_paths)), PackageLoader("mkdocs_okr", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["number"] = number
    env.filters["span"] = span
    env.filters["current"] = current
    return env


def card(
    okr: OKR | None,
    diagnostics: Sequence[Diagnostic],
    css_url: str,
    guidance_url: str = GUIDANCE_URL,
    search_paths: tuple[str, ...] = (),
) -> str:
    """The card of one page: its OKRs, or, when they cannot be read, the findings that say why."""
    template = environment(search_paths).get_template(CARD_TEMPLATE)
    return template.render(
        okr=okr, diagnostics=diagnostics, css_url=css_url, levels=vocabulary().levels, guidance_url=guidance_url
    )


def stylesheet(search_paths: tuple[str, ...] = ()) -> str:
    """The card's CSS."""
    return environment(search_paths).get_template(CSS_TEMPLATE).render()
