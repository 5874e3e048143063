"""Which claims of a story to relate to a new article's claims.

Embeddings narrow the candidates (the ``candidates_per_claim`` nearest claims of other articles
above ``candidate_similarity``); a claim that gives a number of the same unit or a resolved date
is added whatever its similarity, because a conflicting figure ("14 years" vs "13 years") can sit
in sentences that otherwise say different things. ``relate`` then decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from crosscheck.embed import Embedder
from crosscheck.relate.relation import RelateSettings
from crosscheck.relate.views import ClaimView

__all__ = ["CandidatePair", "candidate_pairs", "with_vectors"]


@dataclass(frozen=True, slots=True)
class CandidatePair:
    new: ClaimView
    other: ClaimView
    similarity: float
    why: str  # "embedding" | "number" | "date"


def with_vectors(claims: Sequence[ClaimView], embedder: Embedder | Mapping[str, np.ndarray]) -> list[ClaimView]:
    """The claims with ``vector`` set, from an embedder or from stored vectors by claim id."""
    if isinstance(embedder, Mapping):
        return [replace(c, vector=embedder[c.claim_id]) for c in claims]
    vectors = embedder.encode([c.text for c in claims]) if claims else np.zeros((0, 1), dtype=np.float32)
    return [replace(c, vector=v) for c, v in zip(claims, vectors)]


def _keys(c: ClaimView) -> set[str]:
    keys = {"u:" + q.unit.lower().rstrip("s") for q in c.quantities if q.unit}
    keys |= {"t:" + (t.start_date or "")[:4] for t in c.times if t.start_date}
    return keys


def candidate_pairs(
    new_claims: Sequence[ClaimView],
    story_claims: Sequence[ClaimView],
    vectors: Mapping[str, np.ndarray] | None = None,
    settings: RelateSettings | None = None,
) -> list[CandidatePair]:
    """Pairs (new claim, story claim of another article) worth relating, each pair once.
    ``vectors`` maps claim id to embedding; without it the claims' own ``vector`` is used."""
    s = settings or RelateSettings()
    new = with_vectors(new_claims, vectors) if vectors is not None else list(new_claims)
    old = with_vectors(story_claims, vectors) if vectors is not None else list(story_claims)
    if not new or not old:
        return []
    sims = np.stack([c.vector for c in new]) @ np.stack([c.vector for c in old]).T  # type: ignore[misc]
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, c in enumerate(old):
        for k in _keys(c):
            by_key[k].append(j)
    old_articles = np.array([o.article_id for o in old])
    out: list[CandidatePair] = []
    for i, c in enumerate(new):
        row = sims[i]
        other = old_articles != c.article_id
        order = np.argsort(-np.where(other, row, -np.inf), kind="stable")[: s.candidates_per_claim]
        chosen = {int(j): "embedding" for j in order if other[j] and row[j] >= s.candidate_similarity}
        for k in _keys(c):
            for j in by_key.get(k, ()):
                if other[j] and j not in chosen:
                    chosen[j] = "number" if k.startswith("u:") else "date"
        out += [CandidatePair(c, old[j], float(row[j]), why) for j, why in sorted(chosen.items())]
    return out
