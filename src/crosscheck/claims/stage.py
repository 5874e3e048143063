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
from crosscheck.model import Article, Claim, EntityMention
from crosscheck.store import Store

__all__ = ["ClaimStage", "VERSION", "claim_id", "claim_record", "mention_record"]

CHUNK = 32  # articles per job: big enough for full spaCy batches, small enough to spread over workers
# Below this many articles a worker pool costs more (model loading per worker, ~3 s) than it saves.
MIN_ARTICLES_FOR_WORKERS = 200


class ClaimStage:
    name = "claims"
    scope = "article"
    requires = frozenset({"articles", "sentences", "boilerplate"})
    produces = frozenset({"claims", "mentions"})

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
                store.put_claims(r.id, [claim_record(c) for c in r.claims])
                store.put_mentions(r.id, [mention_record(r.id, m) for m in r.mentions])
                store.put_stage_output("claims.notes", r.id, [r.notes])

    def _workers(self, n_articles: int) -> int:
        wanted = self.analyser.settings.workers or (os.cpu_count() or 1)
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


_CLAIM_COLUMNS = ("id", "article_id", "start", "end", "checkworthiness", "label", "certainty", "text", "entity_ids")


def claim_record(c: dict[str, Any]) -> Claim:
    """The analyser's claim dict as a typed record; annotations stay in the report's JSON shape."""
    return Claim(c["id"], c["article_id"], c["start"], c["end"], c["checkworthiness"], c["label"], c["certainty"],
                 {k: v for k, v in c.items() if k not in _CLAIM_COLUMNS})


def mention_record(article_id: str, m: dict[str, Any]) -> EntityMention:
    from crosscheck.annotate.entities import normalise_name

    return EntityMention(article_id, m["start"], m["end"], m["text"], m["label"], bool(m.get("doubtful")),
                         normalise_name(m["text"]))
