"""The clustering scorer: B3 by hand, and Barhom et al.'s published ECB+ figure reproduced."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.bench.clustering import b_cubed, clustering_scores

labelings = st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 5), min_size=1, max_size=30)


@given(labelings)
def test_b3_of_a_clustering_with_itself_is_one(labels):
    assert b_cubed(labels, labels) == pytest.approx((1.0, 1.0, 1.0))


@given(labelings, st.data())
def test_b3_is_symmetric_in_precision_and_recall(gold, data):
    predicted = {k: data.draw(st.integers(0, 3)) for k in gold}
    p, r, _ = b_cubed(gold, predicted)
    r2, p2, _ = b_cubed(predicted, gold)
    assert (p, r) == pytest.approx((p2, r2))


def test_b3_by_hand():
    gold = {"a": 1, "b": 1, "c": 2}
    assert b_cubed(gold, {"a": 1, "b": 1, "c": 1}) == pytest.approx((5 / 9, 1.0, 2 * (5 / 9) / (5 / 9 + 1)))
    assert b_cubed(gold, {"a": 1, "b": 2, "c": 3})[:2] == pytest.approx((1.0, 2 / 3))
    with pytest.raises(ValueError):
        b_cubed(gold, {"a": 1})


def test_scorer_reproduces_barhom_et_al_on_ecbplus(shared_data):
    with (shared_data / "ecbplus" / "documents.jsonl").open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    test = {d["doc_id"]: d for d in docs if d["split"] == "test"}
    published = json.loads((shared_data / "ecbplus" / "reference_predictions" / "barhom2019_predicted_test_topics.json").read_text())
    predicted = {doc: k for k, cluster in enumerate(published["clusters"]) for doc in cluster}
    sub = clustering_scores({i: d["subtopic"] for i, d in test.items()}, predicted)
    assert round(sub["b3_f1"], 3) == 0.968 and round(sub["ari"], 3) == 0.965
    assert round(sub["b3_precision"], 3) == 0.971 and round(sub["b3_recall"], 3) == 0.965
    assert round(sub["v_measure"], 3) == 0.984 and sub["clusters"] == 20
    topic = clustering_scores({i: d["topic"] for i, d in test.items()}, predicted)
    assert round(topic["b3_f1"], 3) == 0.685 and round(topic["ari"], 3) == 0.641
