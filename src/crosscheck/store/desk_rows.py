"""What the desk's tables hold and how a row becomes a record: shared by the SQLite and the
PostgreSQL desk stores, whose SQL differs but whose columns and records do not."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from crosscheck.errors import StoreError
from crosscheck.model import ROLES, VERDICTS, AuditEntry, CorrectionNote, Review, User

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


class DeskRows:
    """Column lists and row decoders of the desk tables."""

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
