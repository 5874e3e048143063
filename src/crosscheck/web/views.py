"""What the desk shows, read from the store: one function per page, each returning the JSON-able
data that both the HTML page and its ``/api/...`` twin serve (so the two never disagree).

Text is returned as text; escaping is the templates' job (Jinja autoescape), never done here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any

from crosscheck.desk.reviews import current_review
from crosscheck.errors import NotFound
from crosscheck.model import VERDICTS, Article, AuditEntry, Claim, Review
from crosscheck.store.base import Store

__all__ = ["STATUS_LABELS", "VERDICT_LABELS", "ArticleTexts", "QueueFilters", "stories_view", "story_view", "queue_view",
           "claim_view", "review_json", "audit_json", "claim_json", "context_of"]

# the statuses of relate.status (tests/web check the two agree), as the desk names them
STATUS_LABELS = {
    "conflicting": "Conflicting reports",
    "hedged-only": "Hedged only",
    "corroborated": "Corroborated",
    "unattributed": "Unattributed",
    "single-source": "Single source",
}
NO_STATUS = "Not cross-checked"
VERDICT_LABELS = {v: v.replace("_", " ").capitalize() for v in VERDICTS}
# the queue counts at most this many claims past the page: on a 10k-article store an exact count of
# every unreviewed claim cost 400-600 ms a page (bench desk); counting 500 ahead cost 5-30 ms, and
# 200 ahead (four more pages, then "+") 2-10 ms for a filter matching one claim in five
QUEUE_COUNT_AHEAD = 200
CONTEXT_CHARS = 700  # a paragraph longer than this is cut around the sentence, this much each side


class ArticleTexts:
    """Article texts by id, kept for the app's lifetime up to ``size`` of them. An article id is a hash
    of its outlet and text, so a text read once never goes stale; the queue shows one sentence of
    each of 50 articles and should not load 50 whole articles (with their sentences) per page."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, article_id: str) -> str:
        with self._lock:
            text = self._texts.get(article_id)
            if text is not None:
                self._texts.move_to_end(article_id)
                return text
        article = store.get_article(article_id)
        text = article.text if article else ""
        with self._lock:
            self._texts[article_id] = text
            if len(self._texts) > self.size:
                self._texts.popitem(last=False)
        return text


@dataclass(frozen=True, slots=True)
class QueueFilters:
    story: str | None = None
    source: str | None = None
    status: str | None = None
    assignee: str | None = None
    verdict: str | None = None
    reviewed: bool | None = False

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (what the page's links carry)."""
        out = {k: v for k, v in (("story", self.story), ("source", self.source), ("status", self.status),
                                 ("assignee", self.assignee), ("verdict", self.verdict)) if v}
        out["reviewed"] = {False: "no", True: "yes", None: "any"}[self.reviewed]
        return out


def review_json(review: Review | None) -> dict[str, Any]:
    out: dict[str, Any] = asdict(review) if review is not None else {"verdict": None, "version": 0, "locked": False}
    if review is not None:
        out["sources"] = list(review.sources)
    return out


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {"seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action,
            "object_type": entry.object_type, "object_id": entry.object_id,
            "before": entry.before, "after": entry.after}


def claim_json(claim: Claim, text: str, review: Review | None = None) -> dict[str, Any]:
    detail = claim.status_detail or {}
    return {
        "id": claim.id, "article_id": claim.article_id, "start": claim.start, "end": claim.end,
        "text": text[claim.start : claim.end], "checkworthiness": round(claim.checkworthiness, 4),
        "label": claim.label, "certainty": claim.certainty, "status": claim.status,
        "status_label": STATUS_LABELS.get(claim.status or "", NO_STATUS),
        "independent_sources": claim.independent_sources, "hedged": bool(claim.fields.get("hedges")),
        "attributed": bool(claim.fields.get("attribution")), "status_reason": detail.get("reason"),
        "review": review_json(review),
    }


def _article_json(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "source": article.source, "url": article.url,
            "published": article.published, "author": article.author, "version": article.version,
            "key": article.key}


def stories_view(store: Store, *, page: int, size: int) -> dict[str, Any]:
    rows, total = store.list_stories(limit=size, offset=(page - 1) * size)
    return {"page": page, "size": size, "total": total, "stories": [
        {"id": s.story.id, "title": s.story.title, "first_seen": s.story.first_seen, "last_seen": s.story.last_seen,
         "articles": s.articles, "sources": s.sources, "checkworthy": s.checkworthy, "conflicting": s.conflicting,
         "reviewed": s.reviewed}
        for s in rows]}


def story_view(store: Store, story_id: str) -> dict[str, Any]:
    found = store.get_stories([story_id])
    if not found:
        raise NotFound(f"no story with id {story_id!r}")
    story = found[0]
    articles = [a for a in (store.get_article(aid) for aid in story.article_ids) if a is not None]
    current = {a.id for a in articles} - {a.supersedes for a in articles if a.supersedes}
    claims = store.claims_for(current)
    reviews = store.get_reviews(c.id for c in claims)
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    out = []
    for a in articles:
        if a.id not in current:
            continue
        mine = [claim_json(c, a.text, reviews.get(c.id)) for c in by_article.get(a.id, [])]
        out.append({**_article_json(a), "claims": mine,
                    "checkworthy": sum(1 for c in mine if c["label"] == "check-worthy")})
    return {"id": story.id, "title": story.title, "first_seen": story.first_seen, "last_seen": story.last_seen,
            "articles": out}


def queue_view(store: Store, filters: QueueFilters, *, page: int, size: int,
               texts: ArticleTexts | None = None) -> dict[str, Any]:
    offset = (page - 1) * size
    count_limit = offset + QUEUE_COUNT_AHEAD
    items, total = store.review_queue(story_id=filters.story, source=filters.source, status=filters.status,
                                      assignee=filters.assignee, verdict=filters.verdict, reviewed=filters.reviewed,
                                      limit=size, offset=offset, count_limit=count_limit)
    texts = texts or ArticleTexts()
    rows = []
    for item in items:
        row = claim_json(item.claim, texts.get(store, item.claim.article_id), item.review)
        row.update(title=item.title, source=item.source, url=item.url, published=item.published, story_id=item.story_id)
        rows.append(row)
    return {"page": page, "size": size, "total": total, "total_is_lower_bound": total >= count_limit,
            "filters": filters.query(), "items": rows}


def context_of(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, sentence, after): the claim's paragraph split around it, cut to CONTEXT_CHARS a side."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    lo, hi = max(para_start, start - CONTEXT_CHARS), min(para_end, end + CONTEXT_CHARS)
    before = ("…" if lo > para_start else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < para_end else "")
    return before, text[start:end], after


def _spans(items: list[dict[str, Any]] | None, text: str, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        row = {k: item.get(k) for k in keys}
        if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
            row["text"] = item.get("text") or text[item["start"] : item["end"]]
        out.append(row)
    return out


def claim_view(store: Store, claim_id: str) -> dict[str, Any]:
    found = store.get_claims([claim_id])
    if not found:
        raise NotFound(f"no claim with id {claim_id!r}")
    claim = found[0]
    article = store.get_article(claim.article_id)
    if article is None:
        raise NotFound(f"claim {claim_id!r}: its article {claim.article_id!r} is not in the store")
    review = current_review(store, claim_id)
    before, sentence, after = context_of(article.text, claim.start, claim.end)
    story = store.story_members([article.id]).get(article.id)
    fields = claim.fields
    detail = claim.status_detail or {}
    return {
        "claim": claim_json(claim, article.text, review),
        "article": _article_json(article),
        "story_id": story.story_id if story else None,
        "context": {"before": before, "sentence": sentence, "after": after},
        "attribution": fields.get("attribution"),
        "hedges": _spans(fields.get("hedges"), article.text, ("cue", "strength", "start", "end")),
        "quantities": _spans(fields.get("quantities"), article.text,
                             ("low", "high", "unit", "approximate", "start", "end")),
        "evidence": [dict(p) for p in detail.get("evidence", [])],
        "relations": _relations(store, claim_id),
        "factchecks": _factchecks(store, claim_id),
        "review": review_json(review),
        "history": [audit_json(e) for e in store.audit_for("claim", claim_id)],
    }


def _factchecks(store: Store, claim_id: str) -> list[dict[str, Any]]:
    """Published fact-checks matched to the claim (``crosscheck factchecks``), best first: as in the report."""
    from crosscheck.report.build import factchecks_of

    return factchecks_of(store, [claim_id]).get(claim_id, [])


def _relations(store: Store, claim_id: str) -> list[dict[str, Any]]:
    rels = store.relations_for([claim_id])
    others = {r.claim_b if r.claim_a == claim_id else r.claim_a for r in rels}
    claims = {c.id: c for c in store.get_claims(others)}
    articles = {aid: store.get_article(aid) for aid in {c.article_id for c in claims.values()}}
    out = []
    for r in rels:
        other = claims.get(r.claim_b if r.claim_a == claim_id else r.claim_a)
        art = articles.get(other.article_id) if other else None
        if other is None or art is None:
            continue
        out.append({"type": r.type, "reason": r.reason, "claim_id": other.id,
                    "text": art.text[other.start : other.end], "article_id": art.id, "title": art.title,
                    "source": art.source, "status": other.status,
                    "status_label": STATUS_LABELS.get(other.status or "", NO_STATUS)})
    order = {"conflicts": 0, "corroborates": 1, "elaborates": 2}
    return sorted(out, key=lambda r: (order.get(r["type"], 3), r["source"] or ""))


def corrections_view(store: Store) -> dict[str, Any]:
    """The claim-level corrections log (``crosscheck.corrections.corrections_log``), newest version
    first: per new version its claim changes (added, removed, changed, with before/after text and
    offsets; silent edits flagged), the notes its text carries and the notes editors recorded.
    Unchanged claims never appear."""
    from crosscheck.corrections import corrections_log

    entries = corrections_log(store)
    for entry in entries:
        for change in entry["changes"]:
            focus = change.get("focus")
            change["focus"] = list(focus) if focus and len(focus) == 2 and any(focus) else None
        by_change: dict[str, list[dict[str, Any]]] = {}
        for note in entry["notes"]:
            by_change.setdefault(note["change_id"], []).append(note)
        entry["notes_by_change"] = by_change
    return {"entries": entries}
