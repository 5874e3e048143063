"""Hand-built claims for the relate tests: sentences we wrote, spans found by search."""

from __future__ import annotations

import numpy as np

from crosscheck.relate import ClaimView, EntityRef, QuantityRef, TimeRef


def pair_vectors(cosine: float, dim: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Two unit vectors with the given cosine."""
    a = np.zeros(dim, dtype=np.float32)
    b = np.zeros(dim, dtype=np.float32)
    a[0] = 1.0
    b[0], b[1] = cosine, float(np.sqrt(max(0.0, 1 - cosine**2)))
    return a, b


def span(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    i = text.index(needle)
    return offset + i, offset + i + len(needle)


def claim(
    article_id: str,
    text: str,
    *,
    offset: int = 0,
    quantities: tuple[tuple[str, float | None, float | None, str | None], ...] = (),
    approximate: tuple[str, ...] = (),
    times: tuple[tuple[str, str | None, str | None], ...] = (),
    entities: tuple[tuple[str, str, str], ...] = (),  # (surface, label, entity id)
    article_entities: tuple[str, ...] = (),
    attribution: str | None = None,
    certainty: str = "certain",
    vector: np.ndarray | None = None,
    claim_id: str | None = None,
) -> ClaimView:
    """A claim at ``offset`` in its article; quantities/times/entities are located by their text."""
    qs = tuple(QuantityRef(t, *span(text, t, offset), lo, hi, unit, t in approximate) for t, lo, hi, unit in quantities)
    ts = tuple(TimeRef(t, *span(text, t, offset), sd, ed, "absolute" if sd else None) for t, sd, ed in times)
    es = tuple(EntityRef(eid, label, t, *span(text, t, offset)) for t, label, eid in entities)
    return ClaimView(
        claim_id=claim_id or f"c_{article_id}_{offset}",
        article_id=article_id,
        source=f"outlet-{article_id}",
        text=text,
        start=offset,
        end=offset + len(text),
        quantities=qs,
        times=ts,
        entities=es,
        attribution=attribution,
        certainty=certainty,
        article_entity_ids=frozenset(e.entity_id for e in es) | frozenset(article_entities),
        vector=vector,
    )
