"""How alike two articles are, as the story decision sees it: four numbers from two features dicts.

- ``vector``: cosine of the lead embeddings (what the event is);
- ``terms``: TF-IDF cosine of the content words (which details recur), IDF from the index's
  document counts of the term keys;
- ``entities``: IDF-weighted Dice overlap of the entity ids (who and where: two prison breaks
  share the words "prison" and "escape" but not the prison's name);
- ``days``: the date gap in days, None when either date is unknown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from crosscheck.stories.features import decode_vector

__all__ = ["PairSimilarity", "Idf", "pair_similarity", "shared_entity_names", "term_vector"]


@dataclass(frozen=True, slots=True)
class PairSimilarity:
    vector: float
    terms: float
    entities: float
    days: int | None


class Idf:
    """Smoothed inverse document frequency from key counts: log((N + 1) / (df + 1)) + 1.

    Computed once for every counted key: one article is compared with dozens of candidates
    whose terms mostly recur, and the per-call logarithm was a third of the decision's time.
    """

    def __init__(self, doc_count: int, counts: Mapping[str, int]) -> None:
        self._unseen = math.log(doc_count + 1) + 1.0
        self._weights = {k: math.log((doc_count + 1) / (n + 1)) + 1.0 for k, n in counts.items()}

    def __call__(self, key: str) -> float:
        return self._weights.get(key, self._unseen)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_LOG_TF = [0.0] + [1.0 + math.log(n) for n in range(1, 64)]


def term_vector(terms: Mapping[str, int], idf: Idf) -> dict[str, float]:
    return {k: (_LOG_TF[n] if n < 64 else 1.0 + math.log(n)) * idf(k) for k, n in terms.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b[k] for k, w in a.items() if k in b)
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


def _entity_overlap(a: list[list[Any]], b: list[list[Any]], idf: Idf) -> float:
    wa = {e[0]: idf("ent:" + e[0]) for e in a}
    wb = {e[0]: idf("ent:" + e[0]) for e in b}
    total = sum(wa.values()) + sum(wb.values())
    if total == 0.0:
        return 0.0
    return 2.0 * sum(w for k, w in wa.items() if k in wb) / total


def pair_similarity(a: dict[str, Any], b: dict[str, Any], idf: Idf, a_vector: np.ndarray | None = None,
                    a_terms: Mapping[str, float] | None = None) -> PairSimilarity:
    """Similarity of two features dicts; ``a_vector`` and ``a_terms`` (``term_vector`` of ``a``)
    spare recomputing ``a``'s side when one article is compared with many."""
    vec = 0.0
    if "vector" in b and (a_vector is not None or "vector" in a):
        va = a_vector if a_vector is not None else decode_vector(a["vector"])
        vec = float(np.dot(va, decode_vector(b["vector"])))
    da, db = _date(a.get("date")), _date(b.get("date"))
    return PairSimilarity(
        vector=vec,
        terms=_cosine(a_terms if a_terms is not None else term_vector(a.get("terms", {}), idf), term_vector(b.get("terms", {}), idf)),
        entities=_entity_overlap(a.get("entities", []), b.get("entities", []), idf),
        days=abs((da - db).days) if da and db else None,
    )


def shared_entity_names(a: dict[str, Any], b: dict[str, Any], idf: Idf, limit: int = 3) -> list[str]:
    """The names of the rarest entities both articles mention (the most telling first)."""
    theirs = {e[0] for e in b.get("entities", [])}
    shared = [e for e in a.get("entities", []) if e[0] in theirs]
    shared.sort(key=lambda e: (-idf("ent:" + e[0]), e[1]))
    return [str(e[1]) for e in shared[:limit]]
