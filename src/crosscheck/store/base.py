"""The store interface every backend implements (SQLite now, PostgreSQL for a shared server).

Articles are immutable: a changed text under the same document key is a new version (a new row
whose ``supersedes`` names the previous one), never an update. Derived data (boilerplate spans,
sentences, claims) is keyed by article id and may be recomputed by a later stage version; each
stage's writes for one batch happen inside one transaction (``Store.transaction``), so an
interrupted run leaves either all of a batch or none of it.

``tests/store/conformance.py`` is the suite any backend must pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from crosscheck.model import (
    Article, AuditEntry, Boilerplate, Claim, ClaimRelation, CorrectionNote, Entity, EntityMention, EntityName,
    FactCheck, FactCheckMatch,
    Problem, QueueItem, ReuseLink, Review, Sentence, Story, StoryMember, StorySummary, User, VersionInfo,
)

__all__ = ["Store"]


class Store(Protocol):
    name: str

    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""
        ...

    def run_lock(self) -> AbstractContextManager[None]:
        """Held around a whole ingest or analysis run (``crosscheck ingest``, ``crosscheck check``):
        where several processes share the store, a second run waits until the first ends, because
        each decides entities and stories from what the store holds. Desk writes never wait for it."""
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

    # -- analysis records, each in a table of its own (what the desk queries) ---------------
    def put_claims(self, article_id: str, claims: Sequence[Claim]) -> None:
        """Replace the article's claims (and the relations that involved them)."""
        ...

    def claims_for(self, article_ids: Iterable[str]) -> list[Claim]: ...

    def get_claims(self, claim_ids: Iterable[str]) -> list[Claim]: ...

    def set_claim_status(self, claim_id: str, status: str, independent_sources: int, detail: dict[str, Any]) -> None: ...

    def claim_vectors(self, claim_ids: Iterable[str]) -> dict[str, bytes]:
        """Stored sentence embeddings of claims (float16 bytes), so a claim is embedded once."""
        ...

    def set_claim_vectors(self, vectors: dict[str, bytes]) -> None: ...

    def current_claim_vectors(self, labels: Iterable[str]) -> list[tuple[str, str, bytes | None]]:
        """(claim id, article id, stored vector or None) of every claim with one of ``labels`` in a
        current article version, in claim-id order: what fact-checks imported later are matched back to."""
        ...

    def put_mentions(self, article_id: str, mentions: Sequence[EntityMention]) -> None: ...

    def mentions_for(self, article_ids: Iterable[str]) -> list[EntityMention]: ...

    # entities: names are indexed by candidate keys, so linking a new name never scans the corpus
    def entity_name_candidates(self, keys: Iterable[str]) -> list[EntityName]: ...

    def add_entity(self, entity_id: str, name: str, kind: str) -> None: ...

    def add_entity_name(self, name: EntityName, index_keys: Iterable[str]) -> None: ...

    def merge_entity(self, entity_id: str, into: str) -> None: ...

    def entity_seq(self, entity_ids: Iterable[str]) -> dict[str, int]:
        """Creation order of entities (the older of two merged entities keeps its id)."""
        ...

    def resolve_names(self, name_keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]: ...

    def get_entities(self, entity_ids: Iterable[str]) -> list[Entity]: ...

    def rename_entity(self, entity_id: str, name: str) -> None: ...

    # stories and the index their decisions retrieve candidates from
    def add_story(self, story: Story) -> None: ...

    def update_story_dates(self, story_id: str, first_seen: str | None, last_seen: str | None) -> None: ...

    def add_story_member(self, member: StoryMember) -> None: ...

    def story_members(self, article_ids: Iterable[str]) -> dict[str, StoryMember]: ...

    def get_stories(self, story_ids: Iterable[str]) -> list[Story]: ...

    def list_stories(self, *, limit: int = 50, offset: int = 0) -> tuple[list[StorySummary], int]:
        """Stories with counts, most recently seen first; one page and the total count."""
        ...

    def story_index_add(self, article_id: str, story_id: str, keys: Sequence[str], vector: bytes | None,
                        features: dict[str, Any]) -> None: ...

    def story_key_counts(self, keys: Iterable[str]) -> dict[str, int]: ...

    def story_articles_with_keys(self, keys: Iterable[str]) -> set[str]: ...

    def story_features(self, article_ids: Iterable[str]) -> dict[str, tuple[str, dict[str, Any], bytes | None]]: ...

    def story_vectors_since(self, seq: int) -> list[tuple[int, str, bytes]]: ...

    def story_doc_count(self) -> int: ...

    # cross-checking
    def put_relations(self, relations: Sequence[ClaimRelation]) -> None: ...

    def relations_for(self, claim_ids: Iterable[str]) -> list[ClaimRelation]: ...

    def put_reuse_links(self, links: Sequence[ReuseLink]) -> None: ...

    def reuse_links_for(self, article_ids: Iterable[str]) -> list[ReuseLink]: ...

    # -- the review desk ----------------------------------------------------------------------
    # Every write below appends its audit entry inside the same transaction as the change.
    def add_user(self, user: User, *, actor: str) -> None:
        """Raises StoreError (E211) when the name is taken."""
        ...

    def get_user(self, name: str) -> User | None: ...

    def list_users(self) -> list[User]: ...

    def update_user(self, name: str, *, actor: str, role: str | None = None, active: bool | None = None,
                    password_hash: str | None = None) -> User:
        """The audit entry records role and active changes, and "password changed", never a hash."""
        ...

    def get_reviews(self, claim_ids: Iterable[str]) -> dict[str, Review]: ...

    def save_review(self, review: Review, *, expected_version: int, actor: str, action: str) -> Review:
        """Store ``review`` if the stored version is still ``expected_version`` (0: none stored yet).
        The stored row gets version = expected_version + 1, updated_at = now, updated_by = actor,
        and an audit entry (object "claim", before, after). Otherwise raises ReviewConflict
        carrying the stored Review. Returns what was stored."""
        ...

    def review_queue(self, *, story_id: str | None = None, source: str | None = None, status: str | None = None,
                     assignee: str | None = None, verdict: str | None = None, reviewed: bool | None = False,
                     limit: int = 50, offset: int = 0, count_limit: int | None = None) -> tuple[list[QueueItem], int]:
        """Check-worthy claims of current article versions, most check-worthy first, filtered;
        ``reviewed`` False: no verdict yet, True: with a verdict, None: both. Returns one page
        and the total count; with ``count_limit`` the count stops there (a total equal to it
        means "at least"), so a page of a large store does not pay for counting every claim."""
        ...

    def append_audit(self, *, actor: str, action: str, object_type: str, object_id: str,
                     before: dict[str, Any] | None, after: dict[str, Any] | None) -> AuditEntry: ...

    def audit_for(self, object_type: str, object_id: str) -> list[AuditEntry]:
        """Oldest first."""
        ...

    def audit_log(self, *, after_seq: int = 0, limit: int = 100) -> list[AuditEntry]: ...

    def put_correction_note(self, note: CorrectionNote, *, actor: str) -> None:
        """A new note, or a new text for the note with the same id (the audit trail keeps the old)."""
        ...

    def correction_notes(self, doc_key: str | None = None) -> list[CorrectionNote]: ...

    def versioned_keys(self) -> list[str]:
        """Document keys that have more than one version, oldest change first."""
        ...

    # sessions of the web app (the cookie holds a random token; only its sha256 is stored)
    def add_session(self, token_hash: str, user: str, csrf: str, expires_at: str) -> None: ...

    def get_session(self, token_hash: str) -> tuple[str, str, str] | None:
        """(user, csrf token, expires_at), or None."""
        ...

    def delete_session(self, token_hash: str) -> None: ...

    def purge_sessions(self, now: str) -> int:
        """Delete the sessions that expired at or before ``now`` (ISO 8601, UTC); how many went."""
        ...

    # -- published fact-checks (ClaimReview) and the claims they match -----------------------
    # Versioned like articles: a changed record under the same key is a new row superseding the old.
    def add_factcheck(self, fc: FactCheck, batch_id: str, vector: bytes | None = None) -> None:
        """Insert one version; ``vector`` is its claim's embedding (float16 bytes), stored so it is
        computed once."""
        ...

    def has_factcheck(self, factcheck_id: str) -> bool: ...

    def factcheck_versions(self, key: str) -> list[FactCheck]:
        """Every version under ``key``, oldest first."""
        ...

    def get_factchecks(self, factcheck_ids: Iterable[str]) -> list[FactCheck]: ...

    def current_factchecks(self, keys: Iterable[str]) -> dict[str, FactCheck]:
        """The latest version of each key given."""
        ...

    def factcheck_count(self, *, current_only: bool = True) -> int: ...

    def factchecks_since(self, seq: int) -> list[tuple[int, FactCheck, bytes | None]]:
        """Versions imported after ``seq`` (import order), with their stored vectors: what an index
        loaded earlier has not seen yet."""
        ...

    def factcheck_seq(self) -> int:
        """The sequence number of the last fact-check imported (0 when none): ``factchecks_since`` of it
        afterwards gives exactly what was imported after this call."""
        ...

    def put_factcheck_matches(self, claim_ids: Iterable[str], matches: Sequence[FactCheckMatch]) -> None:
        """Replace the matches of the given claims."""
        ...

    def claims_matched_to(self, factcheck_ids: Iterable[str]) -> set[str]:
        """The claims whose stored matches name one of ``factcheck_ids``."""
        ...

    def factcheck_matches(self, claim_ids: Iterable[str]) -> list[FactCheckMatch]:
        """Best first within each claim."""
        ...
