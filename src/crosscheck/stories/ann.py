"""Nearest neighbours over story vectors, behind a tiny interface so the library can be swapped.

``ann.exact.v1`` is exact inner-product search in numpy (rows are L2-normalised, so inner product
is cosine). ``ann.hnsw.v1`` is an HNSW graph from ``faiss-cpu`` (the measurement that chose it is
in the ``[stories]`` section of ``defaults.toml``). Both add items one at a time and save to a file.
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
    """An HNSW graph (faiss-cpu ``IndexHNSWFlat``): logarithmic search, items added one at a time,
    one-file save (``read_index`` can memory-map it).

    M=16, efConstruction=100, efSearch=64 gave recall@10 of 0.999-1.00 on MiniLM vectors of FNC-1
    sentences at 1k-100k items (see ``defaults.toml`` [stories]).
    """

    M = 16
    EF_CONSTRUCTION = 100
    EF_SEARCH = 64

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._index: Any = None
        self._ids = np.zeros(0, dtype=np.int64)  # position in the graph -> caller's id

    def _faiss(self) -> Any:
        try:
            import faiss
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingExtraError("faiss-cpu", "the story index's nearest-neighbour search") from exc
        faiss.omp_set_num_threads(1)  # one query at a time: threads only add contention on 2 cores
        return faiss

    def _graph(self) -> Any:
        if self._index is None:
            faiss = self._faiss()
            self._index = faiss.IndexHNSWFlat(self.dim, self.M, faiss.METRIC_INNER_PRODUCT)
            self._index.hnsw.efConstruction = self.EF_CONSTRUCTION
            self._index.hnsw.efSearch = self.EF_SEARCH
        return self._index

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self._graph().add(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim))
        self._ids = np.concatenate([self._ids, np.asarray(ids, dtype=np.int64)])

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        k = min(k, len(self))
        if k <= 0:
            return []
        scores, positions = self._graph().search(np.asarray(vector, dtype=np.float32).reshape(1, -1), k)
        return [(int(self._ids[p]), float(s)) for p, s in zip(positions[0], scores[0]) if p >= 0]

    def __len__(self) -> int:
        return len(self._ids)

    def save(self, path: Path) -> None:
        faiss = self._faiss()
        faiss.write_index(self._graph(), str(path))
        np.save(str(path) + ".ids.npy", self._ids)

    def load(self, path: Path) -> None:
        faiss = self._faiss()
        self._index = faiss.read_index(str(path))
        self._index.hnsw.efSearch = self.EF_SEARCH
        self._ids = np.load(str(path) + ".ids.npy")
