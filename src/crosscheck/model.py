"""The data model: frozen records whose spans are character offsets into an article's text.

Every span stores ``start``/``end`` into ``Article.text`` exactly as ingested (after decoding and
newline normalisation, before anything else); ``span_text(article, span)`` is a slice, never a
copy. Later stages (claims, stories, cross-checks) add records of their own that point into the
same text, so nothing here is ever rewritten: a changed text is a new *version*, a new Article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "Spanlike",
    "Boilerplate",
    "Sentence",
    "Dateline",
    "RawDocument",
    "Article",
    "VersionInfo",
    "Problem",
    "IngestSummary",
    "Claim",
    "EntityMention",
    "EntityName",
    "Entity",
    "StoryMember",
    "Story",
    "ClaimRelation",
    "ReuseLink",
    "VERDICTS",
    "ROLES",
    "User",
    "Review",
    "AuditEntry",
    "QueueItem",
    "CorrectionNote",
    "StorySummary",
    "FactCheck",
    "FactCheckMatch",
    "article_id",
    "entity_kind",
    "text_sha256",
    "span_text",
]

ID_HEX = 24  # 96 bits: no collision expected below ~10^14 articles, short enough to read aloud


class Spanlike(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Page furniture kept in the text but marked: ``reason`` says which rule or lexicon entry."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Dateline:
    """The head of the story that says when, where and from whom: "Monday, December 09, 2024 -",
    "BEIRUT (AP) —", "SANAA, Dec 6 (Reuters) -", "(CNN) --".

    ``credit`` is the agency or outlet in brackets: a story whose dateline credits a wire service
    is that service's copy, which matters when counting independent sources.
    """

    start: int
    end: int
    date: str | None  # ISO date, when the dateline gives a full one
    place: str | None = None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader hands on: decoded text and the metadata the format carried.

    ``key`` identifies the *document* across versions: its canonical URL when one is known,
    otherwise the file path (plus a record locator inside container formats).
    ``place`` names where it came from for messages ("feed.xml entry 3", "crawl.warc.gz record 12").
    """

    key: str
    place: str
    format: str
    text: str
    source: str | None = None
    url: str | None = None
    path: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    dateline: Dateline | None = None
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class VersionInfo:
    id: str
    version: int
    ingested_at: str
    text_sha256: str
    supersedes: str | None


@dataclass(frozen=True, slots=True)
class Article:
    """One version of one document, as stored. ``id`` is a content hash (see ``article_id``)."""

    id: str
    key: str
    version: int
    source: str
    format: str
    text: str
    url: str | None = None
    path: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    dateline: Dateline | None = None
    ingested_at: str = ""
    supersedes: str | None = None
    boilerplate: tuple[Boilerplate, ...] = ()
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that was skipped, with a one-line reason. ``place`` names file and record."""

    place: str
    reason: str
    code: str = "E100"

    def __str__(self) -> str:
        return f"{self.place}: {self.reason} [{self.code}]"


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    new_versions: int = 0
    duplicates: int = 0
    skipped: list[Problem] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    passed_over: int = 0  # WARC records that are not HTML pages: read past by design, not errors
    notes: list[str] = field(default_factory=list)  # inputs read, but with damage worth knowing

    def line(self) -> str:
        text = (
            f"read {self.read}, new {self.new}, new versions {self.new_versions}, "
            f"duplicates {self.duplicates}, skipped {len(self.skipped)}"
        )
        if self.passed_over:
            text += f" (passed over {self.passed_over} WARC records that are not HTML pages)"
        return text


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(source: str, text: str) -> str:
    """Content hash of outlet + text.

    The same text from the same outlet is the same article wherever it was found (a file and a
    WARC record of the same page dedupe); the same wire copy printed by two outlets is two
    articles, because whether copies count as independent is exactly what a checker asks later.
    """
    h = hashlib.sha256()
    h.update(source.encode("utf-8"))
    h.update(b"\x1f")
    h.update(text.encode("utf-8"))
    return h.hexdigest()[:ID_HEX]


def entity_kind(label: str, doubtful: bool) -> str:
    """The label a name is linked under: spaCy's label, or "" when the label is doubted (such a
    name links by spelling alone)."""
    return "" if doubtful else label


def span_text(text: str, span: Spanlike) -> str:
    return text[span.start : span.end]


# -- records of the analysis, each with a table of its own in the store ---------------------------
# They are what the desk queries, pages and annotates; the JSON report is rendered from them.


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy (or not) statement: one sentence span of one article.

    The columns the desk filters on are fields; the annotations (attribution with its chain,
    hedges, quantities as ranges, times) are ``fields``, in the report's JSON shape, every span
    an offset into the article text. ``status``/``independent_sources``/``status_detail`` are
    kept current by cross-checking as later articles arrive (None until it has run).
    """

    id: str
    article_id: str
    start: int
    end: int
    checkworthiness: float
    label: str
    certainty: str
    fields: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    status: str | None = None
    independent_sources: int | None = None
    status_detail: dict[str, Any] | None = field(default=None, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A person, organisation or place named in an article; ``name_key`` is its normalised name,
    through which the mention finds its entity (so a later merge of two entities needs no rewrite)."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    doubtful: bool
    name_key: str

    @property
    def link_key(self) -> tuple[str, str]:
        """(normalised name, linking label): what the mention's entity is looked up by."""
        return (self.name_key, entity_kind(self.label, self.doubtful))


@dataclass(frozen=True, slots=True)
class EntityName:
    """One distinct name of an entity, and why it was linked (``reason`` is None for the name
    that founded the entity)."""

    name_key: str
    kind: str  # the linking label (``entity_kind``): PERSON, ORG, GPE, ... or "" when doubted
    spelling: str
    entity_id: str
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str
    names: tuple[EntityName, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryMember:
    """An article's place in a story, with the decision that put it there."""

    article_id: str
    story_id: str
    score: float
    reason: str
    nearest_article: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """Reports of one real-world event. ``id`` is named after the founding article and never changes."""

    id: str
    title: str | None
    article_ids: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True, slots=True)
class ClaimRelation:
    """How a claim of one article bears on a claim of another: corroborates, conflicts,
    elaborates (or unrelated, never stored); ``evidence`` holds the passages with offsets."""

    claim_a: str
    claim_b: str
    type: str
    reason: str
    evidence: tuple[dict[str, Any], ...] = field(default=(), hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class ReuseLink:
    """One article copies or rewrites another; ``passages`` align spans of both texts."""

    source_article: str
    derived_article: str
    score: float
    direction: str  # "earlier->later" when publication times decide, else "unknown"
    strength: str
    passages: tuple[dict[str, Any], ...] = field(default=(), hash=False, compare=False)


# -- the review desk: people's decisions about claims, and the append-only trail of them ---------

VERDICTS = ("accurate", "inaccurate", "misleading", "unverified", "needs_context")
ROLES = ("reviewer", "editor", "admin")  # each role may do everything the roles before it may


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str  # one of ROLES
    password_hash: str  # Argon2 (argon2-cffi's PasswordHasher); never logged, never in the audit trail
    created_at: str
    active: bool = True


@dataclass(frozen=True, slots=True)
class Review:
    """The current review state of one claim; every earlier state is in the audit trail.

    ``version`` is the optimistic-concurrency counter: 0 means never saved; each save stores
    version + 1, and a save that expected an older version is refused (``ReviewConflict``).
    """

    claim_id: str
    verdict: str | None = None  # one of VERDICTS, or None while unreviewed
    note: str = ""
    sources: tuple[str, ...] = ()  # URLs the verdict rests on
    reviewer: str | None = None  # who set the current verdict
    assignee: str | None = None
    approved_by: str | None = None  # an editor approved the verdict (what ClaimReview export publishes)
    approved_at: str | None = None
    locked: bool = False  # locked by an editor: reviewers can no longer change it
    version: int = 0
    updated_at: str | None = None
    updated_by: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change, who made it and when, with the state before and after (None for a creation).
    Append-only: the store's own triggers refuse UPDATE and DELETE on the table."""

    seq: int
    at: str
    actor: str
    action: str  # "review.save", "review.assign", "review.approve", "review.lock", "review.unlock",
    #               "user.add", "user.update", "correction.note", ...
    object_type: str  # "claim" | "user" | "correction" | ...
    object_id: str
    before: dict[str, Any] | None = field(default=None, hash=False, compare=False)
    after: dict[str, Any] | None = field(default=None, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class QueueItem:
    """A row of the review queue: a claim with what the desk shows beside it."""

    claim: Claim
    title: str | None
    source: str
    url: str | None
    published: str | None
    story_id: str | None
    review: Review | None


@dataclass(frozen=True, slots=True)
class CorrectionNote:
    """What an outlet said (or should have said) about a change between two versions of a document.

    ``change_id`` names one claim-level change (see ``crosscheck.corrections``) or is "" for the
    new version as a whole; ``published`` is True when the outlet published this note, False when
    the desk records that a note should have been published.
    """

    id: str
    doc_key: str
    article_id: str  # the new version
    change_id: str
    note: str
    published: bool
    author: str
    at: str


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A row of the desk's story list: the story and what an editor wants to know at a glance
    (counts over its current article versions)."""

    story: Story
    articles: int
    sources: int
    checkworthy: int  # check-worthy claims
    conflicting: int  # of those, how many are in conflict with another report
    reviewed: int = 0  # of those, how many have a verdict


# -- published fact-checks (ClaimReview) and the claims they match ------------------------------


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One published fact-check (schema.org ClaimReview), one version of it.

    ``key`` names the fact-check across versions (its URL, else publisher and claim); ``id`` is a
    content hash of the key and what the fact-checker said, so re-importing the same record is a
    no-op and a changed rating is a new version whose ``supersedes`` names the previous one.
    ``rating`` is the fact-checker's own words (``alternateName``); the numeric value and its scale
    are kept when given. ``claim_author``/``claim_date``/``appearance`` describe the claim as
    first seen (``itemReviewed``); ``publisher`` is the fact-checker; ``published`` its ISO date.
    """

    id: str
    key: str
    version: int
    claim: str
    rating: str | None
    publisher: str | None
    published: str | None
    url: str | None
    supersedes: str | None = None
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    claim_author: str | None = None
    claim_date: str | None = None
    appearance: str | None = None
    title: str | None = None
    language: str | None = None
    origin: str = ""  # the file (and record) it was imported from
    imported_at: str = ""


@dataclass(frozen=True, slots=True)
class FactCheckMatch:
    """A stored fact-check found to be about this claim: ``score`` is the re-ranker's calibrated
    probability, ``reason`` says why in words, ``later`` that it was published after the article."""

    claim_id: str
    factcheck_id: str
    score: float
    reason: str
    later: bool
