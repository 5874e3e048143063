"""The corrections log from the store: every later version of every document, compared with the
version it superseded, with the notes the outlet printed and the ones editors recorded."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from crosscheck.corrections.align import ClaimChange, VersionDiff, compare_versions
from crosscheck.model import Article, CorrectionNote
from crosscheck.store import Store

__all__ = ["claim_changes", "corrections_log", "version_diffs"]


def version_diffs(store: Store, doc_key: str | None = None) -> list[VersionDiff]:
    """One diff per superseding version, documents in the order they last changed, versions in order."""
    keys = [doc_key] if doc_key is not None else store.versioned_keys()
    out = []
    for key in keys:
        recorded = store.correction_notes(key)
        infos = store.versions(key)
        for before, after in zip(infos, infos[1:]):
            old, new = store.get_article(before.id), store.get_article(after.id)
            if old is None or new is None:
                continue
            out.append(compare_versions(old, store.claims_for([old.id]), new, store.claims_for([new.id]),
                                        [n for n in recorded if n.article_id == new.id]))
    return out


def claim_changes(store: Store, doc_key: str | None = None) -> list[ClaimChange]:
    """Claims added, removed and changed by every later version (of one document, or of all)."""
    return [c for d in version_diffs(store, doc_key) for c in d.changes]


def corrections_log(store: Store) -> list[dict[str, Any]]:
    """The log as JSON-able entries, newest version first: the document, the two versions, the
    claim changes, the notes the new text carries and the notes editors recorded. A version that
    changed no claim and carries no note is left out (unchanged claims never appear)."""
    notes_by_version: dict[str, list[CorrectionNote]] = {}
    for n in store.correction_notes():
        notes_by_version.setdefault(n.article_id, []).append(n)
    entries: list[dict[str, Any]] = []
    for d in version_diffs(store):
        recorded = notes_by_version.get(d.new.id, [])
        if not d.changes and not d.notes and not recorded:
            continue
        entry: dict[str, Any] = {
            "doc": _doc(d.new),
            "versions": {"old": _version(d.old), "new": _version(d.new)},
            "noticed_at": d.new.ingested_at,
            "changes": [c.to_json() for c in d.changes],
            "silent_edits": sum(c.silent for c in d.changes),
            "text_notes": [n.to_json() for n in d.notes],
            "notes": [asdict(n) for n in recorded],
        }
        entries.append(entry)
    entries.sort(key=lambda e: (e["noticed_at"], e["doc"]["key"], e["versions"]["new"]["version"]), reverse=True)
    return entries


def _doc(a: Article) -> dict[str, Any]:
    return {"key": a.key, "title": a.title, "url": a.url, "source": a.source, "published": a.published}


def _version(a: Article) -> dict[str, Any]:
    return {"id": a.id, "version": a.version, "ingested_at": a.ingested_at}
