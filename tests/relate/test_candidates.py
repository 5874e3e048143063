"""candidate_pairs() and link_claims() with the hashing embedder (no model)."""

from __future__ import annotations

from crosscheck.embed import get_embedder
from crosscheck.relate import CONFLICTS, candidate_pairs, link_claims, with_vectors
from tests.relate.helpers import claim


def test_candidates_skip_own_article_and_keep_numbers_of_one_unit() -> None:
    new = [claim("N", "Rescuers pulled twelve miners from the flooded shaft.", offset=0),
           claim("N", "The mine had been closed for 14 years before the flood.", offset=60, quantities=(("14", 14, 14, "years"),))]
    story = [claim("S", "Twelve miners were pulled from the flooded shaft by rescuers.", offset=0),
             claim("S", "Weather stations logged record rain that week.", offset=70),
             claim("T", "Locals say the pit was shut 13 years ago.", offset=0, quantities=(("13", 13, 13, "years"),))]
    emb = get_embedder("embed.hashing.v1")
    pairs = candidate_pairs(with_vectors(new, emb), with_vectors(story, emb))
    assert all(p.new.article_id != p.other.article_id for p in pairs)
    keys = {(p.new.claim_id, p.other.claim_id) for p in pairs}
    assert (new[0].claim_id, story[0].claim_id) in keys
    assert (new[1].claim_id, story[2].claim_id) in keys  # a number of the same unit is always a candidate
    assert len(keys) == len(pairs)  # each pair once


def test_link_claims_reports_the_conflict_and_drops_unrelated() -> None:
    new = [claim("N", "Crowds cheered the end of 14 years of civil war.", quantities=(("14", 14, 14, "years"),))]
    story = [claim("S", "The country was ruined by 13 years of war.", quantities=(("13", 13, 13, "years"),)),
             claim("S", "Bakers sold bread at dawn.", offset=60)]
    rels = link_claims(new, story, vectors={c.claim_id: v for c, v in zip(new + story, get_embedder("embed.hashing.v1").encode([c.text for c in new + story]))})
    assert [r.type for r in rels] == [CONFLICTS]
    assert rels[0].reason == '"14 years" vs "13 years"'
