"""One registry type for every named choice; one resolver for model folders; training never writes
into the installed package; the claims stage reads defaults.toml when given no configuration."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from crosscheck.bench import BENCHMARKS
from crosscheck.claims.checkworthy import SCORERS
from crosscheck.errors import UsageError
from crosscheck.registry import Registry
from crosscheck.stance.model import STANCE_MODELS
from crosscheck.training import TRAINERS

TABLES = {"benchmark": BENCHMARKS, "model": TRAINERS, "check-worthiness model": SCORERS, "stance variant": STANCE_MODELS}


@pytest.mark.parametrize("kind", list(TABLES), ids=list(TABLES))
def test_every_table_is_a_registry_with_one_unknown_name_error(kind: str) -> None:
    table = TABLES[kind]
    assert isinstance(table, Registry) and len(table) >= 2
    with pytest.raises(UsageError) as err:
        table.create("no-such-name")
    assert str(err.value).endswith(f"unknown {kind} 'no-such-name'; available: {', '.join(sorted(table))}")


def test_model_folders_resolve_in_one_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crosscheck.paths import model_dir, new_model_name, shipped_models_dir, user_models_dir

    monkeypatch.setenv("CROSSCHECK_HOME", str(tmp_path))
    assert user_models_dir() == tmp_path / "models"
    assert model_dir("stance") == shipped_models_dir() / "stance"
    assert model_dir("stance-2") == tmp_path / "models" / "stance-2"
    assert new_model_name("stance") == "stance-2"
    (tmp_path / "models" / "stance-2").mkdir(parents=True)
    assert new_model_name("stance") == "stance-3"


def test_train_writes_a_new_version_in_the_user_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crosscheck.paths import shipped_models_dir
    from crosscheck.training import run_training

    (tmp_path / "fake_trainer_mod.py").write_text(
        "def train(data_dir, out_dir, log, seed):\n"
        "    (out_dir / 'weights.txt').write_text(str(seed))\n"
        "    return {'seed': seed}\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("CROSSCHECK_HOME", str(tmp_path / "home"))
    TRAINERS.add("fake-test-model", lambda: ("fake_trainer_mod", "a trainer for this test"))
    try:
        before = sorted(p.name for p in shipped_models_dir().iterdir())
        result = run_training("fake-test-model", tmp_path, None, lambda line: None, seed=7)
        assert Path(result["model_dir"]) == tmp_path / "home" / "models" / "fake-test-model-2"
        assert (tmp_path / "home" / "models" / "fake-test-model-2" / "weights.txt").read_text() == "7"
        assert sorted(p.name for p in shipped_models_dir().iterdir()) == before
        again = run_training("fake-test-model", tmp_path, None, lambda line: None, seed=7)
        assert Path(again["model_dir"]).name == "fake-test-model-3"
        out = tmp_path / "chosen"
        assert run_training("fake-test-model", tmp_path, out, lambda line: None)["model_dir"] == str(out)
    finally:
        TRAINERS._factories.pop("fake-test-model")
        sys.modules.pop("fake_trainer_mod", None)


def test_claim_stage_without_config_reads_defaults_toml() -> None:
    from crosscheck.claims.stage import ClaimStage
    from crosscheck.config import load_config

    assert ClaimStage().config == load_config()
