"""``crosscheck bench checkthat2019``: check-worthiness ranking on the CLEF-2019 CheckThat! Task 1 test set.

Every line of each of the 7 official test transcripts is scored by ``TranscriptRanker`` (trained
by ``crosscheck train checkworthy-checkthat``; all its settings were chosen by cross-validation on
the 19 training transcripts) and ranked within its document. Metrics follow the official scorer:
AP per document averaged over documents (MAP, the official measure), mean reciprocal rank, mean
R-precision and mean P@1/3/5/10/20/50. For comparison the ClaimBuster model alone
(``checkworthy.claimbuster.v1``, no CheckThat! training) is scored too (``claimbuster_only_*``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.claims.checkworthy import CheckworthinessScorer
from crosscheck.claims.checkworthy_checkthat import TranscriptRanker, ranking_numbers
from crosscheck.claims.checkworthy_data import embed_texts, normalised_text, read_checkthat_dir, read_claimbuster

__all__ = ["run"]

PUBLISHED = {"winning primary run (Copenhagen)": 0.1660, "best run of any kind (TheEarthIsFlat contrastive-2)": 0.1821}


def run(data_dir: Path, log: Callable[[str], None], **opts: Any) -> dict[str, Any]:
    docs = read_checkthat_dir(data_dir / "checkthat2019-task1" / "test_annotated")
    names = sorted(docs)
    if opts.get("limit"):
        names = names[: int(opts["limit"])]
    texts = [line.text for n in names for line in docs[n]]
    crowd = {normalised_text(s.text) for s in read_claimbuster(data_dir / "claimbuster" / "crowdsourced.csv")}
    overlap = sum(1 for t in texts if normalised_text(t) in crowd)
    log(f"{len(names)} test transcripts, {len(texts)} lines; {overlap} lines have the same text as a ClaimBuster training sentence")
    embeddings = embed_texts(texts, log)
    ranker = TranscriptRanker()
    cb = CheckworthinessScorer("checkworthy.claimbuster.v1")
    ranked: list[tuple[np.ndarray, np.ndarray]] = []
    cb_only: list[tuple[np.ndarray, np.ndarray]] = []
    start = 0
    for name in names:
        lines = docs[name]
        doc_texts = [line.text for line in lines]
        emb = embeddings[start : start + len(lines)]
        start += len(lines)
        labels = np.array([line.label for line in lines])
        ranked.append((labels, ranker.score(doc_texts, embeddings=emb)))
        cb_only.append((labels, np.array([s.score for s in cb.score(doc_texts, embeddings=emb)])))
        log(f"{name}: {len(lines)} lines, {int(labels.sum())} check-worthy, AP {ranking_numbers([ranked[-1]])['map']}")
    result: dict[str, Any] = dict(ranking_numbers(ranked))
    result.update({f"claimbuster_only_{k}": v for k, v in ranking_numbers(cb_only).items() if k in ("map", "p_at_5")})
    for what, value in PUBLISHED.items():
        log(f"published {what}: MAP {value:.4f}")
    result["n_documents"] = len(names)
    return result
