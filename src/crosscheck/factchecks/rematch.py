"""Stored claims matched again after an import: only those the new fact-checks could be about.

Claims checked before a fact-check was imported were matched against the fact-checks the store held
then. After ``crosscheck factchecks import`` commits, the fact-checks new in that import (new records
and new versions) are looked up the other way round: each new fact-check's stored vector against the
stored vectors of the check-worthy claims of current article versions (``ClaimVectorIndex``, exact
inner product), and its nearest claims (at most ``REVERSE_K``, cosine ``REVERSE_FLOOR`` or more) are the
candidates. Claims whose stored match
names a version that this import superseded are added, so an old rating is never shown again. Only
those claims are then matched by the same matcher as the stage (ranker and judge over the whole
fact-check index), and their matches replaced, in one transaction.

Why embeddings only and not BM25 over claim texts as well: a claim's text is a span of its article,
so a BM25 over claims would read every current article at every import, while the vectors are one
column of the claims table. How often the reverse search finds the claim that the forward matcher
accepts is measured on the CLEF dev splits in the README ("Fact-checked before?").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crosscheck.model import Article, Claim, FactCheckMatch
from crosscheck.store import Store

__all__ = ["ClaimVectorIndex", "RematchSummary", "rematch_after_import", "match_claims", "as_stored", "REVERSE_K"]

REVERSE_K = 100  # at most this many stored claims per new fact-check, the nearest ...
REVERSE_FLOOR = 0.40  # ... and only those this close: every pair the matcher accepted on the CLEF dev splits
# had a cosine of 0.425 or more (README, "Fact-checked before?"); random unit vectors are near 0
_CHUNK = 64  # new fact-checks per matrix product (bounds its memory: 64 x claims floats, 26 MB at 100k)


def as_stored(vector: np.ndarray) -> np.ndarray:
    """A vector as the store keeps it (float16), back in float32: the stage and the import match with
    the same numbers whether the vector was just computed or read back."""
    return np.asarray(vector, dtype=np.float16).astype(np.float32)


class ClaimVectorIndex:
    """Stored claim vectors, searched by fact-check vectors (exact inner product; vectors are unit length)."""

    def __init__(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        self.ids = list(ids)
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(self.ids), -1)

    def __len__(self) -> int:
        return len(self.ids)

    def nearest(self, queries: np.ndarray, k: int = REVERSE_K, floor: float = REVERSE_FLOOR) -> set[str]:
        """The union over ``queries`` of each one's ``k`` nearest claims with a cosine of ``floor`` or more."""
        n = len(self.ids)
        if n == 0 or len(queries) == 0:
            return set()
        q = np.ascontiguousarray(queries, dtype=np.float32)
        k = min(k, n)
        found: set[int] = set()
        for i in range(0, len(q), _CHUNK):
            sims = q[i : i + _CHUNK] @ self.vectors.T
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n else np.broadcast_to(np.arange(n), sims.shape)
            close = np.take_along_axis(sims, top, axis=1) >= floor
            found.update(int(j) for j in top[close])
        return {self.ids[j] for j in found}


@dataclass(frozen=True, slots=True)
class RematchSummary:
    new_factchecks: int = 0  # fact-checks new in the import (records and versions)
    claims: int = 0  # stored check-worthy claims of current articles
    embedded: int = 0  # of them, embedded now (checked before their vectors were stored)
    rejudged: int = 0  # claims matched again
    gained: int = 0  # claims that now show a fact-check they did not show before
    lost: int = 0  # claims that showed a fact-check and show none now

    def line(self) -> str:
        if self.new_factchecks == 0:
            return "no new fact-checks, no claim matched again"
        return (f"claims re-matched {self.rejudged} of {self.claims}, gained matches {self.gained}, "
                f"lost matches {self.lost}")


def match_claims(claims: Sequence[Claim], articles: dict[str, Article], vectors: dict[str, np.ndarray],
                 matcher: object, store: Store, top: int) -> list[FactCheckMatch]:
    """The matches of ``claims`` (each with its article and vector) against the whole index, current
    versions only, marked ``later`` when the fact-check is dated after the article."""
    per_claim = [(c, matcher.match(articles[c.article_id].text[c.start:c.end], vectors[c.id], top=top))  # type: ignore[attr-defined]
                 for c in claims]
    # the current version of every matched fact-check, in one query for all the claims
    current = store.current_factchecks({m.check.key for _, matches in per_claim for m in matches})
    found: list[FactCheckMatch] = []
    for c, matches in per_claim:
        article = articles[c.article_id]
        for m in matches:
            fc = current.get(m.check.key)
            if fc is None:
                continue
            later = bool(fc.published and article.published and fc.published[:10] > article.published[:10])
            found.append(FactCheckMatch(c.id, fc.id, m.score, m.reason, later))
    return found


def _articles(store: Store, ids: set[str]) -> dict[str, Article]:
    return {a.id: a for a in (store.get_article(i) for i in sorted(ids)) if a is not None}


def rematch_after_import(store: Store, service: object, since_seq: int, labels: Sequence[str],
                         top: int, k: int = REVERSE_K, floor: float = REVERSE_FLOOR) -> RematchSummary:
    """Match again the stored claims that the fact-checks imported after ``since_seq`` could be about.
    Runs in its own transaction (the caller holds the run lock)."""
    rows = store.factchecks_since(since_seq)
    if not rows:
        return RematchSummary()
    pool = store.current_claim_vectors(labels)
    if not pool:
        return RematchSummary(new_factchecks=len(rows))
    with store.transaction():
        matcher = service.refresh(store)  # type: ignore[attr-defined]
        embedder = service.embedder  # type: ignore[attr-defined]
        article_of = {cid: aid for cid, aid, _ in pool}
        vectors = {cid: np.frombuffer(v, dtype=np.float16).astype(np.float32) for cid, _, v in pool if v is not None}
        missing = [cid for cid, _, v in pool if v is None]
        if missing:  # claims checked before anything stored their vector: embedded once, here
            claims = store.get_claims(missing)
            arts = _articles(store, {c.article_id for c in claims})
            claims = [c for c in claims if c.article_id in arts]
            mat = embedder.encode([arts[c.article_id].text[c.start:c.end] for c in claims])
            store.set_claim_vectors({c.id: np.asarray(v, dtype=np.float16).tobytes() for c, v in zip(claims, mat)})
            vectors.update({c.id: as_stored(v) for c, v in zip(claims, mat)})
        ids = sorted(vectors)
        index = ClaimVectorIndex(ids, np.stack([vectors[i] for i in ids]))
        new_vecs = np.zeros((len(rows), index.vectors.shape[1]), dtype=np.float32)
        lacking = []
        for j, (_, fc, v) in enumerate(rows):
            if v is None:
                lacking.append(j)
            else:
                new_vecs[j] = np.frombuffer(v, dtype=np.float16)
        if lacking:
            from crosscheck.factchecks.index import document_text

            new_vecs[lacking] = embedder.encode([document_text(rows[j][1].claim, rows[j][1].title) for j in lacking])
        todo = index.nearest(new_vecs, k, floor)
        superseded = {fc.supersedes for _, fc, _ in rows if fc.supersedes}
        if superseded:
            todo |= store.claims_matched_to(superseded) & set(article_of)
        if not todo:
            return RematchSummary(new_factchecks=len(rows), claims=len(pool), embedded=len(missing))
        claims = store.get_claims(sorted(todo))
        arts = _articles(store, {c.article_id for c in claims})
        claims = [c for c in claims if c.article_id in arts and c.id in vectors]
        before: dict[str, set[str]] = {}
        for m in store.factcheck_matches(c.id for c in claims):
            before.setdefault(m.claim_id, set()).add(m.factcheck_id)
        found = match_claims(claims, arts, vectors, matcher, store, top)
        after: dict[str, set[str]] = {}
        for m in found:
            after.setdefault(m.claim_id, set()).add(m.factcheck_id)
        store.put_factcheck_matches([c.id for c in claims], found)
    gained = sum(1 for cid, fcs in after.items() if fcs - before.get(cid, set()))
    lost = sum(1 for cid in before if cid not in after)
    return RematchSummary(len(rows), len(pool), len(missing), len(claims), gained, lost)
