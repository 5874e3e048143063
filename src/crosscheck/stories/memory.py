"""``MemoryStoryIndex``: the story index held in memory (benchmarks, tests, one-off runs).

Key postings map each key to the rows holding it; a key held by more than ``posting_cap`` rows
is too common to tell stories apart and is skipped at retrieval (its count still serves as a
document frequency). Vectors go to a ``VectorIndex`` (``ann.py``) for nearest neighbours.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from crosscheck.stories.ann import VectorIndex, get_vector_index
from crosscheck.stories.base import Candidate

__all__ = ["MemoryStoryIndex"]


class MemoryStoryIndex:
    def __init__(self, dim: int, posting_cap: int = 50, ann: str = "ann.exact.v1") -> None:
        self.posting_cap = posting_cap
        self._vectors: VectorIndex = get_vector_index(ann, dim=dim)
        self._postings: dict[str, list[int]] = {}
        self._rows: list[tuple[str, str, dict[str, Any]]] = []
        self._row_of: dict[str, int] = {}

    def candidates(self, keys: Sequence[str], vector: np.ndarray | None, limit: int) -> list[Candidate]:
        rows: dict[int, None] = {}  # insertion-ordered set: deterministic candidate order
        for key in keys:
            posting = self._postings.get(key, ())
            if len(posting) <= self.posting_cap:
                rows.update(dict.fromkeys(posting))
        if vector is not None and limit > 0:
            rows.update(dict.fromkeys(i for i, _ in self._vectors.search(vector, limit)))
        return [Candidate(*self._rows[i]) for i in sorted(rows)]

    def add(self, article_id: str, story_id: str, keys: Sequence[str], vector: np.ndarray | None, features: dict[str, Any]) -> None:
        if article_id in self._row_of:  # re-adding an article changes nothing: its decision stays
            return
        row = len(self._rows)
        self._rows.append((article_id, story_id, features))
        self._row_of[article_id] = row
        for key in dict.fromkeys(keys):
            self._postings.setdefault(key, []).append(row)
        if vector is not None:
            self._vectors.add(np.array([row], dtype=np.int64), np.asarray(vector, dtype=np.float32)[None])

    def doc_count(self) -> int:
        return len(self._rows)

    def key_counts(self, keys: Sequence[str]) -> dict[str, int]:
        return {k: len(self._postings.get(k, ())) for k in keys}

    def story_of(self, article_id: str) -> str | None:
        row = self._row_of.get(article_id)
        return None if row is None else self._rows[row][1]
