"""Stories as a corpus stage: each new article joins the story of the event it reports, or founds one.

The decision is ``stories.cluster.StoryClusterer``'s (measured on ECB+ by ``crosscheck bench
ecbplus``); this module gives it its memory in the store (``StoreStoryIndex``: candidate keys and
features in tables, vectors searched by a ``VectorIndex``) and records the outcome as ``Story`` and
``StoryMember`` rows. Nothing is re-clustered: an article's story, once stored, stays, so story ids
are stable however the corpus grows. A new version of a document (a correction) joins the story of
the version it supersedes without a new decision.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.model import Article, Story, StoryMember
from crosscheck.stories.base import Candidate, StoryDoc
from crosscheck.store import Store

__all__ = ["StoryStage", "StoreStoryIndex", "story_doc", "VECTOR_DIM"]

VECTOR_DIM = 384  # all-MiniLM-L6-v2, the story embedder


class StoreStoryIndex:
    """``stories.base.StoryIndex`` over the store's tables.

    Keys held by more than ``posting_cap`` stored articles are too common to say anything about
    the event (an entity like "United States") and are not followed. Vectors are searched by
    ``vectors`` (a ``stories.ann.VectorIndex``, integer ids = the store's row sequence), which this
    index keeps in step with the store: it loads only what was indexed since it last looked, so a
    long-running process reads each vector once. With a ``cache`` folder, the vector index is also
    saved there after each committed run (``save``) and loaded by the next process, which then
    reads from the store only the rows added since; a cache that does not match the store (a
    rolled-back run, another database) is ignored and rebuilt.
    """

    def __init__(self, store: Store, posting_cap: int, vectors: Any, cache: Path | None = None) -> None:
        self.store = store
        self.posting_cap = posting_cap
        self.vectors = vectors
        self.cache = cache
        self._seen_seq = 0
        self._article_of: dict[int, str] = {}
        self._loaded = False
        self._dirty = False

    def _load_cache(self) -> None:
        self._loaded = True
        if self.cache is None or not (self.cache / "ids.json").is_file():
            return
        try:
            ids = {int(k): v for k, v in json.loads((self.cache / "ids.json").read_text(encoding="utf-8")).items()}
            last = max(ids) if ids else 0
            head = self.store.story_vectors_since(last - 1)[:1]
            if not ids or not head or (head[0][0], head[0][1]) != (last, ids[last]):
                return  # the store does not hold what the cache was built from
            self.vectors.load(self.cache / "vectors.bin")
            self._article_of, self._seen_seq = ids, last
        except (OSError, ValueError, RuntimeError):
            self._article_of, self._seen_seq = {}, 0  # a damaged cache costs a rebuild, nothing else

    def _sync(self) -> None:
        if not self._loaded:
            self._load_cache()
        rows = self.store.story_vectors_since(self._seen_seq)
        if rows:
            mat = np.stack([np.frombuffer(v, dtype=np.float16).astype(np.float32) for _, _, v in rows])
            self.vectors.add(np.array([q for q, _, _ in rows], dtype=np.int64), mat)
            self._article_of.update((q, a) for q, a, _ in rows)
            self._seen_seq = rows[-1][0]
            self._dirty = True

    def save(self) -> None:
        """Write the vector index to the cache (call only after the run's writes committed)."""
        if self.cache is None or not self._dirty:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        self.vectors.save(self.cache / "vectors.bin")
        (self.cache / "ids.json").write_text(json.dumps({str(k): v for k, v in self._article_of.items()}), encoding="utf-8")
        self._dirty = False

    def candidates(self, keys: Sequence[str], vector: np.ndarray | None, limit: int) -> list[Candidate]:
        counts = self.store.story_key_counts(keys)
        usable = [k for k, n in counts.items() if n <= self.posting_cap]
        ids = self.store.story_articles_with_keys(usable) if usable else set()
        if vector is not None and limit > 0:
            self._sync()
            ids |= {self._article_of[q] for q, _ in self.vectors.search(vector, limit) if q in self._article_of}
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
    resolved = store.resolve_names({m.link_key for m in mentions})
    entities = tuple((resolved[m.link_key], m.label, m.text) for m in mentions if m.link_key in resolved)
    return StoryDoc(
        article_id=article.id, source=article.source, text=article.text, title=article.title,
        published=article.published,
        sentences=tuple((s.start, s.end) for s in article.sentences if not s.boilerplate),
        entities=entities,
    )


def _store_identity(store: Store) -> str:
    """A random id the store keeps for itself, naming its caches (set once, in a transaction)."""
    found = store.get_meta("store_id")
    if found is None:
        import uuid

        found = uuid.uuid4().hex
        with store.transaction():
            store.set_meta("store_id", found)
    return found


def _day(article: Article) -> str | None:
    """The publication day; an undated article does not stretch its story's dates (the day it was
    read says nothing about when the event was reported)."""
    return article.published[:10] if article.published else None


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
            from crosscheck.stories.cluster import StoryClusterer, StorySettings

            settings = StorySettings.from_config(self.config)
            self._clusterer = StoryClusterer(settings, get_embedder(settings.embedder))
        return self._clusterer

    def warm_up(self) -> None:
        pass

    def _index_for(self, store: Store) -> StoreStoryIndex:
        if self._index is None or self._index.store is not store:
            vectors = self._vectors
            cache = None
            if vectors is None:
                from crosscheck.paths import cache_dir
                from crosscheck.stories.ann import get_vector_index

                vectors = get_vector_index(self.config["stories"]["store_ann"], dim=VECTOR_DIM)
                cache = cache_dir("story-index") / _store_identity(store)
            self._index = StoreStoryIndex(store, int(self.config["stories"]["posting_cap"]), vectors, cache)
        return self._index

    def after_commit(self, store: Store) -> None:
        if self._index is not None and self._index.store is store:
            self._index.save()

    def run(self, articles: Sequence[Article], store: Store) -> None:
        placed = store.story_members(a.id for a in articles)
        todo = [a for a in dict((a.id, a) for a in articles).values() if a.id not in placed]
        if not todo:
            return
        index = self._index_for(store)
        # a stream in publication order (undated articles in ingest order, after the dated ones)
        todo.sort(key=lambda a: (a.published is None, a.published or "", a.ingested_at))
        docs = {a.id: story_doc(a, store) for a in todo if not a.supersedes}
        vectors = self._leads(list(docs.values()))
        for article in todo:
            self._place(article, store, index, docs.get(article.id), vectors.get(article.id))

    def _leads(self, docs: list[StoryDoc]) -> dict[str, np.ndarray]:
        """Every lead embedded in one batch (one call per article cost 3x as much on FNC-1)."""
        if not docs:
            return {}
        from crosscheck.stories.features import lead_text

        words = self.clusterer.settings.lead_words
        mat = self.clusterer.embedder.encode([lead_text(d, words) for d in docs])
        return {d.article_id: v for d, v in zip(docs, mat)}

    def _place(self, article: Article, store: Store, index: StoreStoryIndex, doc: StoryDoc | None,
               vector: np.ndarray | None) -> None:
        prior = store.story_members([article.supersedes]).get(article.supersedes or "") if article.supersedes else None
        if prior is not None:
            member = StoryMember(article.id, prior.story_id, 1.0, "a new version of an article in this story",
                                 article.supersedes)
        else:
            got = self.clusterer.assign(doc or story_doc(article, store), index, vector)
            member = StoryMember(article.id, got.story_id, got.score, got.reason, got.nearest_article)
            if got.new_story:
                store.add_story(Story(got.story_id, article.title or _lead(article), (), _day(article), _day(article)))
        store.add_story_member(member)
        story = store.get_stories([member.story_id])[0]
        days = [d for d in (story.first_seen, story.last_seen, _day(article)) if d]
        first, last = (min(days), max(days)) if days else (None, None)
        if (first, last) != (story.first_seen, story.last_seen):
            store.update_story_dates(story.id, first, last)


def _lead(article: Article) -> str | None:
    """An untitled story's title: its first sentence, without a dateline ("Monday, December 09, 2024 -")."""
    skip = article.dateline.end if article.dateline else 0
    for s in article.sentences:
        if not s.boilerplate:
            start = skip if s.start <= skip < s.end else s.start
            return article.text[start:s.end].strip(" -–—")[:120] or None
    return None
