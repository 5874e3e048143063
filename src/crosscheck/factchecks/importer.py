"""``crosscheck factchecks import``: published fact-checks into the store, versioned like articles.

A fact-check's key is its URL (else its publisher and claim); its id is a content hash of the key
and of what the fact-checker said (claim, rating, scale, dates, authors). Importing the same record
again adds nothing; the same key with a changed rating is a new version superseding the previous
one, never an update. Each new fact-check's claim (with its headline) is embedded once and the vector
stored with it,
so the matching index grows by the new records only and is never rebuilt.

The whole import is one transaction; bad records are Problems (one line each, coded) and the good
records beside them still land.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.config import config_hash
from crosscheck.factchecks.claimreview import ReviewRecord, read_factcheck_file
from crosscheck.factchecks.index import document_text
from crosscheck.model import ID_HEX, FactCheck, IngestSummary, Problem
from crosscheck.store import Store

__all__ = ["import_factchecks", "factcheck_identity", "SUFFIXES", "EMBEDDER_META"]

SUFFIXES = (".json", ".jsonl", ".ndjson", ".jsonld", ".html", ".htm", ".csv")
EMBEDDER_META = "factchecks.embedder"
_BATCH = 256  # records embedded and written together


def factcheck_identity(r: ReviewRecord) -> tuple[str, str]:
    """(key, id): the key names the fact-check across versions, the id this version's content."""
    key = r.url or "claim:" + _hash(r.publisher or "", r.claim)
    content = _hash(key, r.claim, r.rating or "", repr(r.rating_value), repr(r.best_rating), repr(r.worst_rating),
                    r.published or "", r.claim_author or "", r.claim_date or "", r.title or "")
    return key, content


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:ID_HEX]


def _files(paths: Sequence[Path], summary: IngestSummary) -> Iterator[tuple[Path, str]]:
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    yield f, str(f)
        elif p.is_file():
            yield p, str(p)
        else:
            summary.skipped.append(Problem(str(p), "no such file or folder", "E109"))


def import_factchecks(paths: Sequence[Path], store: Store, config: dict[str, Any], embedder: Any = None) -> IngestSummary:
    """Read every fact-check under ``paths`` into ``store``; returns what was read, added, skipped."""
    if embedder is None:
        from crosscheck.embed import get_embedder

        from crosscheck.factchecks.settings import FactCheckSettings

        embedder = get_embedder(FactCheckSettings.from_config(config).embedder)
    summary = IngestSummary()
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.transaction():
        batch = store.begin_batch("factchecks import", config_hash(config))
        stored = store.get_meta(EMBEDDER_META)
        if stored is None:
            store.set_meta(EMBEDDER_META, embedder.name)
        elif stored != embedder.name:
            from crosscheck.errors import UsageError

            raise UsageError(f"this store's fact-checks were embedded with {stored}, not {embedder.name}; "
                             f"set [factchecks] embedder = \"{stored}\" or use another --db")
        seen: set[str] = set()
        newest: dict[str, FactCheck] = {}  # key -> latest version given in this run
        pending: list[FactCheck] = []
        for path, shown in _files(paths, summary):
            for item in read_factcheck_file(path, shown):
                if isinstance(item, Problem):
                    summary.skipped.append(item)
                    continue
                summary.read += 1
                fc = _identify(item, store, seen, newest, summary, now)
                if fc is not None:
                    pending.append(fc)
                    if len(pending) >= _BATCH:
                        _write(pending, store, embedder, batch)
                        pending = []
        _write(pending, store, embedder, batch)
        summary.article_ids = list(dict.fromkeys(summary.article_ids))
        store.finish_batch(batch, {"read": summary.read, "new": summary.new, "new_versions": summary.new_versions,
                                   "duplicates": summary.duplicates, "skipped": len(summary.skipped)}, summary.skipped)
    return summary


def _identify(r: ReviewRecord, store: Store, seen: set[str], newest: dict[str, FactCheck],
              summary: IngestSummary, now: str) -> FactCheck | None:
    key, fid = factcheck_identity(r)
    summary.article_ids.append(fid)
    if fid in seen or store.has_factcheck(fid):
        summary.duplicates += 1
        return None
    seen.add(fid)
    latest = newest.get(key)
    if latest is None:
        versions = store.factcheck_versions(key)
        latest = versions[-1] if versions else None
    if latest is None:
        summary.new += 1
    else:
        summary.new_versions += 1
    fc = FactCheck(
        id=fid, key=key, version=latest.version + 1 if latest else 1, claim=r.claim, rating=r.rating,
        publisher=r.publisher, published=r.published, url=r.url, supersedes=latest.id if latest else None,
        rating_value=r.rating_value, best_rating=r.best_rating, worst_rating=r.worst_rating,
        claim_author=r.claim_author, claim_date=r.claim_date, appearance=r.appearance, title=r.title,
        language=r.language, origin=r.place, imported_at=now,
    )
    newest[key] = fc
    return fc


def _write(pending: list[FactCheck], store: Store, embedder: Any, batch: str) -> None:
    if not pending:
        return
    vectors = embedder.encode([document_text(fc.claim, fc.title) for fc in pending])
    for fc, vec in zip(pending, vectors):
        store.add_factcheck(fc, batch, np.asarray(vec, dtype=np.float16).tobytes())
