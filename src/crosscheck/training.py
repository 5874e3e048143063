"""Model training: ``crosscheck train NAME``.

Each trainer is a module with ``train(data_dir: Path, out_dir: Path, log, seed: int) -> dict``
that writes its weights into ``out_dir`` (by default the package's ``models/NAME`` folder)
together with a ``TRAINING.json`` recording the command, the sha256 of the data read, the seed
and the resulting dev-split numbers. Training is deterministic for a given seed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.errors import UsageError

__all__ = ["TRAINERS", "run_training", "models_dir"]

TRAINERS: dict[str, tuple[str, str]] = {
    "checkworthy": ("crosscheck.claims.checkworthy_train", "check-worthiness of sentences (logistic regression over n-grams, cues, MiniLM) from ClaimBuster crowdsourced"),
    "checkworthy-checkthat": ("crosscheck.claims.checkworthy_checkthat", "check-worthiness ranking for debate transcripts, from CheckThat! 2019 training debates + the ClaimBuster model"),
    "stance": ("crosscheck.stance.train", "stance judge (LightGBM over MiniLM + lexical + cue features) from FNC-1 and Emergent"),
    "stance-crossencoder": ("crosscheck.stance.crossencoder_train", "stance cross-encoder (MiniLM, int8 ONNX): NLI pre-training, then FNC-1 related pairs and Emergent; needs requirements-train.txt"),
}
# trainers whose weights live beside another model's (the cross-encoder is part of the stance judge)
OUT_FOLDER: dict[str, str] = {"stance-crossencoder": "stance"}


def models_dir() -> Path:
    return Path(__file__).resolve().parent / "models"


def run_training(name: str, data_dir: Path, out_dir: Path | None, log: Callable[[str], None], seed: int = 13) -> dict[str, Any]:
    try:
        module_name, _ = TRAINERS[name]
    except KeyError:
        raise UsageError(f"unknown model '{name}'; available: {', '.join(sorted(TRAINERS)) or '(none)'}") from None
    module = importlib.import_module(module_name)
    target = out_dir or models_dir() / OUT_FOLDER.get(name, name)
    target.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = module.train(data_dir, target, log, seed=seed)
    return result
