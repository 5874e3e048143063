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

TRAINERS: dict[str, tuple[str, str]] = {}


def models_dir() -> Path:
    return Path(__file__).resolve().parent / "models"


def run_training(name: str, data_dir: Path, out_dir: Path | None, log: Callable[[str], None], seed: int = 13) -> dict[str, Any]:
    try:
        module_name, _ = TRAINERS[name]
    except KeyError:
        raise UsageError(f"unknown model '{name}'; available: {', '.join(sorted(TRAINERS)) or '(none)'}") from None
    module = importlib.import_module(module_name)
    target = out_dir or models_dir() / name
    target.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = module.train(data_dir, target, log, seed=seed)
    return result
