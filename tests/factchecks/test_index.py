"""The matching index, text normalisation and the features' reasons (deterministic fakes; no model)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.factchecks.bm25 import BM25Index
from crosscheck.factchecks.features import FEATURES, Query, add_features, reason
from crosscheck.factchecks.index import FactCheckIndex, IndexedCheck
from crosscheck.factchecks.text import names, normalise, numbers, words

_docs = st.lists(st.lists(st.sampled_from(list("abcdefgh")), min_size=1, max_size=8), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(docs=_docs, query=st.lists(st.sampled_from(list("abcdefghz")), min_size=1, max_size=5))
def test_incremental_bm25_is_exactly_bm25_over_everything_added(docs, query):
    index = BM25Index()
    for d in docs:
        index.add(d)
    n, avgdl = len(docs), sum(map(len, docs)) / len(docs)
    df = Counter(t for d in docs for t in set(d))
    for i, d in enumerate(docs):
        tf = Counter(d)
        want = sum(math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) * tf[t] * 2.2 / (tf[t] + 1.2 * (0.25 + 0.75 * len(d) / avgdl))
                   for t in set(query) if t in tf)
        assert index.scores(query)[i] == pytest.approx(want, rel=1e-5, abs=1e-6)


def _unit(seed: int, dim: int = 16) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


@pytest.mark.parametrize("storage", ["float32", "float16"])
def test_candidates_from_both_retrievers(storage):
    index = FactCheckIndex(16, storage)
    checks = [IndexedCheck(f"id{i}", f"k{i}", t, None, None) for i, t in enumerate(
        ["Bus fares doubled last month", "The dam will be demolished", "Flu vaccines contain microchips"])]
    index.add_many(checks, np.stack([_unit(i) for i in range(3)]))
    found = {c.check.id: c for c in index.candidates("bus fares doubled", _unit(2), k=1)}
    assert set(found) == {"id0", "id2"}  # the best by words, the nearest by vector
    assert found["id2"].cosine == pytest.approx(1.0, abs=1e-3) and found["id0"].bm25 > 0


def test_new_version_repoints_or_retires_its_slot():
    index = FactCheckIndex(16)
    index.add(IndexedCheck("v1", "k", "Bus fares doubled last month", None, None), _unit(0))
    index.add(IndexedCheck("v2", "k", "Bus fares doubled last month", None, None), _unit(0))  # new rating only
    assert len(index) == 1 and [c.check.id for c in index.candidates("bus fares", _unit(0))] == ["v2"]
    index.add(IndexedCheck("v3", "k", "Train fares tripled last year", None, None), _unit(1))  # claim reworded
    assert len(index) == 1 and [c.check.id for c in index.candidates("fares", _unit(0), k=5)] == ["v3"]


def test_tweet_noise_is_removed():
    tweet = ("How are butterflies surviving the #AustralianFires? @CenterForBioDiv pic.twitter.com/0eJtwJyS1J "
             "https://t.co/x — Center for Bio Div (@CenterForBioDiv) January 14, 2020")
    text = normalise(tweet)
    assert "http" not in text and "pic.twitter" not in text and "#" not in text
    assert "Australian Fires" in text and "January 14" not in text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_normalise_is_stable(text):
    once = normalise(text)
    assert normalise(once) == once


@pytest.mark.parametrize(("text", "want"), [
    ("rose 45% last year", {45.0}), ("now down $4,300", {4300.0}), ("23 million Americans", {23e6}),
    ("3.1 percent in 2024", {3.1, 2024.0}), ("no numbers here", set()),
], ids=["percent", "dollars", "scale-word", "decimal-and-year", "none"])
def test_numbers(text, want):
    assert numbers(text) == want


def test_names_and_words():
    assert {"joe biden", "biden"} <= names("President Joe Biden said so.")
    assert "the" not in words("The dam is here") and "dam" in words("The dam is here")


def test_features_and_reason_say_what_is_shared():
    index = FactCheckIndex(16)
    index.add(IndexedCheck("a", "a", "Maria Lopez says unemployment fell to 3.1% in 2023", None, None), _unit(0))
    index.add(IndexedCheck("b", "b", "Maria Lopez says unemployment fell to 4.5% in 2019", None, None), _unit(1))
    q = Query.of("Lopez said joblessness dropped to 3.1 percent in 2023")
    cands = index.candidates(q.text, _unit(0))
    add_features(q, cands, index.bm25.idf)
    by = {c.check.id: c for c in cands}
    assert set(by["a"].features) == set(FEATURES)
    assert (by["a"].features["numbers_shared"], by["a"].features["years_shared"]) == (1, 1)
    assert (by["b"].features["numbers_differ"], by["b"].features["years_differ"]) == (1, 1)
    assert "same name 'Lopez'" in reason(q, by["a"]) and "same number 3.1; same year 2023" in reason(q, by["a"])
    assert "numbers differ (3.1 vs 4.5); years differ (2023 vs 2019)" in reason(q, by["b"])


def test_stage_without_factchecks_loads_nothing(tmp_path, monkeypatch):
    """With no fact-checks imported the stage is one count query: no model, no index, no embedding."""
    from crosscheck.config import load_config
    from crosscheck.factchecks import matcher
    from crosscheck.factchecks.stage import FactCheckStage
    from crosscheck.store import open_store
    from tests.store.conformance import make_article

    def refuse(*a, **k):
        raise AssertionError("the stage loaded the re-ranker with no fact-checks in the store")

    monkeypatch.setattr(matcher.Reranker, "load", refuse)
    store = open_store(tmp_path / "s.db")
    a = make_article()
    with store.transaction():
        store.add_article(a, store.begin_batch("t", "c"))
    stage = FactCheckStage(load_config(), embedder=object())
    with store.transaction():
        stage.run([a], store)
    assert stage._service._matcher is None
    store.close()


def test_shipped_matcher_is_verified_at_load(tmp_path):
    import shutil

    from crosscheck.errors import ModelError
    from crosscheck.factchecks.matcher import Reranker
    from crosscheck.paths import shipped_models_dir

    shipped = Reranker.load()
    assert 0 < shipped.threshold < 1 and shipped.info["embedder"] == "embed.minilm.v1"
    copy = tmp_path / "factcheck-matcher"
    shutil.copytree(shipped_models_dir() / "factcheck-matcher", copy)
    judge = copy / shipped.info["judge"]
    data = judge.read_bytes()
    judge.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(ModelError, match="sha256"):
        Reranker.load(str(copy))
