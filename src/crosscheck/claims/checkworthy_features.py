"""Features for check-worthiness: hashed word/character n-grams and a few cheap cues.

Everything here is plain Python + numpy + scipy.sparse, so the trained model is just weight
arrays (no pickled vectoriser). N-grams are hashed with CRC-32 (stable across processes and
platforms, unlike ``hash()``) into ``2**HASH_BITS`` buckets; digits are folded to ``0`` so that
"5,000" and "13,000" share features. Rows are L2-normalised per feature family.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter
from itertools import chain
from typing import Any

import numpy as np

__all__ = [
    "HASH_BITS",
    "CUE_NAMES",
    "word_tokens",
    "hashed_rows",
    "cue_matrix",
    "sentence_features",
]

# 2**16 buckets per family: on the ClaimBuster dev debates 2**16 and 2**18 gave the same CFS F1
# (0.707 vs 0.707, best threshold) and the same AP (0.774), so the smaller table ships (0.8 MB per
# weight set in float16).
HASH_BITS = 16
_MASK = (1 << HASH_BITS) - 1
# Run-on "sentences" are featurised on their first MAX_FEATURE_CHARS characters only, so a
# flattened table costs no more than a long sentence (the longest ClaimBuster sentence is ~900 chars).
MAX_FEATURE_CHARS = 1200

_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:[.,]\d+)*|[$%€£]|[^\w\s]")
_DIGIT = re.compile(r"\d")

_NUMBER_WORDS = frozenset(
    "hundred hundreds thousand thousands million millions billion billions trillion percent per cent "
    "half third quarter twice double triple dozen dozens".split()
)
_NUMERALS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
    "sixty seventy eighty ninety".split()
)
_COMPARATIVES = frozenset(
    "more less fewer most least higher lower larger largest smaller increase increased decrease "
    "decreased doubled tripled cut cuts rose fell grew record first".split()
)
_OPINION = frozenset("think believe feel hope want wish know guess".split())
_FIRST_PERSON = frozenset("i i'm i've i'll we we're we've we'll".split())
_YOU = frozenset("you you're your".split())
_FUTURE = frozenset("will would should could can going gonna".split())
_FUNCTION = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be been it this that".split()
)

CUE_NAMES = (
    "has_digit",
    "n_numbers",
    "number_word",
    "percent_or_money",
    "year_like",
    "comparative",
    "opinion_first_person",
    "first_person_share",
    "you_share",
    "future_share",
    "question",
    "exclamation",
    "capitalised_share",
    "log_words",
    "short",
    "function_share",
)


def word_tokens(text: str) -> list[str]:
    """Lower-cased tokens with digits folded to 0 ("$5,000" -> "$", "0,000")."""
    return [_DIGIT.sub("0", t.lower()) for t in _TOKEN.findall(text[:MAX_FEATURE_CHARS])]


def _bucket(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) & _MASK


@functools.lru_cache(maxsize=1 << 17)
def _token_buckets(t: str) -> tuple[int, tuple[int, ...]]:
    """The word bucket and the character 3-5-gram buckets of one token, the latter already
    offset by ``2**HASH_BITS`` (their half of the row). Pure, so memoised: tokens repeat (Zipf),
    and hashing every n-gram of every token was 13% of claim analysis."""
    w = " " + t + " "
    offset = 1 << HASH_BITS
    grams = tuple(offset + _bucket("c:" + w[i : i + n]) for n in (3, 4, 5) for i in range(len(w) - n + 1))
    return _bucket("w:" + t), grams


def _ngram_counts(text: str) -> tuple[Counter[int], Counter[int]]:
    """Bucket counts: word unigrams then bigrams, and character n-grams (offset into the second
    half of the row), each in first-occurrence order (the order fixes the float sums below)."""
    toks = word_tokens(text)
    pairs = [_token_buckets(t) for t in toks]
    words = Counter([b for b, _ in pairs])
    chars = Counter(chain.from_iterable(grams for _, grams in pairs))
    padded = ["<s>", *toks, "</s>"]
    words.update([_bigram_bucket(a, c) for a, c in zip(padded, padded[1:])])
    return words, chars


def _bigram_bucket(a: str, c: str) -> int:
    return _bucket("b:" + a + " " + c)


# 1 + log(count) for the small counts nearly every bucket has; the same floats math.log gives.
_SUBLINEAR = [0.0] + [1.0 + math.log(v) for v in range(1, 64)]


def _normalised_values(counts: Counter[int]) -> list[float]:
    # sublinear tf then L2: long sentences do not win on raw counts
    vals = [_SUBLINEAR[v] if v < 64 else 1.0 + math.log(v) for v in counts.values()]
    norm = math.sqrt(sum([v * v for v in vals])) or 1.0
    return [v / norm for v in vals]


def hashed_rows(texts: list[str]) -> Any:
    """CSR matrix (len(texts), 2 * 2**HASH_BITS): word uni/bigrams, then character 3-5-grams."""
    from scipy import sparse

    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    offset = 1 << HASH_BITS
    for text in texts:
        words, chars = _ngram_counts(text)
        indices.extend(words)
        data.extend(_normalised_values(words))
        indices.extend(chars)
        data.extend(_normalised_values(chars))
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), 2 * offset),
    )


def _cues(text: str) -> list[float]:
    raw = _TOKEN.findall(text[:MAX_FEATURE_CHARS])
    low = [t.lower() for t in raw]
    words = [t for t in low if t[0].isalpha()]
    n = max(len(words), 1)
    numbers = [t for t in raw if t[0].isdigit()]
    caps = sum(1 for i, t in enumerate(raw) if i > 0 and t[0].isupper() and raw[i - 1] not in ".!?")
    opinion = any(a in _FIRST_PERSON and b in _OPINION for a, b in zip(low, low[1:]))
    return [
        float(bool(numbers)),
        math.log1p(len(numbers)),
        float(any(t in _NUMBER_WORDS or t in _NUMERALS for t in low)),
        float(any(t in {"%", "$", "€", "£", "percent"} or t == "dollars" for t in low)),
        float(any(len(t) == 4 and t[:2] in {"19", "20"} for t in numbers)),
        float(any(t in _COMPARATIVES or (t.endswith("er") and len(t) > 4 and nxt == "than") for t, nxt in zip(low, [*low[1:], ""]))),
        float(opinion),
        sum(1 for t in low if t in _FIRST_PERSON) / n,
        sum(1 for t in low if t in _YOU) / n,
        sum(1 for t in low if t in _FUTURE) / n,
        float("?" in raw),
        float("!" in raw),
        caps / n,
        math.log1p(len(words)) / 4.0,
        float(len(words) <= 4),
        sum(1 for t in low if t in _FUNCTION) / n,
    ]


def cue_matrix(texts: list[str]) -> np.ndarray:
    """Dense (len(texts), len(CUE_NAMES)) float32 array of the cheap cues."""
    out = np.zeros((len(texts), len(CUE_NAMES)), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i] = _cues(t)
    return out


def sentence_features(texts: list[str], embeddings: np.ndarray | None) -> Any:
    """Hashed n-grams | cues | (optional) sentence embeddings, as one CSR matrix."""
    from scipy import sparse

    blocks = [hashed_rows(texts), sparse.csr_matrix(cue_matrix(texts))]
    if embeddings is not None:
        blocks.append(sparse.csr_matrix(embeddings.astype(np.float32)))
    return sparse.hstack(blocks, format="csr")
