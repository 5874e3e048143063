"""Fit ``checkworthy.news.v1`` on the DEV half of the news check-worthiness labels.

``python -m crosscheck.claims.checkworthy_news_train [DATA_DIR]`` rewrites
``models/checkworthy-news/calibration.json``. The regularisation ``c`` and the threshold are
chosen by 5-fold cross-validation inside dev (out-of-fold F1); the test half is never read.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from crosscheck.claims.checkworthy_news import CALIBRATION, NewsCalibration, news_features, save_calibration, train_news_calibration

__all__ = ["fit_on_dev", "main"]

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.81, 0.05))


def _f1(p: np.ndarray, y: np.ndarray, cut: float) -> float:
    pred = p >= cut
    tp = float((pred & (y == 1)).sum())
    return 2 * tp / max(1.0, float(pred.sum() + (y == 1).sum()))


def _out_of_fold(x: np.ndarray, y: np.ndarray, c: float, folds: int = 5) -> np.ndarray:
    order = np.arange(len(y))
    p = np.zeros(len(y))
    for k in range(folds):
        held = order % folds == k
        cal = train_news_calibration(x[~held], y[~held], c)
        p[held] = cal.probability(x[held])
    return p


def fit_on_dev(data_dir: Path) -> tuple[NewsCalibration, dict[str, object]]:
    from crosscheck.bench.annotations import load_labels, sentence_texts
    from crosscheck.bench.checkworthy_news import LABELS
    from crosscheck.claims.checkworthy import CheckworthinessScorer

    rows = [r for r in load_labels(LABELS) if r["split"] == "dev"]
    texts = sentence_texts(data_dir, rows)
    sentences = [texts[r["id"]][r["start"]:r["end"]].strip() for r in rows]
    y = np.asarray([1.0 if r["checkworthy"] else 0.0 for r in rows])
    base = np.asarray([s.score for s in CheckworthinessScorer("checkworthy.claimbuster-fast.v1").score(sentences)])
    x = news_features(sentences, base)
    best = max(((_f1(_out_of_fold(x, y, c), y, t), -c, t) for c in C_GRID for t in THRESHOLDS))
    f1, c, cut = best[0], -best[1], best[2]
    cal = train_news_calibration(x, y, c, cut)
    note = {"trained_on": f"{LABELS.name} dev half ({len(rows)} sentences, {int(y.sum())} check-worthy); test never read",
            "c": c, "threshold_note": f"c and threshold chosen by 5-fold cross-validation inside dev: out-of-fold F1 {f1:.3f}",
            "dev_fast_model_f1_at_its_threshold": round(_f1(base, y, 0.33), 4)}
    return cal, note


def main(argv: list[str] | None = None) -> int:
    from crosscheck.paths import shared_data_dir

    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else shared_data_dir()
    assert data_dir is not None
    cal, note = fit_on_dev(data_dir)
    save_calibration(cal, CALIBRATION, note)
    print(f"wrote {CALIBRATION}: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
