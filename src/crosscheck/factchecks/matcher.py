"""Does a stored fact-check address this claim? Candidates from the index, then the re-ranker.

The re-ranker is a small LightGBM model over ``features.FEATURES`` trained on CLEF CheckThat!
claim-retrieval training data (``crosscheck train factcheck-matcher``); its output is a probability
that the fact-check is about this claim. A match is shown when it clears the threshold calibrated
on the dev split (``model.json`` says how it was chosen). The weights are checked against the
sha256 recorded in ``model.json`` when loaded.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import MissingExtraError, ModelError
from crosscheck.factchecks.features import FEATURES, Query, add_features, reason
from crosscheck.factchecks.index import Candidate, FactCheckIndex, IndexedCheck
from crosscheck.paths import file_sha256, model_dir

__all__ = ["Reranker", "Matcher", "Match", "DEFAULT_MODEL"]

DEFAULT_MODEL = "factcheck-matcher"
CANDIDATES_PER_RETRIEVER = 20  # recall@20 of the union on the dev splits is recorded in TRAINING.json


@dataclass(frozen=True, slots=True)
class Match:
    check: IndexedCheck
    score: float
    reason: str
    features: dict[str, float]


class Reranker:
    """Scores candidates with the trained model; ``threshold`` is the calibrated cut-off."""

    def __init__(self, booster: Any, threshold: float, info: dict[str, Any]) -> None:
        self.booster = booster
        self.threshold = threshold
        self.info = info

    @classmethod
    def load(cls, name: str = DEFAULT_MODEL) -> Reranker:
        folder = model_dir(name)
        meta_path = folder / "model.json"
        if not meta_path.is_file():
            raise ModelError(f"fact-check matcher not found at {folder}; run: crosscheck train factcheck-matcher")
        info = json.loads(meta_path.read_text())
        if tuple(info.get("features", ())) != FEATURES:
            raise ModelError(f"{meta_path}: trained on other features than this version computes; retrain it")
        weights = folder / info["weights"]
        if not weights.is_file():
            raise ModelError(f"{weights} is missing; reinstall crosscheck or run: crosscheck train factcheck-matcher")
        got = file_sha256(weights)
        if got != info["weights_sha256"]:
            raise ModelError(f"{weights} has sha256 {got[:12]}..., expected {info['weights_sha256'][:12]}...; "
                             "the file is damaged or replaced")
        try:
            import lightgbm
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingExtraError("lightgbm", "the fact-check matcher") from exc
        with gzip.open(weights, "rt", encoding="utf-8") as fh:
            booster = lightgbm.Booster(model_str=fh.read())
        return cls(booster, float(info["threshold"]), info)

    def scores(self, cands: list[Candidate]) -> np.ndarray:
        if not cands:
            return np.zeros(0)
        x = np.array([[c.features[f] for f in FEATURES] for c in cands], dtype=np.float64)
        return np.asarray(self.booster.predict(x, num_threads=1), dtype=np.float64)


class Matcher:
    """An index and a re-ranker: ``match`` gives the fact-checks above the threshold, best first."""

    def __init__(self, index: FactCheckIndex, reranker: Reranker, k: int = CANDIDATES_PER_RETRIEVER) -> None:
        self.index = index
        self.reranker = reranker
        self.k = k

    def rank(self, text: str, vector: np.ndarray) -> list[tuple[Candidate, float]]:
        """Every candidate with its probability, best first (the benchmarks score this ranking)."""
        q = Query.of(text)
        cands = self.index.candidates(q.text, vector, self.k)
        add_features(q, cands)
        probs = self.reranker.scores(cands)
        order = sorted(range(len(cands)), key=lambda i: (-probs[i], cands[i].slot))
        return [(cands[i], float(probs[i])) for i in order]

    def match(self, text: str, vector: np.ndarray, *, top: int = 3, threshold: float | None = None) -> list[Match]:
        cut = self.reranker.threshold if threshold is None else threshold
        q = Query.of(text)
        found = []
        for cand, p in self.rank(text, vector)[:top]:
            if p < cut:
                break
            found.append(Match(cand.check, round(p, 4), reason(q, cand), cand.features))
        return found


def load_weights_dir(path: Path) -> dict[str, Any]:
    return dict(json.loads((path / "model.json").read_text()))
