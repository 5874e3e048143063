"""Check-worthiness scorer: bad input, ranking on sentences we wrote, model files, light imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.claims.checkworthy import LABELS, MAX_WORDS, SCORERS, CheckworthinessScorer, unscorable_reason
from crosscheck.errors import UsageError

MODEL_DIR = Path(__file__).resolve().parents[2] / "src" / "crosscheck" / "models" / "checkworthy"

# Written for these tests (not taken from any data set).
FURNITURE = ["Watch the video below.", "Click here to sign up for our morning newsletter."]
EMOTION = ["Tears of joy were running down their faces as the crowd cheered."]
NUMERIC_CLAIMS = [
    "The council spent 4.2 million dollars on road repairs in 2019, twice what it spent the year before.",
    "Between 2,000 and 3,500 families have left the valley since the dam was built in 2012.",
]


@pytest.fixture(scope="module")
def fast() -> CheckworthinessScorer:
    scorer = CheckworthinessScorer("checkworthy.claimbuster-fast.v1")
    scorer.warm_up()
    return scorer


@pytest.fixture(scope="module")
def full() -> CheckworthinessScorer:
    scorer = CheckworthinessScorer("checkworthy.claimbuster.v1")
    scorer.warm_up()
    return scorer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("12,000 / 34% -- 2019", "no letters"),
        ("cell " * 5000, "run-on"),
        ("The budget grew by 3 percent.", None),
    ],
    ids=["empty", "whitespace", "no-letters", "5000-word-run-on", "ordinary"],
)
def test_unscorable_reason(text: str, expected: str | None) -> None:
    reason = unscorable_reason(text)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and expected in reason


def test_bad_input_gets_zero_with_reason(fast: CheckworthinessScorer) -> None:
    bad = ["", "  ", "--- 42 ---", "word " * (MAX_WORDS + 1)]
    scores = fast.score(bad + NUMERIC_CLAIMS[:1])
    assert [s.label for s in scores[:4]] == ["not-scored"] * 4
    assert all(s.score == 0.0 and s.reason for s in scores[:4])
    assert scores[4].reason is None and scores[4].score > 0


def test_empty_batch(fast: CheckworthinessScorer) -> None:
    assert fast.score([]) == []


@pytest.fixture(scope="module")
def cascade() -> CheckworthinessScorer:
    scorer = CheckworthinessScorer("checkworthy.claimbuster-cascade.v1")
    scorer.warm_up()
    return scorer


@pytest.mark.parametrize("model", ["fast", "full", "cascade"])
def test_ranking_on_our_sentences(model: str, request: pytest.FixtureRequest) -> None:
    scorer: CheckworthinessScorer = request.getfixturevalue(model)
    scores = scorer.score(FURNITURE + EMOTION + NUMERIC_CLAIMS)
    low = [s.score for s in scores[: len(FURNITURE) + len(EMOTION)]]
    high = [s.score for s in scores[len(FURNITURE) + len(EMOTION) :]]
    assert max(low) < min(high), (low, high)
    assert all(s.label == "check-worthy" for s in scores[len(FURNITURE) + len(EMOTION) :])
    if model != "fast":  # the fast model ranks the emotion line low too, but just over its threshold
        assert all(s.label != "check-worthy" for s in scores[: len(FURNITURE) + len(EMOTION)])


def test_full_model_accepts_precomputed_embeddings(full: CheckworthinessScorer) -> None:
    from crosscheck.embed import get_embedder

    texts = FURNITURE + NUMERIC_CLAIMS
    vectors = get_embedder("embed.minilm.v1").encode(texts)
    given_vectors = [s.score for s in full.score(texts, embeddings=vectors)]
    computed = [s.score for s in full.score(texts)]
    assert given_vectors == pytest.approx(computed, abs=1e-3)
    with pytest.raises(UsageError):
        full.score(texts, embeddings=vectors[:1])


def test_cascade_embeds_only_likely_claims(cascade: CheckworthinessScorer, full: CheckworthinessScorer) -> None:
    calls: list[int] = []
    embed = cascade.embed
    cascade.embed = lambda texts: calls.append(len(texts)) or embed(texts)  # type: ignore[method-assign]
    try:
        scores = cascade.score(FURNITURE + NUMERIC_CLAIMS)
    finally:
        del cascade.embed
    assert calls == [len(NUMERIC_CLAIMS)]  # the furniture lines never reach the embedder
    full_scores = full.score(NUMERIC_CLAIMS)
    assert [s.score for s in scores[len(FURNITURE) :]] == [s.score for s in full_scores]


def test_unknown_model_lists_choices() -> None:
    with pytest.raises(UsageError) as err:
        CheckworthinessScorer("checkworthy.nope.v9")
    for name in SCORERS:
        assert name in str(err.value)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=5))
def test_any_text_gets_a_defined_score(fast: CheckworthinessScorer, texts: list[str]) -> None:
    scores = fast.score(texts)
    assert len(scores) == len(texts)
    for s in scores:
        assert 0.0 <= s.score <= 1.0 and s.label in LABELS
        assert (s.reason is not None) == (s.label == "not-scored")


def test_model_files_are_small_and_documented() -> None:
    weights = MODEL_DIR / "weights.npz"
    assert weights.stat().st_size < 10 * 1024 * 1024
    record = json.loads((MODEL_DIR / "TRAINING.json").read_text())
    assert record["command"] == "crosscheck train checkworthy"
    assert all(len(h) == 64 for h in record["data"].values())
    assert record["dev"]["full"]["cfs_f1"] > 0.6
    with np.load(weights, allow_pickle=False) as npz:  # plain arrays, no pickle
        assert {"full.hash_w", "fast.hash_w", "full.emb_w"} <= set(npz.files)


def test_import_and_fast_scoring_stay_light() -> None:
    code = (
        "import sys\n"
        "import crosscheck.claims.checkworthy as cw\n"
        "heavy = {'sklearn', 'onnxruntime', 'lightgbm', 'spacy', 'scipy'}\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
        "cw.CheckworthinessScorer('checkworthy.claimbuster-fast.v1').score(['Prices rose 5 percent.'])\n"
        "assert not {'sklearn', 'onnxruntime', 'lightgbm', 'spacy'} & set(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# Issue #9: the news calibration (sentences written for these tests).
def test_news_model_ranks_reports_over_opinion_and_furniture() -> None:
    from crosscheck.claims.checkworthy import CheckworthinessScorer

    scorer = CheckworthinessScorer("checkworthy.news.v1")
    report, opinion, furniture = scorer.score([
        "The minister left the capital on Sunday aboard a military jet, officials said.",
        "I think the era of fear in this town is finally over.",
        "Sign up to our newsletter for the latest stories.",
    ])
    assert report.score > opinion.score > furniture.score
    assert report.label == "check-worthy" and opinion.label != "check-worthy"


def test_news_calibration_is_fitted_on_dev_only() -> None:
    import json

    from crosscheck.claims.checkworthy_news import CALIBRATION, FEATURES, load_calibration

    data = json.loads(CALIBRATION.read_text(encoding="utf-8"))
    assert "dev half" in data["trained_on"] and "test never read" in data["trained_on"]
    cal = load_calibration()
    assert cal.weights.shape == (len(FEATURES),) and 0 < cal.threshold < 1
