"""Features for one claim-article pair, from views of each side computed once.

An article is read once into a ``BodyView`` (sentence spans, sentence embeddings, content words and
cue counts per sentence); a claim into a ``ClaimView``. ``pair_features`` then combines them with a
few vector operations and set look-ups, so judging one article against many claims reuses all the
per-article work. Feature names are listed in ``FEATURE_NAMES`` (the model file records them too).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from crosscheck.stance.text import (
    CUE_KINDS,
    SentenceSpan,
    content_words,
    cue_counts,
    looks_english,
    numbers,
    split_sentences,
    words,
)

__all__ = ["BodyView", "ClaimView", "body_sentences", "headline_span", "read_body", "read_claim", "pair_features", "feature_names", "TOP_K"]

TOP_K = 3  # sentences that "decide": the claim's three nearest body sentences (FNC-1 bodies average 19)
MAX_SENTENCES = 60  # bodies longer than this are judged on their first 60 sentences (99th pct is 85)


@dataclass(frozen=True, slots=True, eq=False)
class BodyView:
    text: str
    sentences: tuple[SentenceSpan, ...]
    embeddings: np.ndarray  # (n, d) L2-normalised, one row per sentence
    sentence_words: tuple[frozenset[str], ...]  # content words per sentence
    sentence_cues: np.ndarray  # (n, len(CUE_KINDS)) counts
    sentence_lengths: np.ndarray  # (n,) word counts
    word_counts: Mapping[str, int]  # content words of the whole body
    number_set: frozenset[str]
    n_words: int
    english: bool

    @property
    def mean_embedding(self) -> np.ndarray:
        if len(self.sentences) == 0:
            return np.zeros(self.embeddings.shape[1], dtype=np.float32)
        m = self.embeddings.mean(axis=0)
        return m / max(float(np.linalg.norm(m)), 1e-9)


@dataclass(frozen=True, slots=True, eq=False)
class ClaimView:
    text: str
    embedding: np.ndarray  # (d,)
    content: tuple[str, ...]
    bigrams: frozenset[tuple[str, str]]
    capitalised: frozenset[str]
    number_set: frozenset[str]
    cues: tuple[int, ...]
    n_words: int
    question: bool


def body_sentences(text: str) -> list[SentenceSpan]:
    return split_sentences(text)[:MAX_SENTENCES]


def headline_span(text: str) -> list[SentenceSpan]:
    """A headline is judged as one unit, even when it holds two sentences ("X? Not quite.")."""
    spans = split_sentences(text)
    return [SentenceSpan(spans[0].start, spans[-1].end)] if spans else []


def read_body(text: str, sentences: list[SentenceSpan], embeddings: np.ndarray) -> BodyView:
    """``embeddings`` must hold one row per span in ``sentences`` (from ``body_sentences``)."""
    sent_words: list[frozenset[str]] = []
    cues = np.zeros((len(sentences), len(CUE_KINDS)), dtype=np.float32)
    lengths = np.zeros(len(sentences), dtype=np.float32)
    counts: dict[str, int] = {}
    all_tokens: list[str] = []
    for i, s in enumerate(sentences):
        toks = words(text[s.start : s.end])
        all_tokens.extend(toks)
        cw = content_words(toks)
        sent_words.append(frozenset(cw))
        cues[i] = cue_counts(toks)
        lengths[i] = len(toks)
        for w in cw:
            counts[w] = counts.get(w, 0) + 1
    return BodyView(
        text=text,
        sentences=tuple(sentences),
        embeddings=embeddings.astype(np.float32, copy=False),
        sentence_words=tuple(sent_words),
        sentence_cues=cues,
        sentence_lengths=lengths,
        word_counts=counts,
        number_set=frozenset(numbers(text)),
        n_words=len(all_tokens),
        english=looks_english(text, all_tokens),
    )


def read_claim(text: str, embedding: np.ndarray) -> ClaimView:
    toks = words(text)
    cw = content_words(toks)
    caps = frozenset(w.lower() for w in text.split()[1:] if w[:1].isupper() and w.strip(".,:;!?\"'").isalpha())
    return ClaimView(
        text=text,
        embedding=embedding.astype(np.float32, copy=False),
        content=tuple(cw),
        bigrams=frozenset(zip(cw, cw[1:])),
        capitalised=caps,
        number_set=frozenset(numbers(text)),
        cues=cue_counts(toks),
        n_words=len(toks),
        question=text.rstrip().endswith("?"),
    )


def feature_names(pca_dims: int) -> list[str]:
    names = [
        "sim_max", "sim_2nd", "sim_top3", "sim_mean", "sim_std", "sim_first", "sim_body",
        "best_position", "log_sentences", "share_sim_over_half",
        "overlap_body", "overlap_body_idf", "overlap_best_sentence", "overlap_max_sentence",
        "overlap_max_sentence_idf", "bigram_overlap", "claim_length", "numbers_in_claim",
        "numbers_found", "names_found", "char4_jaccard_best",
    ]  # fmt: skip
    for where in ("body_rate", "top3", "window", "lead", "claim", "sim_weighted", "overlapping"):
        names += [f"cue_{k}_{where}" for k in CUE_KINDS]
    # a question in the article's own words ("Is X really Y?") marks reporting without taking a
    # side; on Emergent train (10-fold CV) these two features raised accuracy 0.704 -> 0.719
    names += ["claim_question", "question_best", "question_share"]
    # no projection of the claim vector itself: with it the model learns FNC-1's training stories
    # (on a dev split whose claims are unseen in training it lowered macro-F1 0.613 -> 0.598)
    for part in ("best", "body"):
        names += [f"pca_{part}_{i}" for i in range(pca_dims)]
    return names


def _char4(text: str) -> set[str]:
    t = " ".join(words(text))
    return {t[i : i + 4] for i in range(max(len(t) - 3, 0))}


def pair_features(claim: ClaimView, body: BodyView, idf: Mapping[str, float], pca: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The feature row for (claim, body) and the body's sentence indices ranked by relevance."""
    n = len(body.sentences)
    k = pca.shape[1]
    out = np.zeros(len(feature_names(k)), dtype=np.float32)
    if n == 0:
        return out, []
    sims = body.embeddings @ claim.embedding
    claim_set = set(claim.content)
    default_idf = idf.get("", 10.0)
    w_idf = {w: idf.get(w, default_idf) for w in claim_set}
    total_idf = sum(w_idf.values()) or 1.0
    n_claim = max(len(claim_set), 1)
    sent_overlap = np.array([len(claim_set & sw) / n_claim for sw in body.sentence_words], dtype=np.float32)
    sent_overlap_idf = np.array([sum(w_idf[w] for w in claim_set & sw) / total_idf for sw in body.sentence_words], dtype=np.float32)
    # relevance = embedding similarity plus a little lexical overlap (ties between paraphrases)
    relevance = sims + 0.25 * sent_overlap_idf
    order = [int(i) for i in np.argsort(-relevance, kind="stable")]
    best = order[0]
    top = order[:TOP_K]
    sorted_sims = np.sort(sims)[::-1]
    found = [w for w in claim_set if w in body.word_counts]
    bigram_hits = 0
    if claim.bigrams:
        body_text_words: set[tuple[str, str]] = set()
        for i in top:
            sw = words(body.text[body.sentences[i].start : body.sentences[i].end])
            body_text_words.update(zip(sw, sw[1:]))
        bigram_hits = sum(1 for b in claim.bigrams if b in body_text_words)
    names_found = sum(1 for w in claim.capitalised if w in body.word_counts) / max(len(claim.capitalised), 1)
    best_span = body.sentences[best]
    c4a, c4b = _char4(claim.text), _char4(body.text[best_span.start : best_span.end])
    j = 0
    head = [
        sorted_sims[0], sorted_sims[1] if n > 1 else sorted_sims[0], float(sorted_sims[:3].mean()),
        float(sims.mean()), float(sims.std()), float(sims[0]), float(body.mean_embedding @ claim.embedding),
        best / max(n - 1, 1), math.log1p(n), float((sims > 0.5).mean()),
        len(found) / n_claim, sum(w_idf[w] for w in found) / total_idf, float(sent_overlap[best]),
        float(sent_overlap.max()), float(sent_overlap_idf.max()), bigram_hits / max(len(claim.bigrams), 1),
        float(len(claim.content)), float(len(claim.number_set)),
        len(claim.number_set & body.number_set) / max(len(claim.number_set), 1), names_found,
        len(c4a & c4b) / max(len(c4a | c4b), 1),
    ]  # fmt: skip
    out[: len(head)] = head
    j = len(head)
    cues = body.sentence_cues
    nk = len(CUE_KINDS)
    window = range(max(best - 1, 0), min(best + 2, n))
    pos = np.clip(sims, 0.0, None)
    overlapping = sent_overlap >= 0.3
    blocks = [
        cues.sum(axis=0) / max(body.n_words, 1) * 100.0,
        cues[top].sum(axis=0),
        cues[list(window)].sum(axis=0),
        cues[:2].sum(axis=0),
        np.asarray(claim.cues, dtype=np.float32),
        (pos[:, None] * cues).sum(axis=0) / max(float(pos.sum()), 1e-6),
        cues[overlapping].sum(axis=0) if overlapping.any() else np.zeros(nk, dtype=np.float32),
    ]
    for b in blocks:
        out[j : j + nk] = b
        j += nk
    asks = [body.text[s.start : s.end].rstrip("\"'\u201d\u2019) ").endswith("?") for s in body.sentences]
    out[j : j + 3] = (1.0 if claim.question else 0.0, 1.0 if asks[best] else 0.0, sum(asks) / n)
    j += 3
    for vec in (body.embeddings[best], body.mean_embedding):
        out[j : j + k] = vec @ pca
        j += k
    return out, order
