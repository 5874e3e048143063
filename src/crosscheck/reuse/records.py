"""Typed records of the reuse stage: what one article is to the stage, and what it finds.

Every span is a pair of character offsets into an article's text as ingested, so
``doc.text[start:end]`` is the evidence itself. Nothing here loads a model or a library beyond
the standard one; the detectors live in ``align``, ``keys``, ``credits`` and ``groups``.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any, Literal

from crosscheck.model import Article

__all__ = [
    "ReuseDoc",
    "Passage",
    "ReuseLink",
    "Credit",
    "IndependenceGroup",
    "ReuseSettings",
    "Strength",
    "Direction",
]

# How much of one article the other carries, in the desk's words: a copy with nothing changed
# but furniture; a copy with sentences cut; the same sentences in another order; sentences
# reworded; or a few passages taken into an otherwise different article.
Strength = Literal["verbatim", "trimmed", "reordered", "rewritten", "partial"]
# "earlier_to_later" when both publication times are known and differ, else "unknown".
Direction = Literal["earlier_to_later", "unknown"]


@dataclass(frozen=True, slots=True)
class ReuseDoc:
    """One article as the reuse stage sees it.

    ``sentences`` are the article's non-furniture sentence spans; ``boilerplate`` its furniture
    spans with reasons (read for credits such as "Read More on The US Sun", never as evidence of
    copying); ``dateline_credit`` the agency the ingest found in the dateline ("AP").
    """

    article_id: str
    source: str
    text: str
    published: str | None = None
    sentences: tuple[tuple[int, int], ...] = ()
    boilerplate: tuple[tuple[int, int, str], ...] = ()
    dateline_credit: str | None = None

    @classmethod
    def from_article(cls, article: Article) -> ReuseDoc:
        return cls(
            article_id=article.id,
            source=article.source,
            text=article.text,
            published=article.published,
            sentences=tuple((s.start, s.end) for s in article.sentences if not s.boilerplate),
            boilerplate=tuple((b.start, b.end, b.reason) for b in article.boilerplate),
            dateline_credit=article.dateline.credit if article.dateline else None,
        )


@dataclass(frozen=True, slots=True)
class Passage:
    """One aligned pair: a sentence of the source article and its counterpart in the derived one.

    ``similarity`` is rapidfuzz's token-sort ratio of the two normalised sentences, in [0, 100].
    """

    source_start: int
    source_end: int
    derived_start: int
    derived_end: int
    similarity: float


@dataclass(frozen=True, slots=True)
class ReuseLink:
    """``derived_article`` copies or rewrites ``source_article``.

    With ``direction == "earlier_to_later"`` the source is the earlier publication; with
    ``"unknown"`` (a date missing or equal) the source is the article the other covers more of,
    a guess from content that the report must not present as a finding about time.
    ``score`` in [0, 1] is the share of the shorter article's words in aligned sentences, each
    weighted by its similarity.
    """

    source_article: str
    derived_article: str
    score: float
    strength: Strength
    direction: Direction
    passages: tuple[Passage, ...]
    # share of each article's words inside aligned sentences
    source_coverage: float = 0.0
    derived_coverage: float = 0.0


@dataclass(frozen=True, slots=True)
class Credit:
    """An explicit credit to an upstream source ("(AP)", "Read More on The US Sun",
    "Additional reporting by Reuters"). ``name`` is normalised so that "AP" and "Associated
    Press" are equal; ``raw`` is the text as printed; ``kind`` says which form it took."""

    start: int
    end: int
    name: str
    raw: str
    kind: str


@dataclass(frozen=True, slots=True)
class IndependenceGroup:
    """Articles that count as one source. ``reasons`` say why in words, one per merge; the
    evidence behind them is ``links`` (with their aligned passages) and ``credits`` (each with
    the id of the article that prints it)."""

    article_ids: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    links: tuple[ReuseLink, ...] = ()
    credits: tuple[tuple[str, Credit], ...] = ()


@dataclass(frozen=True, slots=True)
class ReuseSettings:
    """The ``[reuse]`` table of defaults.toml (see the comments there for how each was chosen)."""

    min_sentence_words: int = 6
    sentence_similarity: float = 80.0
    min_passages: int = 2
    min_score: float = 0.05
    verbatim_similarity: float = 98.0
    rewritten_share: float = 0.25
    partial_coverage: float = 0.6
    trimmed_coverage: float = 0.9
    reordered_order: float = 0.8
    key_threshold: float = 0.5
    key_permutations: int = 32
    min_shared_keys: int = 2
    max_candidates: int = 10

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> ReuseSettings:
        from crosscheck.config import load_config, section_settings

        return section_settings(cls, (load_config() if config is None else config).get("reuse"), "reuse")
