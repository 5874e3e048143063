"""The configuration: one file of defaults, typed and validated tables, no defaults restated in code."""

from __future__ import annotations

import tomllib
from dataclasses import MISSING, fields
from importlib import resources

import pytest

from crosscheck.config import SETTINGS, ClaimSettings, Config, load_config, settings_class
from crosscheck.errors import UsageError


def _defaults_file() -> dict:
    return tomllib.loads((resources.files("crosscheck") / "defaults.toml").read_text(encoding="utf-8"))


def test_every_table_of_the_defaults_file_has_a_settings_class():
    assert set(_defaults_file()) == set(SETTINGS)


@pytest.mark.parametrize("table", sorted(SETTINGS))
def test_code_defaults_equal_the_defaults_file(table):
    """A class's field defaults exist for building one by hand (tests, libraries); they must be the
    file's values exactly, key for key, or a stage built without a config would run on other numbers."""
    cls = settings_class(table)
    file_values = _defaults_file()[table]
    code_values = {f.name: f.default for f in fields(cls) if f.default is not MISSING}
    assert set(file_values) == {f.name for f in fields(cls)}, "every key in the file has a field and back"
    assert code_values == file_values
    assert cls.from_config(load_config()) == cls() == cls.from_config(None)


def _user(tmp_path, text: str):
    p = tmp_path / "my.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_load_config_is_typed_and_overrides(tmp_path):
    config = load_config(_user(tmp_path, '[claims]\nworkers = 2\nentities = "all"\n[relations]\nrelated_similarity = 1\n'))
    assert isinstance(config, Config)
    claims = config.settings(ClaimSettings)
    assert (claims.workers, claims.entities, claims.scorer) == (2, "all", "checkworthy.news.v1")
    assert settings_class("relations").from_config(config).related_similarity == 1


@pytest.mark.parametrize(("text", "message"), [
    ('[claims]\nworkers = "two"\n', "[claims]: 'workers' must be a whole number, not 'two'"),
    ('[claims]\nworkers = true\n', "'workers' must be a whole number"),
    ('[stories]\njoin_threshold = "high"\n', "'join_threshold' must be a number"),
    ('[claims]\nentities = "some"\n', "'entities' must be one of check-worthy, all"),
    ('[claims]\nscorers = "x"\n', "unknown setting 'scorers'"),
    ('[claims]\nTABLE = "x"\n', "unknown setting 'TABLE'"),
    ('[claims]\nCHOICES = "x"\n', "unknown setting 'CHOICES'"),
    ('[nonsense]\nx = 1\n', "unknown setting 'nonsense'"),
    ('claims = 3\n', "'claims' must be a table"),
])
def test_bad_user_config_is_one_clear_usage_error(tmp_path, text, message):
    with pytest.raises(UsageError) as err:
        load_config(_user(tmp_path, text))
    assert message in str(err.value) and "my.toml" in str(err.value)
    assert "\n" not in str(err.value)


def test_a_stage_without_a_config_runs_on_the_defaults_file():
    from crosscheck.claims.analyse import ClaimAnalyser

    assert ClaimAnalyser(None, scorer=object()).settings == ClaimSettings.from_config(load_config())
