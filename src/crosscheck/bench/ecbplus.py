"""``crosscheck bench ecbplus``: story clustering of the ECB+ test topics, one document at a time.

ECB+ (Cybulska & Vossen 2014) has 43 topics of two sub-topics each: two different events of one
kind (Tara Reid enters rehab / Lindsay Lohan enters rehab). A story is a sub-topic. The test
documents (topics 36-45, 210 documents, 20 sub-topics) are fed to the ``StoryClusterer`` one at a
time in five fixed shuffled orders (seeds 0-4), never told how many stories there are; each order
is scored against gold sub-topics and gold topics (B³, ARI, homogeneity/completeness/V), and the
mean and the spread over the orders are reported. Entities come from the product's spaCy NER
and entity linking; the vectors from the configured embedder over each document's lead. ECB+ has
no dates and no titles (sentence 0 of an ``ecbplus`` document is its source URL: dropped).

The pair weights in ``[stories]`` were fitted on the train topics (``fit_pair_weights`` below
reproduces them) and the join threshold chosen on train+dev topics (``score_orders`` at each
value); this benchmark prints the train+dev figures beside the test figures and scores the test
topics once per run.

Published (measured here on their clustering file): Barhom et al. 2019, K-Means with the oracle
k = 20, sub-topic B³ F1 0.968, ARI 0.965.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.stories.base import StoryDoc

__all__ = ["EcbDocument", "load_ecbplus", "story_docs", "stream", "score_orders", "fit_pair_weights", "run", "ORDERS"]

ORDERS = (0, 1, 2, 3, 4)  # seeds of the five fixed shuffled orders


@dataclass(frozen=True, slots=True)
class EcbDocument:
    doc: StoryDoc
    topic: int
    subtopic: str
    split: str


def _text(record: dict[str, Any]) -> tuple[str, tuple[tuple[int, int], ...]]:
    lines, spans, pos = [], [], 0
    for sentence in record["sentences"]:
        if record["corpus_part"] == "ecbplus" and sentence["n"] == 0:
            continue  # the source URL, not text
        line = " ".join(sentence["tokens"])
        lines.append(line)
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return "\n".join(lines), tuple(spans)


def load_ecbplus(data_dir: Path) -> list[EcbDocument]:
    """Every ECB+ document as a ``StoryDoc`` without entities yet (see ``story_docs``)."""
    from crosscheck.errors import InputError

    path = data_dir / "ecbplus" / "documents.jsonl"
    if not path.is_file():
        raise InputError(str(path), "ECB+ documents not found; see ../shared/data/ecbplus/SOURCE.md", code="E101")
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text, spans = _text(record)
            doc = StoryDoc(article_id=record["doc_id"], source="ecbplus", text=text, title=None, published=None, sentences=spans)
            out.append(EcbDocument(doc, int(record["topic"]), record["subtopic"], record["split"]))
    return out


def story_docs(docs: Sequence[EcbDocument]) -> list[EcbDocument]:
    """``docs`` with their entity mentions found by the product's NER and linked across them."""
    from dataclasses import replace

    from crosscheck.annotate import find_mentions, link_entities
    from crosscheck.annotate.nlp import SpacyModel

    model = SpacyModel().warm_up()
    spans = [(d.doc.article_id, d.doc.text, s, e) for d in docs for s, e in d.doc.sentences]
    parsed = model.pipe((text[s:e] for _, text, s, e in spans), parse=False, entities=True)
    pairs = [(aid, m) for (aid, text, s, e), sdoc in zip(spans, parsed) for m in find_mentions(text, s, e, sdoc)]
    by_article: dict[str, list[tuple[int, str, str, str]]] = {}
    for entity in link_entities(pairs):
        for aid, m in entity.mentions:
            by_article.setdefault(aid, []).append((m.start, entity.id, entity.label, m.text))
    return [replace(d, doc=replace(d.doc, entities=tuple(x[1:] for x in sorted(by_article.get(d.doc.article_id, []))))) for d in docs]


def stream(docs: Sequence[EcbDocument], vectors: dict[str, np.ndarray], settings: Any, seed: int) -> tuple[dict[str, str], float]:
    """Feed ``docs`` one at a time in the order shuffled by ``seed``: story per doc, seconds spent."""
    from crosscheck.embed import get_embedder
    from crosscheck.stories.cluster import StoryClusterer
    from crosscheck.stories.memory import MemoryStoryIndex

    order = list(docs)
    random.Random(seed).shuffle(order)
    dim = len(next(iter(vectors.values())))
    clusterer = StoryClusterer(settings, get_embedder("embed.hashing.v1"))  # vectors are given: never called
    index = MemoryStoryIndex(dim=dim, posting_cap=settings.posting_cap, ann=settings.ann)
    t0 = time.perf_counter()
    story = {d.doc.article_id: clusterer.assign(d.doc, index, vectors[d.doc.article_id]).story_id for d in order}
    return story, time.perf_counter() - t0


def lead_vectors(docs: Sequence[EcbDocument], embedder_name: str, lead_words: int) -> dict[str, np.ndarray]:
    from crosscheck.embed import get_embedder
    from crosscheck.stories.features import lead_text

    embedder = get_embedder(embedder_name)
    matrix = embedder.encode([lead_text(d.doc, lead_words) for d in docs])
    return {d.doc.article_id: matrix[i] for i, d in enumerate(docs)}


def score_orders(docs: Sequence[EcbDocument], vectors: dict[str, np.ndarray], settings: Any) -> dict[str, Any]:
    """Mean, min and max over the five orders of every score, against sub-topics and topics."""
    from crosscheck.bench.clustering import clustering_scores

    runs: list[dict[str, float]] = []
    seconds = 0.0
    for seed in ORDERS:
        story, spent = stream(docs, vectors, settings, seed)
        seconds += spent
        sub = clustering_scores({d.doc.article_id: d.subtopic for d in docs}, story)
        top = clustering_scores({d.doc.article_id: d.topic for d in docs}, story)
        runs.append({**{f"subtopic_{k}": v for k, v in sub.items()}, **{f"topic_{k}": v for k, v in top.items()}})
    out: dict[str, Any] = {}
    for key in runs[0]:
        values = [r[key] for r in runs]
        out[key], out[key + "_min"], out[key + "_max"] = statistics.fmean(values), min(values), max(values)
    out["ms_per_doc"] = 1000 * seconds / (len(docs) * len(ORDERS))
    return out


def fit_pair_weights(docs: Sequence[EcbDocument], vectors: dict[str, np.ndarray], settings: Any) -> dict[str, float]:
    """The ``[stories]`` pair weights: a logistic regression (C=10) over the three similarities of
    every pair of ``docs`` that share a topic or whose leads have cosine above 0.5 (the pairs
    retrieval brings together), labelled same sub-topic or not. IDF from all of ``docs``."""
    import itertools
    from collections import Counter

    from sklearn.linear_model import LogisticRegression

    from crosscheck.stories.features import story_features
    from crosscheck.stories.similarity import Idf, pair_similarity

    feats = [story_features(d.doc, vectors[d.doc.article_id], settings.feature_settings()) for d in docs]
    idf = Idf(len(feats), Counter(k for f in feats for k in set(f.keys)))
    rows, labels = [], []
    for i, j in itertools.combinations(range(len(docs)), 2):
        sim = pair_similarity(feats[i].features, feats[j].features, idf, feats[i].vector)
        if docs[i].topic == docs[j].topic or sim.vector > 0.5:
            rows.append([sim.vector, sim.terms, sim.entities])
            labels.append(docs[i].subtopic == docs[j].subtopic)
    model = LogisticRegression(C=10.0, max_iter=1000).fit(np.array(rows), np.array(labels))
    (w_vector, w_terms, w_entities), bias = model.coef_[0], model.intercept_[0]
    return {"bias": float(bias), "weight_vector": float(w_vector), "weight_terms": float(w_terms),
            "weight_entities": float(w_entities), "pairs": len(rows), "same_story_pairs": int(sum(labels))}


def _describe(name: str, s: dict[str, Any], log: Callable[[str], None]) -> None:
    for level in ("subtopic", "topic"):
        log(f"{name} vs gold {level}s: B3 P/R/F1 {s[f'{level}_b3_precision']:.3f}/{s[f'{level}_b3_recall']:.3f}/"
            f"{s[f'{level}_b3_f1']:.3f} (F1 {s[f'{level}_b3_f1_min']:.3f}-{s[f'{level}_b3_f1_max']:.3f}), "
            f"ARI {s[f'{level}_ari']:.3f} ({s[f'{level}_ari_min']:.3f}-{s[f'{level}_ari_max']:.3f}), "
            f"homogeneity {s[f'{level}_homogeneity']:.3f}, completeness {s[f'{level}_completeness']:.3f}, "
            f"V {s[f'{level}_v_measure']:.3f}; stories {s[f'{level}_clusters']:.1f} "
            f"({s[f'{level}_clusters_min']:.0f}-{s[f'{level}_clusters_max']:.0f})")


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None, **_: Any) -> dict[str, Any]:
    from crosscheck.config import load_config
    from crosscheck.stories.cluster import StorySettings

    settings = StorySettings.from_config(load_config())
    t0 = time.perf_counter()
    docs = story_docs(load_ecbplus(data_dir))
    vectors = lead_vectors(docs, settings.embedder, settings.lead_words)
    log(f"{len(docs)} documents read, entities linked and leads embedded in {time.perf_counter() - t0:.1f}s")
    tuned = [d for d in docs if d.split in ("train", "dev")]
    test = [d for d in docs if d.split == "test"]
    if limit:
        tuned, test = tuned[:limit], test[:limit]
    _describe("train+dev (tuned on)", score_orders(tuned, vectors, settings), log)
    s = score_orders(test, vectors, settings)
    _describe("test topics 36-45", s, log)
    log("published: Barhom et al. 2019, K-Means with the oracle k=20: sub-topic B3 F1 0.968, ARI 0.965")
    return {
        "subtopic_b3_f1": round(s["subtopic_b3_f1"], 4),
        "subtopic_b3_f1_min": round(s["subtopic_b3_f1_min"], 4),
        "subtopic_b3_f1_max": round(s["subtopic_b3_f1_max"], 4),
        "subtopic_b3_precision": round(s["subtopic_b3_precision"], 4),
        "subtopic_b3_recall": round(s["subtopic_b3_recall"], 4),
        "subtopic_ari": round(s["subtopic_ari"], 4),
        "subtopic_ari_min": round(s["subtopic_ari_min"], 4),
        "subtopic_ari_max": round(s["subtopic_ari_max"], 4),
        "subtopic_v_measure": round(s["subtopic_v_measure"], 4),
        "topic_b3_f1": round(s["topic_b3_f1"], 4),
        "topic_ari": round(s["topic_ari"], 4),
        "topic_v_measure": round(s["topic_v_measure"], 4),
        "n_stories": round(s["subtopic_clusters"], 1),
        "n_stories_min": int(s["subtopic_clusters_min"]),
        "n_stories_max": int(s["subtopic_clusters_max"]),
        "gold_stories": len({d.subtopic for d in test}),
        "docs": len(test),
        "ms_per_doc": round(s["ms_per_doc"], 2),
        "limited": bool(limit),
    }
