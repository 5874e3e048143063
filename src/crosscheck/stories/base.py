"""The contract between the story decision and where its memory lives.

A story is the set of reports of one real-world event. Articles arrive one at a time (a stream):
each is turned into small, text-free ``DocFeatures``; a ``StoryIndex`` returns the stored
articles that could share its story (candidate retrieval: exact index keys such as MinHash LSH
bands and entity keys, plus approximate nearest neighbours over embedding vectors); the
``StoryClusterer`` decides which candidate story the article joins, or founds a new one. Nothing
is ever re-clustered: a decision, once stored, stays, so story ids are stable as the corpus grows.

Two ``StoryIndex`` implementations share this contract: an in-memory one (benchmarks, tests) and
one backed by the store's tables (``crosscheck check``), so the decision logic is measured exactly
as it runs for users.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

__all__ = ["StoryDoc", "StoryAssignment", "Candidate", "StoryIndex", "story_id_for"]


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """What the story stage reads of one article (all spans are offsets into ``text``)."""

    article_id: str
    source: str
    text: str
    title: str | None
    published: str | None  # ISO date (YYYY-MM-DD...) or None
    sentences: tuple[tuple[int, int], ...]  # non-furniture sentences
    # (stable entity id, label, surface text) of each entity mention, in text order
    entities: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    article_id: str
    story_id: str
    new_story: bool
    score: float  # the deciding similarity (0 for a new story with no candidate)
    reason: str  # in words, for the report: "joined: ... " / "new story: nearest ... 0.41 < 0.55"
    # the stored article the decision leaned on most (None for a new story)
    nearest_article: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    article_id: str
    story_id: str
    features: dict[str, Any]  # what the clusterer stored for that article: JSON-compatible, no text


class StoryIndex(Protocol):
    """Where per-article features live and how candidates are retrieved."""

    def candidates(self, keys: Sequence[str], vector: np.ndarray | None, limit: int) -> list[Candidate]:
        """Stored articles sharing any of ``keys`` (keys held by more than the index's posting
        cap are too common to discriminate and are ignored) plus the ``limit`` nearest stored
        vectors to ``vector``; each once, with its story id and stored features."""
        ...

    def add(self, article_id: str, story_id: str, keys: Sequence[str], vector: np.ndarray | None, features: dict[str, Any]) -> None: ...

    def doc_count(self) -> int:
        """Articles indexed so far."""
        ...

    def key_counts(self, keys: Sequence[str]) -> dict[str, int]:
        """How many indexed articles hold each key (for IDF-style weights)."""
        ...


def story_id_for(founding_article_id: str) -> str:
    """A story is named after the article that founded it, so its id never changes."""
    return "story_" + hashlib.sha256(founding_article_id.encode()).hexdigest()[:16]
