"""Ingest and the analysis stages, assembled and checked before anything runs.

Ingest: readers (``crosscheck.ingest``) -> identity and versions -> boilerplate (``clean``) ->
sentences (``segment``) -> store, the whole run inside one transaction, so a killed run leaves
either the batch or nothing. Then furniture learned from the corpus is re-marked, incrementally:
the store indexes each article's lines per outlet, and only the new articles and those holding a
line that has just reached the threshold are revisited (a full rebuild happens once, when the
index is new or the ``[boilerplate]`` settings change).

Analysis stages declare what they need and produce; ``Pipeline`` refuses to assemble if a stage
needs something no earlier stage produces, naming both. Two kinds of stage share one ``run``
signature and differ in what they may read:

- an **article stage** (``scope = "article"``: claims) looks at each article alone; its output is
  cached by article id (a content hash) and stage version, and it may run in worker processes;
- a **corpus stage** (``scope = "corpus"``: entity linking, stories, cross-checking) takes the
  run's articles as *new* arrivals and updates what they change in the whole store, reaching
  other articles only through the store's indexes (candidate retrieval), never by comparing every
  pair or re-reading the corpus. Running it again on the same articles changes nothing.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from crosscheck.clean import MAX_STORY_DOCS, Line, keyed_lines, learned_spans, lexicon_spans
from crosscheck.config import BoilerplateSettings, IngestSettings, SegmentSettings, config_hash
from crosscheck.errors import PipelineError
from crosscheck.furniture import StoryLines, count_stories, line_form
from crosscheck.model import Article, IngestSummary, Problem, RawDocument, Sentence, article_id
from crosscheck.segment import SEGMENTERS
from crosscheck.store import Store

__all__ = ["Stage", "Pipeline", "Ingestor", "source_of", "store_files", "INGEST_PRODUCES"]

# Bumped when the furniture rules change, so a store's learned furniture is rebuilt once.
FURNITURE_RULES = "furniture.v2"
INGEST_PRODUCES = frozenset({"articles", "boilerplate", "sentences"})


class Stage(Protocol):
    name: str
    scope: str  # "article" or "corpus" (see the module docstring)
    requires: frozenset[str]
    produces: frozenset[str]

    def warm_up(self) -> None: ...

    def run(self, articles: Sequence[Article], store: Store) -> None: ...


@dataclass
class Pipeline:
    stages: list[Stage]

    def __post_init__(self) -> None:
        available = set(INGEST_PRODUCES)
        producer: dict[str, str] = {k: "ingest" for k in available}
        for stage in self.stages:
            if stage.scope not in ("article", "corpus"):
                raise PipelineError(f"stage '{stage.name}' has scope '{stage.scope}'; expected 'article' or 'corpus'")
            missing = stage.requires - available
            if missing:
                raise PipelineError(
                    f"stage '{stage.name}' needs {', '.join(sorted(missing))}, which no earlier stage produces "
                    f"(available: {', '.join(f'{k} from {producer[k]}' for k in sorted(available))})"
                )
            available |= stage.produces
            producer.update({k: stage.name for k in stage.produces})

    def run(self, articles: Sequence[Article], store: Store) -> None:
        for stage in self.stages:
            stage.warm_up()
            with store.transaction():
                stage.run(articles, store)
            # a stage that keeps derived files beside the store (a saved index) writes them only
            # once its rows are committed, so a rolled-back run never leaves them ahead of the store
            after = getattr(stage, "after_commit", None)
            if after is not None:
                after(store)


def source_of(doc: RawDocument) -> str:
    """The outlet: the site's domain when a URL is known, so that a page, a feed entry and an export
    of one outlet group together whatever name each format gives it; else the name the input gives;
    else ``unknown:<file>``, so that unknown outlets never pool into one 'source'."""
    if doc.url:
        from urllib.parse import urlsplit

        host = urlsplit(doc.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    if doc.source:
        return doc.source
    name = Path(doc.path).name if doc.path else doc.key
    return f"unknown:{name}"


def store_files(store: Store) -> list[Path]:
    """The files a file-backed store writes (the database and SQLite's journal, WAL and shared-memory
    files beside it): an ingest never reads them, even when they sit in the folder being ingested."""
    path = getattr(store, "path", None)
    if not path or str(path) == ":memory:":
        return []
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


class _Progress:
    """A one-line counter on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._last = 0.0

    def update(self, summary: IngestSummary, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if force or now - self._last > 0.2:
            self._last = now
            sys.stderr.write(f"\r  ingesting: {summary.line()}   ")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


@dataclass
class Ingestor:
    store: Store
    config: dict[str, Any]
    progress: bool = False
    segmenter: Any = None

    def __post_init__(self) -> None:
        if self.segmenter is None:
            self.segmenter = SEGMENTERS.create(SegmentSettings.from_config(self.config).backend)

    def run(self, paths: Sequence[Path], command: str = "ingest", exclude: Sequence[Path] = ()) -> IngestSummary:
        from crosscheck.ingest import ReadLimits, ReadStats, iter_documents

        cfg = IngestSettings.from_config(self.config)
        limits = ReadLimits(max_file_bytes=int(cfg.max_file_mb * 1024 * 1024))
        summary = IngestSummary()
        stats = ReadStats()
        bar = _Progress(self.progress)
        written: list[Article] = []
        with self.store.transaction():
            batch = self.store.begin_batch(command, config_hash(self.config))
            chunk: list[Article] = []
            seen: set[str] = set()
            newest: dict[str, tuple[int, str]] = {}  # doc key -> (version, id) given in this run
            for item in iter_documents(list(paths), limits, stats, exclude=[*store_files(self.store), *exclude]):
                summary.passed_over = stats.skipped_records
                if isinstance(item, Problem):
                    summary.skipped.append(item)
                    continue
                summary.read += 1
                article = self._identify(item, seen, newest, summary)
                if article is not None:
                    chunk.append(article)
                    if len(chunk) >= cfg.chunk_size:
                        written += self._write(chunk, batch)
                        chunk = []
                bar.update(summary)
            summary.passed_over = stats.skipped_records
            summary.notes = list(stats.notes)
            written += self._write(chunk, batch)
            self._relearn(written)
            self.store.finish_batch(
                batch,
                {"read": summary.read, "new": summary.new, "new_versions": summary.new_versions,
                 "duplicates": summary.duplicates, "skipped": len(summary.skipped),
                 "passed_over": summary.passed_over, "notes": summary.notes},
                summary.skipped,
            )
        bar.update(summary, force=True)
        bar.close()
        return summary

    def _identify(
        self, doc: RawDocument, seen: set[str], newest: dict[str, tuple[int, str]], summary: IngestSummary
    ) -> Article | None:
        source = source_of(doc)
        aid = article_id(source, doc.text)
        summary.article_ids.append(aid)
        if aid in seen or self.store.has_article(aid):
            summary.duplicates += 1
            return None
        seen.add(aid)
        # two texts under one key in a single run (a feed that carries an update, a WARC with two
        # captures) are versions too, in the order read; the store does not hold the first yet
        stored = self.store.latest_version(doc.key) if doc.key not in newest else None
        latest = newest.get(doc.key) or ((stored.version, stored.id) if stored else None)
        if latest is None:
            summary.new += 1
        else:
            summary.new_versions += 1
        newest[doc.key] = ((latest[0] + 1) if latest else 1, aid)
        return Article(
            id=aid, key=doc.key, version=newest[doc.key][0],
            supersedes=latest[1] if latest else None, source=source, format=doc.format, text=doc.text,
            url=doc.url, path=doc.path, title=doc.title, published=doc.published, author=doc.author,
            language=doc.language, dateline=doc.dateline,
            ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            boilerplate=tuple(lexicon_spans(doc.text)),
        )

    def _write(self, chunk: list[Article], batch: str) -> list[Article]:
        """Segment and store the chunk; returns the articles as stored (with their sentences)."""
        if not chunk:
            return []
        sentences = self.segmenter.run([a.text for a in chunk], [a.boilerplate for a in chunk])
        stored = [replace(article, sentences=sents) for article, sents in zip(chunk, sentences)]
        for article in stored:
            self.store.add_article(article, batch)
        return stored

    def _relearn(self, written: Sequence[Article]) -> None:
        bcfg = BoilerplateSettings.from_config(self.config)
        threshold, min_chars = bcfg.min_documents, bcfg.min_chars
        settings = json.dumps(
            {"min_documents": threshold, "min_chars": min_chars, "min_stories": bcfg.min_stories,
             "rules": FURNITURE_RULES}, sort_keys=True,
        )
        if self.store.get_meta("learned_furniture") != settings:
            # first run on this store (or an upgraded one), or new settings: rebuild everything
            self.store.clear_line_index()
            todo = [(a, keyed_lines(a.text, min_chars)) for a in self.store.iter_articles(current_only=False)]
            for a, lines in todo:
                self.store.index_lines(a.id, a.source, a.key, [k for _, k in lines])
            self.store.set_meta("learned_furniture", settings)
        else:
            # the batch's articles, then every older one holding a line the batch took over the
            # threshold, or a repeated statement whose story count the batch may have changed
            todo = [(a, keyed_lines(a.text, min_chars)) for a in written]
            queued = {a.id for a in written}
            for a, lines in todo[: len(written)]:
                keys = [k for _, k in lines]
                statements = {k for line, k in lines if line_form(line.text) == "statement"}
                before = self.store.line_doc_counts(a.source, keys)
                self.store.index_lines(a.id, a.source, a.key, keys)
                revisit = {
                    k for k, n in self.store.line_doc_counts(a.source, keys).items()
                    if before.get(k, 0) < threshold <= n
                    or (k in statements and n >= threshold and self._in_story_sample(a, k))
                }
                for aid in sorted(self.store.articles_with_lines(a.source, revisit) - queued):
                    old = self.store.get_article(aid)
                    if old is not None:
                        todo.append((old, keyed_lines(old.text, min_chars)))
                        queued.add(aid)
        stories = _StoryCounter(self.store, min_chars)
        for a, lines in todo:
            self._remark(a, lines, threshold, stories, bcfg.min_stories)

    def _in_story_sample(self, a: Article, key: str) -> bool:
        """Does ``a`` change the story count of ``key``? Only if it is among the documents the count
        reads (``MAX_STORY_DOCS``, the first by id), so a line in 10,000 pages does not make every
        batch revisit all of them."""
        ids = sorted(self.store.articles_with_lines(a.source, {key}))
        return len(ids) <= MAX_STORY_DOCS or a.id in ids[:MAX_STORY_DOCS]

    def _remark(
        self, a: Article, lines: list[tuple[Line, str]], threshold: int, stories: _StoryCounter, min_stories: int
    ) -> None:
        counts = self.store.line_doc_counts(a.source, [k for _, k in lines])
        fixed = [b for b in a.boilerplate if not b.reason.startswith("learned:")]
        learned = learned_spans(
            lines, counts, a.source, threshold, fixed,
            stories=lambda key: stories.count(a.source, key), min_stories=min_stories,
        )
        if learned != [b for b in a.boilerplate if b.reason.startswith("learned:")]:
            self.store.replace_boilerplate(a.id, learned, learned_only=True)
        spans = fixed + learned
        flagged = tuple(
            Sentence(s.start, s.end, any(b.start <= s.start and s.end <= b.end for b in spans))
            for s in a.sentences
        )
        if flagged != a.sentences:
            self.store.replace_sentences(a.id, flagged)


class _StoryCounter:
    """How many unrelated stories of an outlet hold a line, from the store's line index; each
    document is read once per relearn."""

    def __init__(self, store: Store, min_chars: int) -> None:
        self.store, self.min_chars = store, min_chars
        self._docs: dict[str, tuple[str, StoryLines] | None] = {}
        self._counts: dict[tuple[str, str], int] = {}

    def _story_lines(self, aid: str) -> tuple[str, StoryLines] | None:
        if aid not in self._docs:
            a = self.store.get_article(aid)
            self._docs[aid] = None if a is None else (
                a.key, StoryLines.of((line.text, key) for line, key in keyed_lines(a.text, self.min_chars))
            )
        return self._docs[aid]

    def count(self, source: str, key: str) -> int:
        if (source, key) not in self._counts:
            by_doc = {}  # one version per document: versions of a document are one story
            for aid in sorted(self.store.articles_with_lines(source, {key}))[:MAX_STORY_DOCS]:
                found = self._story_lines(aid)
                if found is not None:
                    by_doc[found[0]] = found[1]
            self._counts[(source, key)] = count_stories(by_doc.values())
        return self._counts[(source, key)]
