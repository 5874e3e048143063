"""The stance model files: what ``crosscheck train stance`` writes and ``StanceJudge`` reads.

A model folder holds, per variant (``article``: claim vs article body, trained on FNC-1;
``headline``: claim vs one headline, trained on Emergent), a LightGBM booster as text, plus the
shared pieces: ``idf.json`` (inverse document frequencies of FNC-1 training-body words, a derived
statistic, no text), ``pca.npy`` (a 384 x k projection of MiniLM vectors) and ``stance.json``
(feature names, class order, decision weights, embedder name). ``TRAINING.json`` beside them says
how they were made.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import MissingExtraError, ModelError
from crosscheck.paths import model_dir as find_model_dir
from crosscheck.registry import Registry

__all__ = ["StanceModel", "load_model", "save_model", "default_model_dir", "VARIANTS", "STANCE_MODELS"]

# stance model variant -> its booster file in the model folder
STANCE_MODELS: Registry[str] = Registry.table("stance variant", {
    "article": "article.lgb.txt.gz",
    "headline": "headline.lgb.txt.gz",
})
VARIANTS = tuple(STANCE_MODELS)


def default_model_dir() -> Path:
    return find_model_dir("stance")


@dataclass(frozen=True, slots=True, eq=False)
class StanceModel:
    variant: str
    booster: Any  # lightgbm.Booster
    labels: tuple[str, ...]  # class order of the booster's output columns
    class_weights: np.ndarray  # multiply probabilities by these before the arg-max (tuned on dev)
    idf: dict[str, float]
    pca: np.ndarray
    embedder: str
    feature_names: tuple[str, ...]

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """(n, len(labels)) class probabilities."""
        if rows.shape[0] == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float64)
        probs: np.ndarray = self.booster.predict(rows, num_threads=2)
        return probs.reshape(rows.shape[0], len(self.labels))


def _lightgbm() -> Any:
    try:
        import lightgbm
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("lightgbm", "the stance judge") from exc
    return lightgbm


def save_model(out_dir: Path, boosters: dict[str, Any], meta: dict[str, Any], idf: dict[str, float], pca: np.ndarray) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for variant, booster in boosters.items():
        p = out_dir / f"{variant}.lgb.txt.gz"
        # mtime=0 keeps the gzip bytes identical across runs, so retraining is byte-reproducible
        with open(p, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
            fh.write(booster.model_to_string().encode("utf-8"))
        written.append(p)
    p = out_dir / "idf.json.gz"
    with open(p, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(json.dumps(idf, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    written.append(p)
    np.save(out_dir / "pca.npy", pca.astype(np.float32))
    written.append(out_dir / "pca.npy")
    (out_dir / "stance.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
    written.append(out_dir / "stance.json")
    return written


def load_model(model_dir: Path, variant: str) -> StanceModel:
    booster_path = model_dir / STANCE_MODELS.create(variant)
    meta_path = model_dir / "stance.json"
    for p in (meta_path, booster_path, model_dir / "idf.json.gz", model_dir / "pca.npy"):
        if not p.is_file():
            raise ModelError(f"stance model file {p} is missing; rebuild it with: crosscheck train stance")
    meta = json.loads(meta_path.read_text())
    lgb = _lightgbm()
    with gzip.open(booster_path, "rt", encoding="utf-8") as fh:
        booster = lgb.Booster(model_str=fh.read())
    with gzip.open(model_dir / "idf.json.gz", "rt", encoding="utf-8") as fh:
        idf = json.load(fh)
    vm = meta["variants"][variant]
    return StanceModel(
        variant=variant,
        booster=booster,
        labels=tuple(vm["labels"]),
        class_weights=np.asarray(vm["class_weights"], dtype=np.float64),
        idf=idf,
        pca=np.load(model_dir / "pca.npy"),
        embedder=meta["embedder"],
        feature_names=tuple(meta["feature_names"]),
    )
