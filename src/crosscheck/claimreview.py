"""schema.org ClaimReview JSON-LD for every claim whose verdict an editor approved.

One record per approved claim: the claim as ``claimReviewed``, our verdict as ``reviewRating``
(numeric on our own scale, ``RATING``, with the verdict's name as ``alternateName``), the article
it appeared in as the ``Claim``'s ``appearance``, the speaker as the claim's ``author`` when the
sentence attributes it to a named person or organisation, and the outlet from ``[desk]`` in the
configuration as the review's ``author``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosscheck.config import DeskSettings
from crosscheck.errors import UsageError
from crosscheck.model import Article, Claim, EntityMention, Review
from crosscheck.store import Store

__all__ = ["RATING", "VERDICT_NAMES", "Outlet", "desk_outlet", "claimreview", "claimreviews"]

# Our scale, published in the README: 1 is the worst verdict, 5 the best. "unverified" sits in the
# middle (the desk could not establish it either way); "needs_context" is true as far as it goes.
RATING = {"inaccurate": 1, "misleading": 2, "unverified": 3, "needs_context": 4, "accurate": 5}
BEST, WORST = 5, 1
VERDICT_NAMES = {"inaccurate": "Inaccurate", "misleading": "Misleading", "unverified": "Unverified",
                 "needs_context": "Needs context", "accurate": "Accurate"}
_PERSON_LABELS = {"PERSON"}
_ORG_LABELS = {"ORG", "NORP", "GPE", "FAC"}
_TITLES = ("mr", "mrs", "ms", "dr", "gen", "general", "president", "minister", "governor", "mayor",
           "senator", "judge", "prosecutor", "chief", "colonel", "captain", "professor", "spokesman",
           "spokeswoman", "spokesperson", "inspector", "commander", "director")
_BATCH = 200  # articles whose claims and reviews are read at once


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    url: str
    review_url_template: str

    def review_url(self, claim_id: str) -> str:
        return self.review_url_template.format(outlet_url=self.url.rstrip("/"), claim_id=claim_id)


def desk_outlet(config: Mapping[str, Any] | None) -> Outlet:
    desk = DeskSettings.from_config(config)
    name, url, template = desk.outlet_name.strip(), desk.outlet_url.strip(), desk.review_url_template
    if not name or not url:
        raise UsageError("the ClaimReview export names your outlet as the author of every review: set [desk] "
                         "outlet_name and outlet_url in a --config file", code="E003")
    try:
        template.format(outlet_url=url, claim_id="x")
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError(f"[desk] review_url_template {template!r}: only {{outlet_url}} and {{claim_id}} "
                         f"can be filled in ({exc})", code="E003") from None
    return Outlet(name, url, template)


def claimreviews(store: Store, outlet: Outlet) -> list[dict[str, Any]]:
    """Every approved verdict as a ClaimReview, oldest approval first."""
    out = []
    for article, claim, review, mentions in _approved(store):
        out.append(claimreview(article, claim, review, outlet, mentions))
    out.sort(key=lambda r: (r["datePublished"], r["url"]))
    return out


def _approved(store: Store) -> Iterator[tuple[Article, Claim, Review, list[EntityMention]]]:
    batch: list[Article] = []
    for article in store.iter_articles(current_only=False):
        batch.append(article)
        if len(batch) == _BATCH:
            yield from _approved_in(store, batch)
            batch = []
    yield from _approved_in(store, batch)


def _approved_in(store: Store, articles: list[Article]) -> Iterator[tuple[Article, Claim, Review, list[EntityMention]]]:
    if not articles:
        return
    by_id = {a.id: a for a in articles}
    claims = store.claims_for(by_id)
    reviews = store.get_reviews(c.id for c in claims)
    approved = [c for c in claims if (r := reviews.get(c.id)) is not None and r.approved_by and r.verdict in RATING]
    if not approved:
        return
    mentions = store.mentions_for({c.article_id for c in approved})
    for c in approved:
        yield by_id[c.article_id], c, reviews[c.id], [m for m in mentions if m.article_id == c.article_id]


def claimreview(article: Article, claim: Claim, review: Review, outlet: Outlet,
                mentions: Sequence[EntityMention] = ()) -> dict[str, Any]:
    """One ClaimReview record. ``review`` must carry an approved verdict."""
    assert review.verdict is not None and review.approved_at is not None
    appearance: dict[str, Any] = {"@type": "NewsArticle"}
    if article.url:
        appearance["url"] = article.url
    if article.title:
        appearance["headline"] = article.title
    if article.published:
        appearance["datePublished"] = article.published
    appearance["publisher"] = {"@type": "Organization", "name": article.source}
    item: dict[str, Any] = {"@type": "Claim", "appearance": [appearance]}
    if article.published:
        item["datePublished"] = article.published
    speaker = claim_author(claim, mentions)
    if speaker is not None:
        item["author"] = speaker
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": outlet.review_url(claim.id),
        "claimReviewed": article.text[claim.start : claim.end],
        "datePublished": review.approved_at,
        "author": {"@type": "Organization", "name": outlet.name, "url": outlet.url},
        "reviewRating": {"@type": "Rating", "ratingValue": RATING[review.verdict], "bestRating": BEST,
                         "worstRating": WORST, "alternateName": VERDICT_NAMES[review.verdict]},
        "itemReviewed": item,
    }


def claim_author(claim: Claim, mentions: Sequence[EntityMention] = ()) -> dict[str, Any] | None:
    """The first named person or organisation in the claim's attribution chain, read from the
    speaker outwards, or None (unattributed, or only to anonymous sources). "RTVa reported, citing
    a source in the prosecutor's office" has an anonymous speaker, so RTVa, which made the claim
    public, is named."""
    attr = claim.fields.get("attribution")
    if not attr:
        return None
    times = [(t["start"], t["end"]) for t in claim.fields.get("times") or []]
    for a in [attr, *(attr.get("via") or [])]:
        s, e, name = a.get("source_start"), a.get("source_end"), (a.get("source") or "").strip()
        if a.get("anonymous") or not name or s is None or e is None:
            continue
        if any(ts < e and s < te for ts, te in times):
            continue  # "confirmed dead by Tuesday evening": a time read as a source
        return _speaker(name, s, e, mentions)
    return None


def _speaker(source: str, start: int, end: int, mentions: Sequence[EntityMention]) -> dict[str, Any]:
    """A Person or an Organization: a title in the source ("Regional governor Lidia Ferrant") says
    person whatever the entity recogniser thought; the name is the entity inside the source span
    when there is one ("the mine's operator, Solvane Metals" -> "Solvane Metals")."""
    inside = [m for m in mentions if start <= m.start and m.end <= end and not m.doubtful
              and m.label in _PERSON_LABELS | _ORG_LABELS]
    name = max(inside, key=lambda m: m.end - m.start).text if inside else source
    words = [w.strip(".,").lower() for w in source.split()]
    if any(w in _TITLES for w in words) or any(m.label in _PERSON_LABELS for m in inside):
        kind = "Person"
    else:
        kind = "Organization"
    return {"@type": kind, "name": name}
