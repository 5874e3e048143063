"""``crosscheck train checkworthy``: the ClaimBuster-trained check-worthiness model.

Data: ``claimbuster/crowdsourced.csv`` only. Sentences whose text (case- and space-normalised)
also occurs in ``groundtruth.csv`` (the benchmark's test set) are removed first. Dev split: 7 of
the 33 debates (``claimbuster_dev_debates``); C and the check-worthy threshold are chosen there,
then the final weights are refit on all remaining crowdsourced sentences (train + dev).
Output: ``weights.npz`` (arrays, no pickle), ``model.json`` (settings the scorer reads) and
``TRAINING.json`` (command, data sha256, seed, dev numbers).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.claims.checkworthy_data import (
    CB_CLASSES,
    LabelledSentence,
    claimbuster_dev_debates,
    embed_texts,
    normalised_text,
    read_claimbuster,
    sha256_file,
)
from crosscheck.claims.checkworthy_model import LinearWeights, fit_linear, predict_proba, save_weights

__all__ = ["train", "fit_claimbuster", "ClaimBusterFit", "classification_numbers", "best_threshold"]

CFS = 2  # index of "check-worthy" in CB_CLASSES
# Inverse regularisation strength. Chosen on the dev debates among {1, 2, 4}: C=4 gave the best
# macro-F1 (0.680 vs 0.674 at C=1) at equal CFS F1 (0.713 vs 0.713) for the full model, and 0.658
# vs 0.637 macro-F1 for the fast (no-embedding) model.
C_FULL = 4.0
C_FAST = 4.0


@dataclass(frozen=True, slots=True)
class ClaimBusterFit:
    weights: dict[str, LinearWeights]  # "full", "fast"
    thresholds: dict[str, float]
    dev: dict[str, dict[str, float]]
    n_train: int
    n_dev: int


def classification_numbers(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """CFS precision/recall/F1 and 3-class + binary macro-F1 (gold/pred are CB_CLASSES indices)."""
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    p, r, f, _ = precision_recall_fscore_support(gold == CFS, pred == CFS, average="binary", zero_division=0)
    return {
        "cfs_precision": round(float(p), 4),
        "cfs_recall": round(float(r), 4),
        "cfs_f1": round(float(f), 4),
        "macro_f1": round(float(f1_score(gold, pred, average="macro", labels=[0, 1, 2], zero_division=0)), 4),
        "macro_f1_binary": round(float(f1_score(gold == CFS, pred == CFS, average="macro", zero_division=0)), 4),
    }


def labels_from_proba(proba: np.ndarray, threshold: float) -> np.ndarray:
    """CFS when P(CFS) >= threshold, otherwise the likelier of NFS and UFS."""
    rest = np.argmax(proba[:, :2], axis=1)
    return np.where(proba[:, CFS] >= threshold, CFS, rest)


def best_threshold(gold: np.ndarray, proba: np.ndarray) -> float:
    """The P(CFS) cut-off in 0.05..0.95 (step 0.01) with the highest CFS F1 on the given (dev) rows."""
    from sklearn.metrics import f1_score

    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    scores = [f1_score(gold == CFS, proba[:, CFS] >= t, zero_division=0) for t in grid]
    return float(grid[int(np.argmax(scores))])


def fit_claimbuster(
    sentences: list[LabelledSentence], embeddings: np.ndarray, log: Callable[[str], None]
) -> ClaimBusterFit:
    """Tune thresholds on the dev debates, then refit on everything given."""
    texts = [s.text for s in sentences]
    y = np.array([s.label for s in sentences])
    dev = claimbuster_dev_debates([s.debate for s in sentences])
    is_dev = np.array([s.debate in dev for s in sentences])
    tr, dv = np.flatnonzero(~is_dev), np.flatnonzero(is_dev)
    sub = lambda idx: [texts[i] for i in idx]  # noqa: E731
    settings = {"full": (C_FULL, True), "fast": (C_FAST, False)}
    thresholds: dict[str, float] = {}
    dev_numbers: dict[str, dict[str, float]] = {}
    dev_proba: dict[str, np.ndarray] = {}
    for name, (c, use_emb) in settings.items():
        t0 = time.perf_counter()
        w = fit_linear(sub(tr), y[tr], embeddings[tr] if use_emb else None, c, len(CB_CLASSES))
        proba = predict_proba(w, sub(dv), embeddings[dv] if use_emb else None)
        thresholds[name] = best_threshold(y[dv], proba)
        dev_numbers[name] = classification_numbers(y[dv], labels_from_proba(proba, thresholds[name]))
        dev_proba[name] = proba
        log(f"{name}: dev {dev_numbers[name]} at threshold {thresholds[name]} ({time.perf_counter() - t0:.0f}s)")
    cut, dev_numbers["cascade"] = cascade_cut(y[dv], dev_proba["fast"], dev_proba["full"], thresholds, dev_numbers["full"]["cfs_f1"])
    thresholds["cascade_cut"] = cut
    log(f"cascade: fast model first, full model where P_fast(CFS) >= {cut}: dev {dev_numbers['cascade']}")
    weights = {
        name: fit_linear(texts, y, embeddings if use_emb else None, c, len(CB_CLASSES))
        for name, (c, use_emb) in settings.items()
    }
    return ClaimBusterFit(weights, thresholds, dev_numbers, len(tr), len(dv))


# The cascade may cost at most this much dev CFS F1 against the full model.
CASCADE_MAX_F1_LOSS = 0.005


def cascade_cut(gold: np.ndarray, fast: np.ndarray, full: np.ndarray, thresholds: dict[str, float], full_f1: float) -> tuple[float, dict[str, float]]:
    """Largest P_fast(CFS) cut below which sentences keep the fast model's answer (no embedding),
    such that dev CFS F1 stays within CASCADE_MAX_F1_LOSS of the full model's."""
    best = (0.0, {**classification_numbers(gold, labels_from_proba(full, thresholds["full"])), "share_embedded": 1.0})
    for cut in np.round(np.arange(0.01, 0.301, 0.01), 2):
        use_full = fast[:, CFS] >= cut
        pred = np.where(use_full, labels_from_proba(full, thresholds["full"]), labels_from_proba(fast, thresholds["fast"]))
        numbers = classification_numbers(gold, pred)
        if numbers["cfs_f1"] >= full_f1 - CASCADE_MAX_F1_LOSS:
            best = (float(cut), {**numbers, "share_embedded": round(float(use_full.mean()), 4)})
    return best


def training_sentences(data_dir: Path) -> tuple[list[LabelledSentence], list[int], int]:
    """Crowdsourced sentences minus those whose text is in groundtruth.csv; (kept, kept indices, removed)."""
    crowd = read_claimbuster(data_dir / "claimbuster" / "crowdsourced.csv")
    test_texts = {normalised_text(s.text) for s in read_claimbuster(data_dir / "claimbuster" / "groundtruth.csv")}
    keep = [i for i, s in enumerate(crowd) if normalised_text(s.text) not in test_texts]
    return [crowd[i] for i in keep], keep, len(crowd) - len(keep)


def train(data_dir: Path, out_dir: Path, log: Callable[[str], None], seed: int = 13) -> dict[str, Any]:
    del seed  # lbfgs logistic regression is deterministic; recorded in TRAINING.json for the contract
    crowd_path = data_dir / "claimbuster" / "crowdsourced.csv"
    sentences, keep, removed = training_sentences(data_dir)
    log(f"ClaimBuster crowdsourced: {len(sentences)} sentences kept, {removed} removed (text also in groundtruth.csv)")
    all_texts = [s.text for s in read_claimbuster(crowd_path)]
    embeddings = embed_texts(all_texts, log)[keep]
    fit = fit_claimbuster(sentences, embeddings, log)
    out_dir.mkdir(parents=True, exist_ok=True)
    save_weights(out_dir / "weights.npz", fit.weights)
    settings = {
        "format": "crosscheck.checkworthy.linear.v1",
        "classes": list(CB_CLASSES),
        "embedder": "embed.minilm.v1",
        "thresholds": fit.thresholds,
        "threshold_note": "P(check-worthy) cut-off maximising CFS F1 on the ClaimBuster dev debates",
    }
    (out_dir / "model.json").write_text(json.dumps(settings, indent=2) + "\n")
    record = {
        "command": "crosscheck train checkworthy",
        "data": {
            "claimbuster/crowdsourced.csv": sha256_file(crowd_path),
            "claimbuster/groundtruth.csv (only to remove overlapping sentences)": sha256_file(
                data_dir / "claimbuster" / "groundtruth.csv"
            ),
        },
        "seed": "not used (lbfgs logistic regression is deterministic)",
        "removed_overlap_with_groundtruth": removed,
        "dev_split": sorted(claimbuster_dev_debates([s.debate for s in sentences])),
        "n_train": fit.n_train,
        "n_dev": fit.n_dev,
        "dev": fit.dev,
        "thresholds": fit.thresholds,
        "final_fit": "refit on train + dev with the chosen settings",
    }
    (out_dir / "TRAINING.json").write_text(json.dumps(record, indent=2) + "\n")
    return {"model": str(out_dir), **{f"dev_{k}_{n}": v for n, d in fit.dev.items() for k, v in d.items()}}
