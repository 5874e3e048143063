"""A linear check-worthiness model stored as plain arrays (``.npz``, no pickle) plus JSON settings.

Logits = hashed n-grams @ W_hash + cues @ W_cue + embedding @ W_emb + b, softmax over classes.
Two weight sets live side by side: ``full`` (with MiniLM sentence embeddings) and ``fast``
(n-grams and cues only, for callers that cannot afford an embedding per sentence).
Fitting uses scikit-learn's LogisticRegression (lbfgs, deterministic); prediction is numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.claims import checkworthy_features as feats
from crosscheck.errors import ModelError

__all__ = ["LinearWeights", "fit_linear", "predict_proba", "save_weights", "load_weights"]

EMB_DIM = 384


@dataclass(frozen=True, slots=True)
class LinearWeights:
    hash_w: np.ndarray  # (n_classes, 2 * 2**HASH_BITS)
    cue_w: np.ndarray  # (n_classes, len(CUE_NAMES))
    emb_w: np.ndarray | None  # (n_classes, 384) or None for the fast variant
    bias: np.ndarray  # (n_classes,)


def _design(texts: list[str], embeddings: np.ndarray | None) -> Any:
    return feats.sentence_features(texts, embeddings)


def fit_linear(texts: list[str], labels: np.ndarray, embeddings: np.ndarray | None, c: float, n_classes: int) -> LinearWeights:
    """Multinomial logistic regression (binary when n_classes == 2); returns per-class weights."""
    from sklearn.linear_model import LogisticRegression

    x = _design(texts, embeddings)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, labels)
    coef = model.coef_.astype(np.float32)
    bias = model.intercept_.astype(np.float32)
    if n_classes == 2:  # sklearn keeps one row for binary problems; store both classes
        coef = np.vstack([-coef / 2, coef / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2], dtype=np.float32)
    n_hash = 2 << feats.HASH_BITS
    n_cue = len(feats.CUE_NAMES)
    return LinearWeights(
        hash_w=coef[:, :n_hash],
        cue_w=coef[:, n_hash : n_hash + n_cue],
        emb_w=coef[:, n_hash + n_cue :] if embeddings is not None else None,
        bias=bias,
    )


def predict_proba(weights: LinearWeights, texts: list[str], embeddings: np.ndarray | None) -> np.ndarray:
    """(len(texts), n_classes) probabilities."""
    n_classes = weights.bias.shape[0]
    if not texts:
        return np.zeros((0, n_classes), dtype=np.float32)
    logits = np.asarray(feats.hashed_rows(texts) @ weights.hash_w.T.astype(np.float32))
    logits += feats.cue_matrix(texts) @ weights.cue_w.T
    if weights.emb_w is not None:
        if embeddings is None:
            raise ModelError("this check-worthiness model needs sentence embeddings (embed.minilm.v1)")
        logits += embeddings.astype(np.float32) @ weights.emb_w.T
    logits += weights.bias
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    out: np.ndarray = p / p.sum(axis=1, keepdims=True)
    return out


def save_weights(path: Path, sets: dict[str, LinearWeights]) -> None:
    arrays: dict[str, np.ndarray] = {}
    for name, w in sets.items():
        # float16 hashed weights: predictions change by < 1e-3 and the file halves
        arrays[f"{name}.hash_w"] = w.hash_w.astype(np.float16)
        arrays[f"{name}.cue_w"] = w.cue_w.astype(np.float32)
        arrays[f"{name}.bias"] = w.bias.astype(np.float32)
        if w.emb_w is not None:
            arrays[f"{name}.emb_w"] = w.emb_w.astype(np.float32)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def load_weights(path: Path) -> dict[str, LinearWeights]:
    if not path.is_file():
        raise ModelError(f"check-worthiness weights not found at {path}; run: crosscheck train checkworthy")
    try:
        with np.load(path, allow_pickle=False) as npz:
            names = sorted({k.split(".", 1)[0] for k in npz.files})
            out = {
                n: LinearWeights(
                    hash_w=npz[f"{n}.hash_w"].astype(np.float32),
                    cue_w=npz[f"{n}.cue_w"],
                    emb_w=npz[f"{n}.emb_w"] if f"{n}.emb_w" in npz.files else None,
                    bias=npz[f"{n}.bias"],
                )
                for n in names
            }
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"check-worthiness weights at {path} are damaged ({exc}); retrain with: crosscheck train checkworthy") from None
    for n, w in out.items():
        if w.hash_w.shape[1] != 2 << feats.HASH_BITS or w.cue_w.shape[1] != len(feats.CUE_NAMES):
            raise ModelError(f"weights '{n}' in {path} do not match the feature layout; retrain with: crosscheck train checkworthy")
    return out
