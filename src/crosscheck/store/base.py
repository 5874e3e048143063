"""The store interface every backend implements (SQLite now, PostgreSQL for a shared server).

Articles are immutable: a changed text under the same document key is a new version (a new row
whose ``supersedes`` names the previous one), never an update. Derived data (boilerplate spans,
sentences, claims) is keyed by article id and may be recomputed by a later stage version; each
stage's writes for one batch happen inside one transaction (``Store.transaction``), so an
interrupted run leaves either all of a batch or none of it.

``tests/store/conformance.py`` is the suite any backend must pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

from crosscheck.model import Article, Boilerplate, Problem, Sentence, VersionInfo

__all__ = ["Store"]


class Store(Protocol):
    name: str

    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""
        ...

    def applied_migrations(self) -> list[str]: ...

    # -- batches -------------------------------------------------------------------------
    def begin_batch(self, command: str, config_hash: str) -> str: ...

    def finish_batch(self, batch_id: str, summary: dict[str, Any], problems: Iterable[Problem]) -> None: ...

    # -- articles ------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool: ...

    def latest_version(self, key: str) -> VersionInfo | None: ...

    def add_article(self, article: Article, batch_id: str) -> None:
        """Insert a new article version with its boilerplate and sentences."""
        ...

    def get_article(self, article_id: str) -> Article | None: ...

    def iter_articles(self, *, current_only: bool = True, source: str | None = None) -> Iterator[Article]:
        """Articles in ingest order; ``current_only`` skips superseded versions."""
        ...

    def versions(self, key: str) -> list[VersionInfo]: ...

    def sources(self) -> list[str]: ...

    # -- derived spans -------------------------------------------------------------------
    def replace_boilerplate(self, article_id: str, spans: Iterable[Boilerplate], *, learned_only: bool) -> None:
        """Replace the article's boilerplate spans (all, or only those learned from the corpus)."""
        ...

    def replace_sentences(self, article_id: str, sentences: Iterable[Sentence]) -> None: ...

    # -- line index: which documents of an outlet hold each (folded, hashed) line ----------
    def index_lines(self, article_id: str, source: str, doc_key: str, keys: Iterable[str]) -> None: ...

    def clear_line_index(self) -> None: ...

    def line_doc_counts(self, source: str, keys: Iterable[str]) -> dict[str, int]:
        """For each key present: in how many different documents (not versions) of the outlet."""
        ...

    def articles_with_lines(self, source: str, keys: Iterable[str]) -> set[str]: ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    # -- stage outputs (claims, stance, stories, ...) as typed JSON documents ------------
    def put_stage_output(self, stage: str, article_id: str, payload: list[dict[str, Any]]) -> None:
        """Store one stage's records for one article (replacing that stage's earlier ones)."""
        ...

    def get_stage_output(self, stage: str, article_id: str) -> list[dict[str, Any]] | None: ...
