"""The claims stage gives the same records in worker processes as in one process."""

from __future__ import annotations

import pytest

import crosscheck.claims.stage as stage_mod
from crosscheck.claims.stage import ClaimStage
from crosscheck.config import load_config
from crosscheck.pipeline import Ingestor, Pipeline
from crosscheck.store import open_store


def _claims(tmp_path, examples_dir, workers, monkeypatch):
    config = load_config()
    config["claims"]["workers"] = workers
    monkeypatch.setattr(stage_mod, "MIN_ARTICLES_FOR_WORKERS", 1)
    store = open_store(tmp_path / f"w{workers}.db")
    Ingestor(store, config).run([examples_dir / "corpus"])
    articles = list(store.iter_articles())
    Pipeline([ClaimStage(config)]).run(articles, store)
    out = {a.id: [(c, c.fields) for c in store.claims_for([a.id])] for a in articles}
    store.close()
    return out


@pytest.mark.slow
def test_workers_match_single_process(tmp_path, examples_dir, monkeypatch):
    single = _claims(tmp_path, examples_dir, 1, monkeypatch)
    pooled = _claims(tmp_path, examples_dir, 2, monkeypatch)
    assert pooled == single
    assert sum(len(c) for c in single.values()) > 50
