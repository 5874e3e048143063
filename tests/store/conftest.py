"""The ``store`` fixture: every conformance test runs once per backend (ids ``sqlite``, ``postgres``)."""

from __future__ import annotations

import pytest

from crosscheck.store import open_store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        target = str(tmp_path / "t.db")
    else:
        target = request.getfixturevalue("pg_url")
    s = open_store(target)
    yield s
    s.close()


@pytest.fixture
def raw_sql(store):
    """Run one statement straight on the backend's connection, past the store's methods."""
    return lambda sql: store._db.execute(sql)
