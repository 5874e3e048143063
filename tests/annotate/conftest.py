"""Fixtures for the annotator tests: one spaCy model per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def spacy_model():
    from crosscheck.annotate.nlp import SpacyModel
    from crosscheck.errors import ModelError

    model = SpacyModel()
    try:
        model.warm_up()
    except ModelError as exc:  # pragma: no cover - depends on the environment
        pytest.skip(str(exc))
    return model


@pytest.fixture(scope="session")
def annotate(spacy_model):
    """annotate(text, published=None, start=0, end=None) -> SentenceAnnotations, with a parse."""
    from crosscheck.annotate import annotate_sentence

    def run(text: str, published: str | None = None, start: int = 0, end: int | None = None):
        end = len(text) if end is None else end
        return annotate_sentence(text, start, end, spacy_model(text[start:end]), published)

    return run
