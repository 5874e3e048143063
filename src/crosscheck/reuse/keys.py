"""Retrieval keys: which stored articles might a new article copy, or be copied by?

Each evidence sentence (``align.reading_units``) gets a MinHash (datasketch) of its set of
words; the signature is cut into LSH bands and each band is one key. Two articles sharing a key
share a sentence whose word sets probably overlap by at least ``key_threshold`` (Jaccard), so a
posting index from key to article ids yields candidate pairs without comparing every pair.
Bands and rows are derived from the threshold, as datasketch's LSH does, by minimising the
equally weighted areas of false positives below and false negatives above it.

Word sets (not word n-grams) because a rewrite swaps and moves words: a sentence with a fifth of
its words replaced still shares about two thirds of its word set, but few of its bigrams.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from crosscheck.reuse.align import reading_units
from crosscheck.reuse.records import ReuseDoc, ReuseSettings

__all__ = ["reuse_keys", "bands_and_rows", "candidate_sources"]

_SEED = 1  # fixed: keys must be identical across runs and machines, since the store keeps them


def _collision(threshold: float, bands: int, rows: int, above: bool) -> float:
    """Area under P(candidate | Jaccard s) below the threshold, or of 1 - P above it."""
    import numpy as np

    grid = np.linspace(threshold, 1.0, 200) if above else np.linspace(0.0, threshold, 200)
    prob = 1.0 - (1.0 - grid**rows) ** bands
    return float(np.trapezoid(1.0 - prob if above else prob, grid))


@lru_cache(maxsize=16)
def bands_and_rows(threshold: float, permutations: int) -> tuple[int, int]:
    """(bands, rows) with bands * rows <= permutations minimising false positives + negatives."""
    best: tuple[float, int, int] | None = None
    for bands in range(1, permutations + 1):
        for rows in range(1, permutations // bands + 1):
            error = _collision(threshold, bands, rows, False) + _collision(threshold, bands, rows, True)
            if best is None or error < best[0]:
                best = (error, bands, rows)
    assert best is not None
    return best[1], best[2]


@lru_cache(maxsize=4)
def _permutations(permutations: int) -> Any:
    from datasketch.minhash import MinHash

    return MinHash(num_perm=permutations, seed=_SEED, scheme="affine32").permutations


def reuse_keys(doc: ReuseDoc, settings: ReuseSettings | None = None) -> list[str]:
    """Sorted, distinct LSH band keys of ``doc``'s evidence sentences ("b3:9f2c..." strings)."""
    from datasketch.minhash import MinHash

    settings = settings or ReuseSettings()
    bands, rows = bands_and_rows(settings.key_threshold, settings.key_permutations)
    perms = _permutations(settings.key_permutations)
    keys: set[str] = set()
    for unit in reading_units(doc, settings):
        sketch = MinHash(num_perm=settings.key_permutations, seed=_SEED, permutations=perms, scheme="affine32")
        sketch.update_batch([w.encode() for w in set(unit.norm.split())])
        values = sketch.hashvalues
        for band in range(bands):
            chunk = values[band * rows:(band + 1) * rows].tobytes()
            keys.add(f"b{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return sorted(keys)


def candidate_sources(keys: Iterable[str], postings: Mapping[str, Iterable[str]], exclude: str = "",
                      settings: ReuseSettings | None = None) -> list[tuple[str, int]]:
    """Articles worth a ``detect_reuse`` call: (article id, shared keys), most shared first.

    ``postings`` maps each of the new article's keys to the stored articles that have it (what a
    store's posting index returns). Articles sharing fewer than ``min_shared_keys`` keys are
    dropped, and at most ``max_candidates`` are returned (ties broken by id, so runs repeat).
    """
    settings = settings or ReuseSettings()
    counts: Counter[str] = Counter()
    for key in set(keys):
        counts.update(set(postings.get(key, ())) - {exclude})
    ranked = sorted(((a, n) for a, n in counts.items() if n >= settings.min_shared_keys), key=lambda x: (-x[1], x[0]))
    return ranked[: settings.max_candidates]
