"""Claim analysis of article texts, with no store: jobs in, claim records out.

Kept apart from the stage so that it can run in worker processes: jobs and results are plain
picklable records, and each worker owns its own models.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = ["ArticleJob", "ArticleResult", "ClaimAnalyser", "Scorer", "claim_id", "VERSION", "WORTHY"]

# v2: the entity recogniser skips sentences that cannot hold a name (``annotate.may_hold_name``),
# which drops a few mentions (5 of 10,815 on 600 FNC-1 bodies); stored v1 outputs are recomputed.
# v3: issue #9 annotators (quantity ranges, revisions and units, forward weekdays, calendar "ago",
# attribution scope and channel, hearsay hedges, doubtful entity labels): stored v2 outputs are recomputed.
# v4: claims and mentions are stored as records in their own tables (stage outputs before).
VERSION = "claims.v4"
WORTHY = "check-worthy"


class Scored(Protocol):
    @property
    def score(self) -> float: ...

    @property
    def label(self) -> str: ...

    @property
    def reason(self) -> str | None: ...


class Scorer(Protocol):
    def warm_up(self) -> None: ...

    def score(self, sentences: list[str]) -> Sequence[Scored]: ...


@dataclass(frozen=True, slots=True)
class ArticleJob:
    id: str
    text: str
    spans: tuple[tuple[int, int], ...]  # the non-furniture sentences
    published: str | None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    id: str
    claims: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)


def claim_id(article_id: str, start: int, end: int) -> str:
    return "c_" + hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


class ClaimAnalyser:
    """Scores and annotates the sentences of articles. Models load on first use."""

    def __init__(self, config: dict[str, Any] | None = None, scorer: Scorer | None = None, nlp: Any = None) -> None:
        from crosscheck.config import ClaimSettings, load_config

        self.config = load_config() if config is None else config  # defaults.toml, not defaults restated here
        self.settings = ClaimSettings.from_config(self.config)
        self._scorer = scorer
        self._nlp = nlp

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None:
            from crosscheck.claims.checkworthy import CheckworthinessScorer

            scorer: Scorer = CheckworthinessScorer(self.settings.scorer)
            self._scorer = scorer
        return self._scorer

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from crosscheck.annotate.nlp import SpacyModel

            self._nlp = SpacyModel()
        return self._nlp

    def warm_up(self) -> None:
        self.scorer.warm_up()
        self.nlp.warm_up()

    def analyse(self, jobs: Sequence[ArticleJob]) -> list[ArticleResult]:
        from crosscheck.annotate import ArticleInput, annotate_articles, english_verdict

        results: dict[str, ArticleResult] = {}
        kept = []
        for job in jobs:
            verdict = english_verdict(job.text)
            if verdict.is_english:
                kept.append(job)
            else:
                results[job.id] = ArticleResult(job.id, notes={"version": VERSION, "skipped": verdict.reason})
        flat = list(self.scorer.score([j.text[s:e] for j in kept for s, e in j.spans]))
        scores, k = [], 0
        for j in kept:
            scores.append(flat[k : k + len(j.spans)])
            k += len(j.spans)
        # The entity recogniser is the costliest model here; a sentence below the check-worthy
        # threshold gets every other field but no entity mentions unless [claims] entities = "all".
        every = self.settings.entities == "all"
        worthy = [ArticleInput(j.text, [sp for sp, sc in zip(j.spans, scs) if every or sc.label == WORTHY], j.published)
                  for j, scs in zip(kept, scores)]
        rest = [ArticleInput(j.text, [sp for sp, sc in zip(j.spans, scs) if not (every or sc.label == WORTHY)], j.published)
                for j, scs in zip(kept, scores)]
        done = zip(annotate_articles(self.nlp, worthy, entities=True), annotate_articles(self.nlp, rest, entities=False))
        for j, scs, (anns_w, anns_r), w, r in zip(kept, scores, done, worthy, rest):
            results[j.id] = self._result(j, scs, dict(zip(w.spans, anns_w)) | dict(zip(r.spans, anns_r)))
        return [results[j.id] for j in jobs]

    @staticmethod
    def _result(job: ArticleJob, scores: Sequence[Scored], by_span: dict[tuple[int, int], Any]) -> ArticleResult:
        claims: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []
        skipped: list[dict[str, Any]] = []
        from crosscheck.annotate.entities import flag_article_doubts

        found = [(s, e, m) for s, e in job.spans for m in by_span[(s, e)].mentions]
        flagged = flag_article_doubts([m for _, _, m in found])
        mentions.extend({**m.to_json(), "claim_start": s, "claim_end": e} for (s, e, _), m in zip(found, flagged))
        for (s, e), sc in zip(job.spans, scores):
            ann = by_span[(s, e)]
            claims.append(_claim(job, s, e, sc, ann))
            if ann.skipped:
                skipped.append({"start": s, "end": e, "skipped": ann.skipped})
            if sc.reason:
                skipped.append({"start": s, "end": e, "skipped": f"check-worthiness: {sc.reason}"})
        return ArticleResult(job.id, claims, mentions, {"version": VERSION, "sentences_skipped": skipped})


def _claim(job: ArticleJob, s: int, e: int, sc: Scored, ann: Any) -> dict[str, Any]:
    return {
        "id": claim_id(job.id, s, e),
        "article_id": job.id,
        "start": s,
        "end": e,
        "text": job.text[s:e],
        "checkworthiness": round(float(sc.score), 4),
        "label": sc.label,
        "attribution": ann.attribution.to_json() if ann.attribution else None,
        "attributions": [x.to_json() for x in ann.attributions],
        "hedges": [h.to_json() for h in ann.hedges],
        "certainty": ann.certainty,
        "quantities": [q.to_json() for q in ann.quantities],
        "times": [t.to_json() for t in ann.times],
        "entity_ids": [],
    }


# -- worker processes -------------------------------------------------------------------------
# Each worker process owns one analyser, created by the pool's initializer. This module-level
# slot exists only inside worker processes; the parent never sets it.
_WORKER: ClaimAnalyser | None = None


def init_worker(config: dict[str, Any]) -> None:
    global _WORKER
    _WORKER = ClaimAnalyser(config)
    _WORKER.warm_up()


def run_worker(jobs: list[ArticleJob]) -> list[ArticleResult]:
    assert _WORKER is not None, "init_worker was not run in this process"
    return _WORKER.analyse(jobs)
