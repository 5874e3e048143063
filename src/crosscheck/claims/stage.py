"""The claims stage: every non-furniture sentence of an English article becomes a claim record
with its check-worthiness, attribution, hedges, quantities, times and entities.

Claims are sentence-level spans (a sentence-level claim with correct fields beats a clever split
that loses them). Furniture sentences never become claims. A non-English article gets no claims
and a recorded reason instead of nonsense. Entities are linked across every article of the run,
so "Sednaya" in one outlet and "Saydnaya" in another share one entity id.

Outputs per article (store stage outputs): ``claims`` (the report's claim records),
``mentions`` (entity mentions with their entity id), ``claims.notes`` (what was skipped and why).
Outputs are cached by article id (a content hash) and ``VERSION``: re-running on the same text
with the same stage version reuses them; a behaviour change bumps ``VERSION``.

Large runs are split across worker processes (``[claims] workers``), each with its own models:
spaCy and the scorer use one core each (``SpacyModel`` keeps numpy's BLAS to one thread while it
parses), so two workers nearly double throughput on 2 cores.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from typing import Any

from crosscheck.claims.analyse import VERSION, ArticleJob, ArticleResult, ClaimAnalyser, Scorer, claim_id, init_worker, run_worker
from crosscheck.model import Article
from crosscheck.store import Store

__all__ = ["ClaimStage", "VERSION", "claim_id"]

CHUNK = 32  # articles per job: big enough for full spaCy batches, small enough to spread over workers
# Below this many articles a worker pool costs more (model loading per worker, ~3 s) than it saves.
MIN_ARTICLES_FOR_WORKERS = 200


class ClaimStage:
    name = "claims"
    requires = frozenset({"articles", "sentences", "boilerplate"})
    produces = frozenset({"claims", "entities"})

    def __init__(self, config: dict[str, Any] | None = None, scorer: Scorer | None = None, nlp: Any = None) -> None:
        if config is None:  # the commented defaults, not defaults restated in code
            from crosscheck.config import load_config

            config = load_config()
        self.config = config
        self.analyser = ClaimAnalyser(self.config, scorer, nlp)

    def warm_up(self) -> None:
        """Nothing to load up front: a large run loads its models in the worker processes, so
        loading them here too would only cost time; a small run loads them on first use."""

    def run(self, articles: Sequence[Article], store: Store) -> None:
        jobs = [
            ArticleJob(a.id, a.text, tuple((s.start, s.end) for s in a.sentences if not s.boilerplate), a.published)
            for a in articles if not self._cached(a, store)
        ]
        chunks = [jobs[k : k + CHUNK] for k in range(0, len(jobs), CHUNK)]
        for results in self._results(chunks):
            for r in results:
                store.put_stage_output("claims", r.id, r.claims)
                store.put_stage_output("mentions", r.id, r.mentions)
                store.put_stage_output("claims.notes", r.id, [r.notes])
        self._link(articles, store)

    def _workers(self, n_articles: int) -> int:
        wanted = int(self.config.get("claims", {}).get("workers", 0)) or (os.cpu_count() or 1)
        return wanted if wanted > 1 and n_articles >= MIN_ARTICLES_FOR_WORKERS else 1

    def _results(self, chunks: list[list[ArticleJob]]) -> Iterator[list[ArticleResult]]:
        workers = self._workers(sum(len(c) for c in chunks))
        if workers == 1:
            for chunk in chunks:
                yield self.analyser.analyse(chunk)
            return
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the parent may hold onnxruntime threads, which do not survive a fork
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=init_worker, initargs=(self.config,)) as pool:
            yield from pool.map(run_worker, chunks)

    @staticmethod
    def _cached(article: Article, store: Store) -> bool:
        notes = store.get_stage_output("claims.notes", article.id)
        if not notes:
            return False
        return bool(notes[0].get("version") == VERSION)

    def _link(self, articles: Sequence[Article], store: Store) -> None:
        """Link mentions across all articles of the run; write entity ids into mentions and claims."""
        from crosscheck.annotate import Mention, link_entities

        stored = {a.id: store.get_stage_output("mentions", a.id) or [] for a in articles}
        pairs = [
            (aid, Mention(m["text"], m["start"], m["end"], m["label"], bool(m.get("doubtful"))))
            for aid, ms in stored.items() for m in ms
        ]
        entity_of = {(aid, m.start, m.end): ent for ent in link_entities(pairs) for aid, m in ent.mentions}
        for a in articles:
            mentions = stored[a.id]
            for m in mentions:
                ent = entity_of[(a.id, m["start"], m["end"])]
                m["entity_id"], m["entity_name"], m["entity_label"] = ent.id, ent.name, ent.label
            store.put_stage_output("mentions", a.id, mentions)
            claims = store.get_stage_output("claims", a.id) or []
            for c in claims:
                c["entity_ids"] = sorted({m["entity_id"] for m in mentions if c["start"] <= m["start"] and m["end"] <= c["end"]})
            store.put_stage_output("claims", a.id, claims)
