"""SQLite statements for the review desk (users, reviews, the audit trail, correction notes, web
sessions): a mixin of ``SQLiteStore``.

Every write appends its audit entry inside the same transaction as the change, so the trail can
never miss a change that was stored, nor record one that was rolled back. The ``audit`` table
refuses UPDATE and DELETE through triggers of its own (migration ``0005_desk``): not even a
mistaken script with the database file in hand rewrites history without dropping them first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from crosscheck.errors import StoreError
from crosscheck.model import AuditEntry, CorrectionNote, QueueItem, Review, User
from crosscheck.store.desk_rows import DeskRows, check_review, check_role, review_json, user_json
from crosscheck.store.sqlite_records import _now

__all__ = ["DeskMixin"]


class DeskMixin(DeskRows):
    _db: sqlite3.Connection

    if TYPE_CHECKING:  # provided by SQLiteStore and RecordsMixin
        def transaction(self) -> AbstractContextManager[None]: ...

        def _in_chunks(self, sql: str, keys: Iterable[Any], *before: Any) -> Iterator[tuple[Any, ...]]: ...

    # -- users -------------------------------------------------------------------------------
    def add_user(self, user: User, *, actor: str) -> None:
        check_role(user.role)
        with self.transaction():
            if self.get_user(user.name) is not None:
                raise StoreError(f"user {user.name!r} already exists", code="E211")
            self._db.execute(f"INSERT INTO users ({self._USER_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                             (user.name, user.role, user.password_hash, user.created_at, int(user.active)))
            self.append_audit(actor=actor, action="user.add", object_type="user", object_id=user.name,
                              before=None, after=user_json(user))

    def get_user(self, name: str) -> User | None:
        row = self._db.execute(f"SELECT {self._USER_COLUMNS} FROM users WHERE name = ?", (name,)).fetchone()
        return self._user(row) if row else None

    def list_users(self) -> list[User]:
        return [self._user(r) for r in self._db.execute(f"SELECT {self._USER_COLUMNS} FROM users ORDER BY name")]

    def update_user(self, name: str, *, actor: str, role: str | None = None, active: bool | None = None,
                    password_hash: str | None = None) -> User:
        with self.transaction():
            old = self.get_user(name)
            if old is None:
                raise StoreError(f"no user {name!r}", code="E214")
            if role is not None:
                check_role(role)
            new = replace(old, role=old.role if role is None else role,
                          active=old.active if active is None else active,
                          password_hash=old.password_hash if password_hash is None else password_hash)
            self._db.execute("UPDATE users SET role = ?, active = ?, password_hash = ? WHERE name = ?",
                             (new.role, int(new.active), new.password_hash, name))
            after = user_json(new)
            assert after is not None
            if password_hash is not None:
                after["password"] = "changed"
            if not new.active:
                self._db.execute("DELETE FROM sessions WHERE user_name = ?", (name,))
            self.append_audit(actor=actor, action="user.update", object_type="user", object_id=name,
                              before=user_json(old), after=after)
        return new

    # -- reviews -----------------------------------------------------------------------------
    def get_reviews(self, claim_ids: Iterable[str]) -> dict[str, Review]:
        rows = self._in_chunks(f"SELECT {self._REVIEW_COLUMNS} FROM reviews WHERE claim_id IN ({{}})", claim_ids)
        return {r[0]: self._review(r) for r in rows}

    def save_review(self, review: Review, *, expected_version: int, actor: str, action: str) -> Review:
        check_review(review)
        with self.transaction():  # BEGIN IMMEDIATE: the version check and the write cannot interleave
            current = self.get_reviews([review.claim_id]).get(review.claim_id)
            new = self._next_review(review, current, expected_version, actor)
            self._db.execute(
                f"INSERT OR REPLACE INTO reviews ({self._REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._review_params(new),
            )
            self.append_audit(actor=actor, action=action, object_type="claim", object_id=review.claim_id,
                              before=review_json(current), after=review_json(new))
        return new

    def review_queue(self, *, story_id: str | None = None, source: str | None = None, status: str | None = None,
                     assignee: str | None = None, verdict: str | None = None, reviewed: bool | None = False,
                     limit: int = 50, offset: int = 0, count_limit: int | None = None) -> tuple[list[QueueItem], int]:
        where = ["c.label = 'check-worthy'", "NOT EXISTS (SELECT 1 FROM articles b WHERE b.supersedes = a.id)"]
        args: list[Any] = []
        for column, value in (("m.story_id", story_id), ("a.source", source), ("c.status", status),
                              ("r.assignee", assignee), ("r.verdict", verdict)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if reviewed is True:
            where.append("r.verdict IS NOT NULL")
        elif reviewed is False:
            where.append("r.verdict IS NULL")
        body = ("FROM claims c JOIN articles a ON a.id = c.article_id "
                "LEFT JOIN story_members m ON m.article_id = c.article_id "
                "LEFT JOIN reviews r ON r.claim_id = c.id WHERE " + " AND ".join(where))
        if count_limit is None:
            total = self._db.execute(f"SELECT COUNT(*) {body}", args).fetchone()[0]
        else:  # counting stops at count_limit: the desk shows "1,000+" instead of scanning every claim
            total = self._db.execute(f"SELECT COUNT(*) FROM (SELECT 1 {body} LIMIT ?)", (*args, count_limit)).fetchone()[0]
        rows = self._db.execute(
            f"SELECT {self._queue_columns()} {body} "
            "ORDER BY c.checkworthiness DESC, c.id LIMIT ? OFFSET ?", (*args, max(0, limit), max(0, offset)),
        ).fetchall()
        return self._queue_items(rows), total

    # -- audit -------------------------------------------------------------------------------
    def append_audit(self, *, actor: str, action: str, object_type: str, object_id: str,
                     before: dict[str, Any] | None, after: dict[str, Any] | None) -> AuditEntry:
        at = _now()
        cur = self._db.execute(
            "INSERT INTO audit (at, actor, action, object_type, object_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (at, actor, action, object_type, object_id,
             self._audit_json(before), self._audit_json(after)),
        )
        seq = cur.lastrowid
        assert seq is not None
        return AuditEntry(seq, at, actor, action, object_type, object_id, before, after)

    def audit_for(self, object_type: str, object_id: str) -> list[AuditEntry]:
        rows = self._db.execute(f"SELECT {self._AUDIT_COLUMNS} FROM audit WHERE object_type = ? AND object_id = ? "
                                "ORDER BY seq", (object_type, object_id))
        return [self._audit(r) for r in rows]

    def audit_log(self, *, after_seq: int = 0, limit: int = 100) -> list[AuditEntry]:
        rows = self._db.execute(f"SELECT {self._AUDIT_COLUMNS} FROM audit WHERE seq > ? ORDER BY seq LIMIT ?",
                                (after_seq, max(0, limit)))
        return [self._audit(r) for r in rows]

    # -- corrections -------------------------------------------------------------------------
    def put_correction_note(self, note: CorrectionNote, *, actor: str) -> None:
        with self.transaction():
            row = self._db.execute(f"SELECT {self._NOTE_COLUMNS} FROM correction_notes WHERE id = ?",
                                   (note.id,)).fetchone()
            old = self._note(row) if row else None
            self._db.execute(f"INSERT OR REPLACE INTO correction_notes ({self._NOTE_COLUMNS}) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             (note.id, note.doc_key, note.article_id, note.change_id, note.note, int(note.published),
                              note.author, note.at))
            self.append_audit(actor=actor, action="correction.note", object_type="correction", object_id=note.id,
                              before=asdict(old) if old else None, after=asdict(note))

    def correction_notes(self, doc_key: str | None = None) -> list[CorrectionNote]:
        if doc_key is None:
            rows = self._db.execute(f"SELECT {self._NOTE_COLUMNS} FROM correction_notes ORDER BY at, id")
        else:
            rows = self._db.execute(f"SELECT {self._NOTE_COLUMNS} FROM correction_notes WHERE doc_key = ? "
                                    "ORDER BY at, id", (doc_key,))
        return [self._note(r) for r in rows]

    def versioned_keys(self) -> list[str]:
        rows = self._db.execute("SELECT doc_key FROM articles GROUP BY doc_key HAVING COUNT(*) > 1 ORDER BY MAX(seq)")
        return [r[0] for r in rows]

    # -- web sessions ------------------------------------------------------------------------
    def add_session(self, token_hash: str, user: str, csrf: str, expires_at: str) -> None:
        self._db.execute("INSERT INTO sessions (token_hash, user_name, csrf, expires_at, created_at) "
                         "VALUES (?, ?, ?, ?, ?)", (token_hash, user, csrf, expires_at, _now()))

    def get_session(self, token_hash: str) -> tuple[str, str, str] | None:
        row = self._db.execute("SELECT user_name, csrf, expires_at FROM sessions WHERE token_hash = ?",
                               (token_hash,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def delete_session(self, token_hash: str) -> None:
        self._db.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))

    def purge_sessions(self, now: str) -> int:
        return self._db.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,)).rowcount
