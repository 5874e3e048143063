"""Okapi BM25 over an inverted index that grows one document at a time.

Why not ``bm25s`` or ``rank_bm25``: both build a static matrix over the whole collection, so every
import would rebuild it. Here a new fact-check appends to its terms' posting arrays; document
frequencies and the average length are read at query time, so scores are exactly BM25 over
everything added so far, with no rebuild. Postings are ``array`` buffers read by numpy without a copy.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter

import numpy as np

__all__ = ["BM25Index"]


class BM25Index:
    """``k1``/``b`` are the usual defaults (1.2/0.75): the data folder's BM25 reference runs use them."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._docs: dict[str, array] = {}  # term -> document numbers (int32)
        self._tfs: dict[str, array] = {}  # term -> term frequencies (float32), aligned with _docs
        self._lengths = array("f")
        self._total = 0.0

    def __len__(self) -> int:
        return len(self._lengths)

    def add(self, tokens: list[str]) -> int:
        """Index one document; returns its number (0, 1, 2, ... in the order added)."""
        n = len(self._lengths)
        for term, tf in Counter(tokens).items():
            if term not in self._docs:
                self._docs[term], self._tfs[term] = array("i"), array("f")
            self._docs[term].append(n)
            self._tfs[term].append(tf)
        self._lengths.append(len(tokens))
        self._total += len(tokens)
        return n

    def idf(self, term: str) -> float:
        """BM25's idf of ``term`` over the documents added so far (a term never seen counts as rare)."""
        n = len(self._lengths)
        docs = self._docs.get(term)
        df = len(docs) if docs is not None else 0
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 of every document against the query (0 where no term is shared)."""
        n = len(self._lengths)
        out = np.zeros(n, dtype=np.float32)
        if not n:
            return out
        lengths = np.frombuffer(self._lengths, dtype=np.float32)
        avgdl = self._total / n or 1.0
        for term in set(tokens):
            docs = self._docs.get(term)
            if docs is None:
                continue
            idx = np.frombuffer(docs, dtype=np.int32)
            tf = np.frombuffer(self._tfs[term], dtype=np.float32)
            idf = math.log(1 + (n - len(idx) + 0.5) / (len(idx) + 0.5))
            norm = self.k1 * (1 - self.b + self.b * lengths[idx] / avgdl)
            out[idx] += idf * tf * (self.k1 + 1) / (tf + norm)
        return out
