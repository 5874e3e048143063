"""Check-worthiness ranking for debate and speech transcripts (CLEF-2019 CheckThat! Task 1).

Line score s = logit P(check-worthy) from the ClaimBuster model (``checkworthy.claimbuster.v1``)
+ BETA * (a logistic regression over MiniLM embeddings trained on the CheckThat! training
debates, whose notion of check-worthy is "fact-checked by factcheck.org")
+ KAPPA * (mean cosine similarity of the line's embedding to its K_NEIGHBOURS nearest fact-checked
training lines: politicians repeat their talking points, and fact-checkers check them again);
then each line gets GAMMA * max(s of the previous line, s of the next line) added, because a
checked claim often spans consecutive sentences. BETA, KAPPA, GAMMA and the regression's C were
chosen by 4-fold leave-documents-out cross-validation on the 19 training documents (MAP; the
smallest weights within DEV_TOLERANCE of the best, since the surface is flat), and so was
K_NEIGHBOURS (3 of 1, 3, 5, 10, in a separate study recorded in TRAINING.json); the official test
documents were never used for any choice. The model stores the unit embeddings of the 440
fact-checked training lines (float16, no text).
Trained by ``crosscheck train checkworthy-checkthat``; the ClaimBuster part is the shipped
``models/checkworthy`` model. For news articles use ``CheckworthinessScorer``: this ranker's extra
part was fitted to what a US fact-checker picked from political debates.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.claims.checkworthy_data import (
    TranscriptLine,
    checkthat_dev_documents,
    embed_texts,
    normalised_text,
    read_checkthat_dir,
    read_claimbuster,
    sha256_file,
)
from crosscheck.errors import ModelError

__all__ = ["TranscriptRanker", "ranking_numbers", "average_precision", "nearest_similarity", "train"]

THRESHOLDS = (1, 3, 5, 10, 20, 50)
BETA_GRID = (0.0, 0.5, 1.0, 2.0)
GAMMA_GRID = (0.0, 0.1, 0.2, 0.3)
KAPPA_GRID = (0.0, 5.0, 10.0, 15.0, 20.0)
C_GRID = (0.1, 1.0)
K_NEIGHBOURS = 3
DEV_TOLERANCE = 0.005  # MAP; settings this close to the best count as equally good
FORMAT = "crosscheck.checkworthy.transcript.v2"
# How K_NEIGHBOURS was picked: dev MAP (same folds, C=1, beta=0.5, gamma=0.2, best kappa of 10/15/20)
# per k, from a one-off study outside the trainer; recorded in TRAINING.json.
K_STUDY = {"1": 0.2750, "3": 0.2779, "5": 0.2766, "10": 0.2731}


def _model_dir() -> Path:
    from crosscheck.paths import model_dir

    return model_dir("checkworthy-checkthat")


def _cfs_logit(proba: np.ndarray) -> np.ndarray:
    p = np.clip(proba[:, 2].astype(np.float64), 1e-6, 1 - 1e-6)
    out: np.ndarray = np.log(p) - np.log1p(-p)
    return out


class TranscriptRanker:
    """Ranks the lines of one transcript; ``score`` returns values in (0, 1), higher = check first."""

    def __init__(self, model_dir: Path | None = None) -> None:
        self.model_dir = model_dir or _model_dir()
        self._loaded: dict[str, Any] | None = None
        self._cb: Any = None

    def warm_up(self) -> None:
        if self._loaded is not None:
            return
        from crosscheck.claims.checkworthy import CheckworthinessScorer

        try:
            settings = json.loads((self.model_dir / "model.json").read_text())
            if settings.get("format") != FORMAT:
                raise ValueError(f"format {settings.get('format')!r}, expected {FORMAT!r}")
            with np.load(self.model_dir / "weights.npz", allow_pickle=False) as npz:
                emb_w, bias = npz["emb_w"].astype(np.float64), float(npz["bias"])
                positives = npz["positives"].astype(np.float64)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{self.model_dir}: transcript ranker missing or damaged ({exc!r}); run: crosscheck train checkworthy-checkthat") from None
        self._cb = CheckworthinessScorer("checkworthy.claimbuster.v1")
        self._cb.warm_up()
        self._loaded = {
            "beta": float(settings["beta"]),
            "gamma": float(settings["gamma"]),
            "kappa": float(settings["kappa"]),
            "k": int(settings["k_neighbours"]),
            "emb_w": emb_w,
            "bias": bias,
            "positives": positives,
        }

    def score(self, sentences: list[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """One value per line of ONE transcript, lines in transcript order (neighbours matter)."""
        self.warm_up()
        assert self._loaded is not None
        if not sentences:
            return np.zeros(0)
        if embeddings is None:
            embeddings = self._cb.embed(sentences)
        proba = self._cb.class_probabilities(sentences, embeddings)
        raw = blend(proba, embeddings, self._loaded["emb_w"], self._loaded["bias"], self._loaded["beta"])
        if self._loaded["kappa"]:
            raw = raw + self._loaded["kappa"] * nearest_similarity(embeddings, self._loaded["positives"], self._loaded["k"])
        raw = with_context(raw, self._loaded["gamma"])
        out: np.ndarray = 1.0 / (1.0 + np.exp(-raw))
        return out


def blend(proba: np.ndarray, embeddings: np.ndarray, emb_w: np.ndarray, bias: float, beta: float) -> np.ndarray:
    out: np.ndarray = _cfs_logit(proba) + beta * (embeddings.astype(np.float64) @ emb_w + bias)
    return out


def unit_rows(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.float64)
    out: np.ndarray = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return out


def nearest_similarity(embeddings: np.ndarray, positives: np.ndarray, k: int) -> np.ndarray:
    """Mean cosine similarity of each row to its k most similar rows of ``positives`` (unit rows)."""
    if positives.shape[0] == 0:
        return np.zeros(embeddings.shape[0])
    k = min(k, positives.shape[0])
    sims = unit_rows(embeddings) @ positives.T
    out: np.ndarray = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(axis=1)
    return out


def with_context(scores: np.ndarray, gamma: float) -> np.ndarray:
    """Add gamma * the larger neighbour score (lines in transcript order; one document)."""
    if gamma == 0.0 or scores.size < 2:
        return scores
    prev = np.r_[scores[1:2], scores[:-1]]  # the first line's only neighbour is the second
    nxt = np.r_[scores[1:], scores[-2:-1]]
    out: np.ndarray = scores + gamma * np.maximum(prev, nxt)
    return out


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    """Official CheckThat! 2019 AP: precision at each relevant line, summed, over all relevant lines.

    Lines are ranked by score, highest first; ties keep transcript order (a stable sort, as the
    official scorer's ``sorted(..., reverse=True)``).
    """
    ranked = labels[np.argsort(-scores, kind="stable")]
    hits = np.flatnonzero(ranked == 1)
    if hits.size == 0:
        return 0.0
    return float((np.arange(1, hits.size + 1) / (hits + 1)).sum() / hits.size)


def ranking_numbers(documents: list[tuple[np.ndarray, np.ndarray]]) -> dict[str, float]:
    """MAP, mean RR, mean R-Precision and mean P@k over documents, as the official scorer defines them."""
    per: dict[str, list[float]] = {"map": [], "rr": [], "r_prec": [], **{f"p_at_{k}": [] for k in THRESHOLDS}}
    for labels, scores in documents:
        ranked = labels[np.argsort(-scores, kind="stable")]
        hits = np.flatnonzero(ranked == 1)
        n_rel = int(hits.size)
        per["map"].append(average_precision(labels, scores))
        per["rr"].append(1.0 / (hits[0] + 1) if n_rel else 0.0)
        # P@k divides by k even when the document has fewer than k lines (official behaviour)
        per["r_prec"].append(float(ranked[:n_rel].sum()) / n_rel if n_rel else 0.0)
        for k in THRESHOLDS:
            per[f"p_at_{k}"].append(float(ranked[:k].sum()) / k)
    return {k: round(float(np.mean(v)), 4) for k, v in per.items()}


def _cb_dev_model(data_dir: Path, log: Callable[[str], None]) -> Any:
    """A ClaimBuster model refit without any sentence whose text occurs in CheckThat! files.

    ClaimBuster's 2016 debates are CheckThat! training documents; scoring those with a model that
    saw their sentences would flatter the stacked features during cross-validation.
    """
    from crosscheck.claims.checkworthy_model import fit_linear
    from crosscheck.claims.checkworthy_train import C_FULL, training_sentences

    sentences, keep, _ = training_sentences(data_dir)
    ct = data_dir / "checkthat2019-task1"
    ct_texts = {normalised_text(line.text) for sub in ("training", "test_annotated") for doc in read_checkthat_dir(ct / sub).values() for line in doc}
    all_texts = [s.text for s in read_claimbuster(data_dir / "claimbuster" / "crowdsourced.csv")]
    emb = embed_texts(all_texts, log)[keep]
    idx = [i for i, s in enumerate(sentences) if normalised_text(s.text) not in ct_texts]
    log(f"ClaimBuster model for cross-validation: {len(idx)} sentences ({len(sentences) - len(idx)} overlapping CheckThat! removed)")
    return fit_linear([sentences[i].text for i in idx], np.array([sentences[i].label for i in idx]), emb[idx], C_FULL, 3)


def _fit_embedding_lr(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    return m.coef_[0].astype(np.float64), float(m.intercept_[0])


def train(data_dir: Path, out_dir: Path, log: Callable[[str], None], seed: int = 13) -> dict[str, Any]:
    del seed  # deterministic (lbfgs); kept for the trainer contract
    from crosscheck.claims.checkworthy_model import predict_proba

    folder = data_dir / "checkthat2019-task1" / "training"
    docs = read_checkthat_dir(folder)
    names = list(docs)
    lines: list[TranscriptLine] = [line for n in names for line in docs[n]]
    texts = [line.text for line in lines]
    y = np.array([line.label for line in lines])
    doc_of = np.array([line.document for line in lines])
    emb = embed_texts(texts, log)
    t0 = time.perf_counter()
    proba = predict_proba(_cb_dev_model(data_dir, log), texts, emb)
    log(f"ClaimBuster dev model fitted and applied ({time.perf_counter() - t0:.0f}s)")
    unit = unit_rows(emb)
    dev: dict[str, float] = {}
    dev_p5: dict[str, float] = {}
    for c in C_GRID:
        pairs: dict[tuple[float, float, float], list[tuple[np.ndarray, np.ndarray]]] = {}
        for fold in checkthat_dev_documents(names):
            held = np.isin(doc_of, fold)
            w, b0 = _fit_embedding_lr(emb[~held], y[~held], c)
            near = nearest_similarity(emb[held], unit[~held & (y == 1)], K_NEIGHBOURS)
            for beta in BETA_GRID:
                for kappa in KAPPA_GRID:
                    s = blend(proba[held], emb[held], w, b0, beta) + kappa * near
                    for gamma in GAMMA_GRID:
                        pairs.setdefault((beta, kappa, gamma), []).extend(
                            (y[held][doc_of[held] == d], with_context(s[doc_of[held] == d], gamma)) for d in fold
                        )
        for (beta, kappa, gamma), docs_scored in pairs.items():
            key = f"C={c} beta={beta} kappa={kappa} gamma={gamma}"
            numbers = ranking_numbers(docs_scored)
            dev[key], dev_p5[key] = numbers["map"], numbers["p_at_5"]
            log(f"dev MAP {key}: {dev[key]} (P@5 {dev_p5[key]})")
    # the CV surface is a flat plateau and the test debates differ from the training ones, so take the
    # first (smallest C, beta, kappa, gamma: closest to the ClaimBuster model) setting within
    # DEV_TOLERANCE of the best dev MAP rather than the noisy maximum
    top = max(dev.values())
    best = next(k for k in dev if dev[k] >= top - DEV_TOLERANCE)
    c_best, beta_best, kappa_best, gamma_best = (float(part.split("=")[1]) for part in best.split())
    w, b0 = _fit_embedding_lr(emb, y, c_best)
    out_dir.mkdir(parents=True, exist_ok=True)
    positives = unit[y == 1].astype(np.float16)
    np.savez_compressed(out_dir / "weights.npz", emb_w=w.astype(np.float32), bias=np.float32(b0), positives=positives)
    settings = {
        "format": FORMAT,
        "beta": beta_best,
        "kappa": kappa_best,
        "k_neighbours": K_NEIGHBOURS,
        "gamma": gamma_best,
        "C": c_best,
        "claimbuster_model": "checkworthy.claimbuster.v1",
        "embedder": "embed.minilm.v1",
    }
    (out_dir / "model.json").write_text(json.dumps(settings, indent=2) + "\n")
    baseline = f"C={C_GRID[0]} beta=0.0 kappa=0.0 gamma=0.0"
    record = {
        "command": "crosscheck train checkworthy-checkthat",
        "data": {f"checkthat2019-task1/training/{f.name}": sha256_file(f) for f in sorted(folder.glob("*.tsv"))}
        | {"claimbuster/crowdsourced.csv": sha256_file(data_dir / "claimbuster" / "crowdsourced.csv")},
        "seed": "not used (lbfgs logistic regression is deterministic)",
        "dev_protocol": "4-fold leave-documents-out CV on the 19 training documents (checkthat_dev_documents), MAP",
        "dev_map": dev,
        "dev_p_at_5": dev_p5,
        "dev_map_claimbuster_only": dev[baseline],
        "selection": f"first setting in grid order (C, beta, kappa, gamma ascending) within {DEV_TOLERANCE} of the best dev MAP {top}",
        "chosen": {"C": c_best, "beta": beta_best, "kappa": kappa_best, "k_neighbours": K_NEIGHBOURS, "gamma": gamma_best, "dev_map": dev[best], "dev_p_at_5": dev_p5[best]},
        "k_neighbours_study": K_STUDY,
        "final_fit": "embedding regression refit on all 19 training documents; the nearest-neighbour memory is the "
        f"{int(positives.shape[0])} fact-checked training lines (unit MiniLM embeddings, float16, no text)",
        "claimbuster_part": "cross-validation used a ClaimBuster model refit without sentences whose text occurs in "
        "CheckThat! files; the shipped ranker uses the shipped models/checkworthy weights (all crowdsourced "
        "sentences except the groundtruth.csv overlap), which share no text with the CheckThat! test files "
        "beyond a few short generic lines",
    }
    (out_dir / "TRAINING.json").write_text(json.dumps(record, indent=2) + "\n")
    return {
        "model": str(out_dir),
        "dev_map": dev[best],
        "dev_map_claimbuster_only": record["dev_map_claimbuster_only"],
        "beta": beta_best,
        "kappa": kappa_best,
        "gamma": gamma_best,
        "C": c_best,
    }
