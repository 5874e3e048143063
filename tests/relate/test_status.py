"""claim_status(): independent sources, merged copies, conflicts, hedges, attribution."""

from __future__ import annotations

from crosscheck.relate import ClaimRelation, SourceGroup, claim_status
from tests.relate.helpers import claim

TEXT = "The dam burst on Sunday and flooded three villages."


def corroboration(a, b) -> ClaimRelation:  # type: ignore[no-untyped-def]
    return ClaimRelation(a.claim_id, b.claim_id, "corroborates", "the two say the same", (a.passage(), b.passage()))


def test_corroborated_by_independent_sources_only() -> None:
    a, b, c = claim("A", TEXT), claim("B", TEXT, attribution="police"), claim("C", TEXT)
    rels = [corroboration(a, b), corroboration(a, c)]
    others = {x.claim_id: x for x in (b, c)}
    s = claim_status(a, rels, {}, others)
    assert (s.status, s.independent_sources) == ("corroborated", 3)
    assert set(s.corroborating) == {b.claim_id, c.claim_id}
    # B copies C (the reuse detector's grouping): they count once, and the report says why
    groups = {"B": SourceGroup("g1", "copy of C"), "C": SourceGroup("g1", "")}
    s = claim_status(a, rels, groups, others)
    assert s.independent_sources == 2
    (merged,) = s.merged
    assert merged.article_ids == ("B", "C") and merged.reasons == ("copy of C",)
    assert {p.article_id for p in s.evidence} == {"A", "B", "C"}


def test_copies_alone_are_one_source() -> None:
    a, b = claim("A", TEXT, attribution="the mayor"), claim("B", TEXT)
    s = claim_status(a, [corroboration(a, b)], {"A": SourceGroup("g"), "B": SourceGroup("g", "same wire story (AP)")}, {b.claim_id: b})
    assert (s.status, s.independent_sources) == ("single-source", 1)
    assert "one independence group" in s.reason


def test_conflicting_comes_first() -> None:
    a, b, c = claim("A", TEXT), claim("B", TEXT), claim("C", "The dam burst on Sunday and flooded five villages.")
    rels = [corroboration(a, b), ClaimRelation(a.claim_id, c.claim_id, "conflicts", '"three villages" vs "five villages"', (a.passage(), c.passage()), "number")]
    s = claim_status(a, rels, {}, {b.claim_id: b, c.claim_id: c})
    assert s.status == "conflicting" and s.conflicting == (c.claim_id,) and "five villages" in s.reason


def test_hedged_only_and_unattributed() -> None:
    a, b = claim("A", TEXT, certainty="hedged"), claim("B", TEXT, certainty="strongly hedged")
    assert claim_status(a, [corroboration(a, b)], {}, {b.claim_id: b}).status == "hedged-only"
    b = claim("B", TEXT)  # one report stands behind it plainly
    assert claim_status(a, [corroboration(a, b)], {}, {b.claim_id: b}).status == "corroborated"
    lone = claim("A", TEXT)
    s = claim_status(lone, [], {})
    assert (s.status, s.independent_sources, s.attributed) == ("unattributed", 1, False)
    assert claim_status(claim("A", TEXT, attribution="the mayor"), [], {}).status == "single-source"


def test_other_claims_relations_are_ignored() -> None:
    a, b, c = claim("A", TEXT), claim("B", TEXT), claim("C", TEXT)
    s = claim_status(a, [corroboration(b, c)], {})
    assert s.status == "unattributed" and s.corroborating == ()
