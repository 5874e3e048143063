"""The stance judge: does an article agree with a claim, disagree, discuss it, or not address it?

``StanceJudge.judge(claim, body)`` gives one ``StanceResult``; ``judge_many(claims, body)`` reads
the article once (sentence split + sentence embeddings) and reuses that for every claim, which is
how the cross-checking stage should call it. ``read_article(body)`` exposes that reading so a
caller holding many claims for many articles can keep it. Models load on first use.

Variants: ``article`` (the default; claim vs article text, trained on FNC-1) and ``headline``
(claim vs a single headline, trained on Emergent; it never says ``unrelated`` on its own because
Emergent pairs are all on topic).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from crosscheck.embed import Embedder, get_embedder
from crosscheck.errors import InputError, ModelError
from crosscheck.stance.features import TOP_K, BodyView, body_sentences, headline_span, pair_features, read_body, read_claim
from crosscheck.stance.model import StanceModel, default_model_dir, load_model
from crosscheck.stance.scoring import STANCE_LABELS
from crosscheck.stance.text import CUE_KINDS, looks_english, words

__all__ = ["StanceJudge", "StanceResult"]

MIN_BODY_WORDS = 3  # below this an article cannot state a position; FNC-1's shortest real body has 4
CLAIM_CACHE = 4096  # claim embeddings kept (claims are re-judged against many articles)


@dataclass(frozen=True, slots=True)
class StanceResult:
    """One judgement. ``passage`` is (start, end) into the body: the sentence that decided it
    (for ``unrelated``, the closest sentence, if any); ``evidence`` lists the few nearest sentences.
    ``probabilities`` are the model's, after the class weights tuned on dev, summing to 1.
    ``reason`` says why in words; for refused input it names the problem."""

    label: str
    probabilities: dict[str, float]
    passage: tuple[int, int] | None
    reason: str | None
    evidence: tuple[tuple[int, int], ...] = field(default=())

    def passage_text(self, body: str) -> str:
        return body[self.passage[0] : self.passage[1]] if self.passage else ""


def _refused(reason: str) -> StanceResult:
    probs = {label: (1.0 if label == "unrelated" else 0.0) for label in STANCE_LABELS}
    return StanceResult("unrelated", probs, None, reason)


class StanceJudge:
    def __init__(self, variant: str = "article", model_dir: Path | None = None, embedder: str | Embedder | None = None) -> None:
        self.variant = variant
        self.model_dir = model_dir or default_model_dir()
        self._embedder_arg = embedder
        self._embedder: Embedder | None = None
        self._model: StanceModel | None = None
        self._claims: OrderedDict[str, np.ndarray] = OrderedDict()

    def warm_up(self) -> None:
        if self._model is not None:
            return
        model = load_model(self.model_dir, self.variant)
        arg = self._embedder_arg
        embedder = get_embedder(arg or model.embedder) if arg is None or isinstance(arg, str) else arg
        if embedder.name != model.embedder:
            raise ModelError(f"stance model in {self.model_dir} was trained on '{model.embedder}' vectors, not '{embedder.name}'")
        embedder.warm_up()
        self._embedder, self._model = embedder, model

    # -- reading ---------------------------------------------------------------------------
    def read_article(self, body: str) -> BodyView:
        """Sentences and their embeddings, computed once per article."""
        self.warm_up()
        assert self._embedder is not None
        if not isinstance(body, str):
            raise InputError("body", f"expected text (str), got {type(body).__name__}")
        spans = body_sentences(body) if self.variant == "article" else headline_span(body)
        vecs = self._embedder.encode([body[s.start : s.end] for s in spans])
        return read_body(body, spans, vecs)

    def _claim_vectors(self, claims: Sequence[str]) -> dict[str, np.ndarray]:
        assert self._embedder is not None
        todo = sorted({c for c in claims if c not in self._claims})
        if todo:
            for c, v in zip(todo, self._embedder.encode(todo)):
                self._claims[c] = v
            while len(self._claims) > CLAIM_CACHE:
                self._claims.popitem(last=False)
        return {c: self._claims[c] for c in claims}

    # -- judging ---------------------------------------------------------------------------
    def judge(self, claim: str, body: str | BodyView) -> StanceResult:
        return self.judge_many([claim], body)[0]

    def judge_many(self, claims: Sequence[str], body: str | BodyView) -> list[StanceResult]:
        """One result per claim, in order; the article is read once."""
        self.warm_up()
        assert self._model is not None
        for i, c in enumerate(claims):
            if not isinstance(c, str):
                raise InputError(f"claim {i}", f"expected text (str), got {type(c).__name__}")
        view = body if isinstance(body, BodyView) else self.read_article(body)
        refusal = self._body_refusal(view)
        results: list[StanceResult | None] = [None] * len(claims)
        todo: list[int] = []
        for i, c in enumerate(claims):
            why = refusal or self._claim_refusal(c, view)
            if why:
                results[i] = _refused(why)
            else:
                todo.append(i)
        if todo:
            vecs = self._claim_vectors([claims[i] for i in todo])
            model = self._model
            rows = np.zeros((len(todo), len(model.feature_names)), dtype=np.float32)
            orders = []
            for r, i in enumerate(todo):
                rows[r], order = pair_features(read_claim(claims[i], vecs[claims[i]]), view, model.idf, model.pca)
                orders.append(order)
            probs = model.predict(rows) * model.class_weights
            probs /= probs.sum(axis=1, keepdims=True)
            for r, i in enumerate(todo):
                results[i] = self._result(probs[r], orders[r], vecs[claims[i]], view)
        return [r for r in results if r is not None]

    def _body_refusal(self, view: BodyView) -> str | None:
        if not view.text.strip() or not view.sentences:
            return "the article is empty: there is no text to take a stance"
        if not view.english:  # before the word count: CJK text has no spaces, so it counts as one "word"
            return "the article does not look like English text; the stance model reads English only"
        if self.variant == "article" and view.n_words < MIN_BODY_WORDS:
            return f"the article has only {view.n_words} word(s): too little text to take a stance"
        return None

    def _claim_refusal(self, claim: str, view: BodyView) -> str | None:
        tokens = words(claim)
        if not tokens:
            return "the claim is empty: there is nothing to judge"
        if not looks_english(claim, tokens):
            return "the claim does not look like English text; the stance model reads English only"
        if self.variant == "article" and len(tokens) > view.n_words:
            return f"the claim ({len(tokens)} words) is longer than the article ({view.n_words} words): the article cannot address it"
        return None

    def _result(self, probs: np.ndarray, order: list[int], claim_vec: np.ndarray, view: BodyView) -> StanceResult:
        assert self._model is not None
        labels = self._model.labels
        p = {label: 0.0 for label in STANCE_LABELS}
        for label, value in zip(labels, probs):
            p[label] = round(float(value), 4)
        label = labels[int(probs.argmax())]
        spans = [(view.sentences[i].start, view.sentences[i].end) for i in order[:TOP_K]]
        best = order[0]
        sim = float(view.embeddings[best] @ claim_vec)
        cues = [k for k, n in zip(CUE_KINDS, view.sentence_cues[max(best - 1, 0) : best + 2].sum(axis=0)) if n > 0]
        cue_text = f"; cue words near it: {', '.join(cues)}" if cues else ""
        if label == "unrelated":
            reason = f"no sentence addresses the claim (closest similarity {sim:.2f})"
        else:
            reason = f"{label}: decided by sentence {best + 1} of {len(view.sentences)} (similarity {sim:.2f}){cue_text}"
        return StanceResult(label, p, spans[0] if spans else None, reason, tuple(spans))
