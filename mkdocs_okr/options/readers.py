"""How each option's value is read from what a user wrote (table.py says which option reads
which way); a wrong value raises `SettingError` with a message that says what to write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from difflib import get_close_matches
from urllib.parse import urlsplit

from ..classify.vocabulary import SITE_PARTIES, SiteWords, site_words
from ..model import Severity
from ..read.normalise import names
from ..rules.registry import policy_keys

SEVERITIES = [s.value for s in Severity]


class SettingError(ValueError):
    """An option's value is not what it should be; `setting` names it when known."""

    def __init__(self, message: str, setting: str = "") -> None:
        super().__init__(message)
        self.setting = setting


def boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise SettingError(f"expected true or false, got {value!r}")


def text(value: object) -> str:
    if isinstance(value, str):
        return value
    raise SettingError(f"expected text, got {value!r}")


def day(value: object) -> date | None:
    """A date, written `2026-03-31` (quoted or not), or unset."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SettingError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def whole(least: int, most: int | None = None) -> Callable[[object], int]:
    """A whole number from `least` to `most`."""

    def read(value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise SettingError(f"expected a whole number, got {value!r}")
        if value < least or (most is not None and value > most):
            upper = f" and at most {most:,}" if most is not None else ""
            raise SettingError(f"expected at least {least:,}{upper}, got {value:,}")
        return value

    return read


def optional(read: Callable[[object], int]) -> Callable[[object], int | None]:
    """What `read` reads, or nothing (unset)."""

    def read_optional(value: object) -> int | None:
        return None if value is None else read(value)

    return read_optional


def whole_or_unset(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise SettingError(f"expected a whole number, or nothing, got {value!r}")


def name_list(value: object) -> tuple[str, ...]:
    """A name or a list of names."""
    if isinstance(value, str) or (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
        return names(value)
    raise SettingError(f"expected a name or a list of names, got {value!r}")


def link(value: object) -> str:
    """Where cards link to: an http(s) URL, or a path (from the server's root, or within the site).
    Nothing else, so no setting can make "About this rule" run script (javascript:, data:)."""
    if not isinstance(value, str):
        raise SettingError(f"expected a URL or a path, got {value!r}")
    scheme = urlsplit(value).scheme.lower()
    if scheme not in ("", "http", "https") or any(ch.isspace() or ord(ch) < 32 for ch in value):
        raise SettingError(f"expected an http or https URL, or a path, got {value!r}")
    return value


def site_path(value: object) -> str:
    """A file's path inside the built site, '/'-separated, or "" for none: never outside it, so no
    setting can make the build write over a file that is not the site's."""
    if not isinstance(value, str):
        raise SettingError(f"expected a path inside the site, like okrs.json, got {value!r}")
    if value and ("\\" in value or ":" in value or any(part in ("", ".", "..") for part in value.split("/"))):
        raise SettingError(f"expected a path inside the site, like okrs.json, got {value!r}")
    return value


def severities(value: object) -> dict[str, Severity]:
    """A mapping of rule id (or controllability level) to error, warning, info or ignore."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SettingError(f"expected a mapping of rule id to severity, got {value!r}")
    known = policy_keys()
    result = {}
    for key, level in value.items():
        if key not in known:
            close = get_close_matches(str(key), known, n=1)
            hint = f' — did you mean "{close[0]}"?' if close else f"; known: {', '.join(known)}"
            raise SettingError(f'unknown rule or level "{key}"{hint}')
        if level not in SEVERITIES:
            raise SettingError(f'"{key}": expected one of {", ".join(SEVERITIES)}, got {level!r}')
        result[key] = Severity(level)
    return result


_METRIC_OWNERS = ("customer", "customers_users", "team")


def site_vocabulary(value: object) -> SiteWords:
    """A site's words for the classifier: its names for each party (`customer`, `customers_users`,
    `customer_staff`, `team`), and `metrics` by the party whose behaviour they count."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise SettingError(f"expected a mapping of {', '.join([*SITE_PARTIES, 'metrics'])}, got {value!r}")
    checked: dict[str, object] = {}
    for key, words in value.items():
        if key == "metrics":
            if not isinstance(words, dict):
                raise SettingError(
                    f"metrics: expected a mapping of {', '.join(_METRIC_OWNERS)} to words, got {words!r}"
                )
            checked["metrics"] = {
                owner: _words(f"metrics: {owner}", _METRIC_OWNERS, owner, listed) for owner, listed in words.items()
            }
        else:
            checked[key] = _words(str(key), (*SITE_PARTIES, "metrics"), key, words)
    return site_words(checked)


def _words(where: str, known: tuple[str, ...], key: object, words: object) -> tuple[str, ...]:
    if key not in known:
        close = get_close_matches(str(key), known, n=1)
        hint = f' — did you mean "{close[0]}"?' if close else f"; known: {', '.join(known)}"
        raise SettingError(f'unknown key "{key}"{hint}')
    try:
        return name_list(words)
    except SettingError as error:
        raise SettingError(f"{where}: {error}") from None
