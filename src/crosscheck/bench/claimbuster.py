"""``crosscheck bench claimbuster``: check-worthiness on ClaimBuster's expert-labelled groundtruth.csv.

Protocol: the shipped model (``crosscheck train checkworthy``) was trained and tuned only on
``crowdsourced.csv`` (dev = 7 held-out debates), with the 15 crowdsourced sentences whose text also
occurs in ``groundtruth.csv`` removed. Here ``groundtruth.csv`` (1,032 sentences) is scored once.
Reported: precision/recall/F1 of the check-worthy (CFS) class, macro-F1 over the three classes
(CFS/UFS/NFS) and macro-F1 of the binary CFS-vs-rest view, for the full, fast and cascade models
(unprefixed keys: the default full model), with each model's end-to-end sentences/s.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.claims.checkworthy import CheckworthinessScorer
from crosscheck.claims.checkworthy_data import CB_CLASSES, read_claimbuster, sha256_file
from crosscheck.claims.checkworthy_train import classification_numbers

__all__ = ["run"]


def run(data_dir: Path, log: Callable[[str], None], **opts: Any) -> dict[str, Any]:
    path = data_dir / "claimbuster" / "groundtruth.csv"
    gold_rows = read_claimbuster(path)
    if opts.get("limit"):
        gold_rows = gold_rows[: int(opts["limit"])]
    log(f"groundtruth.csv: {len(gold_rows)} sentences, sha256 {sha256_file(path)[:16]}")
    texts = [s.text for s in gold_rows]
    gold = np.array([s.label for s in gold_rows])
    result: dict[str, Any] = {"n": len(texts)}
    models = (("checkworthy.claimbuster.v1", ""), ("checkworthy.claimbuster-fast.v1", "fast_"), ("checkworthy.claimbuster-cascade.v1", "cascade_"))
    for name, prefix in models:
        scorer = CheckworthinessScorer(name)
        scorer.warm_up()
        t0 = time.perf_counter()
        scores = scorer.score(texts)  # the full model embeds the sentences itself: timed end to end
        rate = len(texts) / max(time.perf_counter() - t0, 1e-9)
        pred = np.array([CB_CLASSES.index(s.label) if s.label in CB_CLASSES else 0 for s in scores])
        numbers = classification_numbers(gold, pred)
        log(f"{name}: {numbers} (threshold {scorer.threshold}, {rate:.0f} sentences/s end to end)")
        result.update({prefix + k: v for k, v in numbers.items()})
        result[prefix + "sentences_per_s"] = round(rate, 1)
    return result
