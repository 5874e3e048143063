"""Named, versioned implementations ("embed.minilm.v1", "store.sqlite.v1").

A registry maps a versioned name to a factory. When behaviour changes, register ``.v2`` beside
``.v1`` so that stored runs stay reproducible. Looking up an unknown name lists the known ones.
Registries are plain objects owned by the module that defines the interface: no global state
beyond the module-level table of factories, which is filled at import of that module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

from crosscheck.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["Registry"]


class Registry(Generic[T]):
    """Names to factories of ``T``. Iterating gives the names; ``name in registry`` tests one.

    ``Registry.table(kind, rows)`` holds plain rows instead (a benchmark's module and description,
    a scorer's weight folder): ``create(name)`` returns the row. Either way an unknown name is one
    ``UsageError`` listing the known ones, written here once."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    @classmethod
    def table(cls, kind: str, rows: Mapping[str, R]) -> Registry[R]:
        registry: Registry[R] = Registry(kind)
        for name, row in rows.items():
            registry.add(name, lambda row=row: row)
        return registry

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        def deco(factory: Callable[..., T]) -> Callable[..., T]:
            self.add(name, factory)
            return factory

        return deco

    def add(self, name: str, factory: Callable[..., T]) -> None:
        if name in self._factories:
            raise ValueError(f"{self.kind} '{name}' registered twice")
        self._factories[name] = factory

    def names(self) -> list[str]:
        return sorted(self._factories)

    def get(self, name: str) -> Callable[..., T]:
        """The factory registered as ``name``; an unknown name is a usage error listing the known ones."""
        try:
            return self._factories[name]
        except KeyError:
            raise UsageError(
                f"unknown {self.kind} '{name}'; available: {', '.join(self.names()) or '(none)'}"
            ) from None

    def create(self, name: str, **kwargs: object) -> T:
        return self.get(name)(**kwargs)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self._factories)

    def __contains__(self, name: object) -> bool:
        return name in self._factories
