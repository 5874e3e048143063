"""Model training: ``crosscheck train NAME``.

Each trainer is a module with ``train(data_dir: Path, out_dir: Path, log, seed: int) -> dict``
that writes its weights into ``out_dir`` (by default a new version folder ``NAME-2``, ``NAME-3``, ...
under ``crosscheck.paths.user_models_dir()``, never the installed package)
together with a ``TRAINING.json`` recording the command, the sha256 of the data read, the seed
and the resulting dev-split numbers. Training is deterministic for a given seed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.registry import Registry

__all__ = ["TRAINERS", "run_training", "models_dir"]

TRAINERS: Registry[tuple[str, str]] = Registry.table("model", {
    "checkworthy": ("crosscheck.claims.checkworthy_train", "check-worthiness of sentences (logistic regression over n-grams, cues, MiniLM) from ClaimBuster crowdsourced"),
    "checkworthy-checkthat": ("crosscheck.claims.checkworthy_checkthat", "check-worthiness ranking for debate transcripts, from CheckThat! 2019 training debates + the ClaimBuster model"),
    "stance": ("crosscheck.stance.train", "stance judge (LightGBM over MiniLM + lexical + cue features) from FNC-1 and Emergent"),
    "factcheck-matcher": ("crosscheck.factchecks.train", "fact-check matcher: LightGBM re-ranker over retrieval, wording, name and number features, from CLEF CheckThat! claim-retrieval train (tuned on dev)"),
    "stance-crossencoder": ("crosscheck.stance.crossencoder_train", "stance cross-encoder (MiniLM, int8 ONNX): NLI pre-training, then FNC-1 related pairs and Emergent; needs requirements-train.txt"),
})


def models_dir() -> Path:
    """The shipped models (kept for callers that list them; use ``crosscheck.paths.model_dir``)."""
    from crosscheck.paths import shipped_models_dir

    return shipped_models_dir()


def run_training(name: str, data_dir: Path, out_dir: Path | None, log: Callable[[str], None], seed: int = 13) -> dict[str, Any]:
    module_name, _ = TRAINERS.create(name)
    module = importlib.import_module(module_name)
    if out_dir is None:
        # never into the installed package: a retrained model is a new version beside the shipped one
        from crosscheck.paths import new_model_name, user_models_dir

        out_dir = user_models_dir() / new_model_name(name)
    out_dir.mkdir(parents=True, exist_ok=True)
    log(f"writing the trained model to {out_dir}")
    result: dict[str, Any] = module.train(data_dir, out_dir, log, seed=seed)
    result.setdefault("model_dir", str(out_dir))
    return result
