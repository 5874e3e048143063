"""``[factchecks]`` in defaults.toml, typed (see ``crosscheck.config``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from crosscheck.config import _table, section_settings

__all__ = ["FactCheckSettings"]


@dataclass(frozen=True, slots=True)
class FactCheckSettings:
    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"claims": ("check-worthy", "all")}

    embedder: str = "embed.minilm.v1"
    model: str = "factcheck-matcher"
    top: int = 3
    claims: str = "check-worthy"

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> FactCheckSettings:
        return section_settings(cls, _table(config, "factchecks"), "factchecks")
