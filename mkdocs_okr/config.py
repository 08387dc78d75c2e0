"""The plugin's options in mkdocs.yml, as a typed MkDocs `Config` class, and their core equivalent."""

from __future__ import annotations

from datetime import date
from typing import Optional

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from .check import Options
from .model import Severity
from .settings import SettingError, name_list, severities


class Names(BaseConfigOption[tuple[str, ...]]):
    """A name or a list of names."""

    def __init__(self) -> None:
        super().__init__()
        self.default = ()

    def run_validation(self, value: object) -> tuple[str, ...]:
        try:
            return name_list(value)
        except SettingError as error:
            raise ValidationError(str(error)) from None


class Severities(BaseConfigOption[dict[str, Severity]]):
    """A mapping of rule id to error, warning, info or ignore."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object) -> dict[str, Severity]:
        try:
            return severities(value)
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


class OkrConfig(Config):
    """Options of the `okr` plugin."""

    enabled = c.Type(bool, default=True)
    """Set to false to turn the plugin off, e.g. with `!ENV [OKR_ENABLED, true]`."""

    customer = Names()
    """Your direct customers, by default for every OKR page: who buys or adopts your product
    (e.g. `[restaurant owners, restaurants]`). A page's own `okr.customer` replaces it."""

    customers_users = Names()
    """Your customers' users, by default for every OKR page: the people your customers serve
    (e.g. `[diners]`). A page's own `okr.customers_users` replaces it."""

    guidance_url = c.Type(str, default="https://mkdocs-okr.github.io/mkdocs-okr/")
    """Where the rule pages live that cards link to (`rules/<id>/` is added): a full URL, a path
    from the server's root such as `/okr-guide/`, or a path inside this site such as `./` when the
    site carries the rule pages itself."""

    index = c.Type(str, default="okrs/index.md")
    """Where the generated page with the site's OKR index goes (periods, a chart and a table per
    team, the alignment tree); `""` for none. A page of your own that holds the line
    `<!-- mkdocs-okr: index -->` shows the index there instead, and a page of yours at this path
    is never replaced."""

    workers = c.Optional(c.Type(int))
    """Worker processes that check pages while MkDocs renders: unset to decide by the site's size
    and the machine's cores (200 OKR pages or more, and more than one core), `0` to check in the
    build's own process. The findings and the site are the same either way."""

    min_key_results = c.Type(int, default=2)
    """Fewer key results than this on an objective is a `key-result-count` finding."""

    max_key_results = c.Type(int, default=5)
    """More key results than this on an objective is a `key-result-count` finding."""

    stale_after_days = c.Type(int, default=45)
    """A key result whose `updated` date is more days old than this is reported as `stale`."""

    today = Day()
    """The date that `stale_after_days` counts back from, as `YYYY-MM-DD`; unset, the build uses
    `SOURCE_DATE_EPOCH` when set (reproducible builds), else the current date."""

    severity = Severities()
    """What each rule's findings do: `error`, `warning` (both fail `mkdocs build --strict`),
    `info` or `ignore`, by rule id, e.g. `{schema: warning}`, or by controllability level
    (`customer`, `customers_users`, `team`, `unknown`). What is not named keeps its default."""


def options_from(config: OkrConfig) -> Options:
    """The core's options from the validated plugin config."""
    return Options(
        customer=config.customer,
        customers_users=config.customers_users,
        severity=dict(config.severity),
        today=config.today,
        stale_after_days=config.stale_after_days,
        min_key_results=config.min_key_results,
        max_key_results=config.max_key_results,
    )
