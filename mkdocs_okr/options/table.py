"""Every option of every host, declared once: its reader, its default, the hosts that take it, and
what it means.

The MkDocs plugin's `Config` class (mkdocs_config.py), the Sphinx `okr_*` settings (sphinx.py), the
Markdown extension's settings (markdown.py), the checker's reading of mkdocs.yml (site_config.py)
and the configuration reference (hooks/reference.py) are all made from this table, so an option
added here works, and is documented, wherever it makes sense.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from ..check import Options
from ..read.limits import DEPTH_CEILING, Limits
from ..show.render import GUIDANCE_URL
from ..show.report import EXPORT_FILE
from .profiles import BASE, profile_name, profiles
from .readers import (
    SettingError,
    boolean,
    day,
    link,
    name_list,
    optional,
    severities,
    site_path,
    site_vocabulary,
    text,
    whole,
    whole_or_unset,
)

MKDOCS, SPHINX, MARKDOWN = "mkdocs", "sphinx", "markdown"  # the checker reads mkdocs.yml, so it takes MkDocs' options
EVERY = frozenset({MKDOCS, SPHINX, MARKDOWN})
HOST_NAMES = {MKDOCS: "MkDocs", SPHINX: "Sphinx", MARKDOWN: "Python-Markdown"}


@dataclass(frozen=True)
class Option:
    """One option: how a value is read (SettingError says what to write instead), its default, the
    hosts that take it, and the field of the core's `Options` it sets, if any."""

    name: str
    read: Callable[[object], Any]
    default: Any
    hosts: frozenset[str]
    doc: str
    core: str = ""  # a field of check.Options, or of its Limits as "limits.<field>"

    def setting(self, host: str) -> str:
        """The option's name in a host: Sphinx's settings share one namespace, so they carry `okr_`."""
        return f"okr_{self.name}" if host == SPHINX else self.name


OPTIONS: tuple[Option, ...] = (
    Option(
        "enabled",
        boolean,
        True,
        frozenset({MKDOCS}),
        "Set to false to turn the plugin off, e.g. with `!ENV [OKR_ENABLED, true]`.",
    ),
    Option(
        "customer",
        name_list,
        (),
        EVERY,
        "Your direct customers, by default for every OKR page: who buys or adopts your product "
        "(e.g. `[restaurant owners, restaurants]`). A page's own `okr.customer` replaces it.",
        core="customer",
    ),
    Option(
        "customers_users",
        name_list,
        (),
        EVERY,
        "Your customers' users, by default for every OKR page: the people your customers serve "
        "(e.g. `[diners]`). A page's own `okr.customers_users` replaces it.",
        core="customers_users",
    ),
    Option(
        "vocabulary",
        site_vocabulary,
        {},
        EVERY,
        "Your own words, for the classifier: names for your `customer`, your `customers_users`, the "
        "customer's staff (`customer_staff`) and your own `team`, and `metrics` by the party whose "
        "behaviour they count (`customer`, `customers_users` or `team`). They win over the built-in words, "
        "e.g. `{customer_staff: [dispatchers], metrics: {customers_users: [deliveries]}}`.",
        core="vocabulary",
    ),
    Option(
        "guidance_url",
        link,
        GUIDANCE_URL,
        EVERY,
        "Where the rule pages live that cards link to (`rules/<id>/` is added): a full URL, a path "
        "from the server's root such as `/okr-guide/`, or a path inside this site such as `./` when the "
        "site carries the rule pages itself.",
    ),
    Option(
        "index",
        text,
        "okrs/index.md",
        frozenset({MKDOCS}),
        "Where the generated page with the site's OKR index goes (periods, a chart and a table per "
        'team, the alignment tree); `""` for none. A page of your own that holds the line '
        "`<!-- mkdocs-okr: index -->` shows the index there instead, and a file of yours that the site "
        "writes where the index would go (`okrs.md` goes to `okrs/index.html` too) is never replaced: "
        "the index is not generated, and the build says so. Without a `nav:`, the index is one entry of "
        "the navigation, titled as the page is; with one, it is shown only where your `nav:` lists its "
        "path (e.g. `- okrs/index.md`), and MkDocs does not report it as a page left out of the nav.",
    ),
    Option(
        "export",
        site_path,
        EXPORT_FILE,
        frozenset({MKDOCS}),
        "Where in the built site the build writes every OKR of the site as JSON, in the JSON "
        'report\'s format; `""` for none. A file of yours that the site has at that path is never '
        "replaced: the export is not written, and the build says so.",
    ),
    Option(
        "workers",
        whole_or_unset,
        None,
        frozenset({MKDOCS}),
        "Worker processes that check pages while MkDocs renders: unset to decide by the site's size "
        "and the machine's cores (200 OKR pages or more, and more than one core), `0` to check in the "
        "build's own process. The findings and the site are the same either way.",
    ),
    Option(
        "profile",
        profile_name,
        BASE,
        EVERY,
        "A preset of rule severities and counts, after the practice it is named for: `recommended`, "
        "`google`, `radical-focus` or `lightweight` (the rules reference has a table of what each "
        "sets). What you set yourself, in `severity` and the counts below, wins over it.",
    ),
    Option(
        "min_key_results",
        optional(whole(0)),
        None,
        EVERY,
        "Fewer key results than this on an objective is a `key-result-count` finding; unset, the "
        "profile's (2 under `recommended`).",
        core="min_key_results",
    ),
    Option(
        "max_key_results",
        optional(whole(1)),
        None,
        EVERY,
        "More key results than this on an objective is a `key-result-count` finding; unset, the "
        "profile's (5 under `recommended`).",
        core="max_key_results",
    ),
    Option(
        "max_objectives",
        optional(whole(1)),
        None,
        EVERY,
        "More objectives than this on a page is an `objective-count` finding; unset, the profile's "
        "(under `recommended`, a page may have any number of objectives).",
        core="max_objectives",
    ),
    Option(
        "stale_after_days",
        optional(whole(0)),
        None,
        EVERY,
        "A key result last measured more days ago than this, by its `updated` date or its latest "
        "check-in, is reported as `stale`; unset, the profile's (45 under `recommended`).",
        core="stale_after_days",
    ),
    Option(
        "git_history",
        boolean,
        True,
        EVERY,
        "Read check-ins from git: each commit that changed a key result's `current` or `confidence` "
        "counts as a check-in, dated and signed by its author, beside those the page writes under "
        "`checkins:`. A site outside a git work tree, or a machine without git, builds without them, "
        "and the build log says so once.",
        core="git_history",
    ),
    Option(
        "today",
        day,
        None,
        EVERY,
        "The date that `stale_after_days` counts back from, and that says whether a page's period is "
        "over (`unscored`), as `YYYY-MM-DD`; unset, the build uses "
        "`SOURCE_DATE_EPOCH` when set (reproducible builds), else the current date.",
        core="today",
    ),
    Option(
        "max_front_matter_bytes",
        whole(1),
        Limits.front_matter_bytes,
        EVERY,
        "The largest front matter, in bytes, that an OKR page may have; a larger one is a `limit` "
        "finding and is not read (the page is rendered without it).",
        core="limits.front_matter_bytes",
    ),
    Option(
        "max_depth",
        whole(1, DEPTH_CEILING),
        Limits.depth,
        EVERY,
        "How deep lists and mappings may nest in an OKR page's front matter; deeper is a `limit` "
        "finding and the block is not read.",
        core="limits.depth",
    ),
    Option(
        "max_values",
        whole(1),
        Limits.values,
        EVERY,
        "How many values (keys' values, list items, each use of an alias again) the `okr` block may "
        'hold; more is a `limit` finding, which stops "billion laughs" alias bombs.',
        core="limits.values",
    ),
    Option(
        "severity",
        severities,
        {},
        EVERY,
        "What each rule's findings do: `error`, `warning` (both fail a strict build), `info` or "
        "`ignore`, by rule id, e.g. `{schema: warning}`, or by controllability level (`customer`, "
        "`customers_users`, `team`, `unknown`). What is not named keeps its default.",
        core="severity",
    ),
    Option(
        "root",
        text,
        "",
        frozenset({SPHINX}),
        "The folder that page names in findings and `okrs.json` start from, as a path from the folder "
        "of `conf.py`; by default that folder itself.",
    ),
    Option(
        "css_url",
        text,
        "",
        frozenset({MARKDOWN}),
        "Link this stylesheet from each card; empty: each card carries its own styles.",
    ),
    Option(
        "file",
        text,
        "<markdown>",
        frozenset({MARKDOWN}),
        "How findings name the page when the host does not say which page it is.",
    ),
)

BY_NAME = {option.name: option for option in OPTIONS}


def of_host(host: str) -> tuple[Option, ...]:
    return tuple(option for option in OPTIONS if host in option.hosts)


def read_options(given: Mapping[str, object], host: str) -> dict[str, Any]:
    """Every option of `host`: read from `given` where it is there, else its default. The first
    option that is wrong raises SettingError, with its name as the host spells it in `setting`."""
    values = {}
    for option in of_host(host):
        value = given.get(option.name, option.default)
        try:
            values[option.name] = option.read(value)
        except SettingError as error:
            raise SettingError(str(error), option.setting(host)) from None
    return values


def core_options(values: Mapping[str, Any]) -> Options:
    """The core's options from read values (`read_options`): what the site leaves unset comes
    from its profile, and what a host does not take keeps the core's default."""
    preset = profiles()[values.get("profile", BASE)]
    plain = {o.core: values[o.name] for o in OPTIONS if o.core and "." not in o.core and o.name in values}
    for name, value in preset.options.items():
        if plain.get(name) is None:
            plain[name] = value
    plain["severity"] = {**preset.severity, **plain.get("severity", {})}
    limits = {
        o.core.split(".", 1)[1]: values[o.name] for o in OPTIONS if o.core.startswith("limits.") and o.name in values
    }
    return Options(**plain, limits=Limits(**limits))


def unknown(key: str, known: list[str]) -> str:
    """What is said of an option name that is not one."""
    close = get_close_matches(key, known, n=1)
    return f'unknown option; did you mean "{close[0]}"?' if close else f"unknown option; known: {', '.join(known)}"
