"""The FNC-1 metric (relative "FNC score") and the usual classification summaries.

The FNC score follows the rules printed in the data's SOURCE.md (the official scorer.py): +0.25
for a correct related/unrelated decision, +0.75 more for the exact related label. The relative
score is 100 * raw / max, where max is what a perfect submission earns on the same gold labels.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from crosscheck.errors import InputError

__all__ = ["STANCE_LABELS", "RELATED", "fnc_score", "f1_per_class", "macro_f1", "accuracy", "confusion", "read_submission"]

STANCE_LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset({"agree", "disagree", "discuss"})


def _check(gold: Sequence[str], pred: Sequence[str]) -> None:
    if len(gold) != len(pred):
        raise InputError("predictions", f"{len(pred)} predictions for {len(gold)} gold labels; they must pair up row by row")


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float, float]:
    """(raw score, max score, relative score in percent)."""
    _check(gold, pred)
    raw = 0.0
    best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            raw += 0.25
            if g != "unrelated":
                raw += 0.50
        if g in RELATED and p in RELATED:
            raw += 0.25
    return raw, best, (100.0 * raw / best if best else 0.0)


def f1_per_class(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = STANCE_LABELS) -> dict[str, float]:
    _check(gold, pred)
    out: dict[str, float] = {}
    for c in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        out[c] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = STANCE_LABELS) -> float:
    per = f1_per_class(gold, pred, labels)
    return sum(per.values()) / len(per)


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    _check(gold, pred)
    return sum(1 for g, p in zip(gold, pred) if g == p) / max(len(gold), 1)


def confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = STANCE_LABELS) -> list[list[int]]:
    """Rows gold, columns predicted, in ``labels`` order."""
    idx = {c: i for i, c in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        m[idx[g]][idx[p]] += 1
    return m


def read_submission(path: Path) -> list[tuple[str, str, str]]:
    """(headline, body id, stance) rows of an FNC-1 style CSV, in file order."""
    if not path.is_file():
        raise InputError(str(path), "file not found")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    bad = [i for i, r in enumerate(rows, start=2) if r.get("Stance") not in STANCE_LABELS]
    if bad:
        raise InputError(f"{path} line {bad[0]}", f"stance must be one of {', '.join(STANCE_LABELS)}")
    return [(r["Headline"], r["Body ID"], r["Stance"]) for r in rows]
