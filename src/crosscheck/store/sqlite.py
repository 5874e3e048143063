"""SQLite store (``store.sqlite.v1``): one file, WAL mode, named migrations recorded in a table.

Why hand-written SQL rather than sqlite-utils: the schema is small, and the same statements are
the template for the PostgreSQL backend, which a later issue adds behind ``store.base.Store``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from crosscheck.errors import StoreError
from crosscheck.model import Article, Boilerplate, Dateline, Problem, Sentence, VersionInfo, text_sha256
from crosscheck.store.sqlite_desk import DeskMixin
from crosscheck.store.sqlite_factchecks import FactChecksMixin
from crosscheck.store.sqlite_records import RecordsMixin, _now

__all__ = ["SQLiteStore", "MIGRATIONS"]

# (name, SQL). Append only: a shipped migration is never edited, a change is a new one.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE batches (
            id TEXT PRIMARY KEY, command TEXT NOT NULL, config_hash TEXT NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT, summary TEXT
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, version INTEGER NOT NULL,
            supersedes TEXT REFERENCES articles(id), source TEXT NOT NULL, format TEXT NOT NULL,
            url TEXT, path TEXT, title TEXT, published TEXT, author TEXT, language TEXT,
            dateline TEXT, text TEXT NOT NULL, text_sha256 TEXT NOT NULL,
            ingested_at TEXT NOT NULL, batch_id TEXT NOT NULL REFERENCES batches(id),
            seq INTEGER NOT NULL,
            UNIQUE (doc_key, version)
        );
        CREATE INDEX articles_source ON articles(source);
        CREATE TABLE boilerplate (
            article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, reason TEXT NOT NULL, learned INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX boilerplate_article ON boilerplate(article_id);
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, boilerplate INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE problems (
            batch_id TEXT NOT NULL REFERENCES batches(id), place TEXT NOT NULL,
            reason TEXT NOT NULL, code TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_stage_outputs",
        """
        CREATE TABLE stage_outputs (
            stage TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
            payload TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (stage, article_id)
        );
        """,
    ),
    (
        "0003_line_index",
        """
        CREATE TABLE line_keys (
            source TEXT NOT NULL, line_key TEXT NOT NULL, doc_key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (source, line_key, article_id)
        );
        CREATE INDEX line_keys_article ON line_keys(article_id);
        CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        "0004_corpus_records",
        """
        CREATE TABLE claims (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, checkworthiness REAL NOT NULL,
            label TEXT NOT NULL, certainty TEXT NOT NULL, fields TEXT NOT NULL,
            status TEXT, independent_sources INTEGER, status_detail TEXT, status_at TEXT, vector BLOB
        );
        CREATE INDEX claims_article ON claims(article_id, start);
        CREATE INDEX claims_queue ON claims(label, checkworthiness);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT NOT NULL, doubtful INTEGER NOT NULL, name_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (article_id, start, "end")
        );
        CREATE INDEX mentions_name ON mentions(name_key, kind);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL,
            merged_into TEXT REFERENCES entities(id)
        );
        CREATE TABLE entity_names (
            name_key TEXT NOT NULL, kind TEXT NOT NULL, spelling TEXT NOT NULL,
            entity_id TEXT NOT NULL REFERENCES entities(id), reason TEXT,
            PRIMARY KEY (name_key, kind)
        );
        CREATE INDEX entity_names_entity ON entity_names(entity_id);
        CREATE TABLE entity_name_index (
            key TEXT NOT NULL, name_key TEXT NOT NULL, kind TEXT NOT NULL,
            PRIMARY KEY (key, name_key, kind)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT, seq INTEGER NOT NULL
        );
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL REFERENCES stories(id),
            score REAL NOT NULL, reason TEXT NOT NULL, nearest_article TEXT, seq INTEGER NOT NULL
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        CREATE TABLE story_keys (
            key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (key, article_id)
        );
        CREATE TABLE story_features (
            article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL,
            features TEXT NOT NULL, vector BLOB, seq INTEGER NOT NULL
        );
        CREATE TABLE claim_relations (
            claim_a TEXT NOT NULL REFERENCES claims(id), claim_b TEXT NOT NULL REFERENCES claims(id),
            type TEXT NOT NULL, reason TEXT NOT NULL, evidence TEXT NOT NULL,
            PRIMARY KEY (claim_a, claim_b)
        );
        CREATE INDEX claim_relations_b ON claim_relations(claim_b);
        CREATE TABLE reuse_links (
            source_article TEXT NOT NULL REFERENCES articles(id), derived_article TEXT NOT NULL REFERENCES articles(id),
            score REAL NOT NULL, direction TEXT NOT NULL, strength TEXT NOT NULL, passages TEXT NOT NULL,
            PRIMARY KEY (source_article, derived_article)
        );
        CREATE INDEX reuse_links_derived ON reuse_links(derived_article);
        """,
    ),
    (
        "0005_desk",
        """
        CREATE INDEX articles_supersedes ON articles(supersedes);
        CREATE INDEX articles_doc_key ON articles(doc_key, version);
        CREATE INDEX claims_worthy ON claims(label, checkworthiness DESC, id);
        CREATE TABLE users (
            name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL, active INTEGER NOT NULL
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL REFERENCES users(name),
            csrf TEXT NOT NULL, expires_at TEXT NOT NULL, created_at TEXT NOT NULL
        );
        CREATE TABLE reviews (
            claim_id TEXT PRIMARY KEY, verdict TEXT, note TEXT NOT NULL, sources TEXT NOT NULL,
            reviewer TEXT, assignee TEXT, approved_by TEXT, approved_at TEXT, locked INTEGER NOT NULL,
            version INTEGER NOT NULL, updated_at TEXT, updated_by TEXT
        );
        CREATE INDEX reviews_assignee ON reviews(assignee);
        CREATE INDEX reviews_verdict ON reviews(verdict);
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT NOT NULL,
            before TEXT, after TEXT
        );
        CREATE INDEX audit_object ON audit(object_type, object_id, seq);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TABLE correction_notes (
            id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
            change_id TEXT NOT NULL, note TEXT NOT NULL, published INTEGER NOT NULL,
            author TEXT NOT NULL, at TEXT NOT NULL
        );
        CREATE INDEX correction_notes_doc ON correction_notes(doc_key);
        """,
    ),
    (
        "0006_factchecks",
        """
        CREATE TABLE factchecks (
            id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, version INTEGER NOT NULL,
            supersedes TEXT REFERENCES factchecks(id), claim TEXT NOT NULL, rating TEXT,
            rating_value REAL, best_rating REAL, worst_rating REAL, publisher TEXT, published TEXT,
            url TEXT, claim_author TEXT, claim_date TEXT, appearance TEXT, title TEXT, language TEXT,
            origin TEXT NOT NULL, imported_at TEXT NOT NULL, batch_id TEXT NOT NULL REFERENCES batches(id),
            seq INTEGER NOT NULL, vector BLOB,
            UNIQUE (doc_key, version)
        );
        CREATE INDEX factchecks_seq ON factchecks(seq);
        CREATE INDEX factchecks_supersedes ON factchecks(supersedes);
        CREATE TABLE claim_factchecks (
            claim_id TEXT NOT NULL REFERENCES claims(id), factcheck_id TEXT NOT NULL REFERENCES factchecks(id),
            score REAL NOT NULL, reason TEXT NOT NULL, later INTEGER NOT NULL,
            PRIMARY KEY (claim_id, factcheck_id)
        );
        """,
    ),
    (
        "0007_factcheck_match_index",
        """
        -- which claims are matched to a fact-check: an import that replaces a rating re-judges them
        CREATE INDEX claim_factchecks_factcheck ON claim_factchecks(factcheck_id);
        """,
    ),
]


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration, split at the semicolons that end one (a trigger's body holds
    semicolons of its own, so a plain split would cut it; sqlite3.complete_statement knows)."""
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                yield buf
            buf = ""
    if buf.strip(" \n;"):
        raise StoreError(f"unterminated statement in a migration: {buf[:60]!r}")


class SQLiteStore(RecordsMixin, DeskMixin, FactChecksMixin):
    name = "store.sqlite.v1"

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable SQLite database ({exc}); name another --db file") from exc
        self._depth = 0
        self._migrate()

    # -- plumbing --------------------------------------------------------------------------
    def close(self) -> None:
        # SQLite gathers no planner statistics by itself, and without them the review queue's joins
        # are planned blind (309 ms against 90 ms on 10,000 articles, `crosscheck bench store`);
        # "PRAGMA optimize" analyses only what changed enough, with the sampling bounded.
        try:
            self._db.execute("PRAGMA analysis_limit=1000")
            self._db.execute("PRAGMA optimize")
        except sqlite3.DatabaseError:
            pass  # a read-only or damaged file: closing must still work
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    def run_lock(self) -> AbstractContextManager[None]:
        # a SQLite file is one person's store; BEGIN IMMEDIATE already keeps two writers'
        # transactions apart (the second waits up to busy_timeout)
        return nullcontext()

    def _migrate(self) -> None:
        try:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = set(self.applied_migrations())
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                with self.transaction():
                    for statement in _statements(sql):
                        self._db.execute(statement)
                    self._db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot prepare the schema ({exc})") from exc

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT name FROM migrations ORDER BY name")]

    # -- batches -------------------------------------------------------------------------
    def begin_batch(self, command: str, config_hash: str) -> str:
        batch_id = uuid.uuid4().hex[:16]
        self._db.execute(
            "INSERT INTO batches (id, command, config_hash, started_at) VALUES (?, ?, ?, ?)",
            (batch_id, command, config_hash, _now()),
        )
        return batch_id

    def finish_batch(self, batch_id: str, summary: dict[str, Any], problems: Iterable[Problem]) -> None:
        self._db.executemany(
            "INSERT INTO problems VALUES (?, ?, ?, ?)", [(batch_id, p.place, p.reason, p.code) for p in problems]
        )
        self._db.execute(
            "UPDATE batches SET finished_at = ?, summary = ? WHERE id = ?", (_now(), json.dumps(summary), batch_id)
        )

    # -- articles ------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def latest_version(self, key: str) -> VersionInfo | None:
        versions = self.versions(key)
        return versions[-1] if versions else None

    def versions(self, key: str) -> list[VersionInfo]:
        rows = self._db.execute(
            "SELECT id, version, ingested_at, text_sha256, supersedes FROM articles WHERE doc_key = ? ORDER BY version",
            (key,),
        )
        return [VersionInfo(*r) for r in rows]

    def add_article(self, article: Article, batch_id: str) -> None:
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
        dl = article.dateline
        self._db.execute(
            """INSERT INTO articles (id, doc_key, version, supersedes, source, format, url, path, title,
               published, author, language, dateline, text, text_sha256, ingested_at, batch_id, seq)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.id, article.key, article.version, article.supersedes, article.source, article.format,
                article.url, article.path, article.title, article.published, article.author, article.language,
                json.dumps([dl.start, dl.end, dl.date, dl.place, dl.credit]) if dl else None, article.text, text_sha256(article.text),
                article.ingested_at, batch_id, seq,
            ),
        )
        self.replace_boilerplate(article.id, article.boilerplate, learned_only=False)
        self.replace_sentences(article.id, article.sentences)

    def _article_from_row(self, row: sqlite3.Row | tuple[Any, ...]) -> Article:
        (aid, key, version, supersedes, source, fmt, url, path, title, published, author, language,
         dateline, text, ingested_at) = row
        dl = json.loads(dateline) if dateline else None
        bp = tuple(
            Boilerplate(s, e, r)
            for s, e, r in self._db.execute(
                'SELECT start, "end", reason FROM boilerplate WHERE article_id = ? ORDER BY start, "end"', (aid,)
            )
        )
        sents = tuple(
            Sentence(s, e, bool(b))
            for s, e, b in self._db.execute(
                'SELECT start, "end", boilerplate FROM sentences WHERE article_id = ? ORDER BY idx', (aid,)
            )
        )
        return Article(
            id=aid, key=key, version=version, source=source, format=fmt, text=text, url=url, path=path,
            title=title, published=published, author=author, language=language,
            dateline=Dateline(*dl) if dl else None, ingested_at=ingested_at, supersedes=supersedes,
            boilerplate=bp, sentences=sents,
        )

    _COLUMNS = ("id, doc_key, version, supersedes, source, format, url, path, title, published, author, "
                "language, dateline, text, ingested_at")

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(f"SELECT {self._COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article_from_row(row) if row else None

    def iter_articles(self, *, current_only: bool = True, source: str | None = None) -> Iterator[Article]:
        sql = f"SELECT {self._COLUMNS} FROM articles a"
        where, args = [], []
        if current_only:
            where.append("NOT EXISTS (SELECT 1 FROM articles b WHERE b.supersedes = a.id)")
        if source is not None:
            where.append("source = ?")
            args.append(source)
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._db.execute(sql + " ORDER BY seq", args).fetchall()
        for row in rows:
            yield self._article_from_row(row)

    def sources(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT source FROM articles ORDER BY source")]

    # -- derived spans -------------------------------------------------------------------
    def replace_boilerplate(self, article_id: str, spans: Iterable[Boilerplate], *, learned_only: bool) -> None:
        learned = 1 if learned_only else 0
        if learned_only:
            self._db.execute("DELETE FROM boilerplate WHERE article_id = ? AND learned = 1", (article_id,))
        else:
            self._db.execute("DELETE FROM boilerplate WHERE article_id = ?", (article_id,))
        self._db.executemany(
            "INSERT INTO boilerplate VALUES (?, ?, ?, ?, ?)",
            [(article_id, s.start, s.end, s.reason, learned) for s in spans],
        )

    def replace_sentences(self, article_id: str, sentences: Iterable[Sentence]) -> None:
        self._db.execute("DELETE FROM sentences WHERE article_id = ?", (article_id,))
        self._db.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
            [(article_id, i, s.start, s.end, int(s.boilerplate)) for i, s in enumerate(sentences)],
        )

    # -- line index (furniture learned from the corpus) -------------------------------------
    def index_lines(self, article_id: str, source: str, doc_key: str, keys: Iterable[str]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO line_keys VALUES (?, ?, ?, ?)",
            [(source, k, doc_key, article_id) for k in set(keys)],
        )

    def clear_line_index(self) -> None:
        self._db.execute("DELETE FROM line_keys")

    def line_doc_counts(self, source: str, keys: Iterable[str]) -> dict[str, int]:
        return dict(self._in_chunks(
            "SELECT line_key, COUNT(DISTINCT doc_key) FROM line_keys WHERE source = ? AND line_key IN ({}) "
            "GROUP BY line_key", keys, source,
        ))

    def articles_with_lines(self, source: str, keys: Iterable[str]) -> set[str]:
        return {r[0] for r in self._in_chunks(
            "SELECT DISTINCT article_id FROM line_keys WHERE source = ? AND line_key IN ({})", keys, source,
        )}

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", (key, value))

    # -- stage outputs ----------------------------------------------------------------------
    def put_stage_output(self, stage: str, article_id: str, payload: list[dict[str, Any]]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO stage_outputs VALUES (?, ?, ?, ?)",
            (stage, article_id, json.dumps(payload, sort_keys=True), _now()),
        )

    def get_stage_output(self, stage: str, article_id: str) -> list[dict[str, Any]] | None:
        row = self._db.execute(
            "SELECT payload FROM stage_outputs WHERE stage = ? AND article_id = ?", (stage, article_id)
        ).fetchone()
        return json.loads(row[0]) if row else None
