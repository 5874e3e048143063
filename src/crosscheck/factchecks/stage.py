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

from crosscheck.model import Article, FactCheckMatch
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
        self.only_worthy = settings.claims != "all"
        self.top = settings.top
        self._service = StoreMatcher(config, embedder, reranker)

    def warm_up(self) -> None:
        pass

    def run(self, articles: Sequence[Article], store: Store) -> None:
        if not articles or store.factcheck_count() == 0:
            return
        from crosscheck.factchecks.service import resolve

        matcher = self._service.refresh(store)
        by_id = {a.id: a for a in articles}
        claims = [c for c in store.claims_for(by_id) if c.label != "not-scored"
                  and (not self.only_worthy or c.label == "check-worthy")]
        if not claims:
            return
        vectors = {cid: np.frombuffer(b, dtype=np.float16).astype(np.float32)
                   for cid, b in store.claim_vectors(c.id for c in claims).items()}
        todo = [c for c in claims if c.id not in vectors]
        if todo:
            mat = self._service.embedder.encode([by_id[c.article_id].text[c.start:c.end] for c in todo])
            vectors.update({c.id: v for c, v in zip(todo, mat)})
            store.set_claim_vectors({c.id: np.asarray(v, dtype=np.float16).tobytes() for c, v in zip(todo, mat)})
        found: list[FactCheckMatch] = []
        for c in claims:
            article = by_id[c.article_id]
            matches = matcher.match(article.text[c.start:c.end], vectors[c.id], top=self.top)
            for m, fc in resolve(matches, store):
                later = bool(fc.published and article.published and fc.published[:10] > article.published[:10])
                found.append(FactCheckMatch(c.id, fc.id, m.score, m.reason, later))
        store.put_factcheck_matches([c.id for c in claims], found)
