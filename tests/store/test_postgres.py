"""What only the PostgreSQL backend has to show: its migrations match SQLite's by name, several
processes write safely at once, cursors never skip a late commit, and a URL's password stays
hidden. (The conformance suite runs on it from test_conformance.py.)"""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.errors import StoreError, UsageError
from crosscheck.store import backend_for, open_store
from crosscheck.store.dsn import is_postgres_url, mask_dsn
from tests.store.conformance import make_article


def test_migrations_match_sqlite_by_name_and_are_recorded(pg_url):
    from crosscheck.store.postgres_schema import MIGRATIONS as PG
    from crosscheck.store.sqlite import MIGRATIONS as LITE

    assert [name for name, _ in PG] == [name for name, _ in LITE]
    s = open_store(pg_url)
    assert s.name == "store.postgres.v1" and s.applied_migrations() == [name for name, _ in PG]
    s.close()


def test_reopen_keeps_data_and_migrates_once(pg_url):
    a = make_article()
    s = open_store(pg_url)
    with s.transaction():
        s.add_article(a, s.begin_batch("t", "c"))
    s.close()
    s2 = open_store(pg_url)
    assert s2.get_article(a.id) == a
    assert s2._db.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] == len(s2.applied_migrations())
    s2.close()


def test_two_processes_opening_a_new_database_migrate_it_once(pg_url):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_open_and_close, args=(pg_url,)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]


def _open_and_close(url: str) -> None:
    open_store(url).close()


def test_a_database_not_in_utf8_is_refused_with_the_fix(pg_server):
    url = pg_server.create()
    name = url.rsplit("/", 1)[1]
    pg_server.drop(url)
    with pg_server._admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}" ENCODING \'SQL_ASCII\' LC_COLLATE \'C\' LC_CTYPE \'C\' TEMPLATE template0')
    try:
        with pytest.raises(StoreError) as err:
            open_store(url)
        assert err.value.code == "E203" and "createdb -E UTF8" in str(err.value)
    finally:
        pg_server.drop(url)


def test_nested_transaction_joins_the_outer_one(pg_url):
    s = open_store(pg_url)
    a, b = make_article("One.", key="a"), make_article("Two.", key="b")
    with pytest.raises(RuntimeError):
        with s.transaction():
            batch = s.begin_batch("t", "c")
            s.add_article(a, batch)
            with s.transaction():
                s.add_article(b, batch)
            raise RuntimeError("outer fails after the inner block ended")
    assert not s.has_article(a.id) and not s.has_article(b.id)
    s.close()


def test_a_nul_character_is_stored_as_a_replacement_character(pg_url):
    """PostgreSQL text cannot hold U+0000; the article is kept with U+FFFD in its place, so its
    length and every offset stay as they were, and re-adding it is still recognised."""
    from dataclasses import replace

    a = make_article("A claim.\x00 Another claim.")
    a = replace(a, title="Bad\x00title")
    s = open_store(pg_url)
    with s.transaction():
        s.add_article(a, s.begin_batch("t", "c"))
    got = s.get_article(a.id)
    assert got.text == "A claim.\ufffd Another claim." and len(got.text) == len(a.text)
    assert got.title == "Bad\ufffdtitle" and got.sentences == a.sentences
    from crosscheck.model import text_sha256

    assert s.has_article(a.id) and s.latest_version(a.key).text_sha256 == text_sha256(a.text)  # as given
    s.close()


def test_the_audit_table_refuses_truncate_too(pg_url):
    s = open_store(pg_url)
    s.append_audit(actor="ana", action="test", object_type="claim", object_id="c1", before=None, after=None)
    with pytest.raises(Exception, match="append-only"):
        s._db.execute("TRUNCATE audit")
    assert len(s.audit_log()) == 1
    s.close()


def test_a_lost_connection_is_a_store_error(pg_url):
    s, admin = open_store(pg_url), open_store(pg_url)
    pid = s._db.execute("SELECT pg_backend_pid()").fetchone()[0]
    with pytest.raises(StoreError) as err:
        with s.transaction():
            s.add_article(make_article(), s.begin_batch("t", "c"))
            admin._db.execute("SELECT pg_terminate_backend(%s)", (pid,))
            s.add_article(make_article("Another."), "b")
    assert err.value.code == "E202"
    assert list(admin.iter_articles()) == []  # the unfinished batch went with the connection
    s.close()
    admin.close()


# -- several writers ------------------------------------------------------------------------------
def _save(url: str, who: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from crosscheck.errors import ReviewConflict
    from crosscheck.model import Review

    s = open_store(url)
    barrier.wait()
    try:
        s.save_review(Review("c1", "accurate", who), expected_version=0, actor=who, action="review.save")
        results.put(("saved", who))
    except ReviewConflict as exc:
        results.put(("conflict", exc.current.note))
    finally:
        s.close()


def test_two_processes_saving_one_review_one_wins(pg_url):
    open_store(pg_url).close()
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_save, args=(pg_url, w, barrier, results)) for w in ("ana", "bob")]
    for p in procs:
        p.start()
    outcomes = sorted(results.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(60)
    assert [o[0] for o in outcomes] == ["conflict", "saved"]
    s = open_store(pg_url)
    review = s.get_reviews(["c1"])["c1"]
    assert review.version == 1 and outcomes[0][1] == review.note == outcomes[1][1]
    assert len(s.audit_for("claim", "c1")) == 1
    s.close()


def _append_many(url: str, who: str, n: int) -> None:
    s = open_store(url)
    for i in range(n):
        s.append_audit(actor=who, action="test", object_type="claim", object_id=f"{who}{i}", before=None, after=None)
    a = make_article(f"Article by {who}.", key=f"doc-{who}")
    with s.transaction():
        s.add_article(a, s.begin_batch("t", "c"))
        s.story_index_add(a.id, "story", ["k"], b"\x00\x3c", {})
    s.close()


def test_concurrent_writers_never_draw_the_same_number(pg_url):
    open_store(pg_url).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_many, args=(pg_url, w, 40)) for w in ("ana", "bob", "cy")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    s = open_store(pg_url)
    seen, cursor = [], 0
    while page := s.audit_log(after_seq=cursor, limit=25):  # the desk's way of reading the trail
        seen += page
        cursor = page[-1].seq
    assert len(seen) == len({e.seq for e in seen}) == 120
    assert len({q for q, _, _ in s.story_vectors_since(0)}) == 3
    assert len(list(s.iter_articles())) == 3
    s.close()


def _audit_write(s, tag: str) -> None:  # type: ignore[no-untyped-def]
    s.append_audit(actor=tag, action="test", object_type="claim", object_id=tag, before=None, after=None)


def _story_write(s, tag: str) -> None:  # type: ignore[no-untyped-def]
    a = make_article(f"Text {tag}.", key=tag)
    s.add_article(a, s.begin_batch("t", "c"))
    s.story_index_add(a.id, "story", [], b"\x00\x3c", {})


def _cursor(s) -> list[int]:  # type: ignore[no-untyped-def]
    return [e.seq for e in s.audit_log()] + [q for q, _, _ in s.story_vectors_since(0)]


@pytest.mark.parametrize("write", [_audit_write, _story_write], ids=["audit", "story-index"])
def test_a_number_drawn_later_commits_later(pg_url, write):
    """A cursor reader (audit_log, story_vectors_since) must never see number N+1 while N is still
    uncommitted: it would move past N and miss it for good. The second writer waits instead."""
    first, second, reader = open_store(pg_url), open_store(pg_url), open_store(pg_url)
    done = threading.Event()

    def late_writer() -> None:
        with second.transaction():
            write(second, "second")
        done.set()

    with first.transaction():
        write(first, "first")
        thread = threading.Thread(target=late_writer)
        thread.start()
        time.sleep(0.5)
        assert not done.is_set(), "the second writer committed a number while the first was uncommitted"
        assert _cursor(reader) == []
    thread.join(30)
    assert done.is_set()
    seqs = _cursor(reader)
    assert len(seqs) == 2 and seqs[0] < seqs[1]
    for s in (first, second, reader):
        s.close()


def test_a_second_analysis_run_waits_for_the_first(pg_url):
    first, second = open_store(pg_url), open_store(pg_url)
    entered = threading.Event()

    def second_run() -> None:
        with second.run_lock():
            entered.set()

    with first.run_lock():
        thread = threading.Thread(target=second_run)
        thread.start()
        time.sleep(0.5)
        assert not entered.is_set(), "two analysis runs held the run lock at once"
    thread.join(30)
    assert entered.is_set()
    # a desk write never waits for a run
    with first.run_lock():
        second.append_audit(actor="ana", action="test", object_type="claim", object_id="c", before=None, after=None)
    first.close()
    second.close()


# -- choosing the backend, and keeping a URL's password out of messages -----------------------------
def test_a_url_opens_postgres_and_a_path_sqlite(tmp_path):
    assert backend_for("postgresql://u@h/db") == backend_for("postgres://u@h/db") == "store.postgres.v1"
    assert backend_for("postgresql://u@h/db", "store.sqlite.v1") == "store.postgres.v1"  # the config default
    assert backend_for(tmp_path / "postgresql:" / "x.db") == "store.sqlite.v1"  # a Path is always a file
    assert backend_for("crosscheck.db") == "store.sqlite.v1"
    with pytest.raises(UsageError, match="postgresql://"):
        open_store(tmp_path / "x.db", backend="store.postgres.v1")


def test_a_refused_connection_is_a_store_error_without_the_password():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://ana:s3cr3t-pw@127.0.0.1:1/newsroom?connect_timeout=3")
    assert err.value.code == "E201" and "s3cr3t-pw" not in str(err.value)
    assert "ana:***@127.0.0.1:1/newsroom" in str(err.value)


@pytest.mark.parametrize(
    "dsn, shown",
    [
        ("postgresql://ana:pw@db.example:5432/news", "postgresql://ana:***@db.example:5432/news"),
        ("postgres://ana@db/news", "postgres://ana@db/news"),
        ("postgresql://ana:p@ss/w@db/news", "postgresql://ana:***@db/news"),
        ("postgresql://db/news?user=ana&password=pw&sslmode=require",
         "postgresql://db/news?user=ana&password=***&sslmode=require"),
    ],
    ids=["userinfo", "no-password", "raw-at-and-slash", "query-parameter"],
)
def test_mask_dsn(dsn, shown):
    assert mask_dsn(dsn) == shown and is_postgres_url(dsn)


@given(st.text(alphabet=st.characters(blacklist_characters="?#", blacklist_categories=("Cs",)), min_size=1))
def test_mask_dsn_hides_any_userinfo_password(password):
    assert mask_dsn(f"postgresql://ana:{password}@db/news") == "postgresql://ana:***@db/news"


@given(st.text(alphabet=st.characters(blacklist_characters="&'\\", blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1))
def test_mask_dsn_hides_a_password_parameter(password):
    assert mask_dsn(f"postgresql://db/news?password={password}&sslmode=require") == (
        "postgresql://db/news?password=***&sslmode=require")


def test_every_store_method_is_implemented_with_the_protocols_parameters():
    import inspect

    from crosscheck.store.base import Store
    from crosscheck.store.postgres import PostgresStore

    def params(fn):  # type: ignore[no-untyped-def]
        return [(p.name, p.kind, p.default) for p in inspect.signature(fn).parameters.values()]

    methods = [n for n, f in vars(Store).items() if callable(f) and not n.startswith("_")]
    assert len(methods) > 60
    for name in methods:
        assert params(getattr(PostgresStore, name)) == params(getattr(Store, name)), name


@pytest.mark.parametrize("ci, outcome", [("true", "Failed"), ("", "Skipped")], ids=["ci-fails", "dev-skips"])
def test_without_a_server_ci_fails_where_a_developer_skips(monkeypatch, ci, outcome):
    from tests.pgcluster import unavailable

    monkeypatch.setenv("CI", ci)
    with pytest.raises(BaseException) as err:
        unavailable("no server here")
    assert type(err.value).__name__ == outcome and "no server here" in str(err.value)
