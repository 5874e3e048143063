"""Stories as a corpus stage: each new article joins the story of the event it reports, or founds one.

The decision is ``stories.cluster.StoryClusterer``'s (measured on ECB+ by ``crosscheck bench
ecbplus``); this module gives it its memory in the store (``StoreStoryIndex``: candidate keys and
features in tables, vectors searched by a ``VectorIndex``) and records the outcome as ``Story`` and
``StoryMember`` rows. Nothing is re-clustered: an article's story, once stored, stays, so story ids
are stable however the corpus grows. A new version of a document (a correction) joins the story of
the version it supersedes without a new decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from crosscheck.model import Article, Story, StoryMember
from crosscheck.stories.base import Candidate, StoryDoc
from crosscheck.store import Store

__all__ = ["StoryStage", "StoreStoryIndex", "story_doc"]


class StoreStoryIndex:
    """``stories.base.StoryIndex`` over the store's tables.

    Keys held by more than ``posting_cap`` stored articles are too common to say anything about
    the event (an entity like "United States") and are not followed. Vectors are searched by
    ``vectors`` (a ``stories.ann.VectorIndex``), which this index keeps in step with the store:
    it loads what was indexed since it last looked, so a long-running process reads each vector
    once.
    """

    def __init__(self, store: Store, posting_cap: int, vectors: Any) -> None:
        self.store = store
        self.posting_cap = posting_cap
        self.vectors = vectors
        self._seen_seq = 0
        self._pending: list[tuple[str, np.ndarray]] = []

    def _sync(self) -> None:
        rows = self.store.story_vectors_since(self._seen_seq)
        if rows:
            ids = [a for _, a, _ in rows]
            mat = np.stack([np.frombuffer(v, dtype=np.float16).astype(np.float32) for _, _, v in rows])
            self.vectors.add(ids, mat)
            self._seen_seq = rows[-1][0]

    def candidates(self, keys: Sequence[str], vector: np.ndarray | None, limit: int) -> list[Candidate]:
        counts = self.store.story_key_counts(keys)
        usable = [k for k, n in counts.items() if n <= self.posting_cap]
        ids = self.store.story_articles_with_keys(usable) if usable else set()
        if vector is not None and limit > 0:
            self._sync()
            ids |= {a for a, _ in self.vectors.search(vector, limit)}
        found = self.store.story_features(ids)
        return [Candidate(a, sid, feats) for a, (sid, feats, _) in sorted(found.items())]

    def add(self, article_id: str, story_id: str, keys: Sequence[str], vector: np.ndarray | None,
            features: dict[str, Any]) -> None:
        blob = None if vector is None else np.asarray(vector, dtype=np.float16).tobytes()
        self.store.story_index_add(article_id, story_id, keys, blob, features)

    def doc_count(self) -> int:
        return self.store.story_doc_count()

    def key_counts(self, keys: Sequence[str]) -> dict[str, int]:
        return self.store.story_key_counts(keys)


def story_doc(article: Article, store: Store) -> StoryDoc:
    """What the story decision reads of an article: its non-furniture sentences and entity ids."""
    mentions = store.mentions_for([article.id])
    from crosscheck.model import entity_kind

    resolved = store.resolve_names({(m.name_key, entity_kind(m.label, m.doubtful)) for m in mentions})
    entities = tuple(
        (resolved[(m.name_key, entity_kind(m.label, m.doubtful))], m.label, m.text)
        for m in mentions if (m.name_key, entity_kind(m.label, m.doubtful)) in resolved
    )
    return StoryDoc(
        article_id=article.id, source=article.source, text=article.text, title=article.title,
        published=article.published,
        sentences=tuple((s.start, s.end) for s in article.sentences if not s.boilerplate),
        entities=entities,
    )


def _day(article: Article) -> str:
    return (article.published or article.ingested_at or "")[:10]


class StoryStage:
    """Corpus stage: place each new article (without a story yet) in a story."""

    name = "stories"
    scope = "corpus"
    requires = frozenset({"entities", "sentences"})
    produces = frozenset({"stories"})

    def __init__(self, config: dict[str, Any], clusterer: Any = None, vectors: Any = None) -> None:
        self.config = config
        self._clusterer = clusterer
        self._vectors = vectors
        self._index: StoreStoryIndex | None = None

    @property
    def clusterer(self) -> Any:
        if self._clusterer is None:
            from crosscheck.embed import get_embedder
            from crosscheck.stories.cluster import StoryClusterer

            self._clusterer = StoryClusterer(self.config["stories"], get_embedder(self.config["stories"]["embedder"]))
        return self._clusterer

    def warm_up(self) -> None:
        pass

    def _index_for(self, store: Store) -> StoreStoryIndex:
        if self._index is None or self._index.store is not store:
            vectors = self._vectors
            if vectors is None:
                from crosscheck.stories.ann import create_vector_index

                vectors = create_vector_index(self.config["stories"]["ann"])
            self._index = StoreStoryIndex(store, int(self.config["stories"]["posting_cap"]), vectors)
        return self._index

    def run(self, articles: Sequence[Article], store: Store) -> None:
        placed = store.story_members(a.id for a in articles)
        todo = [a for a in dict((a.id, a) for a in articles).values() if a.id not in placed]
        if not todo:
            return
        index = self._index_for(store)
        # a stream in publication order (undated articles in ingest order, after the dated ones)
        todo.sort(key=lambda a: (a.published is None, a.published or "", a.ingested_at))
        for article in todo:
            self._place(article, store, index)

    def _place(self, article: Article, store: Store, index: StoreStoryIndex) -> None:
        prior = store.story_members([article.supersedes]).get(article.supersedes or "") if article.supersedes else None
        if prior is not None:
            member = StoryMember(article.id, prior.story_id, 1.0, "a new version of an article in this story",
                                 article.supersedes)
        else:
            got = self.clusterer.assign(story_doc(article, store), index)
            member = StoryMember(article.id, got.story_id, got.score, got.reason, got.nearest_article)
            if got.new_story:
                store.add_story(Story(got.story_id, article.title or _lead(article), (), _day(article), _day(article)))
        store.add_story_member(member)
        story = store.get_stories([member.story_id])[0]
        day = _day(article)
        first = min(x for x in (story.first_seen, day) if x) if (story.first_seen or day) else None
        last = max(x for x in (story.last_seen, day) if x) if (story.last_seen or day) else None
        if (first, last) != (story.first_seen, story.last_seen):
            store.update_story_dates(story.id, first, last)


def _lead(article: Article) -> str | None:
    for s in article.sentences:
        if not s.boilerplate:
            return article.text[s.start:s.end][:120]
    return None
