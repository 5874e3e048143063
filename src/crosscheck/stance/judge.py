"""The stance judge: does an article agree with a claim, disagree, discuss it, or not address it?

``StanceJudge.judge(claim, body)`` gives one ``StanceResult``; ``judge_many(claims, body)`` reads
the article once (sentence split + sentence embeddings) and reuses that for every claim, which is
how the cross-checking stage should call it. ``read_article(body)`` exposes that reading so a
caller holding many claims for many articles can keep it. Models load on first use.

Variants: ``article`` (the default; claim vs article text, trained on FNC-1) and ``headline``
(claim vs a single headline, trained on Emergent; it never says ``unrelated`` on its own because
Emergent pairs are all on topic).

When the model folder holds the stance cross-encoder (``crossencoder.py``), it serves the variants
its ``crossencoder.json`` names: for ``article`` the LightGBM model still decides related vs
unrelated, and agree / disagree / discuss is decided by the cross-encoder (over the three deciding
sentences) blended with LightGBM's own distribution over those three (``crossencoder.blend``, the
cross-encoder's share chosen on dev); for ``headline`` the same blend decides all three.
``relate_claims(a, b)`` uses its NLI head for claim-to-claim relations (corroborates / conflicts /
unrelated).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from crosscheck.embed import Embedder, get_embedder
from crosscheck.errors import InputError, ModelError
from crosscheck.stance.crossencoder import CrossEncoder, blend, load_meta
from crosscheck.stance.features import TOP_K, BodyView, body_sentences, headline_span, pair_features, read_body, read_claim
from crosscheck.stance.model import StanceModel, default_model_dir, load_model
from crosscheck.stance.passages import decisive_passage
from crosscheck.stance.scoring import RELATED, STANCE_LABELS
from crosscheck.stance.text import CUE_KINDS, looks_english, words

__all__ = ["StanceJudge", "StanceResult", "ClaimRelationResult", "CLAIM_RELATIONS"]

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


# claim-to-claim relation per NLI label
CLAIM_RELATIONS = {"entailment": "corroborates", "contradiction": "conflicts", "neutral": "unrelated"}


@dataclass(frozen=True, slots=True)
class ClaimRelationResult:
    """How claim ``b`` relates to claim ``a``: ``label`` is corroborates / conflicts / unrelated.
    ``probabilities`` has keys ``entails``, ``contradicts`` and ``neutral``: the NLI head's, averaged
    over both reading orders and temperature-calibrated on NLI dev (reliability table in the README).
    Two claims whose MiniLM similarity is below the cross-encoder's ``related_min_cosine`` are
    ``unrelated`` whatever the NLI head says; the reason then gives both."""

    label: str
    probabilities: dict[str, float]
    reason: str | None


def _refused(reason: str) -> StanceResult:
    probs = {label: (1.0 if label == "unrelated" else 0.0) for label in STANCE_LABELS}
    return StanceResult("unrelated", probs, None, reason)


class StanceJudge:
    def __init__(self, variant: str = "article", model_dir: Path | None = None, embedder: str | Embedder | None = None,
                 cross_encoder: bool | None = None) -> None:  # fmt: skip
        """``cross_encoder``: None uses it where the model folder says it serves this variant,
        False never (LightGBM alone), True always (a missing cross-encoder is then an error)."""
        self.variant = variant
        self._use_cross = cross_encoder
        self._cross: CrossEncoder | None = None
        # what went through the cross-encoder, for speed reports (the benches read these)
        self.cross_encoder_pairs = 0
        self.cross_encoder_seconds = 0.0
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
        meta = load_meta(self.model_dir)
        if self._use_cross or (self._use_cross is None and meta is not None and self.variant in meta.serves):
            self._cross = CrossEncoder(self.model_dir)
            self._cross.warm_up()

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
            if self._cross is not None:
                probs = self._cross_probabilities(probs, [claims[i] for i in todo], orders, view)
            for r, i in enumerate(todo):
                results[i] = self._result(probs[r], orders[r], vecs[claims[i]], view)
        return [r for r in results if r is not None]

    def _cross_probabilities(self, probs: np.ndarray, claims: Sequence[str], orders: list[list[int]], view: BodyView) -> np.ndarray:
        """LightGBM's rows with agree/disagree/discuss re-decided by the cross-encoder (``article``:
        only for pairs LightGBM calls related, keeping its related share; ``headline``: all pairs)."""
        assert self._cross is not None and self._model is not None
        labels = self._model.labels
        related = [j for j, label in enumerate(labels) if label in RELATED]
        picked = [r for r in range(len(claims)) if self.variant == "headline" or labels[int(probs[r].argmax())] in RELATED]
        if not picked:
            return probs
        task = self.variant
        started = time.perf_counter()
        premises = [decisive_passage(view, orders[r]) if task == "article" else view.text for r in picked]
        ce = self._cross.probabilities([(premises[k], claims[r]) for k, r in enumerate(picked)], task)
        self.cross_encoder_pairs += len(picked)
        self.cross_encoder_seconds += time.perf_counter() - started
        cols = [labels.index(label) for label in self._cross.meta.tasks[task]]
        # LightGBM's own distribution over the same labels, blended with the cross-encoder's
        own = probs[np.ix_(picked, cols)]
        own = own / np.clip(own.sum(axis=1, keepdims=True), 1e-12, None)
        ce = blend(own, ce, self._cross.meta.blend.get(task, 1.0))
        ce *= np.asarray(self._cross.meta.class_weights[task])
        ce /= ce.sum(axis=1, keepdims=True)
        out = probs.copy()
        for k, r in enumerate(picked):
            share = 1.0 if task == "headline" else float(probs[r, related].sum())
            out[r] = 0.0 if task == "headline" else out[r]
            out[r, cols] = share * ce[k]
        return out

    # -- claim to claim -------------------------------------------------------------------------
    def relate_claims(self, a: str, b: str) -> ClaimRelationResult:
        """Does claim ``b`` corroborate claim ``a``, conflict with it, or neither (order-independent)?"""
        return self.relate_claims_many([(a, b)])[0]

    def relate_claims_many(self, pairs: Sequence[tuple[str, str]]) -> list[ClaimRelationResult]:
        """One result per (a, b) pair, in order; batched through the cross-encoder's NLI head."""
        if self._cross is None:
            meta = load_meta(self.model_dir)
            if meta is None:
                raise ModelError(f"claim relations need the stance cross-encoder, not found in {self.model_dir}; build it with: crosscheck train stance-crossencoder")
            self._cross = CrossEncoder(self.model_dir)
        cross = self._cross
        results: list[ClaimRelationResult | None] = [None] * len(pairs)
        todo = []
        for i, pair in enumerate(pairs):
            if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(t, str) for t in pair)):
                raise InputError(f"claim pair {i}", "expected a (str, str) tuple")
            if not words(pair[0]) or not words(pair[1]):
                results[i] = ClaimRelationResult("unrelated", {"entails": 0.0, "contradicts": 0.0, "neutral": 1.0}, "a claim is empty: nothing to relate")
            else:
                todo.append(i)
        if todo:
            self.warm_up()
            vecs = self._claim_vectors([t for i in todo for t in pairs[i]])
            similarity = [float(vecs[pairs[i][0]] @ vecs[pairs[i][1]]) for i in todo]
            both = [pairs[i] for i in todo] + [(pairs[i][1], pairs[i][0]) for i in todo]
            logits = cross.logits(both, "nli")
            probs = cross.calibrate((logits[: len(todo)] + logits[len(todo) :]) / 2, "nli")
            names = cross.meta.tasks["nli"]
            for k, i in enumerate(todo):
                p = dict(zip(names, (round(float(x), 4) for x in probs[k])))
                top = max(p, key=lambda n: p[n])
                relation = CLAIM_RELATIONS[top]
                reason = f"{relation}: NLI {top} with probability {p[top]:.2f}"
                if similarity[k] < cross.meta.related_min_cosine:
                    reason = (f"unrelated: the claims are not about the same thing (similarity {similarity[k]:.2f}, below "
                              f"{cross.meta.related_min_cosine:.2f}); the NLI head alone says {top} ({p[top]:.2f})")  # fmt: skip
                    relation = "unrelated"
                probabilities = {"entails": p["entailment"], "contradicts": p["contradiction"], "neutral": p["neutral"]}
                results[i] = ClaimRelationResult(relation, probabilities, reason)
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
        elif self._cross is not None and self.variant == "article":
            read = ", ".join(str(i + 1) for i in sorted(order[:TOP_K]))
            reason = f"{label}: the cross-encoder read sentences {read} of {len(view.sentences)} (best similarity {sim:.2f}, sentence {best + 1}){cue_text}"
        else:
            reason = f"{label}: decided by sentence {best + 1} of {len(view.sentences)} (similarity {sim:.2f}){cue_text}"
        return StanceResult(label, p, spans[0] if spans else None, reason, tuple(spans))
