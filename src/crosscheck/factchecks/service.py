"""The matching index kept current from the store, and the library calls behind the CLI.

``StoreMatcher`` loads the store's fact-checks once (their vectors were stored at import, so
nothing is embedded again) and afterwards reads only the rows imported since (``factchecks_since``):
an import never forces a rebuild, in this process or the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.config import StoreSettings
from crosscheck.errors import CrosscheckError
from crosscheck.factchecks.index import FactCheckIndex, IndexedCheck, document_text
from crosscheck.factchecks.matcher import Match, Matcher, Reranker
from crosscheck.model import FactCheck
from crosscheck.store import Store

__all__ = ["StoreMatcher", "MatchResult", "ImportResult", "match_text", "import_paths"]


class StoreMatcher:
    def __init__(self, config: dict[str, Any], embedder: Any = None, reranker: Reranker | None = None) -> None:
        from crosscheck.factchecks.settings import FactCheckSettings

        self.config = config
        self.settings = FactCheckSettings.from_config(config)
        self._embedder = embedder
        self._reranker = reranker
        self._matcher: Matcher | None = None

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from crosscheck.embed import get_embedder

            self._embedder = get_embedder(self.settings.embedder)
        return self._embedder

    def refresh(self, store: Store) -> Matcher:
        """The matcher, with every fact-check imported since it last looked added to its index."""
        if self._matcher is None:
            reranker = self._reranker or Reranker.load(self.settings.model)
            self._matcher = Matcher(FactCheckIndex(self.embedder.dim), reranker)
        index = self._matcher.index
        rows = store.factchecks_since(index.seq)
        if rows:
            missing = [k for k, (_, _, v) in enumerate(rows) if v is None]
            computed = (self.embedder.encode([document_text(rows[k][1].claim, rows[k][1].title) for k in missing])
                        if missing else None)
            mat = np.zeros((len(rows), index.dim), dtype=np.float32)
            for k, (_, _, v) in enumerate(rows):
                if v is not None:
                    mat[k] = np.frombuffer(v, dtype=np.float16)
            if computed is not None:
                mat[missing] = computed
            index.add_many([_indexed(fc) for _, fc, _ in rows], mat)
            index.seq = rows[-1][0]
        return self._matcher


def _indexed(fc: FactCheck) -> IndexedCheck:
    return IndexedCheck(fc.id, fc.key, fc.claim, fc.title, fc.published)


@dataclass(frozen=True, slots=True)
class MatchResult:
    factcheck: FactCheck
    score: float
    reason: str

    def to_json(self) -> dict[str, Any]:
        f = self.factcheck
        return {"id": f.id, "claim": f.claim, "publisher": f.publisher, "rating": f.rating, "date": f.published,
                "url": f.url, "score": self.score, "reason": self.reason}


def resolve(matches: list[Match], store: Store) -> list[tuple[Match, FactCheck]]:
    """Each match with the current version of its fact-check (the index may hold an older id)."""
    current = store.current_factchecks({m.check.key for m in matches})
    return [(m, current[m.check.key]) for m in matches if m.check.key in current]


def match_text(text: str, db: Path | str, config: dict[str, Any], top: int | None = None,
               threshold: float | None = None) -> list[MatchResult]:
    """The stored fact-checks about ``text``, best first (``crosscheck factchecks match``)."""
    from crosscheck.store import open_store

    store = open_store(db, StoreSettings.from_config(config).backend)
    try:
        if store.factcheck_count() == 0:
            return []
        sm = StoreMatcher(config)
        matcher = sm.refresh(store)
        vec = sm.embedder.encode([text])[0]
        found = matcher.match(text, vec, top=top or sm.settings.top, threshold=threshold)
        return [MatchResult(fc, m.score, m.reason) for m, fc in resolve(found, store)]
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class ImportResult:
    summary: Any  # IngestSummary of the import
    rematch: Any  # rematch.RematchSummary: the stored claims matched again afterwards (None if that failed)
    rematch_error: Any = None  # the CrosscheckError that stopped it; the import itself is committed


def import_paths(paths: list[Path], db: Path | str, config: dict[str, Any], embedder: Any = None,
                 reranker: Reranker | None = None) -> ImportResult:
    """Import, then (once the import committed) match again the stored claims the new fact-checks
    could be about (``rematch``)."""
    from crosscheck.factchecks.importer import import_factchecks
    from crosscheck.factchecks.rematch import rematch_after_import
    from crosscheck.store import open_store

    store = open_store(db, StoreSettings.from_config(config).backend)
    try:
        with store.run_lock():  # versions are decided from what the store holds: one import at a time
            since = store.factcheck_seq()
            service = StoreMatcher(config, embedder, reranker)
            summary = import_factchecks(paths, store, config, embedder=service.embedder)
            try:
                rematch = rematch_after_import(store, service, since, service.settings.labels, service.settings.top)
            except CrosscheckError as err:  # e.g. the matcher's model is missing: the records are in
                return ImportResult(summary, None, err)
            return ImportResult(summary, rematch)
    finally:
        store.close()
