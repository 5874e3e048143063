"""Features, the in-memory story index and the vector indexes behind it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from crosscheck.errors import UsageError
from crosscheck.stories.ann import VECTOR_INDEXES, get_vector_index
from crosscheck.stories.features import FeatureSettings, decode_vector, lead_text, lsh_shape, story_features
from crosscheck.stories.memory import MemoryStoryIndex
from tests.stories.conftest import DOCS, make_doc


def test_lsh_bands_and_rows_come_from_the_jaccard_threshold_as_in_datasketch():
    from datasketch import MinHashLSH

    for threshold in (0.3, 0.5, 0.8):
        lsh = MinHashLSH(threshold=threshold, num_perm=64)
        assert lsh_shape(threshold, 64) == (lsh.b, lsh.r)
    bands, rows = lsh_shape(0.5, 64)
    assert bands * rows <= 64


def test_a_near_copy_shares_band_keys_and_a_rewrite_shares_entity_keys():
    settings = FeatureSettings()
    original = DOCS["harlow-1"]
    copy = make_doc("copy", original.text + "\nThe search continues.", list(original.entities))
    keys = {name: set(story_features(doc, None, settings).keys) for name, doc in
            (("original", original), ("copy", copy), ("rewrite", DOCS["harlow-2"]))}
    lsh = {k for k in keys["original"] if k.startswith("lsh:")}
    assert lsh & keys["copy"]
    assert not lsh & keys["rewrite"]
    assert "ent:ent_harlow" in keys["rewrite"] & keys["original"]


def test_features_are_json_and_the_vector_survives_quantisation():
    vector = np.random.default_rng(1).normal(size=384).astype(np.float32)
    vector /= np.linalg.norm(vector)
    feats = story_features(DOCS["kester-1"], vector, FeatureSettings())
    assert json.loads(json.dumps(feats.features)) == feats.features
    assert float(decode_vector(feats.features["vector"]) @ vector) > 0.99
    assert feats.features["entities"] == [["ent_kesterton", "Kesterton jail", 1], ["ent_ohio", "Ohio", 1], ["ent_ruiz", "Ana Ruiz", 1]]


def test_lead_text_takes_the_title_and_the_first_words():
    doc = make_doc("a", "one two three four\nfive six seven", [])
    assert lead_text(doc, 5) == "one two three four five"
    titled = make_doc("b", "body text here", [])
    from dataclasses import replace

    assert lead_text(replace(titled, title="A headline"), 2) == "A headline body text"


def test_the_index_skips_keys_above_the_posting_cap_but_counts_them():
    index = MemoryStoryIndex(dim=4, posting_cap=2)
    for i in range(3):
        index.add(f"a{i}", "s", ["common", f"own{i}"], None, {})
    assert index.key_counts(["common", "own1", "missing"]) == {"common": 3, "own1": 1, "missing": 0}
    assert [c.article_id for c in index.candidates(["common", "own1"], None, 5)] == ["a1"]
    assert index.doc_count() == 3


def test_the_index_returns_each_candidate_once_with_its_story():
    index = MemoryStoryIndex(dim=2)
    index.add("a", "s1", ["k"], np.array([1.0, 0.0], np.float32), {"x": 1})
    index.add("b", "s2", ["k"], np.array([0.0, 1.0], np.float32), {"x": 2})
    index.add("a", "s9", ["k"], np.array([0.0, 1.0], np.float32), {"x": 3})  # re-adding changes nothing
    got = index.candidates(["k"], np.array([1.0, 0.0], np.float32), 1)
    assert [(c.article_id, c.story_id, c.features) for c in got] == [("a", "s1", {"x": 1}), ("b", "s2", {"x": 2})]
    assert index.story_of("a") == "s1"


@pytest.mark.parametrize("name", ["ann.exact.v1", "ann.hnsw.v1"], ids=["exact", "hnsw"])
def test_vector_indexes_find_the_nearest_and_survive_save_and_load(name, tmp_path):
    rng = np.random.default_rng(7)
    rows = rng.normal(size=(300, 32)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    index = get_vector_index(name, dim=32)
    for start in range(0, 300, 50):  # added in batches, as articles arrive
        index.add(np.arange(start, start + 50) + 1000, rows[start:start + 50])
    exact = np.argsort(-(rows @ rows[17]))[:5] + 1000
    found = index.search(rows[17], 5)
    assert found[0][0] == 1017 and found[0][1] == pytest.approx(1.0, abs=1e-5)
    assert len({i for i, _ in found} & set(exact.tolist())) >= 4
    index.save(tmp_path / "vectors")
    again = get_vector_index(name, dim=32)
    again.load(tmp_path / "vectors")
    assert len(again) == 300 and again.search(rows[17], 5) == found


def test_an_empty_vector_index_finds_nothing_and_unknown_names_list_the_known():
    assert get_vector_index("ann.exact.v1", dim=3).search(np.ones(3, np.float32), 4) == []
    assert get_vector_index("ann.hnsw.v1", dim=3).search(np.ones(3, np.float32), 4) == []
    with pytest.raises(UsageError, match="ann.exact.v1"):
        get_vector_index("ann.nope.v1", dim=3)
    assert VECTOR_INDEXES.names() == ["ann.exact.v1", "ann.hnsw.v1"]
