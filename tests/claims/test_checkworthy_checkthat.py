"""Transcript ranking: the official CheckThat! 2019 measures, context smoothing, data readers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from crosscheck.claims.checkworthy_checkthat import TranscriptRanker, average_precision, nearest_similarity, ranking_numbers, unit_rows, with_context
from crosscheck.claims.checkworthy_data import read_checkthat_dir, read_claimbuster


def test_average_precision_by_hand() -> None:
    labels = np.array([0, 1, 0, 1, 0])
    scores = np.array([0.9, 0.8, 0.7, 0.1, 0.5])  # ranking: 0, 1, 2, 4, 3 -> hits at ranks 2 and 5
    assert average_precision(labels, scores) == pytest.approx((1 / 2 + 2 / 5) / 2)
    assert average_precision(np.array([0, 0]), np.array([0.1, 0.2])) == 0.0


def test_ties_keep_transcript_order() -> None:
    labels = np.array([0, 1, 0])
    assert average_precision(labels, np.zeros(3)) == pytest.approx(1 / 2)


def test_ranking_numbers_follow_official_definitions() -> None:
    labels = np.array([1, 0, 0, 1] + [0] * 60)
    scores = -np.arange(64, dtype=float)  # transcript order is the ranking
    got = ranking_numbers([(labels, scores)])
    assert got["rr"] == 1.0
    assert got["p_at_1"] == 1.0
    assert got["p_at_3"] == pytest.approx(1 / 3, abs=1e-4)
    assert got["p_at_5"] == pytest.approx(2 / 5)
    assert got["p_at_50"] == pytest.approx(2 / 50)
    assert got["r_prec"] == pytest.approx(1 / 2)  # R = 2, one hit in the top 2
    assert got["map"] == pytest.approx((1 + 2 / 4) / 2, abs=1e-4)
    # averaged over documents, not pooled
    two = ranking_numbers([(labels, scores), (labels, scores[::-1].copy())])
    assert two["map"] == pytest.approx((got["map"] + average_precision(labels, scores[::-1].copy())) / 2, abs=1e-4)


def test_context_adds_the_larger_neighbour() -> None:
    s = np.array([1.0, 0.0, 3.0])
    assert with_context(s, 0.5).tolist() == [1.0, 1.5, 3.0]  # edges have one neighbour
    assert with_context(s, 0.0) is s
    assert with_context(np.array([2.0]), 0.3).tolist() == [2.0]


def test_nearest_similarity_averages_the_k_closest() -> None:
    positives = unit_rows(np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]))
    rows = np.array([[2.0, 0.0], [0.0, -3.0]])  # not unit: cosine, not dot product
    assert nearest_similarity(rows, positives, 1).tolist() == pytest.approx([1.0, 0.0])
    assert nearest_similarity(rows, positives, 2).tolist() == pytest.approx([0.5, 0.0])
    assert nearest_similarity(rows, positives, 10).tolist() == pytest.approx([0.0, -1 / 3])  # k capped at 3
    assert nearest_similarity(rows, positives[:0], 3).tolist() == [0.0, 0.0]


@pytest.mark.slow
def test_ranker_on_a_training_transcript(shared_data: Path) -> None:
    # a training document (the official test files are only read by the benchmark)
    doc = read_checkthat_dir(shared_data / "checkthat2019-task1" / "training")["20190108_oval_office"]
    texts = [line.text for line in doc]
    labels = np.array([line.label for line in doc])
    scores = TranscriptRanker().score(texts)
    assert scores.shape == (len(texts),) and np.all((scores > 0) & (scores < 1))
    assert average_precision(labels, scores) > 2 * labels.mean()  # well above a random ranking


def test_readers_match_source_counts(shared_data: Path) -> None:
    crowd = read_claimbuster(shared_data / "claimbuster" / "crowdsourced.csv")
    assert len(crowd) == 22501
    assert [sum(s.label == k for s in crowd) for k in (0, 1, 2)] == [14685, 2403, 5413]
    test = read_checkthat_dir(shared_data / "checkthat2019-task1" / "test_annotated")
    assert len(test) == 7 and sum(len(d) for d in test.values()) == 7080
