"""Rule profiles: presets of severities and counts that fill in what a site leaves unset."""

from __future__ import annotations

from dataclasses import fields

import pytest

from mkdocs_okr.check import Options
from mkdocs_okr.model import Severity
from mkdocs_okr.options.profiles import profiles
from mkdocs_okr.options.readers import SettingError
from mkdocs_okr.options.table import BY_NAME, MKDOCS, core_options, read_options
from mkdocs_okr.rules.registry import registry

pytestmark = pytest.mark.unit


def options(**given: object) -> Options:
    return core_options(read_options(given, MKDOCS))


def test_every_profile_names_real_rules_and_options_with_values_their_readers_take() -> None:
    assert list(profiles()) == ["recommended", "google", "radical-focus", "lightweight"]
    for profile in profiles().values():
        assert set(profile.severity) <= set(registry()), profile.name
        for name, value in profile.options.items():
            assert BY_NAME[name].read(value) == value, (profile.name, name)
        assert profile.after and profile.summary.endswith(".")


def test_recommended_is_the_core_default() -> None:
    defaults = {f.name: f.default for f in fields(Options)}
    assert options() == Options() and options(profile="recommended") == Options()
    assert all(defaults[name] == value for name, value in profiles()["recommended"].options.items())


def test_a_profile_presets_counts_and_severities() -> None:
    radical = options(profile="radical-focus")
    assert (radical.max_objectives, radical.min_key_results, radical.max_key_results) == (1, 3, 3)
    assert radical.stale_after_days == 14 and radical.severity["confidence-drop"] is Severity.WARNING
    lightweight = options(profile="lightweight")
    assert lightweight.severity["key-result-count"] is Severity.IGNORE and "controllability" not in lightweight.severity


def test_what_the_site_sets_wins_over_its_profile() -> None:
    chosen = options(profile="google", max_key_results=6, severity={"unscored": "info", "schema": "warning"})
    assert chosen.max_key_results == 6 and chosen.min_key_results == 2  # the profile's where unset
    assert chosen.severity["unscored"] is Severity.INFO and chosen.severity["no-target"] is Severity.WARNING
    assert chosen.severity["schema"] is Severity.WARNING


def test_a_misspelt_profile_says_which_it_means() -> None:
    with pytest.raises(
        SettingError,
        match=r'expected one of recommended, google, radical-focus, lightweight, got .radical_focus. — did you mean "radical-focus"\?',
    ):
        read_options({"profile": "radical_focus"}, MKDOCS)
