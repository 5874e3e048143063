from __future__ import annotations

import pytest

from crosscheck.errors import PipelineError, UsageError
from crosscheck.pipeline import Pipeline, source_of
from crosscheck.model import RawDocument


class _Stage:
    def __init__(self, name, requires, produces, scope="article"):
        self.name, self.requires, self.produces = name, frozenset(requires), frozenset(produces)
        self.scope = scope

    def warm_up(self):
        pass

    def run(self, articles, store):
        pass


def test_missing_producer_named_at_assembly():
    with pytest.raises(PipelineError, match="'stance' needs claims"):
        Pipeline([_Stage("stance", {"claims"}, {"stance"})])


def test_unknown_scope_refused():
    with pytest.raises(PipelineError, match="scope 'global'"):
        Pipeline([_Stage("claims", {"sentences"}, {"claims"}, scope="global")])


def test_ordered_stages_assemble():
    Pipeline([_Stage("claims", {"sentences"}, {"claims"}), _Stage("stance", {"claims"}, {"stance"})])


@pytest.mark.parametrize(
    "doc,expected",
    [
        (RawDocument(key="k", place="p", format="html", text="t", url="https://www.outlet.example/a", source="The Outlet"), "outlet.example"),
        (RawDocument(key="k", place="p", format="text", text="t", source="The Outlet"), "The Outlet"),
        (RawDocument(key="/x/a.txt", place="p", format="text", text="t", path="/x/a.txt"), "unknown:a.txt"),
    ],
    ids=["domain-first", "named", "unknown-per-file"],
)
def test_source_of(doc, expected):
    assert source_of(doc) == expected


def test_config_rejects_unknown_keys(tmp_path):
    from crosscheck.config import load_config

    cfg = tmp_path / "c.toml"
    cfg.write_text("[ingest]\nmax_file_mb = 5\n")
    assert load_config(cfg)["ingest"]["max_file_mb"] == 5
    assert load_config(cfg)["boilerplate"]["min_documents"] == 3
    cfg.write_text("[ingest]\nmax_filemb = 5\n")
    with pytest.raises(UsageError, match="max_file_mb"):
        load_config(cfg)


def test_cache_dir_precedence(tmp_path, monkeypatch):
    from crosscheck.paths import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CROSSCHECK_CACHE", raising=False)
    assert cache_dir("stance") == tmp_path / "xdg" / "crosscheck" / "stance"
    monkeypatch.setenv("CROSSCHECK_CACHE", str(tmp_path / "own"))
    assert cache_dir("embeddings") == tmp_path / "own" / "embeddings"
    assert (tmp_path / "own" / "embeddings").is_dir()
