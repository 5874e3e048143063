"""What the desk's tables hold and how a row becomes a record: shared by the SQLite and the
PostgreSQL desk stores, whose SQL differs but whose columns and records do not."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, replace
from typing import Any

from crosscheck.errors import ReviewConflict, StoreError
from crosscheck.model import ROLES, VERDICTS, AuditEntry, CorrectionNote, QueueItem, Review, User
from crosscheck.store.rows import ClaimRows
from crosscheck.store.sqlite_records import _now

__all__ = ["DeskRows", "review_json", "user_json", "check_review", "check_role"]


def review_json(review: Review | None) -> dict[str, Any] | None:
    """A review as the audit trail records it (JSON-able)."""
    if review is None:
        return None
    out = asdict(review)
    out["sources"] = list(review.sources)
    return out


def user_json(user: User | None) -> dict[str, Any] | None:
    """A user as the audit trail records it: never the password hash."""
    if user is None:
        return None
    return {"name": user.name, "role": user.role, "active": user.active, "created_at": user.created_at}


def check_review(review: Review) -> None:
    if review.verdict is not None and review.verdict not in VERDICTS:
        raise StoreError(f"claim {review.claim_id}: unknown verdict {review.verdict!r} (one of {', '.join(VERDICTS)})",
                         code="E212")


def check_role(role: str) -> None:
    if role not in ROLES:
        raise StoreError(f"unknown role {role!r} (one of {', '.join(ROLES)})", code="E213")


class DeskRows(ClaimRows):
    """Column lists, row decoders and the backend-independent steps of the desk's writes."""

    @staticmethod
    def _next_review(review: Review, current: Review | None, expected_version: int, actor: str) -> Review:
        """What ``save_review`` stores over ``current``; ReviewConflict when someone saved since
        ``expected_version`` (0: nothing stored yet)."""
        if (current.version if current else 0) != expected_version:
            raise ReviewConflict(review.claim_id, current)
        return replace(review, version=expected_version + 1, updated_at=_now(), updated_by=actor)

    @staticmethod
    def _review_params(r: Review) -> tuple[Any, ...]:
        """A review's values in ``_REVIEW_COLUMNS`` order."""
        return (r.claim_id, r.verdict, r.note, json.dumps(list(r.sources)), r.reviewer, r.assignee, r.approved_by,
                r.approved_at, r.locked, r.version, r.updated_at, r.updated_by)

    @staticmethod
    def _audit_json(state: dict[str, Any] | None) -> str | None:
        return None if state is None else json.dumps(state, sort_keys=True)

    def _queue_columns(self) -> str:
        """What a queue row selects: the claim (``c``), its article (``a``), story (``m``) and review (``r``)."""
        claim_cols = ", ".join(f"c.{c.strip()}" for c in self._CLAIM_COLUMNS.split(","))
        review_cols = ", ".join(f"r.{c.strip()}" for c in self._REVIEW_COLUMNS.split(","))
        return f"{claim_cols}, a.title, a.source, a.url, a.published, m.story_id, {review_cols}"

    def _queue_items(self, rows: Sequence[Sequence[Any]]) -> list[QueueItem]:
        n = len(self._CLAIM_COLUMNS.split(","))
        items = []
        for row in rows:
            claim = self._claim(tuple(row[:n]))
            title, src, url, published, story = row[n : n + 5]
            rest = row[n + 5 :]
            items.append(QueueItem(claim, title, src, url, published, story,
                                   self._review(rest) if rest[0] is not None else None))
        return items

    _USER_COLUMNS = "name, role, password_hash, created_at, active"

    @staticmethod
    def _user(row: Sequence[Any]) -> User:
        return User(row[0], row[1], row[2], row[3], bool(row[4]))

    _REVIEW_COLUMNS = ("claim_id, verdict, note, sources, reviewer, assignee, approved_by, approved_at, locked, "
                       "version, updated_at, updated_by")

    @staticmethod
    def _review(row: Sequence[Any]) -> Review:
        (cid, verdict, note, sources, reviewer, assignee, approved_by, approved_at, locked, version,
         updated_at, updated_by) = row
        return Review(cid, verdict, note, tuple(json.loads(sources)), reviewer, assignee, approved_by, approved_at,
                      bool(locked), version, updated_at, updated_by)

    @staticmethod
    def _audit(row: Sequence[Any]) -> AuditEntry:
        seq, at, actor, action, otype, oid, before, after = row
        return AuditEntry(seq, at, actor, action, otype, oid,
                          json.loads(before) if before else None, json.loads(after) if after else None)

    _AUDIT_COLUMNS = "seq, at, actor, action, object_type, object_id, before, after"

    _NOTE_COLUMNS = "id, doc_key, article_id, change_id, note, published, author, at"

    @staticmethod
    def _note(row: Sequence[Any]) -> CorrectionNote:
        nid, key, aid, change, note, published, author, at = row
        return CorrectionNote(nid, key, aid, change, note, bool(published), author, at)
