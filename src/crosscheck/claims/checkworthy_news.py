"""A news-domain calibration of check-worthiness: ``checkworthy.news.v1``.

The ClaimBuster models learned from US presidential debates, where a check-worthy sentence is a
politician's factual claim. In news the core claims are plain reports of events ("the dictator
left the capital on Sunday", 0.38 with the fast model) while colour and opinion score high. This
model keeps the fast model's probability as one input and adds cheap cues of news reporting,
read with the regex annotators (no parse): a reporting cue, numbers, times, hedges, first and
second person, opinion and future words, page furniture, names, length, quoted share.

It is a logistic regression over ``FEATURES`` (standardised), fitted on the DEV half of
``bench/labels/checkworthy_news.jsonl`` only (70 sentences) by ``train_news_calibration``; the
test half is scored by ``crosscheck bench annotations``. The fitted weights, the standardisation
and the threshold are ``models/checkworthy-news/calibration.json``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["FEATURES", "NewsCalibration", "news_features", "load_calibration", "train_news_calibration", "CALIBRATION"]

CALIBRATION = Path(__file__).resolve().parents[1] / "models" / "checkworthy-news" / "calibration.json"
FEATURES = ("base_logit", "reporting_cue", "quantities", "times", "hedged", "first_second_person", "opinion",
            "future_or_modal", "furniture", "names", "log_words", "quoted_share", "question")

_PERSON = re.compile(r"\b(?:I|I'm|I've|I'll|we|We|we're|We're|our|Our|you|You|your|Your|my|My|me|us)\b")
_OPINION = re.compile(
    r"\b(?:believe[sd]?|think|thinks|hope[sd]?|feel|feels|excited|disappointing|disappointed|perfect|great|amazing|awful"
    r"|wonderful|terrible|sad|happy|proud|concerned|worried|convinced|should|must|best|worst|love|hate|fear|fears"
    r"|injustice|shame|guess|unfortunately|fortunately|incredible|remarkable|appropriate|inappropriate)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|could|might|may|shall|expected\s+to|plans?\s+to|going\s+to|hopes?\s+to)\b", re.I)
_FURNITURE = re.compile(
    r"^(?:SEE\s+ALSO|Related|READ\s+MORE|Read\s+more|Watch|Click|Follow|Sign\s+up|Subscribe|Photo|Image|Video|Advertisement)\b"
    r"|reporting\s+by|editing\s+by|https?://|www\.|\.com\b|@\w|^\W*[—–-]\s*\w+.*\d{4}\s*$", re.I)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_QUOTED = re.compile(r"[\"“”«»]|(?:^|\s)['‘]|['’](?:\s|$)")


@dataclass(frozen=True, slots=True)
class NewsCalibration:
    weights: np.ndarray  # one per FEATURES
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        p: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return p


def news_features(sentences: list[str], base: np.ndarray) -> np.ndarray:
    """One row of ``FEATURES`` per sentence; ``base`` is the fast model's P(check-worthy)."""
    from crosscheck.annotate.attribution import has_cue
    from crosscheck.annotate.hedges import find_hedges
    from crosscheck.annotate.quantities import find_quantities
    from crosscheck.annotate.times import find_times

    rows = []
    for s, p in zip(sentences, base):
        times = find_times(s)
        words = max(1, len(s.split()))
        p = min(max(float(p), 1e-4), 1 - 1e-4)
        rows.append([
            math.log(p / (1 - p)),
            float(has_cue(s)),
            float(min(2, len(find_quantities(s, times=times)))),
            float(bool(times)),
            float(bool(find_hedges(s))),
            float(bool(_PERSON.search(_unquoted(s)))),
            float(bool(_OPINION.search(s))),
            float(bool(_FUTURE.search(s))),
            float(bool(_FURNITURE.search(s.strip()))),
            min(1.0, len(_CAPITALISED.findall(s)) / words * 3),
            math.log(words),
            _quoted_share(s),
            float(s.rstrip().endswith("?")),
        ])
    return np.asarray(rows, dtype=float).reshape(len(sentences), len(FEATURES))


def _unquoted(s: str) -> str:
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", s)


def _quoted_share(s: str) -> float:
    marks = [m.start() for m in _QUOTED.finditer(s)]
    if len(marks) < 2:
        return 1.0 if marks and len(s) - marks[0] > 0.6 * len(s) else 0.0
    return min(1.0, (marks[-1] - marks[0]) / max(1, len(s)))


def load_calibration(path: Path = CALIBRATION) -> NewsCalibration:
    from crosscheck.errors import ModelError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError("feature list differs from this version of crosscheck")
        return NewsCalibration(np.asarray(data["weights"], float), float(data["bias"]), np.asarray(data["mean"], float),
                               np.asarray(data["scale"], float), float(data["threshold"]))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{path}: cannot read the news calibration ({exc}); it ships with crosscheck: reinstall") from None


def train_news_calibration(features: np.ndarray, labels: np.ndarray, c: float = 1.0, threshold: float = 0.5) -> NewsCalibration:
    """L2-regularised logistic regression (Newton steps) on standardised features."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale == 0] = 1.0
    x = np.hstack([(features - mean) / scale, np.ones((len(features), 1))])
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], 1.0 / c)
    reg[-1] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - labels) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return NewsCalibration(w[:-1], float(w[-1]), mean, scale, threshold)


def save_calibration(cal: NewsCalibration, path: Path, note: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "format": "crosscheck.checkworthy.news.v1", "features": list(FEATURES), "weights": [round(float(v), 6) for v in cal.weights],
        "bias": round(cal.bias, 6), "mean": [round(float(v), 6) for v in cal.mean], "scale": [round(float(v), 6) for v in cal.scale],
        "threshold": cal.threshold, **note,
    }, indent=1) + "\n", encoding="utf-8")
