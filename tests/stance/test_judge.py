"""The stance judge with the shipped model and the real MiniLM embedder, on hand-written text."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crosscheck.errors import InputError, ModelError, UsageError
from crosscheck.stance import STANCE_LABELS, StanceJudge, StanceResult
from crosscheck.stance.model import default_model_dir

pytestmark = pytest.mark.skipif(not (default_model_dir() / "stance.json").is_file(), reason="no trained stance model; run: crosscheck train stance")

ARTICLE = (
    "City officials on Tuesday denied reports that the old river bridge will be demolished next year. "
    "\"There is no plan to tear it down,\" the mayor told reporters. "
    "A viral post had claimed the bridge was unsafe and would be closed in March. "
    "Engineers inspected the bridge in May and found it sound, according to the city's transport office."
)
CLAIM = "The old river bridge will be demolished next year"
OTHER = "Scientists discover a new species of frog in the Amazon rainforest"


@pytest.fixture(scope="module")
def judge() -> StanceJudge:
    j = StanceJudge()
    j.warm_up()
    return j


def _check(result: StanceResult, body: str) -> None:
    assert result.label in STANCE_LABELS
    assert set(result.probabilities) == set(STANCE_LABELS)
    assert sum(result.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    assert max(result.probabilities, key=lambda k: result.probabilities[k]) == result.label
    for start, end in ((result.passage,) if result.passage else ()) + result.evidence:
        assert 0 <= start < end <= len(body)
        assert body[start:end].strip() == body[start:end]


def test_related_and_unrelated_claims(judge: StanceJudge) -> None:
    on_topic, off_topic = judge.judge_many([CLAIM, OTHER], ARTICLE)
    _check(on_topic, ARTICLE)
    _check(off_topic, ARTICLE)
    assert on_topic.label != "unrelated"
    assert off_topic.label == "unrelated"
    assert on_topic.passage is not None and "bridge" in on_topic.passage_text(ARTICLE)
    assert on_topic.reason


def test_batch_equals_single(judge: StanceJudge) -> None:
    claims = [CLAIM, OTHER, "The mayor said the bridge is safe"]
    many = judge.judge_many(claims, ARTICLE)
    view = judge.read_article(ARTICLE)
    for claim, batch in zip(claims, many):
        one = judge.judge(claim, ARTICLE)
        assert one.label == batch.label and one.passage == batch.passage
        assert judge.judge(claim, view).probabilities == pytest.approx(one.probabilities, abs=1e-4)


BAD_INPUT = [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("Bridge", "only 1 word"),
    ("The bridge is closed.", "longer than the article"),
    ("Der Bürgermeister hat am Dienstag bestritten, dass die alte Brücke über den Fluss im nächsten Jahr abgerissen wird, und die Ingenieure haben sie geprüft.", "English"),
    ("市政府官员周二否认了有关这座旧桥明年将被拆除的报道。", "English"),
]


@pytest.mark.parametrize(("body", "why"), BAD_INPUT, ids=["empty", "whitespace", "one-word", "claim-longer", "german", "chinese"])
def test_bad_bodies_are_unrelated_with_a_reason(judge: StanceJudge, body: str, why: str) -> None:
    result = judge.judge(CLAIM, body)
    assert result.label == "unrelated"
    assert result.probabilities["unrelated"] == 1.0
    assert result.reason is not None and why in result.reason
    assert result.passage is None


@pytest.mark.parametrize("claim", ["", "?!", "Le maire a nié que le vieux pont sur la rivière serait démoli l'année prochaine selon les rapports de la ville"], ids=["empty", "punctuation", "french"])
def test_bad_claims_are_unrelated_with_a_reason(judge: StanceJudge, claim: str) -> None:
    result = judge.judge(claim, ARTICLE)
    assert result.label == "unrelated" and result.reason


def test_one_bad_claim_does_not_spoil_the_batch(judge: StanceJudge) -> None:
    good, bad = judge.judge_many([CLAIM, ""], ARTICLE)
    assert good.label != "unrelated" and bad.label == "unrelated"
    assert judge.judge_many([], ARTICLE) == []


def test_wrong_types_are_input_errors(judge: StanceJudge) -> None:
    with pytest.raises(InputError):
        judge.judge(CLAIM, None)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        judge.judge_many([CLAIM, 3], ARTICLE)  # type: ignore[list-item]


def test_headline_variant_judges_one_headline() -> None:
    j = StanceJudge(variant="headline")
    result = j.judge(CLAIM, "City denies the old river bridge will be demolished")
    _check(result, "City denies the old river bridge will be demolished")
    assert result.label in {"agree", "disagree", "discuss"}


def test_model_and_embedder_must_match() -> None:
    with pytest.raises(ModelError):
        StanceJudge(embedder="embed.hashing.v1").warm_up()
    # an unknown variant is the caller's usage error, named by the stance-model registry
    with pytest.raises(UsageError, match="unknown stance variant 'nonsense'; available: article, headline"):
        StanceJudge(variant="nonsense").warm_up()


def test_missing_model_files_say_how_to_rebuild(tmp_path) -> None:
    with pytest.raises(ModelError, match="crosscheck train stance"):
        StanceJudge(model_dir=tmp_path).warm_up()


def test_import_loads_no_model_library() -> None:
    code = "import sys, crosscheck.stance; print(sorted(m for m in ('lightgbm', 'onnxruntime', 'tokenizers', 'sklearn', 'spacy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
