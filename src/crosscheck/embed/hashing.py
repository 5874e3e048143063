"""A deterministic bag-of-words hashing embedder: no model, for unit tests and as a fallback."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from crosscheck.embed import EMBEDDERS

_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    name = "embed.hashing.v1"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def warm_up(self) -> None:
        return None

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in _WORD.findall(t.lower()):
                d = hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest()
                idx = int.from_bytes(d[:4], "little") % self.dim
                out[i, idx] += 1.0 if d[4] & 1 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


EMBEDDERS.register("embed.hashing.v1")(HashingEmbedder)
