"""Does a stored fact-check address this claim? Candidates from the index, a ranker, then a judge.

Two small LightGBM models trained on CLEF CheckThat! claim-retrieval training data
(``crosscheck train factcheck-matcher``): the **ranker** orders the candidates, using where each
stands among the others (BM25 and cosine ranks and gaps) as well as what it shares with the claim;
the **judge** gives the probability that a candidate is about this claim from features that mean
the same whatever the size of the store (``features.JUDGE_FEATURES``), and a candidate is shown when
it clears the threshold calibrated on the dev splits (``model.json`` says how). Both weight files
are checked against the sha256 recorded in ``model.json`` when loaded.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import MissingExtraError, ModelError
from crosscheck.factchecks.features import FEATURES, JUDGE_FEATURES, Query, add_features, reason
from crosscheck.factchecks.index import Candidate, FactCheckIndex, IndexedCheck
from crosscheck.paths import file_sha256, model_dir

__all__ = ["Reranker", "Matcher", "Match", "DEFAULT_MODEL", "CANDIDATES_PER_RETRIEVER"]

DEFAULT_MODEL = "factcheck-matcher"
CANDIDATES_PER_RETRIEVER = 30  # how often the gold is among the candidates, per split, is in TRAINING.json


@dataclass(frozen=True, slots=True)
class Match:
    check: IndexedCheck
    score: float
    reason: str
    features: dict[str, float]


def _booster(folder: Path, name: str, expected: str) -> Any:
    path = folder / name
    if not path.is_file():
        raise ModelError(f"{path} is missing; reinstall crosscheck or run: crosscheck train factcheck-matcher")
    got = file_sha256(path)
    if got != expected:
        raise ModelError(f"{path} has sha256 {got[:12]}..., expected {expected[:12]}...; the file is damaged or replaced")
    try:
        import lightgbm
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("lightgbm", "the fact-check matcher") from exc
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return lightgbm.Booster(model_str=fh.read())


class Reranker:
    """The ranker and the judge; ``threshold`` is the judge's calibrated cut-off."""

    def __init__(self, ranker: Any, judge: Any, threshold: float, info: dict[str, Any]) -> None:
        self.ranker = ranker
        self.judge = judge
        self.threshold = threshold
        self.info = info

    @classmethod
    def load(cls, name: str = DEFAULT_MODEL) -> Reranker:
        folder = model_dir(name)
        meta_path = folder / "model.json"
        if not meta_path.is_file():
            raise ModelError(f"fact-check matcher not found at {folder}; run: crosscheck train factcheck-matcher")
        info = json.loads(meta_path.read_text())
        if tuple(info.get("ranker_features", ())) != FEATURES or tuple(info.get("judge_features", ())) != JUDGE_FEATURES:
            raise ModelError(f"{meta_path}: trained on other features than this version computes; retrain it")
        ranker = _booster(folder, info["ranker"], info["ranker_sha256"])
        judge = _booster(folder, info["judge"], info["judge_sha256"])
        return cls(ranker, judge, float(info["threshold"]), info)

    def scores(self, cands: list[Candidate]) -> tuple[np.ndarray, np.ndarray]:
        """(ranker score, judge probability) of each candidate."""
        if not cands:
            return np.zeros(0), np.zeros(0)
        x = np.array([[c.features[f] for f in FEATURES] for c in cands], dtype=np.float64)
        rank = np.asarray(self.ranker.predict(x, num_threads=1), dtype=np.float64)
        judge = np.asarray(self.judge.predict(x[:, : len(JUDGE_FEATURES)], num_threads=1), dtype=np.float64)
        return rank, judge


class Matcher:
    """An index and a re-ranker: ``match`` gives the fact-checks above the threshold, best first."""

    def __init__(self, index: FactCheckIndex, reranker: Reranker, k: int = CANDIDATES_PER_RETRIEVER) -> None:
        self.index = index
        self.reranker = reranker
        self.k = k

    def rank(self, text: str, vector: np.ndarray) -> list[tuple[Candidate, float, float]]:
        """Every candidate with its ranker score and judge probability, in the ranker's order
        (the benchmarks score this order)."""
        return self._rank(Query.of(text), vector)

    def _rank(self, q: Query, vector: np.ndarray) -> list[tuple[Candidate, float, float]]:
        cands = self.index.candidates(q.text, vector, self.k)
        add_features(q, cands, self.index.bm25.idf)
        rank, judge = self.reranker.scores(cands)
        order = sorted(range(len(cands)), key=lambda i: (-rank[i], cands[i].slot))
        return [(cands[i], float(rank[i]), float(judge[i])) for i in order]

    def match(self, text: str, vector: np.ndarray, *, top: int = 3, threshold: float | None = None) -> list[Match]:
        """The judge's yes among the ranker's first ``top``, in the ranker's order."""
        cut = self.reranker.threshold if threshold is None else threshold
        q = Query.of(text)
        return [Match(c.check, round(p, 4), reason(q, c), c.features)
                for c, _, p in self._rank(q, vector)[:top] if p >= cut]
