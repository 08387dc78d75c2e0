"""The plugin's options in mkdocs.yml, as a typed MkDocs `Config` class, and their core equivalent."""

from __future__ import annotations

from datetime import date
from difflib import get_close_matches
from typing import Callable, Optional, TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ConfigErrors, ConfigWarnings, ValidationError

from .check import Options
from .limits import DEPTH_CEILING, Limits
from .report import EXPORT_FILE
from .settings import SettingError, link, name_list, severities, site_path, site_vocabulary

T = TypeVar("T")


class Setting(BaseConfigOption[T]):
    """An option that every host reads the same way: `read` (from `settings`) gives its value."""

    def __init__(self, read: Callable[[object], T], default: T) -> None:
        super().__init__()
        self.read, self.default = read, default

    def run_validation(self, value: object) -> T:
        try:
            return self.read(value)
        except SettingError as error:
            raise ValidationError(str(error)) from None


class Day(BaseConfigOption[Optional[date]]):
    """A date, written `2026-03-31` (quoted or not)."""

    def run_validation(self, value: object) -> date | None:
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(f"expected a date YYYY-MM-DD, got {value!r}") from None


class Count(BaseConfigOption[int]):
    """A whole number from `least` to `most`."""

    def __init__(self, default: int, least: int = 1, most: int | None = None) -> None:
        super().__init__()
        self.default, self.least, self.most = default, least, most

    def run_validation(self, value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError(f"expected a whole number, got {value!r}")
        if value < self.least or (self.most is not None and value > self.most):
            upper = f" and at most {self.most:,}" if self.most is not None else ""
            raise ValidationError(f"expected at least {self.least:,}{upper}, got {value:,}")
        return value


class OkrConfig(Config):
    """Options of the `okr` plugin."""

    enabled = c.Type(bool, default=True)
    """Set to false to turn the plugin off, e.g. with `!ENV [OKR_ENABLED, true]`."""

    customer = Setting(name_list, ())
    """Your direct customers, by default for every OKR page: who buys or adopts your product
    (e.g. `[restaurant owners, restaurants]`). A page's own `okr.customer` replaces it."""

    customers_users = Setting(name_list, ())
    """Your customers' users, by default for every OKR page: the people your customers serve
    (e.g. `[diners]`). A page's own `okr.customers_users` replaces it."""

    vocabulary = Setting(site_vocabulary, {})
    """Your own words, for the classifier: names for your `customer`, your `customers_users`, the
    customer's staff (`customer_staff`) and your own `team`, and `metrics` by the party whose
    behaviour they count (`customer`, `customers_users` or `team`). They win over the built-in words,
    e.g. `{customer_staff: [dispatchers], metrics: {customers_users: [deliveries]}}`."""

    guidance_url = Setting(link, "https://mkdocs-okr.github.io/mkdocs-okr/")
    """Where the rule pages live that cards link to (`rules/<id>/` is added): a full URL, a path
    from the server's root such as `/okr-guide/`, or a path inside this site such as `./` when the
    site carries the rule pages itself."""

    index = c.Type(str, default="okrs/index.md")
    """Where the generated page with the site's OKR index goes (periods, a chart and a table per
    team, the alignment tree); `""` for none. A page of your own that holds the line
    `<!-- mkdocs-okr: index -->` shows the index there instead, and a file of yours that the site
    writes where the index would go (`okrs.md` goes to `okrs/index.html` too) is never replaced:
    the index is not generated, and the build says so. Without a `nav:`, the index is one entry of
    the navigation, titled as the page is; with one, it is shown only where your `nav:` lists its
    path (e.g. `- okrs/index.md`), and MkDocs does not report it as a page left out of the nav."""

    export = Setting(site_path, EXPORT_FILE)
    """Where in the built site the build writes every OKR of the site as JSON, in the JSON
    report's format; `""` for none. A file of yours that the site has at that path is never
    replaced: the export is not written, and the build says so."""

    workers = c.Optional(c.Type(int))
    """Worker processes that check pages while MkDocs renders: unset to decide by the site's size
    and the machine's cores (200 OKR pages or more, and more than one core), `0` to check in the
    build's own process. The findings and the site are the same either way."""

    min_key_results = Count(2, least=0)
    """Fewer key results than this on an objective is a `key-result-count` finding."""

    max_key_results = Count(5)
    """More key results than this on an objective is a `key-result-count` finding."""

    stale_after_days = Count(45, least=0)
    """A key result whose `updated` date is more days old than this is reported as `stale`."""

    today = Day()
    """The date that `stale_after_days` counts back from, as `YYYY-MM-DD`; unset, the build uses
    `SOURCE_DATE_EPOCH` when set (reproducible builds), else the current date."""

    max_front_matter_bytes = Count(Limits.front_matter_bytes)
    """The largest front matter, in bytes, that an OKR page may have; a larger one is a `limit`
    finding and is not read (MkDocs renders the page without it)."""

    max_depth = Count(Limits.depth, most=DEPTH_CEILING)
    """How deep lists and mappings may nest in an OKR page's front matter; deeper is a `limit`
    finding and the block is not read."""

    max_values = Count(Limits.values)
    """How many values (keys' values, list items, each use of an alias again) the `okr` block may
    hold; more is a `limit` finding, which stops "billion laughs" alias bombs."""

    severity = Setting(severities, {})
    """What each rule's findings do: `error`, `warning` (both fail `mkdocs build --strict`),
    `info` or `ignore`, by rule id, e.g. `{schema: warning}`, or by controllability level
    (`customer`, `customers_users`, `team`, `unknown`). What is not named keeps its default."""


    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """MkDocs' validation, with "did you mean" for an option name that is not one."""
        failed, warnings = super().validate()
        known = [name for name, _ in self._schema]
        return failed, [(key, _unknown(key, known)) if key not in known else (key, w) for key, w in warnings]


def _unknown(key: str, known: list[str]) -> str:
    close = get_close_matches(key, known, n=1)
    return f'unknown option; did you mean "{close[0]}"?' if close else f"unknown option; known: {', '.join(known)}"


def options_from(config: OkrConfig) -> Options:
    """The core's options from the validated plugin config."""
    return Options(
        customer=config.customer,
        customers_users=config.customers_users,
        vocabulary=config.vocabulary,
        severity=dict(config.severity),
        today=config.today,
        stale_after_days=config.stale_after_days,
        min_key_results=config.min_key_results,
        max_key_results=config.max_key_results,
        limits=Limits(config.max_front_matter_bytes, config.max_depth, config.max_values),
    )
