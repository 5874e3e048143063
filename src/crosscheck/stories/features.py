"""What the story decision reads of one article: retrieval keys, one vector, a small features dict.

Keys are exact index keys that a later report of the same event is likely to share:

- ``lsh:<band>:<hash>``: MinHash LSH bands over word 3-shingles (near-copies: the same wire story
  in two outlets). Bands and rows are derived from a stated Jaccard threshold the way datasketch's
  ``MinHashLSH`` derives them (it minimises false positives plus false negatives).
- ``ent:<entity id>``: the article's people, organisations and places (stable entity ids).
- ``t:<hash>``: the article's most frequent content words; the index's document counts for them
  are the IDF of the term vector, so no background corpus is needed.

The vector embeds the title and the lead (the first ``lead_words`` words), not the whole text: a
report names its event first, and one short input costs one embedding batch.

The features dict is JSON-compatible and holds no article text: entity ids with names and counts,
the date, hashed term counts and the int8-quantised vector.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from crosscheck.stories.base import StoryDoc

__all__ = ["StoryFeatures", "FeatureSettings", "story_features", "lead_text", "lsh_shape", "decode_vector", "term_key"]

_WORD = re.compile(r"\w+", re.UNICODE)
_SHINGLE = 3  # word 3-grams: a near-copy keeps most of them, a rewrite of the same event few


@dataclass(frozen=True, slots=True)
class FeatureSettings:
    lsh_threshold: float = 0.5
    num_perm: int = 64
    max_terms: int = 40
    lead_words: int = 120


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    keys: tuple[str, ...]
    vector: np.ndarray | None
    features: dict[str, Any]


@functools.lru_cache(maxsize=8)
def lsh_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) for a Jaccard threshold, exactly as datasketch's ``MinHashLSH`` chooses them."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w != "_"]


def term_key(word: str) -> str:
    return "t:" + hashlib.blake2b(word.encode(), digest_size=5).hexdigest()


def lead_text(doc: StoryDoc, lead_words: int) -> str:
    """The title and the first ``lead_words`` words of the article's own sentences."""
    parts = [doc.title] if doc.title else []
    count = 0
    for start, end in doc.sentences or ((0, len(doc.text)),):
        if count >= lead_words:
            break
        sentence = doc.text[start:end].strip()
        words = sentence.split()
        parts.append(" ".join(words[: lead_words - count]))
        count += len(words)
    return " ".join(p for p in parts if p)


def _body(doc: StoryDoc) -> str:
    if not doc.sentences:
        return doc.text
    return "\n".join(doc.text[s:e] for s, e in doc.sentences)


def _band_keys(words: list[str], settings: FeatureSettings) -> list[str]:
    from datasketch import MinHash

    if len(words) < _SHINGLE:
        return []
    shingles = {" ".join(words[i:i + _SHINGLE]).encode() for i in range(len(words) - _SHINGLE + 1)}
    mh = MinHash(num_perm=settings.num_perm, seed=1)
    mh.update_batch(sorted(shingles))
    bands, rows = lsh_shape(settings.lsh_threshold, settings.num_perm)
    values = mh.hashvalues
    return [f"lsh:{b}:" + hashlib.blake2b(values[b * rows:(b + 1) * rows].tobytes(), digest_size=6).hexdigest() for b in range(bands)]


def _entities(doc: StoryDoc) -> list[list[Any]]:
    """[entity id, name, mentions] per entity, the name being its longest surface form here."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for entity_id, _label, surface in doc.entities:
        counts[entity_id] += 1
        if len(surface) > len(names.get(entity_id, "")):
            names[entity_id] = surface
    return [[eid, names[eid], n] for eid, n in sorted(counts.items())]


def quantise(vector: np.ndarray) -> str:
    return base64.b64encode(np.clip(np.round(vector * 127), -127, 127).astype(np.int8).tobytes()).decode()


def decode_vector(code: str) -> np.ndarray:
    v = np.frombuffer(base64.b64decode(code), dtype=np.int8).astype(np.float32)
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def story_features(doc: StoryDoc, vector: np.ndarray | None, settings: FeatureSettings) -> StoryFeatures:
    """Keys, vector and features of ``doc``; ``vector`` is its lead's embedding (or None)."""
    words = _words(_body(doc))
    stop = _stop_words()
    content = Counter(w for w in words if w not in stop)
    terms = sorted(content.items(), key=lambda kv: (-kv[1], kv[0]))[: settings.max_terms]
    term_counts = {term_key(w): n for w, n in terms}
    entities = _entities(doc)
    keys = _band_keys(words, settings) + [f"ent:{e[0]}" for e in entities] + list(term_counts)
    features: dict[str, Any] = {
        "entities": entities,
        "terms": term_counts,
        "date": doc.published[:10] if doc.published else None,
        "source": doc.source,
    }
    if vector is not None:
        features["vector"] = quantise(vector)
    return StoryFeatures(keys=tuple(keys), vector=vector, features=features)
