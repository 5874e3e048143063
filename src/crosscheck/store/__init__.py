"""Stores behind one interface (``store.base.Store``), chosen by versioned name.

``open_store(target)`` picks the backend from the target itself: a ``postgresql://`` (or
``postgres://``) URL opens ``store.postgres.v1``, anything else is a SQLite file
(``store.sqlite.v1``). A backend named in the config must agree with the target.
"""

from __future__ import annotations

from pathlib import Path

from crosscheck.errors import UsageError
from crosscheck.registry import Registry
from crosscheck.store.base import Store
from crosscheck.store.dsn import ENV_DB, is_postgres_url, mask_dsn

__all__ = ["Store", "STORES", "ENV_DB", "open_store", "backend_for", "is_postgres_url", "mask_dsn"]

STORES: Registry[Store] = Registry("store")

SQLITE = "store.sqlite.v1"
POSTGRES = "store.postgres.v1"


@STORES.register(SQLITE)
def _sqlite(path: Path | str) -> Store:
    from crosscheck.store.sqlite import SQLiteStore

    return SQLiteStore(path)


@STORES.register(POSTGRES)
def _postgres(path: Path | str) -> Store:
    from crosscheck.store.postgres import PostgresStore

    if not is_postgres_url(path):
        raise UsageError(f"{POSTGRES} needs a postgresql:// URL, not the file {str(path)!r}")
    return PostgresStore(str(path))


def backend_for(target: Path | str, backend: str | None = None) -> str:
    """The backend that opens ``target``: a PostgreSQL URL means PostgreSQL whatever the config's
    default (the SQLite name is only a default); any other backend must be registered."""
    if is_postgres_url(target) and backend in (None, SQLITE):
        return POSTGRES
    return backend or SQLITE


def open_store(path: Path | str, backend: str | None = None) -> Store:
    return STORES.create(backend_for(path, backend), path=path)
