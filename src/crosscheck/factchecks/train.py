"""``crosscheck train factcheck-matcher``: the re-ranker, from CLEF CheckThat! claim-retrieval *training* data.

Data: Task 2A English (tweets -> Snopes) and 2021 Task 2B English (debate sentences -> PolitiFact),
both read from ``../shared/data/claimretrieval``. The model is fitted on the ``train`` splits of both
and everything tuned is tuned on their official ``dev`` splits; the test splits are never read here.

Two models (see ``matcher``): the ranker (all ``FEATURES``; its boosting rounds are the best pooled
dev MAP@5 over a fixed grid) and the judge (``JUDGE_FEATURES`` only; its rounds and the display
threshold are the best dev F1 below). The threshold is chosen where "the top fact-check shown is the right one"
has the best F1 on dev queries, pooled over both sets, each dev query counted twice: once as is
(a right top-1 above the threshold is a hit, a wrong one a false alarm) and once with its gold
fact-checks removed from the collection (the claim was never fact-checked: anything shown is a false
alarm). The removed-gold half is a pessimistic stand-in for claims never fact-checked: both
collections hold several fact-checks of one claim, so a "wrong" top-1 there is often a near copy of
the gold. Every threshold's precision and recall is kept in TRAINING.json.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.factchecks import claimretrieval as cr
from crosscheck.factchecks.features import FEATURES, JUDGE_FEATURES, Query, add_features
from crosscheck.factchecks.index import Candidate
from crosscheck.factchecks.matcher import CANDIDATES_PER_RETRIEVER
from crosscheck.paths import file_sha256

__all__ = ["train", "candidate_sets"]

ROUNDS = (100, 200, 400, 700)
PARAMS = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 15, "min_data_in_leaf": 20,
    "feature_fraction": 0.9, "bagging_fraction": 0.9, "bagging_freq": 1, "lambda_l2": 1.0,
    "num_threads": 2, "deterministic": True, "force_row_wise": True, "verbose": -1,
}


def candidate_sets(index: Any, items: list[tuple[str, str]], vectors: np.ndarray,
                   k: int = CANDIDATES_PER_RETRIEVER) -> list[tuple[str, Query, list[Candidate]]]:
    out: list[tuple[str, Query, list[Candidate]]] = []
    for (qid, text), vec in zip(items, vectors):
        q = Query.of(text)
        cands = index.candidates(q.text, vec, k)
        add_features(q, cands, index.bm25.idf)
        out.append((qid, q, cands))
    return out


def _gold(path: Path) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4 and float(parts[3]) > 0:
            gold.setdefault(parts[0], set()).add(parts[2])
    return gold


def _matrix(sets: list[tuple[str, Query, list[Candidate]]], gold: dict[str, set[str]]) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for qid, _, cands in sets:
        for c in cands:
            rows.append([c.features[f] for f in FEATURES])
            labels.append(int(c.check.id in gold.get(qid, set())))
    return np.array(rows, dtype=np.float64), np.array(labels)


def _rank(booster: Any, sets: list[tuple[str, Query, list[Candidate]]], rounds: int | None = None) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for qid, _, cands in sets:
        if not cands:
            out[qid] = []
            continue
        x = np.array([[c.features[f] for f in FEATURES] for c in cands])
        p = booster.predict(x, num_iteration=rounds, num_threads=2)
        order = sorted(range(len(cands)), key=lambda i: (-p[i], cands[i].slot))
        out[qid] = [(cands[i].check.id, float(p[i])) for i in order]
    return out


def train(data_dir: Path, out_dir: Path, log: Callable[[str], None], seed: int = 13) -> dict[str, Any]:
    import lightgbm

    from crosscheck.embed import get_embedder

    embedder = get_embedder("embed.minilm.v1")
    sets: dict[str, dict[str, Any]] = {}
    xs, ys = [], []
    for name in ("2a", "2b"):
        coll = cr.load_set(data_dir, name)
        index = cr.build_index(coll, embedder, log)
        for split in ("train", "dev"):
            items = cr.queries(coll, split)
            cands = candidate_sets(index, items, cr.query_vectors(embedder, items, log))
            gold = _gold(cr.qrels(coll, split))
            sets[f"{name}/{split}"] = {"cands": cands, "gold": gold, "qrels": cr.qrels(coll, split), "index": index}
            found = sum(any(c.check.id in gold.get(q, ()) for c in cs) for q, _, cs in cands)
            log(f"{name} {split}: {len(items)} queries, gold among the candidates for {found} ({found / len(items):.3f})")
            sets[f"{name}/{split}"]["recall"] = round(found / len(items), 4)
        x, y = _matrix(sets[f"{name}/train"]["cands"], sets[f"{name}/train"]["gold"])
        xs.append(x)
        ys.append(y)
    x, y = np.vstack(xs), np.concatenate(ys)
    log(f"training pairs: {len(y):,} ({int(y.sum()):,} positive)")
    params = dict(PARAMS, seed=seed)
    booster = lightgbm.train(params, lightgbm.Dataset(x, y, feature_name=list(FEATURES)), num_boost_round=max(ROUNDS))
    dev: dict[str, Any] = {}
    best_rounds, best_map = ROUNDS[0], -1.0
    for rounds in ROUNDS:
        maps = []
        for name in ("2a", "2b"):
            s = sets[f"{name}/dev"]
            ranking = {q: [d for d, _ in r] for q, r in _rank(booster, s["cands"], rounds).items()}
            m = cr.evaluate(data_dir, s["qrels"], ranking)
            dev[f"ranker, {name} dev, {rounds} rounds"] = {k: round(v, 4) for k, v in m.items()}
            maps.append(m["map_at_5"])
        log(f"ranker dev MAP@5 with {rounds} rounds: 2A {maps[0]:.4f}, 2B {maps[1]:.4f}")
        if np.mean(maps) > best_map:
            best_rounds, best_map = rounds, float(np.mean(maps))
    ranker = lightgbm.train(params, lightgbm.Dataset(x, y, feature_name=list(FEATURES)), num_boost_round=best_rounds)
    xj = x[:, : len(JUDGE_FEATURES)]
    judge_full = lightgbm.train(params, lightgbm.Dataset(xj, y, feature_name=list(JUDGE_FEATURES)), num_boost_round=max(ROUNDS))
    threshold, calib, judge_rounds = 0.5, {"f1": -1.0}, ROUNDS[0]
    for rounds in ROUNDS:
        t, c = _threshold(ranker, judge_full, rounds, sets)
        log(f"judge with {rounds} rounds: threshold {t:.2f}, dev precision {c['precision']}, recall {c['recall']}, F1 {c['f1']}")
        if c["f1"] > calib["f1"]:
            threshold, calib, judge_rounds = t, c, rounds
    judge = lightgbm.train(params, lightgbm.Dataset(xj, y, feature_name=list(JUDGE_FEATURES)), num_boost_round=judge_rounds)
    log(f"threshold {threshold:.3f}: " + json.dumps({k: v for k, v in calib.items() if not k.startswith("curve")}))
    for path, model in ((out_dir / "ranker.lgb.txt.gz", ranker), (out_dir / "judge.lgb.txt.gz", judge)):
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write(model.model_to_string().encode("utf-8"))
    files = [f"claimretrieval/{p}" for p in ("vclaims.jsonl", "queries.jsonl", "qrels/train.qrels", "qrels/dev.qrels")]
    files += [f"claimretrieval/extra/clef2021_task2b_en/{p}" for p in ("vclaims.jsonl", "queries.jsonl", "qrels/train.qrels", "qrels/dev.qrels")]
    info = {
        "format": "crosscheck.factcheck-matcher.v1",
        "ranker": "ranker.lgb.txt.gz",
        "ranker_sha256": file_sha256(out_dir / "ranker.lgb.txt.gz"),
        "ranker_features": list(FEATURES),
        "ranker_rounds": best_rounds,
        "judge": "judge.lgb.txt.gz",
        "judge_sha256": file_sha256(out_dir / "judge.lgb.txt.gz"),
        "judge_features": list(JUDGE_FEATURES),
        "judge_rounds": judge_rounds,
        "embedder": embedder.name,
        "candidates_per_retriever": CANDIDATES_PER_RETRIEVER,
        "threshold": round(threshold, 4),
        "threshold_note": ("best F1 on the 2A+2B dev queries of 'the ranker's first fact-check, shown when the judge "
                           "clears the threshold, is the right one', each dev query also counted with its gold "
                           "fact-checks removed (then anything shown is wrong): "
                           + json.dumps({k: v for k, v in calib.items() if not k.startswith("curve")})),
    }
    (out_dir / "model.json").write_text(json.dumps(info, indent=1) + "\n")
    training = {
        "command": f"crosscheck train factcheck-matcher --seed {seed}",
        "seed": seed,
        "params": params,
        "data_sha256": {f: file_sha256(data_dir / f) for f in files},
        "candidate_recall": {k: v["recall"] for k, v in sets.items()},
        "dev": dev,
        "threshold": calib,
    }
    (out_dir / "TRAINING.json").write_text(json.dumps(training, indent=1, sort_keys=True) + "\n")
    return {"ranker_rounds": best_rounds, "judge_rounds": judge_rounds, "dev_map_at_5_mean": round(best_map, 4),
            "threshold": round(threshold, 4),
            **{k: v for k, v in calib.items() if not k.startswith("curve")}}


def _threshold(ranker: Any, judge: Any, rounds: int, sets: dict[str, dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    shown: list[tuple[float, bool]] = []  # (the judge's probability for the ranker's top-1, is it right)
    n_pos = 0

    def top_judged(q: Query, cands: list[Candidate]) -> tuple[str, float]:
        p = ranker.predict(np.array([[c.features[f] for f in FEATURES] for c in cands]), num_threads=2)
        best = max(range(len(cands)), key=lambda i: (p[i], -cands[i].slot))
        xj = np.array([[cands[best].features[f] for f in JUDGE_FEATURES]])
        return cands[best].check.id, float(judge.predict(xj, num_iteration=rounds, num_threads=1)[0])

    for name in ("2a", "2b"):
        s = sets[f"{name}/dev"]
        for qid, q, cands in s["cands"]:
            gold = s["gold"].get(qid, set())
            if not cands:
                continue
            n_pos += 1
            top, p = top_judged(q, cands)
            shown.append((p, top in gold))
            kept = [c for c in cands if c.check.id not in gold]
            bm_rank = {c.slot: r for r, c in enumerate(sorted(kept, key=lambda c: -c.bm25))}
            cos_rank = {c.slot: r for r, c in enumerate(sorted(kept, key=lambda c: -c.cosine))}
            rest = [Candidate(c.slot, c.check, c.bm25, c.cosine, bm_rank[c.slot], cos_rank[c.slot]) for c in kept]
            add_features(q, rest, s["index"].bm25.idf)
            if rest:
                shown.append((top_judged(q, rest)[1], False))
    best_t, best_f = 0.5, -1.0
    best: dict[str, Any] = {}
    curve: dict[str, list[float]] = {}
    for t in np.arange(0.05, 0.96, 0.01):
        tp = sum(1 for p, ok in shown if p >= t and ok)
        fp = sum(1 for p, ok in shown if p >= t and not ok)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / n_pos if n_pos else 0.0
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        curve[f"{t:.2f}"] = [round(prec, 4), round(rec, 4)]
        if f > best_f:
            best_t, best_f = float(t), f
            best = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f, 4), "dev_queries": n_pos}
    best["curve (threshold: [precision, recall])"] = curve
    return best_t, best
