"""The option table is the one place options are declared: each host takes exactly its options,
every default reads as itself, and every field of the core's options is set by one option."""

from __future__ import annotations

from dataclasses import fields

import pytest

from mkdocs_okr.check import Options
from mkdocs_okr.for_mkdocs.config import OkrConfig
from mkdocs_okr.markdown import OkrExtension
from mkdocs_okr.options.readers import SettingError
from mkdocs_okr.options.table import MARKDOWN, MKDOCS, OPTIONS, SPHINX, Option, core_options, of_host, read_options
from mkdocs_okr.read.limits import Limits


def test_the_plugin_and_the_markdown_extension_take_their_options_of_the_table() -> None:
    assert [name for name, _ in OkrConfig._schema] == [o.name for o in of_host(MKDOCS)]
    assert list(OkrExtension().config) == [o.name for o in of_host(MARKDOWN)]


@pytest.mark.parametrize("option", [o for o in OPTIONS if not o.core], ids=lambda o: o.name)
def test_every_hosts_own_default_reads_as_itself(option: Option) -> None:
    assert option.read(option.default) == option.default


@pytest.mark.parametrize("host", [MKDOCS, SPHINX, MARKDOWN])
def test_every_field_of_the_core_is_set_by_one_option_whose_default_is_the_cores(host: str) -> None:
    wanted = [f.name for f in fields(Options) if f.name != "limits"] + [f"limits.{f.name}" for f in fields(Limits)]
    assert sorted(o.core for o in OPTIONS if o.core) == sorted(wanted)
    assert core_options(read_options({}, host)) == Options()


def test_a_wrong_value_names_the_option_as_the_host_spells_it() -> None:
    with pytest.raises(SettingError) as wrong:
        read_options({"max_depth": 0}, SPHINX)
    assert (wrong.value.setting, str(wrong.value)) == ("okr_max_depth", "expected at least 1 and at most 200, got 0")
