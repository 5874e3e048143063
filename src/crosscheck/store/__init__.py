"""Stores behind one interface (``store.base.Store``), chosen by versioned name."""

from __future__ import annotations

from pathlib import Path

from crosscheck.registry import Registry
from crosscheck.store.base import Store

__all__ = ["Store", "STORES", "open_store"]

STORES: Registry[Store] = Registry("store")


@STORES.register("store.sqlite.v1")
def _sqlite(path: Path | str) -> Store:
    from crosscheck.store.sqlite import SQLiteStore

    return SQLiteStore(path)


def open_store(path: Path | str, backend: str = "store.sqlite.v1") -> Store:
    return STORES.create(backend, path=path)
