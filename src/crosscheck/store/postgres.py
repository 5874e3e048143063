"""PostgreSQL store (``store.postgres.v1``): the same records as ``store.sqlite.v1`` on a server a
team shares (``--db postgresql://user@host/db`` or ``CROSSCHECK_DB``).

Semantics follow sqlite.py statement for statement; what differs and why:
- ``transaction()`` nests like SQLite's (an inner block joins the outer one; the outermost
  commits or rolls back). Outside a transaction every statement commits by itself (autocommit),
  as SQLite's ``isolation_level=None`` does.
- Several processes may write at once (the desk runs several workers). Counters are identities
  and sequences, never MAX()+1; counters that readers use as cursors (story_features.seq,
  audit.seq) are drawn under a transaction-level advisory lock, so a lower number is never
  committed after a higher one has been seen. Desk writes run one at a time under an advisory
  lock of their own (postgres_desk.py); whole ingest and analysis runs take turns (``run_lock``).
- PostgreSQL's text cannot hold U+0000: an article's is stored as U+FFFD (offsets unchanged).
- The connection URL's password never appears in an error (``dsn.mask_dsn``).

psycopg is imported when a PostgreSQL store is opened, never by ``import crosscheck``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from crosscheck.errors import MissingExtraError, StoreError
from crosscheck.model import Article, Boilerplate, Dateline, Problem, Sentence, VersionInfo, text_sha256
from crosscheck.store.dsn import mask_dsn
from crosscheck.store.postgres_desk import PgDeskMixin
from crosscheck.store.postgres_factchecks import PgFactChecksMixin
from crosscheck.store.postgres_records import PgRecordsMixin, _now
from crosscheck.store.postgres_schema import MIGRATIONS

__all__ = ["PostgresStore", "MIGRATIONS"]

# one advisory lock key for schema changes (any 64-bit number unique to crosscheck: "crossche" in ASCII)
_MIGRATION_LOCK = 0x63726F7373636865
_RUN_LOCK = 0x63632D72756E2121  # "cc-run!!": one ingest or analysis run at a time (run_lock)


class PostgresStore(PgRecordsMixin, PgDeskMixin, PgFactChecksMixin):
    name = "store.postgres.v1"

    def __init__(self, dsn: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is in requirements.txt
            raise MissingExtraError("psycopg[binary]", "a PostgreSQL store") from exc
        self.dsn = dsn
        self.path = mask_dsn(dsn)  # what messages name as "the store"
        self._errors = psycopg.Error
        self._operational = psycopg.OperationalError
        try:
            self._db = psycopg.connect(dsn, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.path}: cannot connect to PostgreSQL ({self._reason(exc)}); check the URL, "
                "that the server runs and that the role may log in", code="E201",
            ) from exc
        self._depth = 0
        self._check_encoding()
        self._migrate()

    def _check_encoding(self) -> None:
        """Articles are Unicode: a database in another encoding would refuse (or garble) text."""
        encoding = self._x("SHOW server_encoding").fetchone()[0]
        if encoding.upper() != "UTF8":
            self.close()
            raise StoreError(
                f"{self.path}: the database's encoding is {encoding}, and articles need UTF8; create it with "
                "createdb -E UTF8 -T template0 NAME", code="E203",
            )
        self._x("SET client_encoding TO 'UTF8'")

    def _reason(self, exc: Exception) -> str:
        """The driver's message, first line, with the URL's password masked should it appear."""
        text = str(exc).strip().splitlines()
        return mask_dsn(text[0]) if text else type(exc).__name__

    # -- plumbing --------------------------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    def _x(self, sql: str, args: Iterable[Any] | None = None) -> Any:
        """Execute one statement; returns the cursor."""
        try:
            return self._db.execute(sql, args)  # type: ignore[arg-type]
        except self._operational as exc:
            self._raise_if_lost(exc)
            raise

    def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            try:
                with self._db.cursor() as cur:
                    cur.executemany(sql, rows)
            except self._operational as exc:
                self._raise_if_lost(exc)
                raise

    def _raise_if_lost(self, exc: Exception) -> None:
        """A server gone mid-run (restart, network) is a store error naming the server, not a crash;
        the open transaction is lost with the connection, so nothing half-written stays. (Other
        operational errors, a deadlock or a cancelled query, go up as they are.)"""
        if self._db.broken or self._db.closed:
            raise StoreError(f"{self.path}: the PostgreSQL connection failed ({self._reason(exc)}); "
                             "nothing of the unfinished batch was kept, run the command again", code="E202") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._x("BEGIN")
        self._depth = 1
        try:
            yield
        except BaseException:
            if not (self._db.broken or self._db.closed):  # a lost connection took its transaction along
                self._x("ROLLBACK")
            raise
        else:
            self._x("COMMIT")
        finally:
            self._depth = 0

    @contextmanager
    def run_lock(self) -> Iterator[None]:
        # a session-level advisory lock: held across the run's transactions, released at the end
        # (or when the connection drops, so a killed run never leaves it held)
        self._x("SELECT pg_advisory_lock(%s)", (_RUN_LOCK,))
        try:
            yield
        finally:
            if not (self._db.broken or self._db.closed):
                self._x("SELECT pg_advisory_unlock(%s)", (_RUN_LOCK,))

    def _migrate(self) -> None:
        try:
            with self.transaction():
                # two processes opening a new database at once: one migrates, the other waits
                self._x("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                self._x("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
                done = set(self.applied_migrations())
                for name, sql in MIGRATIONS:
                    if name in done:
                        continue
                    self._x(sql)  # several statements in one simple-protocol call (no parameters)
                    self._x("INSERT INTO migrations VALUES (%s, %s)", (name, _now()))
        except self._errors as exc:
            raise StoreError(f"{self.path}: cannot prepare the schema ({self._reason(exc)})") from exc

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._x("SELECT name FROM migrations ORDER BY name")]

    # -- batches -------------------------------------------------------------------------
    def begin_batch(self, command: str, config_hash: str) -> str:
        batch_id = uuid.uuid4().hex[:16]
        self._x("INSERT INTO batches (id, command, config_hash, started_at) VALUES (%s, %s, %s, %s)",
                (batch_id, command, config_hash, _now()))
        return batch_id

    def finish_batch(self, batch_id: str, summary: dict[str, Any], problems: Iterable[Problem]) -> None:
        with self.transaction():
            self._many("INSERT INTO problems VALUES (%s, %s, %s, %s)",
                       [(batch_id, p.place, p.reason, p.code) for p in problems])
            self._x("UPDATE batches SET finished_at = %s, summary = %s WHERE id = %s",
                    (_now(), json.dumps(summary), batch_id))

    # -- articles ------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self._x("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone() is not None

    def latest_version(self, key: str) -> VersionInfo | None:
        versions = self.versions(key)
        return versions[-1] if versions else None

    def versions(self, key: str) -> list[VersionInfo]:
        rows = self._x("SELECT id, version, ingested_at, text_sha256, supersedes FROM articles "
                       "WHERE doc_key = %s ORDER BY version", (key,))
        return [VersionInfo(*r) for r in rows]

    def add_article(self, article: Article, batch_id: str) -> None:
        dl = article.dateline
        sha = text_sha256(article.text)  # of the text as given, as SQLite records it: versions compare it
        article = _storable(article)
        with self.transaction():
            self._x(
                """INSERT INTO articles (id, doc_key, version, supersedes, source, format, url, path, title,
                   published, author, language, dateline, text, text_sha256, ingested_at, batch_id)
                   VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
                (
                    article.id, article.key, article.version, article.supersedes, article.source, article.format,
                    article.url, article.path, article.title, article.published, article.author, article.language,
                    json.dumps([dl.start, dl.end, dl.date, dl.place, dl.credit]) if dl else None, article.text,
                    sha, article.ingested_at, batch_id,
                ),
            )
            self.replace_boilerplate(article.id, article.boilerplate, learned_only=False)
            self.replace_sentences(article.id, article.sentences)

    _COLUMNS = ("id, doc_key, version, supersedes, source, format, url, path, title, published, author, "
                "language, dateline, text, ingested_at")

    def _article_from_row(self, row: tuple[Any, ...]) -> Article:
        (aid, key, version, supersedes, source, fmt, url, path, title, published, author, language,
         dateline, text, ingested_at) = row
        dl = json.loads(dateline) if dateline else None
        bp = tuple(Boilerplate(s, e, r) for s, e, r in self._x(
            'SELECT start, "end", reason FROM boilerplate WHERE article_id = %s ORDER BY start, "end"', (aid,)))
        sents = tuple(Sentence(s, e, bool(b)) for s, e, b in self._x(
            'SELECT start, "end", boilerplate FROM sentences WHERE article_id = %s ORDER BY idx', (aid,)))
        return Article(
            id=aid, key=key, version=version, source=source, format=fmt, text=text, url=url, path=path,
            title=title, published=published, author=author, language=language,
            dateline=Dateline(*dl) if dl else None, ingested_at=ingested_at, supersedes=supersedes,
            boilerplate=bp, sentences=sents,
        )

    def get_article(self, article_id: str) -> Article | None:
        row = self._x(f"SELECT {self._COLUMNS} FROM articles WHERE id = %s", (article_id,)).fetchone()
        return self._article_from_row(row) if row else None

    def iter_articles(self, *, current_only: bool = True, source: str | None = None) -> Iterator[Article]:
        sql = f"SELECT {self._COLUMNS} FROM articles a"
        where: list[str] = []
        args: list[Any] = []
        if current_only:
            where.append("NOT EXISTS (SELECT 1 FROM articles b WHERE b.supersedes = a.id)")
        if source is not None:
            where.append("source = %s")
            args.append(source)
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._x(sql + " ORDER BY seq", args).fetchall()
        for row in rows:
            yield self._article_from_row(row)

    def sources(self) -> list[str]:
        # COLLATE "C": byte order, as SQLite's default BINARY collation sorts
        return [r[0] for r in self._x('SELECT source FROM articles GROUP BY source ORDER BY source COLLATE "C"')]

    # -- derived spans -------------------------------------------------------------------
    def replace_boilerplate(self, article_id: str, spans: Iterable[Boilerplate], *, learned_only: bool) -> None:
        with self.transaction():
            if learned_only:
                self._x("DELETE FROM boilerplate WHERE article_id = %s AND learned", (article_id,))
            else:
                self._x("DELETE FROM boilerplate WHERE article_id = %s", (article_id,))
            self._many("INSERT INTO boilerplate VALUES (%s, %s, %s, %s, %s)",
                       [(article_id, s.start, s.end, s.reason, learned_only) for s in spans])

    def replace_sentences(self, article_id: str, sentences: Iterable[Sentence]) -> None:
        with self.transaction():
            self._x("DELETE FROM sentences WHERE article_id = %s", (article_id,))
            self._many("INSERT INTO sentences VALUES (%s, %s, %s, %s, %s)",
                       [(article_id, i, s.start, s.end, s.boilerplate) for i, s in enumerate(sentences)])

    # -- line index (furniture learned from the corpus) -------------------------------------
    def index_lines(self, article_id: str, source: str, doc_key: str, keys: Iterable[str]) -> None:
        self._many("INSERT INTO line_keys VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                   [(source, k, doc_key, article_id) for k in sorted(set(keys))])

    def clear_line_index(self) -> None:
        self._x("DELETE FROM line_keys")

    def line_doc_counts(self, source: str, keys: Iterable[str]) -> dict[str, int]:
        rows = self._x("SELECT line_key, COUNT(DISTINCT doc_key) FROM line_keys WHERE source = %s "
                       "AND line_key = ANY(%s) GROUP BY line_key", (source, _keys(keys)))
        return {k: int(n) for k, n in rows}

    def articles_with_lines(self, source: str, keys: Iterable[str]) -> set[str]:
        rows = self._x("SELECT DISTINCT article_id FROM line_keys WHERE source = %s AND line_key = ANY(%s)",
                       (source, _keys(keys)))
        return {r[0] for r in rows}

    def get_meta(self, key: str) -> str | None:
        row = self._x("SELECT value FROM store_meta WHERE key = %s", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._x("INSERT INTO store_meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (key, value))

    # -- stage outputs ----------------------------------------------------------------------
    def put_stage_output(self, stage: str, article_id: str, payload: list[dict[str, Any]]) -> None:
        self._x("INSERT INTO stage_outputs VALUES (%s, %s, %s, %s) ON CONFLICT (stage, article_id) "
                "DO UPDATE SET payload = EXCLUDED.payload, created_at = EXCLUDED.created_at",
                (stage, article_id, json.dumps(payload, sort_keys=True), _now()))

    def get_stage_output(self, stage: str, article_id: str) -> list[dict[str, Any]] | None:
        row = self._x("SELECT payload FROM stage_outputs WHERE stage = %s AND article_id = %s",
                      (stage, article_id)).fetchone()
        return json.loads(row[0]) if row else None


_TEXT_FIELDS = ("key", "source", "format", "text", "url", "path", "title", "published", "author", "language")


def _storable(article: Article) -> Article:
    """PostgreSQL's text cannot hold U+0000 (a JSONL export may carry one): each becomes U+FFFD,
    one character for one, so every offset into the text still holds."""
    nul = {f: getattr(article, f).replace("\x00", "\ufffd") for f in _TEXT_FIELDS if "\x00" in (getattr(article, f) or "")}
    return replace(article, **nul) if nul else article


def _keys(keys: Iterable[Any]) -> list[Any]:
    """A key list for ``= ANY(%s)`` (one array parameter: no chunking needed, unlike SQLite's IN)."""
    return sorted(set(keys))
