"""Matching as a corpus stage: every check-worthy claim of the run against the stored fact-checks.

With no fact-checks in the store the stage is one ``COUNT`` query and loads nothing. Otherwise the
matching index is loaded once per process and topped up with what was imported since; each claim's
vector is the one cross-checking stored (or computed once here and stored). A fact-check published
after the article is still shown, marked ``later``: the editor wants to know either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from crosscheck.model import Article
from crosscheck.store import Store

__all__ = ["FactCheckStage"]


class FactCheckStage:
    name = "factchecks"
    scope = "corpus"
    requires = frozenset({"claims"})
    produces = frozenset({"factchecks"})

    def __init__(self, config: dict[str, Any], embedder: Any = None, reranker: Any = None) -> None:
        from crosscheck.factchecks.service import StoreMatcher
        from crosscheck.factchecks.settings import FactCheckSettings

        self.config = config
        settings = FactCheckSettings.from_config(config)
        self.labels = settings.labels
        self.top = settings.top
        self._service = StoreMatcher(config, embedder, reranker)

    def warm_up(self) -> None:
        pass

    def run(self, articles: Sequence[Article], store: Store) -> None:
        if not articles or store.factcheck_count() == 0:
            return
        from crosscheck.factchecks.rematch import as_stored, match_claims

        matcher = self._service.refresh(store)
        by_id = {a.id: a for a in articles}
        claims = [c for c in store.claims_for(by_id) if c.label in self.labels]
        if not claims:
            return
        vectors = {cid: np.frombuffer(b, dtype=np.float16).astype(np.float32)
                   for cid, b in store.claim_vectors(c.id for c in claims).items()}
        todo = [c for c in claims if c.id not in vectors]
        if todo:
            mat = self._service.embedder.encode([by_id[c.article_id].text[c.start:c.end] for c in todo])
            # matched as stored (float16), so a later run that reads the vector back decides the same
            vectors.update({c.id: as_stored(v) for c, v in zip(todo, mat)})
            store.set_claim_vectors({c.id: np.asarray(v, dtype=np.float16).tobytes() for c, v in zip(todo, mat)})
        found = match_claims(claims, by_id, vectors, matcher, store, self.top)
        store.put_factcheck_matches([c.id for c in claims], found)
