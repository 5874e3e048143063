"""Nearest neighbours over story vectors, behind a tiny interface so the library can be swapped.

``ann.exact.v1`` is exact inner-product search in numpy (rows are L2-normalised, so inner product
is cosine). ``ann.hnsw.v1`` is an HNSW graph from ``hnswlib`` (the measurement that chose it is in
the ``[stories]`` section of ``defaults.toml``). Both add items one at a time and save to one file.
Ids are the caller's non-negative integers (row numbers of the story index).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np

from crosscheck.errors import MissingExtraError
from crosscheck.registry import Registry

__all__ = ["VectorIndex", "VECTOR_INDEXES", "get_vector_index", "ExactVectorIndex", "HnswVectorIndex"]


class VectorIndex(Protocol):
    dim: int

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add ``vectors`` (n, dim) float32, L2-normalised, under integer ``ids`` (n,)."""
        ...

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` nearest stored ids with their cosine similarity, nearest first."""
        ...

    def __len__(self) -> int: ...

    def save(self, path: Path) -> None: ...

    def load(self, path: Path) -> None: ...


VECTOR_INDEXES: Registry[VectorIndex] = Registry("vector index")


def get_vector_index(name: str, dim: int, **kwargs: object) -> VectorIndex:
    return VECTOR_INDEXES.create(name, dim=dim, **kwargs)


@VECTOR_INDEXES.register("ann.exact.v1")
class ExactVectorIndex:
    """Every stored vector scored per query: exact, and fast enough for a few thousand rows."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._ids = np.zeros(0, dtype=np.int64)
        self._rows = np.zeros((0, dim), dtype=np.float32)
        self._n = 0

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        need = self._n + len(ids)
        if need > len(self._rows):  # grow by doubling: amortised O(1) per added row
            size = max(need, 2 * len(self._rows), 64)
            self._rows = np.resize(self._rows, (size, self.dim))
            self._ids = np.resize(self._ids, size)
        self._rows[self._n:need] = vectors
        self._ids[self._n:need] = ids
        self._n = need

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self._n == 0 or k <= 0:
            return []
        scores = self._rows[: self._n] @ vector.astype(np.float32)
        k = min(k, self._n)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]
        return [(int(self._ids[i]), float(scores[i])) for i in top]

    def __len__(self) -> int:
        return self._n

    def save(self, path: Path) -> None:
        with open(path, "wb") as f:
            np.savez(f, ids=self._ids[: self._n], rows=self._rows[: self._n])

    def load(self, path: Path) -> None:
        with np.load(path) as data:
            self._ids, self._rows = data["ids"].copy(), data["rows"].copy()
        self._n = len(self._ids)


@VECTOR_INDEXES.register("ann.hnsw.v1")
class HnswVectorIndex:
    """An HNSW graph (hnswlib): logarithmic search, items added one at a time, one-file save.

    M=16, ef_construction=100, ef=64 gave recall@10 of 0.99+ on MiniLM vectors of FNC-1 sentences
    at 10k and 100k items (see ``defaults.toml`` [stories]); hnswlib's own recommended range.
    """

    M = 16
    EF_CONSTRUCTION = 100
    EF_SEARCH = 64

    def __init__(self, dim: int, capacity: int = 1024) -> None:
        self.dim = dim
        self._capacity = capacity
        self._index: Any = None

    def _graph(self) -> Any:
        if self._index is None:
            try:
                import hnswlib
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise MissingExtraError("hnswlib", "the story index's nearest-neighbour search") from exc
            self._index = hnswlib.Index(space="ip", dim=self.dim)
            self._index.init_index(max_elements=self._capacity, ef_construction=self.EF_CONSTRUCTION, M=self.M, random_seed=7)
            self._index.set_num_threads(1)
            self._index.set_ef(self.EF_SEARCH)
        return self._index

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        graph = self._graph()
        need = graph.get_current_count() + len(ids)
        if need > graph.get_max_elements():
            graph.resize_index(max(need, 2 * graph.get_max_elements()))
        graph.add_items(np.asarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        graph = self._graph()
        k = min(k, graph.get_current_count())
        if k <= 0:
            return []
        graph.set_ef(max(self.EF_SEARCH, k))
        labels, distances = graph.knn_query(np.asarray(vector, dtype=np.float32)[None], k=k)
        # hnswlib's "ip" distance is 1 - inner product
        return [(int(i), 1.0 - float(d)) for i, d in zip(labels[0], distances[0])]

    def __len__(self) -> int:
        return 0 if self._index is None else int(self._index.get_current_count())

    def save(self, path: Path) -> None:
        self._graph().save_index(str(path))

    def load(self, path: Path) -> None:
        self._graph()
        self._index.load_index(str(path), max_elements=0)
        self._index.set_ef(self.EF_SEARCH)
        self._index.set_num_threads(1)
