"""``crosscheck bench emergent``: claim vs news headline stance on the Emergent test split.

Uses the judge's ``headline`` variant (trained on Emergent train only; rounds and class weights
chosen by 10-fold cross-validation grouped by claim). Labels map for/against/observing to
agree/disagree/discuss. Reports accuracy and macro-F1 over the three classes on the 524 test
headlines; published (Ferreira & Vlachos 2016): 0.7328 accuracy, 0.7233 macro-F1.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.bench import peak_mb

__all__ = ["run"]


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None, cross_encoder: bool | None = None, **_: Any) -> dict[str, Any]:
    from crosscheck.stance import StanceJudge
    from crosscheck.stance.datasets import EMERGENT_TO_STANCE, load_emergent
    from crosscheck.stance.scoring import accuracy, confusion, f1_per_class, macro_f1

    test = load_emergent(data_dir)[1]
    test = test[:limit] if limit else test
    judge = StanceJudge("headline", cross_encoder=cross_encoder)
    judge.warm_up()
    reading = judging = 0.0
    guess = []
    for p in test:
        t0 = time.perf_counter()
        view = judge.read_article(p.body_id)  # the "article" is one headline here
        t1 = time.perf_counter()
        guess.append(judge.judge(p.claim, view).label)
        reading, judging = reading + t1 - t0, judging + time.perf_counter() - t1
    back = {v: k for k, v in EMERGENT_TO_STANCE.items()}
    back["unrelated"] = "observing"  # only refused input can say unrelated; count it as not taking a side
    gold = [back[p.label] for p in test]
    guess = [back[g] for g in guess]
    labels = ("for", "against", "observing")
    log(f"confusion (rows gold, columns predicted, order {', '.join(labels)}): {confusion(gold, guess, labels)}")
    log("published: Ferreira & Vlachos 2016, 0.7328 accuracy, 0.7233 macro-F1")
    return {
        "accuracy": round(accuracy(gold, guess), 4),
        "macro_f1": round(macro_f1(gold, guess, labels), 4),
        "f1_per_class": {k: round(v, 4) for k, v in f1_per_class(gold, guess, labels).items()},
        "pairs": len(gold),
        # one claim per headline here, so nothing is reused: end-to-end is the honest rate
        "pairs_per_s": round(len(gold) / (reading + judging), 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_mb": peak_mb(),
        "cross_encoder": judge.cross_encoder_pairs > 0,
        "limited": bool(limit),
    }
