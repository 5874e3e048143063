from __future__ import annotations

import sqlite3

import pytest

from crosscheck.errors import StoreError
from crosscheck.store import open_store
from crosscheck.store.sqlite import MIGRATIONS
from tests.store.conformance import make_article


# the conformance suite runs on SQLite and PostgreSQL from test_conformance.py


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


def test_two_connections_saving_one_review_one_wins(tmp_path):
    """Two desk workers (two connections to one file) both read version 0 and save: the store's
    transaction makes the version check and the write one step, so exactly one save lands."""
    import threading

    from crosscheck.errors import ReviewConflict
    from crosscheck.model import Review

    open_store(tmp_path / "t.db").close()
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def save(who: str) -> None:
        s = open_store(tmp_path / "t.db")
        barrier.wait()
        try:
            s.save_review(Review("c1", "accurate", who), expected_version=0, actor=who, action="review.save")
            outcomes.append("saved")
        except ReviewConflict as exc:
            outcomes.append(f"conflict:{exc.current.note}")
        finally:
            s.close()

    threads = [threading.Thread(target=save, args=(w,)) for w in ("ana", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["conflict", "saved"]
    s = open_store(tmp_path / "t.db")
    review = s.get_reviews(["c1"])["c1"]
    assert review.version == 1 and outcomes[1 - outcomes.index("saved")] == f"conflict:{review.note}"
    assert len(s.audit_for("claim", "c1")) == 1
    s.close()
