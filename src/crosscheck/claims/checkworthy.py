"""Check-worthiness: how much a sentence deserves a fact-checker's attention, as a score in [0, 1].

Usage::

    scorer = CheckworthinessScorer()            # cheap; nothing loaded yet
    scorer.warm_up()                            # loads weights (and MiniLM for the full model)
    scorer.score(["Watch the video below.", "Between 300 and 450 workers were underground when the dam failed."])
    # -> [CheckworthyScore(score=0.03, label='non-factual', reason=None),
    #     CheckworthyScore(score=0.9, label='check-worthy', reason=None)]

``score`` is the model's probability that the sentence is a check-worthy factual sentence
(ClaimBuster's CFS class). ``label`` is ``"check-worthy"`` when the score reaches the model's
threshold, otherwise the likelier of ``"unimportant factual"`` and ``"non-factual"``. The threshold
is the one that maximised CFS F1 on ClaimBuster dev debates held out from training (see the
model's ``TRAINING.json``). Sentences that cannot be scored get score 0, label ``"not-scored"``
and a ``reason``: empty text, no letters, or a run-on over ``MAX_WORDS`` words (a flattened table).

Models (versioned names):

- ``checkworthy.claimbuster.v1`` (default): logistic regression over hashed word/character
  n-grams, cheap cues and MiniLM sentence embeddings, trained on ClaimBuster crowdsourced by
  ``crosscheck train checkworthy``. Pass ``embeddings=`` to ``score`` if you already have
  ``embed.minilm.v1`` vectors for the sentences; otherwise they are computed.
- ``checkworthy.claimbuster-fast.v1``: the same without embeddings (about 0.02 lower CFS F1 on
  dev) for when an embedding per sentence is too slow.
- ``checkworthy.claimbuster-cascade.v1``: the fast model first; only sentences it gives at least
  the dev-tuned ``cascade_cut`` are embedded and rescored by the full model. The cut is the
  largest that cost at most 0.005 CFS F1 against the full model on the dev debates.

- ``checkworthy.news.v1``: the fast model's probability recalibrated for NEWS with cheap cues of
  reporting (a reporting cue, numbers, times, hedges, first person, opinion and future words,
  page furniture...); fitted on the dev half of the labelled news sentences
  (``checkworthy_news``), see ``claims/checkworthy_news.py``.

Debate transcripts with speakers are better served by ``checkworthy_checkthat.rank_transcript``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import ModelError, UsageError
from crosscheck.registry import Registry

__all__ = [
    "CheckworthyScore",
    "CheckworthinessScorer",
    "SCORERS",
    "LABELS",
    "MAX_WORDS",
    "unscorable_reason",
]

LABELS = ("check-worthy", "unimportant factual", "non-factual", "not-scored")
# Longest ClaimBuster sentence is 152 words; anything beyond 200 words is a table, a list or a
# segmentation failure rather than one statement, and a sentence-level score would mean nothing.
MAX_WORDS = 200

# versioned name -> (model folder under crosscheck/models, weight set)
SCORERS: Registry[tuple[str, str]] = Registry.table("check-worthiness model", {
    "checkworthy.claimbuster.v1": ("checkworthy", "full"),
    "checkworthy.claimbuster-fast.v1": ("checkworthy", "fast"),
    "checkworthy.claimbuster-cascade.v1": ("checkworthy", "cascade"),
    "checkworthy.news.v1": ("checkworthy", "news"),
})


@dataclass(frozen=True, slots=True)
class CheckworthyScore:
    score: float  # P(check-worthy factual sentence), 0..1
    label: str  # one of LABELS
    reason: str | None = None  # why the sentence was not scored, else None


def unscorable_reason(sentence: str) -> str | None:
    """Why a sentence cannot be scored, or None when it can."""
    if not sentence or not sentence.strip():
        return "empty sentence"
    if not any(ch.isalpha() for ch in sentence):
        return "no letters (only digits, symbols or punctuation)"
    n_words = len(sentence.split())
    if n_words > MAX_WORDS:
        return f"run-on of {n_words} words (over {MAX_WORDS}): probably a flattened table or list"
    return None


class CheckworthinessScorer:
    """Scores sentences; cheap to construct, loads its model on ``warm_up()`` or first ``score()``."""

    def __init__(self, name: str = "checkworthy.claimbuster.v1", model_dir: Path | None = None, embedder: Any = None) -> None:
        folder, self._set = SCORERS.create(name)
        self.name = name
        if model_dir is None:
            from crosscheck.paths import model_dir as find_model_dir

            model_dir = find_model_dir(folder)
        self.model_dir = model_dir
        self._embedder = embedder
        self._weights: dict[str, Any] = {}
        self._thresholds: dict[str, float] = {}
        self._news: Any = None
        self.classes: list[str] = []

    @property
    def uses_embeddings(self) -> bool:
        return self._set not in ("fast", "news")

    @property
    def threshold(self) -> float:
        """P(check-worthy) cut-off for the label (the full model's, for the cascade)."""
        self.warm_up()
        return self._thresholds["fast" if self._set == "fast" else ("news" if self._set == "news" else "full")]

    def warm_up(self) -> None:
        if self._weights:
            return
        from crosscheck.claims.checkworthy_model import load_weights

        settings_path = self.model_dir / "model.json"
        needed = ["fast", "full"] if self._set == "cascade" else (["fast"] if self._set == "news" else [self._set])
        try:
            settings = json.loads(settings_path.read_text())
            thresholds = {k: float(settings["thresholds"][k]) for k in needed}
            if self._set == "cascade":
                thresholds["cascade_cut"] = float(settings["thresholds"]["cascade_cut"])
            classes = list(settings["classes"])
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{settings_path}: cannot read model settings ({exc!r}); run: crosscheck train checkworthy") from None
        weights = load_weights(self.model_dir / "weights.npz")
        missing = [k for k in needed if k not in weights]
        if missing:
            raise ModelError(f"{self.model_dir / 'weights.npz'} has no '{missing[0]}' weights; run: crosscheck train checkworthy")
        if self.uses_embeddings:
            if self._embedder is None:
                from crosscheck.embed import get_embedder

                self._embedder = get_embedder("embed.minilm.v1")
            self._embedder.warm_up()
        if self._set == "news":
            from crosscheck.claims.checkworthy_news import load_calibration

            self._news = load_calibration()
            thresholds["news"] = self._news.threshold
        self._thresholds, self.classes = thresholds, classes
        self._weights = {k: weights[k] for k in needed}

    def class_probabilities(self, sentences: list[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Raw model output, (len(sentences), len(self.classes)), with no input checks or labels.

        For stacking (e.g. ``TranscriptRanker``); most callers want ``score``.
        """
        return self._probabilities(sentences, embeddings)[0]

    def _probabilities(self, sentences: list[str], embeddings: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """(probabilities, per-row check-worthy threshold)."""
        from crosscheck.claims.checkworthy_model import predict_proba

        self.warm_up()
        if embeddings is not None and embeddings.shape[0] != len(sentences):
            raise UsageError(f"got {embeddings.shape[0]} embeddings for {len(sentences)} sentences; pass one row per sentence")
        if self._set == "fast":
            proba = predict_proba(self._weights["fast"], sentences, None)
            return proba, np.full(len(sentences), self._thresholds["fast"])
        if self._set == "news":
            return self._news_probabilities(sentences), np.full(len(sentences), self._thresholds["news"])
        if self._set == "full":
            vectors = embeddings if embeddings is not None or not sentences else self.embed(sentences)
            return predict_proba(self._weights["full"], sentences, vectors), np.full(len(sentences), self._thresholds["full"])
        # cascade: the fast model answers for clearly unimportant sentences, the full model for the rest
        proba = predict_proba(self._weights["fast"], sentences, None)
        cfs = self.classes.index("check-worthy")
        hard = np.flatnonzero(proba[:, cfs] >= self._thresholds["cascade_cut"])
        thresholds = np.full(len(sentences), self._thresholds["fast"])
        if hard.size:
            texts = [sentences[i] for i in hard]
            vectors = embeddings[hard] if embeddings is not None else self.embed(texts)
            proba[hard] = predict_proba(self._weights["full"], texts, vectors)
            thresholds[hard] = self._thresholds["full"]
        return proba, thresholds

    def _news_probabilities(self, sentences: list[str]) -> np.ndarray:
        """The fast model's rows with P(check-worthy) replaced by the news calibration's; the
        other classes keep their relative odds."""
        from crosscheck.claims.checkworthy_model import predict_proba
        from crosscheck.claims.checkworthy_news import news_features

        proba = predict_proba(self._weights["fast"], sentences, None)
        if not sentences:
            return proba
        cfs = self.classes.index("check-worthy")
        p = self._news.probability(news_features(sentences, proba[:, cfs]))
        rest = np.clip(1.0 - proba[:, cfs], 1e-9, None)
        out = proba * ((1.0 - p) / rest)[:, None]
        out[:, cfs] = p
        return out

    def embed(self, sentences: list[str]) -> np.ndarray:
        """The sentence embeddings this model uses (embed.minilm.v1 rows)."""
        if self._embedder is None:
            from crosscheck.embed import get_embedder

            self._embedder = get_embedder("embed.minilm.v1")
        vectors: np.ndarray = self._embedder.encode(sentences)
        return vectors

    def score(self, sentences: list[str], embeddings: np.ndarray | None = None) -> list[CheckworthyScore]:
        """One ``CheckworthyScore`` per sentence, in order. ``embeddings``: optional MiniLM rows."""
        self.warm_up()
        if embeddings is not None and embeddings.shape[0] != len(sentences):
            raise UsageError(f"got {embeddings.shape[0]} embeddings for {len(sentences)} sentences; pass one row per sentence")
        reasons = [unscorable_reason(s) for s in sentences]
        todo = [i for i, r in enumerate(reasons) if r is None]
        texts = [sentences[i] for i in todo]
        proba, thresholds = self._probabilities(texts, embeddings[todo] if embeddings is not None else None)
        out = [CheckworthyScore(0.0, "not-scored", r) for r in reasons]
        cfs = self.classes.index("check-worthy")
        for row, cut, i in zip(proba, thresholds, todo):
            p = float(row[cfs])
            if p >= cut:
                label = "check-worthy"
            else:
                label = max((row[k], c) for k, c in enumerate(self.classes) if k != cfs)[1]
            out[i] = CheckworthyScore(round(p, 4), label, None)
        return out
