"""The geometric blend of LightGBM and the cross-encoder, and how its share is chosen on dev."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from crosscheck.stance.crossencoder import blend
from crosscheck.stance.crossencoder_export import SHARES, choose_headline_blend

rows = arrays(np.float64, (4, 3), elements=st.floats(0.0, 1.0)).map(lambda a: (a + 1e-3) / (a + 1e-3).sum(axis=1, keepdims=True))


@settings(max_examples=60, deadline=None)
@given(rows, rows, st.sampled_from(SHARES))
def test_a_blend_is_a_distribution_between_its_two_models(a: np.ndarray, b: np.ndarray, share: float) -> None:
    p = blend(a, b, share)
    assert p.shape == a.shape
    assert np.all(p >= 0) and p.sum(axis=1) == pytest.approx(np.ones(len(a)))
    assert blend(a, b, 0.0) == pytest.approx(a, abs=1e-6)
    assert blend(a, b, 1.0) == pytest.approx(b, abs=1e-6)


def test_a_label_one_model_rules_out_stays_unlikely() -> None:
    lightgbm = np.array([[0.5, 0.0, 0.5]])
    cross = np.array([[0.1, 0.8, 0.1]])
    assert blend(lightgbm, cross, 0.5)[0, 1] < 0.01


def test_the_share_follows_the_better_model_on_dev() -> None:
    rng = np.random.default_rng(3)
    gold = rng.integers(0, 3, 200)
    good = np.full((200, 3), 0.1)
    good[np.arange(200), gold] = 0.8  # always right
    noise = rng.dirichlet(np.ones(3), 200)  # right about a third of the time
    chosen = choose_headline_blend(good, noise, list(gold))
    assert chosen["lightgbm+cross_encoder"]["accuracy"] == 1.0
    assert chosen["share"] >= 0.5
    assert chosen["lightgbm"]["accuracy"] < 0.6
    assert [r["share"] for r in chosen["by_share"]] == list(SHARES)
    reverse = choose_headline_blend(noise, good, list(gold))
    assert reverse["share"] <= 0.5  # the cross-encoder is the noisy one here
