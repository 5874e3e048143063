"""The CLEF CheckThat! claim-retrieval data in ``../shared/data/claimretrieval`` (read at run time;
nothing from it is copied into the repository), and scoring with the folder's own scorer.

Two sets: ``2a`` (tweets -> 14,231 Snopes fact-checks; splits train, dev, test2021, test2022) and
``2b`` (political-debate sentences -> 19,250 PolitiFact fact-checks; splits train, dev, test).
Scores come from ``scorer/score.py`` in the data folder, imported at run time: it reproduces the
official scorer, duplicate qrels lines included (``dedup=True`` drops them).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.factchecks.index import FactCheckIndex, IndexedCheck, document_text
from crosscheck.factchecks.text import normalise
from crosscheck.paths import cache_dir

__all__ = ["Collection", "load_set", "queries", "qrels", "scorer", "embed_cached", "build_index", "evaluate"]


@dataclass
class Collection:
    name: str
    folder: Path
    checks: list[IndexedCheck]


def _folder(data_dir: Path, name: str) -> Path:
    base = data_dir / "claimretrieval"
    return base if name == "2a" else base / "extra" / "clef2021_task2b_en"


def load_set(data_dir: Path, name: str) -> Collection:
    folder = _folder(data_dir, name)
    checks = []
    for line in (folder / "vclaims.jsonl").open(encoding="utf-8"):
        v = json.loads(line)
        title = " ".join(t for t in (v.get("title"), v.get("subtitle")) if t and t not in v["claim"]) or None
        checks.append(IndexedCheck(v["id"], v["id"], v["claim"], title, None))
    return Collection(name, folder, checks)


def queries(coll: Collection, split: str) -> list[tuple[str, str]]:
    """(official id, text) of one split."""
    out = []
    for line in (coll.folder / "queries.jsonl").open(encoding="utf-8"):
        q = json.loads(line)
        if q["split"] == split:
            out.append((q["id"], q["text"]))
    return out


def qrels(coll: Collection, split: str) -> Path:
    return coll.folder / "qrels" / f"{split}.qrels"


def scorer(data_dir: Path) -> Any:
    """The data folder's ``score.py`` as a module (imported, never copied)."""
    path = data_dir / "claimretrieval" / "scorer" / "score.py"
    spec = importlib.util.spec_from_file_location("claimretrieval_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def embed_cached(embedder: Any, texts: Sequence[str], log: Callable[[str], None] | None = None) -> np.ndarray:
    """Embeddings of ``texts``, cached as float16 under ``paths.cache_dir('factchecks')`` (vectors only)."""
    key = hashlib.sha256((embedder.name + "\n" + "\n".join(texts)).encode("utf-8")).hexdigest()[:32]
    path = cache_dir("factchecks") / f"{key}.npy"
    if path.is_file():
        return np.load(path).astype(np.float32)
    if log:
        log(f"embedding {len(texts):,} texts with {embedder.name} (cached afterwards)")
    mat = embedder.encode(list(texts))
    np.save(path, mat.astype(np.float16))
    return np.asarray(mat.astype(np.float16), dtype=np.float32)


def build_index(coll: Collection, embedder: Any, log: Callable[[str], None] | None = None) -> FactCheckIndex:
    vectors = embed_cached(embedder, [document_text(c.claim, c.title) for c in coll.checks], log)
    index = FactCheckIndex(vectors.shape[1])
    index.add_many(coll.checks, vectors)
    return index


def query_vectors(embedder: Any, items: Sequence[tuple[str, str]], log: Callable[[str], None] | None = None) -> np.ndarray:
    return embed_cached(embedder, [normalise(t) for _, t in items], log)


def evaluate(data_dir: Path, gold: Path, ranking: dict[str, list[str]], dedup: bool = False) -> dict[str, float]:
    """MAP@1/3/5 and MRR over the queries ranked, with the data folder's scorer."""
    score = scorer(data_dir)
    rel = score.read_qrels(str(gold), dedup=dedup)
    per = [score.per_query_metrics(docs, rel.get(qid, []), [1, 3, 5]) for qid, docs in ranking.items()]
    n = len(per) or 1
    return {
        "map_at_1": sum(p["MAP@1"] for p in per) / n,
        "map_at_3": sum(p["MAP@3"] for p in per) / n,
        "map_at_5": sum(p["MAP@5"] for p in per) / n,
        "mrr": sum(p["RR"] for p in per) / n,
    }
