"""The hand-labelled annotation set: shape, size, splits, and that it points into real text."""

from __future__ import annotations

import json

import pytest

from crosscheck.bench.annotations import FIELDS, LABELS, load_labels, score_sentence, sentence_texts


def test_shape_and_size() -> None:
    rows = load_labels()
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} == {"dev", "test"}
    for field in FIELDS:
        assert all(isinstance(r[field], list) for r in rows)
        assert sum(1 for r in rows if r[field]) >= 25, field  # positives
        assert sum(1 for r in rows if not r[field]) >= 25, field  # negatives
    docs = {}
    for r in rows:
        docs.setdefault(r.get("body_id", r.get("doc_id")), set()).add(r["split"])
    assert all(len(s) == 1 for s in docs.values()), "a document must not be in both dev and test"


def test_no_text_is_stored() -> None:
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert not {"text", "sentence_text", "body"} & set(row)


def test_offsets_point_into_the_shared_data(shared_data) -> None:
    rows = load_labels()
    texts = sentence_texts(shared_data, rows)
    for r in rows:
        text = texts[r["id"]]
        assert 0 <= r["start"] < r["end"] <= len(text)
        for field in FIELDS:
            for item in r[field]:
                assert r["start"] <= item["start"] < item["end"] <= r["end"], (r["id"], field)
                assert text[item["start"]:item["end"]].strip(), (r["id"], field)


def test_scoring_rules() -> None:
    from crosscheck.annotate.records import Hedge, Quantity, SentenceAnnotations

    label = {"attribution": [], "hedges": [{"start": 3, "end": 13}], "times": [],
             "quantities": [{"start": 20, "end": 25, "low": 5000, "high": 5000, "unit": "people"}]}
    ann = SentenceAnnotations(0, 40, None, (), (Hedge("reportedly", 3, 13, 1),), "hedged",
                              (Quantity("5,000", 20, 25, 5000.0, 5000.0, "person"),), (), ())
    scores = score_sentence(label, ann)
    assert scores["hedges"] == (1, 1, 1)
    assert scores["quantities_value"] == (1, 1, 1)
    assert scores["quantities"] == (0, 1, 1)  # "person" is not "people": units must agree
    assert scores["attribution"] == (0, 0, 0)


@pytest.mark.bench
def test_bench_runs(shared_data) -> None:
    from crosscheck.bench.annotations import run

    result = run(shared_data, lambda line: None)
    for field in FIELDS:
        assert 0 <= result[f"{field}_precision"] <= 1 and 0 <= result[f"{field}_recall"] <= 1
