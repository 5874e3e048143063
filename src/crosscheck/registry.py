"""Named, versioned implementations ("embed.minilm.v1", "store.sqlite.v1").

A registry maps a versioned name to a factory. When behaviour changes, register ``.v2`` beside
``.v1`` so that stored runs stay reproducible. Looking up an unknown name lists the known ones.
Registries are plain objects owned by the module that defines the interface: no global state
beyond the module-level table of factories, which is filled at import of that module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from crosscheck.errors import UsageError

T = TypeVar("T")

__all__ = ["Registry"]


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        def deco(factory: Callable[..., T]) -> Callable[..., T]:
            if name in self._factories:
                raise ValueError(f"{self.kind} '{name}' registered twice")
            self._factories[name] = factory
            return factory

        return deco

    def names(self) -> list[str]:
        return sorted(self._factories)

    def create(self, name: str, **kwargs: object) -> T:
        try:
            factory = self._factories[name]
        except KeyError:
            raise UsageError(
                f"unknown {self.kind} '{name}'; available: {', '.join(self.names()) or '(none)'}"
            ) from None
        return factory(**kwargs)
