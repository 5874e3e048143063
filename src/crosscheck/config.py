"""Resolved configuration: ``defaults.toml`` in the package, overridden by a user TOML file."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

from crosscheck.errors import UsageError

__all__ = ["load_config", "config_hash", "section_settings"]


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


def load_config(path: Path | None = None) -> dict[str, Any]:
    defaults = tomllib.loads((resources.files("crosscheck") / "defaults.toml").read_text(encoding="utf-8"))
    if path is None:
        return defaults
    try:
        user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read config ({exc})") from exc
    return _merge(defaults, user, str(path))


def config_hash(config: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


def section_settings(cls: type[T], section: Mapping[str, Any] | None, name: str) -> T:
    """A settings dataclass built from one table of the configuration (``[name]``); a key the
    class does not know is a usage error naming the table and the known keys."""
    from dataclasses import fields

    table = dict(section or {})
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(table) - known)
    if unknown:
        raise UsageError(f"[{name}]: unknown setting '{unknown[0]}'; known: {', '.join(sorted(known))}")
    return cls(**table)
