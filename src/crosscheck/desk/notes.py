"""Correction notes: what an outlet said (or should have said) about a change to a published
article. An editor records them; one note per (document, new version, change), and a new text
for it replaces the old in the desk while the audit trail keeps every earlier text."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from crosscheck.desk.accounts import role_at_least
from crosscheck.errors import InvalidInput, NotFound, PermissionDenied
from crosscheck.model import CorrectionNote, User
from crosscheck.store.base import Store

__all__ = ["MAX_CORRECTION_NOTE", "note_id", "record_correction_note"]

MAX_CORRECTION_NOTE = 5000


def note_id(doc_key: str, article_id: str, change_id: str) -> str:
    raw = "\x1f".join((doc_key, article_id, change_id)).encode("utf-8")
    return "cn_" + hashlib.sha256(raw).hexdigest()[:16]


def record_correction_note(store: Store, user: User, *, doc_key: str, article_id: str, change_id: str = "",
                           note: str, published: bool) -> CorrectionNote:
    if not (user.active and role_at_least(user.role, "editor")):
        raise PermissionDenied(f"{user.name} ({user.role}) may not record correction notes: that needs the editor role")
    text = note.strip()
    if not text or len(text) > MAX_CORRECTION_NOTE:
        raise InvalidInput(f"a correction note needs 1 to {MAX_CORRECTION_NOTE} characters")
    versions = {v.id for v in store.versions(doc_key)}
    if article_id not in versions or len(versions) < 2:
        raise NotFound(f"{article_id!r} is not a later version of document {doc_key!r}")
    record = CorrectionNote(note_id(doc_key, article_id, change_id), doc_key, article_id, change_id, text, published,
                            user.name, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    store.put_correction_note(record, actor=user.name)
    return record
