"""The candidate index over stored fact-checks: BM25 words and embedding neighbours, grown in place.

Two retrievers, because each finds what the other misses: BM25 finds the fact-check that shares
the claim's rare words (names, numbers), the embedding neighbours find paraphrases ("jobless rate"
for "unemployment"). Vectors sit in a faiss inner-product index (exact, flat: at 20,000 fact-checks
a search is about a millisecond; see ``crosscheck bench factcheck-scale`` for a million).

Nothing is rebuilt when fact-checks are imported: ``add`` appends to both retrievers. A new version
of a fact-check whose words did not change only re-points its slot to the new id; one whose claim
changed gets a new slot and the old slot is retired (never returned again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from crosscheck.factchecks.bm25 import BM25Index
from crosscheck.factchecks.text import names, normalise, numbers, words

__all__ = ["FactCheckIndex", "IndexedCheck", "Candidate", "document_text"]


def document_text(claim: str, title: str | None) -> str:
    """What BM25 indexes and MiniLM embeds for a fact-check: the claim and the headline (it often names
    the subject). Embedding the headline too raised the embedding neighbours' MRR@5 on the dev splits
    from 0.920 to 0.946 (2A) and 0.420 to 0.424 (2B), and how often the gold is among the candidates
    on 2B dev from 0.689 to 0.714."""
    return f"{claim} {title}" if title and title not in claim else claim


@dataclass(slots=True)
class IndexedCheck:
    """What the re-ranker reads of one fact-check; names and numbers are worked out on first use."""

    id: str
    key: str
    claim: str
    title: str | None
    published: str | None
    _names: set[str] | None = None
    _numbers: set[float] | None = None
    _words: set[str] | None = None

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = set(words(self.claim))
        return self._words

    @property
    def names(self) -> set[str]:
        if self._names is None:
            self._names = names(self.claim)
        return self._names

    @property
    def numbers(self) -> set[float]:
        if self._numbers is None:
            self._numbers = numbers(self.claim)
        return self._numbers


@dataclass(slots=True)
class Candidate:
    slot: int
    check: IndexedCheck
    bm25: float
    cosine: float
    bm25_rank: int
    cosine_rank: int
    features: dict[str, float] = field(default_factory=dict)


class FactCheckIndex:
    def __init__(self, dim: int, storage: str = "float32") -> None:
        """``storage``: "float32" (exact, 1.5 kB a fact-check) or "float16" (half the memory; the
        vectors were stored as float16 anyway, so cosines are the same to about 1e-3)."""
        import faiss

        faiss.omp_set_num_threads(1)  # one claim at a time: threads only add contention (31 ms -> 1 ms a search here)
        self.dim = dim
        self.bm25 = BM25Index()
        self.vectors: Any
        if storage == "float16":
            self.vectors = faiss.IndexScalarQuantizer(dim, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
        elif storage == "float32":
            self.vectors = faiss.IndexFlatIP(dim)
        else:
            raise ValueError(f"storage '{storage}': expected 'float32' or 'float16'")
        self.checks: list[IndexedCheck] = []
        self._alive: list[bool] = []
        self._live = 0  # slots not retired
        self._slot_of_key: dict[str, int] = {}
        self.seq = 0  # the store's last fact-check sequence number this index has seen

    def __len__(self) -> int:
        return self._live

    def add(self, check: IndexedCheck, vector: np.ndarray) -> int:
        """Index one fact-check (a new version of a key already here replaces it)."""
        slot = self._slot_of_key.get(check.key)
        if slot is not None:
            old = self.checks[slot]
            if old.claim == check.claim and old.title == check.title:
                self.checks[slot] = check  # same words: the slot now names the new version
                return slot
            self._alive[slot] = False
            self._live -= 1
        slot = self.bm25.add(words(normalise(document_text(check.claim, check.title))))
        self.vectors.add(np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dim))
        self.checks.append(check)
        self._alive.append(True)
        self._live += 1
        self._slot_of_key[check.key] = slot
        return slot

    def add_many(self, checks: list[IndexedCheck], vectors: np.ndarray) -> None:
        if not checks:
            return
        fresh = [c for c in checks if c.key not in self._slot_of_key]
        if len(fresh) == len(checks) and len({c.key for c in checks}) == len(checks):
            for c in checks:  # the common case (a first import): one faiss call for the batch
                self._slot_of_key[c.key] = self.bm25.add(words(normalise(document_text(c.claim, c.title))))
                self.checks.append(c)
                self._alive.append(True)
            self._live += len(checks)
            self.vectors.add(np.ascontiguousarray(vectors, dtype=np.float32))
            return
        for c, v in zip(checks, vectors):
            self.add(c, v)

    def candidates(self, text: str, vector: np.ndarray, k: int = 20) -> list[Candidate]:
        """The union of the ``k`` best by BM25 and the ``k`` nearest by embedding, live slots only."""
        n = len(self.checks)
        if n == 0:
            return []
        bm = self.bm25.scores(words(normalise(text)))
        wanted = min(n, k + (n - len(self)))  # retired slots may come back; they are dropped below
        # twice as many by BM25 as are kept: the BM25 rank of an embedding-only candidate is then counted
        # past 2k, as when the re-ranker was trained
        top_bm = _top(bm, 2 * wanted)
        dist, ids = self.vectors.search(np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dim), wanted)
        cos = {int(i): float(d) for d, i in zip(dist[0], ids[0]) if i >= 0}
        slots = [s for s in dict.fromkeys([*top_bm, *cos]) if self._alive[s]]
        missing = [s for s in slots if s not in cos]
        if missing:  # cosines of BM25-only candidates, from the stored vectors
            mat = self.vectors.reconstruct_batch(np.asarray(missing, dtype=np.int64))
            v = np.asarray(vector, dtype=np.float32).reshape(-1)
            cos.update({s: float(x) for s, x in zip(missing, mat @ v)})
        by_bm = sorted(slots, key=lambda s: -bm[s])
        by_cos = sorted(slots, key=lambda s: -cos[s])
        bm_rank = {s: r for r, s in enumerate(by_bm)}
        cos_rank = {s: r for r, s in enumerate(by_cos)}
        keep = [s for s in slots if bm_rank[s] < k or cos_rank[s] < k]
        return [Candidate(s, self.checks[s], float(bm[s]), cos[s], bm_rank[s], cos_rank[s]) for s in keep]


def _top(scores: np.ndarray, k: int) -> list[int]:
    """The ``k`` best documents with a positive score, best first."""
    k = min(k, len(scores))
    if k <= 0:
        return []
    part = np.argpartition(-scores, k - 1)[:k]
    part = part[scores[part] > 0]
    return [int(i) for i in part[np.argsort(-scores[part], kind="stable")]]
