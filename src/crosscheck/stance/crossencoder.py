"""The stance cross-encoder at run time: one int8 ONNX MiniLM that reads (premise, claim) together.

``crosscheck train stance-crossencoder`` fine-tunes all-MiniLM-L6-v2 first on NLI (SNLI + MultiNLI
pairs), then on FNC-1 related pairs and Emergent headlines, and writes into the stance model folder:
``crossencoder.int8.onnx`` (the encoder with one small head per task; output ``logits`` holds the
heads side by side in ``passages.TASKS`` order) and ``crossencoder.json`` (label orders, per-head
temperatures and decision weights fitted on dev splits, token limits, which judge variants it
serves, and the ONNX file's sha256, checked at load). The tokenizer is the vendored MiniLM one.

Only onnxruntime, tokenizers and numpy are needed here; torch is for training only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import MissingExtraError, ModelError
from crosscheck.paths import file_sha256

__all__ = ["CrossEncoder", "CrossEncoderMeta", "load_meta", "blend", "MODEL_FILE", "META_FILE"]

MODEL_FILE = "crossencoder.int8.onnx"
META_FILE = "crossencoder.json"


@dataclass(frozen=True, slots=True)
class CrossEncoderMeta:
    tasks: dict[str, tuple[str, ...]]  # head -> its labels, in output-column order
    temperatures: dict[str, float]  # logits / T before the softmax: calibrated on dev
    class_weights: dict[str, tuple[float, ...]]  # multiplied into probabilities before the arg-max
    max_tokens: dict[str, int]
    serves: frozenset[str]  # judge variants (and "claims") for which it beat the LightGBM judge on dev
    sha256: str
    # per judge variant, the cross-encoder's share in its geometric blend with LightGBM (``blend``),
    # chosen on dev; 1.0 (the cross-encoder alone) where the file predates blending
    blend: dict[str, float]
    # claim relations: below this MiniLM cosine two claims are unrelated, whatever the NLI head says
    related_min_cosine: float

    def columns(self, task: str) -> slice:
        start = 0
        for name, labels in self.tasks.items():
            if name == task:
                return slice(start, start + len(labels))
            start += len(labels)
        raise ModelError(f"the stance cross-encoder has no '{task}' head; it has: {', '.join(self.tasks)}")


def load_meta(model_dir: Path) -> CrossEncoderMeta | None:
    """The cross-encoder's description, or None when the folder holds no cross-encoder."""
    path = model_dir / META_FILE
    if not path.is_file():
        return None
    m = json.loads(path.read_text())
    return CrossEncoderMeta(
        # "heads" keeps the output-column order (the JSON file is written with sorted keys)
        tasks={k: tuple(m["tasks"][k]) for k in m["heads"]},
        temperatures={k: float(v) for k, v in m["temperatures"].items()},
        class_weights={k: tuple(float(x) for x in v) for k, v in m["class_weights"].items()},
        max_tokens={k: int(v) for k, v in m["max_tokens"].items()},
        serves=frozenset(m["serves"]),
        sha256=m["sha256"],
        blend={k: float(v) for k, v in m.get("blend", {}).items()},
        related_min_cosine=float(m.get("related_min_cosine", -1.0)),
    )


def blend(lightgbm: np.ndarray, cross: np.ndarray, share: float) -> np.ndarray:
    """Geometric blend of two models' distributions over the same labels, rows summing to 1:
    ``lightgbm ** (1 - share) * cross ** share``. A product of experts: a label either model
    finds unlikely stays unlikely, which is what two models that read different evidence
    (LightGBM: number, name and cue features over the whole article; the cross-encoder: the
    deciding sentences word by word) should give."""
    eps = 1e-6
    logp = (1.0 - share) * np.log(np.clip(lightgbm, eps, 1.0)) + share * np.log(np.clip(cross, eps, 1.0))
    logp -= logp.max(axis=1, keepdims=True)
    p = np.exp(logp)
    return np.asarray(p / p.sum(axis=1, keepdims=True))


def _tokenizer(max_tokens: int) -> Any:
    from tokenizers import Tokenizer

    res = resources.files("crosscheck") / "resources" / "minilm"
    path = Path(str(res / "tokenizer.json"))
    expected = Path(str(res / "tokenizer.json.sha256")).read_text().strip()
    if file_sha256(path) != expected:
        raise ModelError(f"MiniLM tokenizer at {path} does not match its recorded sha256; the file is damaged or replaced")
    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_length=max_tokens)  # longest-first: the long side (the passage) is cut
    tok.no_padding()
    return tok


def encode_pairs(tok: Any, pairs: Sequence[tuple[str, str]]) -> list[tuple[list[int], list[int]]]:
    """(token ids, token type ids) per (premise, hypothesis) pair."""
    return [(e.ids, e.type_ids) for e in tok.encode_batch([(a, b) for a, b in pairs])]


def pad_batch(encs: Sequence[tuple[list[int], list[int]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    width = max(len(ids) for ids, _ in encs)
    ids = np.zeros((len(encs), width), dtype=np.int64)
    types = np.zeros_like(ids)
    mask = np.zeros_like(ids)
    for r, (i, t) in enumerate(encs):
        ids[r, : len(i)], types[r, : len(t)], mask[r, : len(i)] = i, t, 1
    return ids, mask, types


class CrossEncoder:
    """Loads on first use; ``logits`` scores pairs for one head, ``probabilities`` calibrates them."""

    def __init__(self, model_dir: Path, threads: int = 2, batch_size: int = 32) -> None:
        self.model_dir = model_dir
        self.threads = threads
        self.batch_size = batch_size
        meta = load_meta(model_dir)
        if meta is None:
            raise ModelError(f"no stance cross-encoder in {model_dir}; rebuild it with: crosscheck train stance-crossencoder")
        self.meta = meta
        self._session: Any = None
        self._tokenizers: dict[int, Any] = {}

    def warm_up(self) -> None:
        if self._session is not None:
            return
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # see embed/minilm.py
        try:
            import onnxruntime as ort
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingExtraError(exc.name or "onnxruntime", "the stance cross-encoder") from exc
        path = self.model_dir / MODEL_FILE
        if not path.is_file():
            raise ModelError(f"stance cross-encoder file {path} is missing; rebuild it with: crosscheck train stance-crossencoder")
        got = file_sha256(path)
        if got != self.meta.sha256:
            raise ModelError(f"stance cross-encoder {path} has sha256 {got[:12]}..., expected {self.meta.sha256[:12]}...; the file is damaged or replaced")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])

    def logits(self, pairs: Sequence[tuple[str, str]], task: str) -> np.ndarray:
        """Raw (uncalibrated) logits of ``task``'s head, one row per (premise, hypothesis) pair."""
        self.warm_up()
        cols = self.meta.columns(task)
        out = np.zeros((len(pairs), cols.stop - cols.start), dtype=np.float32)
        if not pairs:
            return out
        limit = self.meta.max_tokens[task]
        if limit not in self._tokenizers:
            self._tokenizers[limit] = _tokenizer(limit)
        encs = encode_pairs(self._tokenizers[limit], pairs)
        # sorted by length so that a batch pads little (padding dominates int8 inference time)
        order = sorted(range(len(encs)), key=lambda i: len(encs[i][0]))
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            ids, mask, types = pad_batch([encs[i] for i in idx])
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            out[idx] = self._session.run(None, feeds)[0][:, cols]
        return out

    def calibrate(self, logits: np.ndarray, task: str) -> np.ndarray:
        """Temperature-scaled softmax (probabilities that mean something), rows summing to 1."""
        z = logits.astype(np.float64) / self.meta.temperatures[task]
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return p

    def probabilities(self, pairs: Sequence[tuple[str, str]], task: str) -> np.ndarray:
        return self.calibrate(self.logits(pairs, task), task)
