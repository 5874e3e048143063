"""Relate one new article's claims to the claims of the other articles of its story."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from crosscheck.relate.candidates import candidate_pairs
from crosscheck.relate.compare import common_entities
from crosscheck.relate.relation import UNRELATED, ClaimJudge, ClaimRelation, RelateSettings, relate
from crosscheck.relate.views import ClaimView

__all__ = ["link_claims"]


def link_claims(
    new_claims: Sequence[ClaimView],
    story_claims: Sequence[ClaimView],
    settings: RelateSettings | None = None,
    judge: ClaimJudge | None = None,
    vectors: Mapping[str, np.ndarray] | None = None,
    keep_unrelated: bool = False,
) -> list[ClaimRelation]:
    """Every candidate pair (new claim, story claim of another article) related; unrelated pairs
    are dropped unless ``keep_unrelated``. The story's subject entities are worked out from all the
    claims given (``common_entity_share``)."""
    s = settings or RelateSettings()
    common = common_entities(list(new_claims) + list(story_claims), s.common_entity_share)
    out = [relate(p.new, p.other, s, judge, common) for p in candidate_pairs(new_claims, story_claims, vectors, s)]
    return out if keep_unrelated else [r for r in out if r.type != UNRELATED]
