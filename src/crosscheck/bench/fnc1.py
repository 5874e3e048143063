"""``crosscheck bench fnc1``: the stance judge on the FNC-1 competition test set, scored once.

The model was tuned on the official hold-out split only (see ``crosscheck/models/stance/TRAINING.json``);
this bench reads the shipped weights, judges every (headline, body) test pair the way a caller
would (each body read once, its sentence embeddings reused across all headlines paired with it),
and reports the official relative FNC score, macro-F1 and per-class F1, plus throughput and peak
memory. ``--limit N`` judges only the first N bodies (smoke runs; numbers not comparable).
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.bench import peak_mb

__all__ = ["run"]


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None, cross_encoder: bool | None = None, **_: Any) -> dict[str, Any]:
    from crosscheck.stance import StanceJudge
    from crosscheck.stance.datasets import load_fnc
    from crosscheck.stance.model import default_model_dir
    from crosscheck.stance.scoring import STANCE_LABELS, confusion, f1_per_class, fnc_score, macro_f1

    fnc = load_fnc(data_dir)
    judge = StanceJudge("article", cross_encoder=cross_encoder)
    judge.warm_up()
    by_body: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(fnc.test):
        by_body[p.body_id].append(i)
    body_ids = sorted(by_body)[:limit] if limit else sorted(by_body)
    pred: dict[int, str] = {}
    reading = judging = 0.0  # reading = sentence split + MiniLM over the body; judging = all per-claim work
    sentences = 0
    for n, b in enumerate(body_ids, start=1):
        idx = by_body[b]
        t0 = time.perf_counter()
        view = judge.read_article(fnc.bodies[b])
        t1 = time.perf_counter()
        results = judge.judge_many([fnc.test[i].claim for i in idx], view)
        t2 = time.perf_counter()
        reading, judging, sentences = reading + t1 - t0, judging + t2 - t1, sentences + len(view.sentences)
        for i, r in zip(idx, results):
            pred[i] = r.label
        if n % 200 == 0:
            log(f"{n}/{len(body_ids)} bodies, {len(pred)} pairs; reading {sentences / reading:.0f} sentences/s, judging {len(pred) / judging:.0f} pairs/s")
    seconds = reading + judging
    order = sorted(pred)
    gold = [fnc.test[i].label for i in order]
    guess = [pred[i] for i in order]
    raw, best, rel = fnc_score(gold, guess)
    per = f1_per_class(gold, guess)
    log(f"confusion (rows gold, columns predicted, order {', '.join(STANCE_LABELS)}): {confusion(gold, guess)}")
    log(f"FNC score {raw:.2f} / {best:.2f} = {rel:.2f}%; published: Talos 82.02, Athene 81.97, RoBERTa (GPU) 90.01")
    training = default_model_dir() / "TRAINING.json"
    dev = json.loads(training.read_text()).get("dev", {}).get("article (FNC-1 hold-out split)") if training.is_file() else None
    cross = default_model_dir() / "TRAINING-crossencoder.json"
    cross_dev = None
    if cross.is_file() and judge.cross_encoder_pairs:
        holdout = json.loads(cross.read_text())["dev_int8"]["fnc1_holdout"]
        cross_dev = {k: v for k, v in holdout.items() if k != "by_share"}
    return {
        "fnc_score": round(rel, 2),
        "fnc_raw": raw,
        "macro_f1": round(macro_f1(gold, guess), 4),
        "f1_per_class": {k: round(v, 4) for k, v in per.items()},
        "accuracy": round(sum(g == p for g, p in zip(gold, guess)) / len(gold), 4),
        "pairs": len(gold),
        # the constraint: pairs/s with each article read once and reused across its claims
        "pairs_per_s": round(len(gold) / judging, 1),
        "pairs_per_s_end_to_end": round(len(gold) / seconds, 1),
        "article_sentences_per_s": round(sentences / reading, 1),
        # related pairs (as LightGBM decides) re-judged by the cross-encoder, and its own rate
        "cross_encoder_pairs": judge.cross_encoder_pairs,
        "cross_encoder_pairs_per_s": round(judge.cross_encoder_pairs / judge.cross_encoder_seconds, 1) if judge.cross_encoder_seconds else None,
        "load_average_1min": round(os.getloadavg()[0], 2),  # the 2 cores are shared; read speeds with this
        "peak_mb": peak_mb(),
        "dev": dev,
        "dev_cross_encoder": cross_dev,
        "limited": bool(limit),
    }
