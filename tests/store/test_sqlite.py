from __future__ import annotations

import sqlite3

import pytest

from crosscheck.errors import StoreError
from crosscheck.store import open_store
from crosscheck.store.sqlite import MIGRATIONS
from tests.store.conformance import StoreConformance, make_article


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "t.db")
    yield s
    s.close()


class TestSQLiteConformance(StoreConformance):
    pass


def test_wal_mode_and_migrations_recorded(tmp_path):
    s = open_store(tmp_path / "t.db")
    s.close()
    db = sqlite3.connect(tmp_path / "t.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [r[0] for r in db.execute("SELECT name FROM migrations ORDER BY name")] == [m[0] for m in MIGRATIONS]


def test_reopen_keeps_data(tmp_path):
    s = open_store(tmp_path / "t.db")
    a = make_article()
    with s.transaction():
        s.add_article(a, s.begin_batch("t", "c"))
    s.close()
    s2 = open_store(tmp_path / "t.db")
    assert s2.get_article(a.id) == a
    s2.close()


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"\x00\x01 this is not sqlite" * 100)
    with pytest.raises(StoreError) as err:
        open_store(bad)
    assert "junk.db" in str(err.value)


def test_unknown_backend_lists_choices(tmp_path):
    from crosscheck.errors import UsageError

    with pytest.raises(UsageError, match="store.sqlite.v1"):
        open_store(tmp_path / "x.db", backend="store.nosuch.v1")
