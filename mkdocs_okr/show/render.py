"""Render OKR cards as HTML through Jinja2 templates that a site can override."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..levels import levels
from ..model import OKR, Diagnostic, KeyResult

if TYPE_CHECKING:
    from jinja2 import Environment

    from .anchors import CardIds
    from .siteindex import Index

CARD_TEMPLATE = "okr/card.html"
INDEX_TEMPLATE = "okr/index.html"
INDEX_PAGE_TEMPLATE = "okr/index.md"
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


SUFFIXES = ("%", "‰", "pp")
PREFIXES = ("$", "€", "£", "¥", "₹", "₩", "CHF")


def amount(value: float, unit: str | None) -> str:
    """`82%`, `$420`, `€1,200`, `3 days`, `1 day`: a number with its unit, as people write it."""
    if unit in SUFFIXES:
        return f"{number(value)}{unit}"
    if unit in PREFIXES:
        return f"{unit}{number(value)}" if len(unit) == 1 else f"{unit} {number(value)}"
    if unit:
        return f"{number(value)} {_singular(unit) if value == 1 else unit}"
    return number(value)


def _singular(unit: str) -> str:
    """`days` -> `day` for a value of one; a symbol or abbreviation (`ms`, `kWh`) stays as it is."""
    if (
        len(unit) > 3
        and unit.isalpha()
        and unit.islower()
        and unit.endswith("s")
        and not unit.endswith(("ss", "us", "is"))
    ):
        return unit[:-1]
    return unit


def span(kr: KeyResult) -> str:
    """`82% → 90%`, `$420 → $500` or `3 days → 1 day`: baseline to target, each with its unit."""
    ends = [amount(v, kr.unit) if v is not None else "?" for v in (kr.baseline, kr.target)]
    return " → ".join(ends) if kr.baseline is not None else ends[1]


def bounds(least: float | None, most: float | None, unit: str | None) -> str:
    """`between 95% and 99%`, `at least 99.9%`, `at most 300 ms`: a band, or a threshold."""
    if least is not None and most is not None:
        return f"between {amount(least, unit)} and {amount(most, unit)}"
    if least is not None:
        return f"at least {amount(least, unit)}"
    return "" if most is None else f"at most {amount(most, unit)}"


def score(value: float) -> str:
    """A score as graders write it: 0.7, 0.25, 1.0."""
    shown = f"{value:.2f}".rstrip("0")
    return shown + "0" if shown.endswith(".") else shown


def current(kr: KeyResult) -> str:
    """`now 84%`, `now 2 days`, or '' when there is no current value."""
    return "" if kr.current is None else f"now {amount(kr.current, kr.unit)}"


def percent(share: float) -> str:
    """0.5 -> `50%`."""
    return f"{round(share * 100)}%"


@dataclass(frozen=True)
class Placed:
    """A valid card's findings by where the card shows them: `at` a key result's, an
    objective's or a health metric's pointer, under it; `page` the page's own, at the card's foot; `badged` the
    controllability ones, which each key result's badge and reason already say."""

    at: dict[str, list[Diagnostic]] = field(default_factory=dict)
    page: list[Diagnostic] = field(default_factory=list)
    badged: list[Diagnostic] = field(default_factory=list)


def place(okr: OKR | None, diagnostics: Sequence[Diagnostic]) -> Placed:
    """Put each finding under the key result, objective or health metric its pointer is in (the deepest)."""
    placed = Placed()
    if okr is None:
        return placed
    owners = [kr.pointer for o in okr.objectives for kr in o.key_results] + [o.pointer for o in okr.objectives]
    owners += [metric.pointer for metric in okr.health]
    for d in diagnostics:
        if d.rule == "controllability":
            placed.badged.append(d)
            continue
        owner = next((p for p in owners if d.pointer == p or d.pointer.startswith(p + "/")), None)
        (placed.at.setdefault(owner, []) if owner else placed.page).append(d)
    return placed


def about(message: str, subject: str = "", quoted: str = "") -> str:
    """A finding's message as it reads under its key result or objective: without the name
    (`O1 KR2`) and the quoted text that the card shows beside it, as a sentence."""
    for lead in (f"{subject}: ", f"{subject} ") if subject else ():
        if message.startswith(lead):
            message = message[len(lead) :].removeprefix(f'"{quoted}" ')
            if not message.split(" ", 1)[0].endswith(":"):  # a key's name keeps its case
                message = message[:1].upper() + message[1:]
            break
    return message if message.endswith((".", "?", "!")) else message + "."


@lru_cache(maxsize=16)
def environment(search_paths: tuple[str, ...] = ()) -> Environment:
    """A Jinja2 environment: the site's folders first (theme `custom_dir`), then the package's templates.
    Jinja2 is imported here, on the first card: the command line renders none."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape
    from markupsafe import Markup

    from .trend import confidence, key_result_trend

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
    env.filters["amount"] = amount
    env.filters["bounds"] = bounds
    env.filters["score"] = score
    env.filters["percent"] = percent
    env.filters["about"] = about
    # trend lines escape every text they draw
    env.filters["trend"] = lambda kr: Markup(key_result_trend(kr))
    env.filters["team_trend"] = lambda cycle: Markup(cycle.line)
    env.globals["confidence"] = confidence
    return env


def card(
    okr: OKR | None,
    diagnostics: Sequence[Diagnostic],
    css_url: str | None,
    guidance_url: str = GUIDANCE_URL,
    search_paths: tuple[str, ...] = (),
    findings: bool = False,
    inline_css: bool = False,
    ids: CardIds | None = None,
) -> str:
    """The card of one page: its OKRs with every finding under the key result or objective it
    is about, or, when they cannot be read, the findings that say why. `findings` gives each
    finding's line and column and lists the controllability ones too, for hosts whose build log is
    easy to miss; `inline_css` puts the stylesheet in the card, and `css_url` None links none (the
    host adds it to the page). `ids`: the HTML ids of its objectives and key results (`anchors`)."""
    template = environment(search_paths).get_template(CARD_TEMPLATE)
    return template.render(
        okr=okr,
        diagnostics=diagnostics,
        css_url=css_url,
        levels=levels(),
        guidance_url=guidance_url,
        findings=findings,
        placed=place(okr, diagnostics),
        ids=ids,
        style=stylesheet(search_paths) if inline_css else "",
    )


def index(site: Index, css_url: str, search_paths: tuple[str, ...] = ()) -> str:
    """The site's OKR index: periods, a chart and a table per team, and the alignment tree."""
    template = environment(search_paths).get_template(INDEX_TEMPLATE)
    return template.render(index=site, css_url=css_url, levels=levels())


def index_page(marker: str, search_paths: tuple[str, ...] = ()) -> str:
    """The Markdown of a generated index page: a title, a sentence, and the marker the index replaces."""
    return environment(search_paths).get_template(INDEX_PAGE_TEMPLATE).render(marker=marker) + "\n"


def stylesheet(search_paths: tuple[str, ...] = ()) -> str:
    """The card's CSS."""
    return environment(search_paths).get_template(CSS_TEMPLATE).render()
