"""Every claim gets a status an editor can act on, counting independent sources, not articles.

``independence`` maps article id -> ``SourceGroup`` (from reuse detection: copies, rewrites and
reports crediting the same upstream source share a group, with the reason). An article missing
from the mapping is its own group.

One status per claim, by this precedence (the first that applies):

1. **conflicting**: some other report gives a different number, date, place or person for it
   (the conflicting claims are listed); a disagreement is what an editor must see first.
2. **hedged-only**: every report of it (the claim and every corroborating claim) is hedged.
3. **corroborated**: reports from two or more independent sources (``independent_sources`` = N).
4. **unattributed**: only one source, and no report of it names who says so (the outlet states
   it on its own authority, or the sentence is a bare assertion).
5. **single-source**: only one source, attributed.

``hedged`` and ``attributed`` are also given as flags, so "corroborated but unattributed in every
report" stays visible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosscheck.relate.relation import CONFLICTS, CORROBORATES, ClaimRelation
from crosscheck.relate.views import ClaimView, Passage

__all__ = ["SourceGroup", "ClaimStatus", "MergedSources", "claim_status",
           "CORROBORATED", "SINGLE_SOURCE", "CONFLICTING", "HEDGED_ONLY", "UNATTRIBUTED", "STATUSES"]

CORROBORATED, SINGLE_SOURCE, CONFLICTING = "corroborated", "single-source", "conflicting"
HEDGED_ONLY, UNATTRIBUTED = "hedged-only", "unattributed"
STATUSES = (CONFLICTING, HEDGED_ONLY, CORROBORATED, UNATTRIBUTED, SINGLE_SOURCE)


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """The independence group of one article, and why it is in it ("copy of ...", "credits Reuters")."""

    group_id: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class MergedSources:
    """Articles that report a claim but count as one source, and why."""

    group_id: str
    article_ids: tuple[str, ...]
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"group_id": self.group_id, "article_ids": list(self.article_ids), "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    claim_id: str
    status: str
    independent_sources: int
    reason: str
    corroborating: tuple[str, ...] = ()  # claim ids
    conflicting: tuple[str, ...] = ()
    evidence: tuple[Passage, ...] = ()
    merged: tuple[MergedSources, ...] = field(default=())
    hedged: bool = False
    attributed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "status": self.status, "independent_sources": self.independent_sources,
                "reason": self.reason, "corroborating": list(self.corroborating), "conflicting": list(self.conflicting),
                "evidence": [p.to_json() for p in self.evidence], "merged": [m.to_json() for m in self.merged],
                "hedged": self.hedged, "attributed": self.attributed}


def claim_status(
    claim: ClaimView,
    relations: Sequence[ClaimRelation],
    independence: Mapping[str, SourceGroup],
    others: Mapping[str, ClaimView] | None = None,
) -> ClaimStatus:
    """The status of ``claim`` given its relations (others are ignored) and the independence
    groups. ``others`` (claim id -> view) lets hedging and attribution of the corroborating
    reports count; without it only the relations' evidence and the claim itself are read."""
    mine = [r for r in relations if r.involves(claim.claim_id) and r.claim_a != r.claim_b]
    support = [r for r in mine if r.type == CORROBORATES]
    against = [r for r in mine if r.type == CONFLICTS]
    articles = {claim.article_id} | {_article_of(r, claim.claim_id, others) for r in support}
    groups = _groups(articles, independence)
    reports = [claim] + [others[r.other(claim.claim_id)] for r in support if others and r.other(claim.claim_id) in others]
    hedged = all(c.hedged for c in reports)
    attributed = any(c.attribution for c in reports)
    evidence = tuple(p for r in support + against for p in r.evidence)
    merged = tuple(m for m in groups if len(m.article_ids) > 1)
    status, reason = _decide(against, hedged, len(reports), len(groups), len(articles), attributed)
    return ClaimStatus(claim.claim_id, status, len(groups), reason,
                       corroborating=tuple(r.other(claim.claim_id) for r in support),
                       conflicting=tuple(r.other(claim.claim_id) for r in against),
                       evidence=evidence or (claim.passage(),), merged=merged, hedged=hedged, attributed=attributed)


def _decide(against: list[ClaimRelation], hedged: bool, reports: int, groups: int, articles: int, attributed: bool) -> tuple[str, str]:
    if against:
        return CONFLICTING, "; ".join(r.reason for r in against)
    if hedged:
        return HEDGED_ONLY, f"every report of it is hedged ({reports} report(s))"
    if groups >= 2:
        return CORROBORATED, f"reported by {groups} independent sources"
    if not attributed:
        return UNATTRIBUTED, "one source, and no report says who stands behind it"
    merged = f" ({articles} articles, one independence group)" if articles > 1 else ""
    return SINGLE_SOURCE, "one source" + merged


def _article_of(r: ClaimRelation, claim_id: str, others: Mapping[str, ClaimView] | None) -> str:
    other = r.other(claim_id)
    if others and other in others:
        return others[other].article_id
    # the other claim's own passage is the second (or first) evidence passage
    mine_first = r.claim_a == claim_id
    return r.evidence[1 if mine_first else 0].article_id


def _groups(articles: set[str], independence: Mapping[str, SourceGroup]) -> list[MergedSources]:
    by_group: dict[str, list[str]] = {}
    for a in sorted(articles):
        g = independence.get(a)
        by_group.setdefault(g.group_id if g else "article:" + a, []).append(a)
    return [MergedSources(g, tuple(ids), tuple(independence[a].reason for a in ids if a in independence and independence[a].reason))
            for g, ids in sorted(by_group.items())]
