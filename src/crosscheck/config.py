"""Resolved configuration: ``defaults.toml`` in the package, overridden by a user TOML file.

``defaults.toml`` is the single source of every default. Each of its tables has a typed settings
class (registered in ``SETTINGS``); ``load_config`` checks every value, the user's and the
package's, against that class's field types and allowed choices, so a wrong type or an unknown key
is a one-line usage error naming the table and the key, before any work starts. Stages read their
table through the class (``ClaimSettings.from_config(config)``), never with ``.get(key, default)``:
a default restated in code could drift from the file. The classes keep field defaults so libraries
and tests can build one by hand; ``tests/test_config.py`` requires those defaults to equal
``defaults.toml`` exactly, and every table and key of the file to have its field.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from crosscheck.errors import UsageError

__all__ = [
    "Config", "load_config", "config_hash", "section_settings", "settings_class", "SETTINGS",
    "IngestSettings", "BoilerplateSettings", "SegmentSettings", "ClaimSettings", "CrossCheckSettings",
    "StoreSettings", "DeskSettings",
]

T = TypeVar("T")


class _Table:
    """A settings class for one table of defaults.toml, named by ``TABLE``."""

    __slots__ = ()
    TABLE: ClassVar[str]

    @classmethod
    def from_config(cls: type[T], config: Mapping[str, Any] | None) -> T:
        """From the whole configuration (``None``: the defaults file)."""
        table: str = cls.TABLE  # type: ignore[attr-defined]
        return section_settings(cls, _table(config, table), table)


@dataclass(frozen=True, slots=True)
class IngestSettings(_Table):
    TABLE: ClassVar[str] = "ingest"
    max_file_mb: float = 50
    chunk_size: int = 64


@dataclass(frozen=True, slots=True)
class BoilerplateSettings(_Table):
    TABLE: ClassVar[str] = "boilerplate"
    min_documents: int = 3
    min_stories: int = 3
    min_chars: int = 12


@dataclass(frozen=True, slots=True)
class SegmentSettings(_Table):
    TABLE: ClassVar[str] = "segment"
    backend: str = "segment.spacy_rules.v1"


@dataclass(frozen=True, slots=True)
class ClaimSettings(_Table):
    TABLE: ClassVar[str] = "claims"
    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"entities": ("check-worthy", "all")}

    scorer: str = "checkworthy.news.v1"
    entities: str = "check-worthy"
    workers: int = 0


@dataclass(frozen=True, slots=True)
class CrossCheckSettings(_Table):
    TABLE: ClassVar[str] = "crosscheck"
    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"claims": ("check-worthy", "all")}

    claims: str = "check-worthy"


@dataclass(frozen=True, slots=True)
class StoreSettings(_Table):
    TABLE: ClassVar[str] = "store"
    backend: str = "store.sqlite.v1"


@dataclass(frozen=True, slots=True)
class DeskSettings(_Table):
    TABLE: ClassVar[str] = "desk"
    """The outlet behind the corrections page and the ClaimReview export."""

    outlet_name: str = ""
    outlet_url: str = ""
    review_url_template: str = "{outlet_url}/factchecks/{claim_id}"
    session_hours: float = 12.0
    login_attempts: int = 5
    login_window_s: float = 60.0
    page_size: int = 50
    pool_size: int = 4


# table of defaults.toml -> "module:Class" of its settings (imported when first needed, so reading
# the configuration does not import the stages)
SETTINGS: dict[str, str] = {
    "ingest": "crosscheck.config:IngestSettings",
    "boilerplate": "crosscheck.config:BoilerplateSettings",
    "segment": "crosscheck.config:SegmentSettings",
    "claims": "crosscheck.config:ClaimSettings",
    "crosscheck": "crosscheck.config:CrossCheckSettings",
    "store": "crosscheck.config:StoreSettings",
    "desk": "crosscheck.config:DeskSettings",
    "reuse": "crosscheck.reuse.records:ReuseSettings",
    "relations": "crosscheck.relate.relation:RelateSettings",
    "stories": "crosscheck.stories.cluster:StorySettings",
    "factchecks": "crosscheck.factchecks.settings:FactCheckSettings",
}


def settings_class(table: str) -> type[Any]:
    module, _, name = SETTINGS[table].partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


class Config(dict[str, Any]):
    """The validated configuration: a dict of tables (so it hashes and prints as before), whose
    tables are also available typed: ``config.settings(ClaimSettings)``."""

    def settings(self, cls: type[T]) -> T:
        return cls.from_config(self)  # type: ignore[attr-defined, no-any-return]


def _table(config: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    if config is None:
        config = load_config()
    return config.get(name) or {}


def _merge(base: dict[str, Any], over: dict[str, Any], where: str) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if key not in base:
            raise UsageError(f"{where}: unknown setting '{key}'; known: {', '.join(sorted(base))}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise UsageError(f"{where}: '{key}' must be a table")
            out[key] = _merge(base[key], value, f"{where} [{key}]")
        else:
            out[key] = value
    return out


def _type_ok(value: Any, hint: Any) -> bool:
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint in (str, bool):
        return isinstance(value, hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return any(_type_ok(value, h) for h in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin in (list, tuple):
        return isinstance(value, (list, tuple))
    return True


_TYPE_NAMES = {float: "a number", int: "a whole number", str: "a string", bool: "true or false"}


def validate(config: Mapping[str, Any], where: str = "configuration") -> None:
    """Every table with a settings class: known keys, right types, allowed choices."""
    for table, section in config.items():
        if table not in SETTINGS or not isinstance(section, Mapping):
            continue
        cls = settings_class(table)
        hints = typing.get_type_hints(cls)
        choices: Mapping[str, tuple[str, ...]] = getattr(cls, "CHOICES", {})
        for key, value in section.items():
            if key not in {f.name for f in fields(cls)}:  # fields only: never TABLE, CHOICES or other class constants
                known = sorted(f.name for f in fields(cls))
                raise UsageError(f"{where} [{table}]: unknown setting '{key}'; known: {', '.join(known)}")
            if not _type_ok(value, hints[key]):
                want = _TYPE_NAMES.get(hints[key], str(hints[key]))
                raise UsageError(f"{where} [{table}]: '{key}' must be {want}, not {value!r}")
            if key in choices and value not in choices[key]:
                raise UsageError(f"{where} [{table}]: '{key}' must be one of {', '.join(choices[key])}, not {value!r}")


def load_config(path: Path | None = None) -> Config:
    defaults = tomllib.loads((resources.files("crosscheck") / "defaults.toml").read_text(encoding="utf-8"))
    if path is None:
        return Config(defaults)
    try:
        user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read config ({exc})") from exc
    merged = _merge(defaults, user, str(path))
    validate(merged, str(path))
    return Config(merged)


def config_hash(config: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


def section_settings(cls: type[T], section: Mapping[str, Any] | None, name: str) -> T:
    """A settings dataclass built from one table of the configuration (``[name]``); a key the
    class does not know, or a value of the wrong type, is a usage error naming the table."""
    table = dict(section or {})
    if name in SETTINGS:  # known keys, types and choices
        validate({name: table})
    else:  # a table with no registered class: known keys only
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        unknown = sorted(set(table) - known)
        if unknown:
            raise UsageError(f"[{name}]: unknown setting '{unknown[0]}'; known: {', '.join(sorted(known))}")
    return cls(**table)
