"""The plugin's options in mkdocs.yml, as the MkDocs `Config` class made from the option table."""

from __future__ import annotations

from typing import Any

from mkdocs.config.base import BaseConfigOption, Config, ConfigErrors, ConfigWarnings, ValidationError

from ..options.readers import SettingError
from ..options.table import MKDOCS, Option, of_host, unknown


class Setting(BaseConfigOption[Any]):
    """One option of the table, read by its own reader, so that MkDocs and every other host read it alike."""

    def __init__(self, option: Option) -> None:
        super().__init__()
        self.read, self.default = option.read, option.default

    def run_validation(self, value: object) -> Any:
        try:
            return self.read(value)
        except SettingError as error:
            raise ValidationError(str(error)) from None


class OkrConfig(Config):
    """Options of the `okr` plugin (table.py says what each does)."""

    _schema = tuple((option.name, Setting(option)) for option in of_host(MKDOCS))

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """MkDocs' validation, with "did you mean" for an option name that is not one."""
        failed, warnings = super().validate()
        known = [name for name, _ in self._schema]
        return failed, [(key, unknown(key, known)) if key not in known else (key, w) for key, w in warnings]
