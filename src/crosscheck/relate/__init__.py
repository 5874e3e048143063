"""Claim relations and statuses: pure functions over small typed records.

``ClaimView.from_record`` builds what relating needs of a report claim; ``candidate_pairs`` picks
the story claims worth relating to a new article's claims; ``relate`` labels one pair
(corroborates, conflicts, elaborates, unrelated) with a reason in words and the exact passages;
``claim_status`` turns a claim's relations and the independence groups into a status.
Nothing here loads a model: embeddings come in as vectors, the stance judge only when asked for.
"""

from __future__ import annotations

from crosscheck.relate.candidates import CandidatePair, candidate_pairs, with_vectors
from crosscheck.relate.link import link_claims
from crosscheck.relate.relation import (
    CONFLICTS,
    CORROBORATES,
    ELABORATES,
    RELATION_TYPES,
    UNRELATED,
    ClaimJudge,
    ClaimRelation,
    JudgeVerdict,
    RelateSettings,
    relate,
    similarity,
)
from crosscheck.relate.status import STATUSES, ClaimStatus, MergedSources, SourceGroup, claim_status
from crosscheck.relate.views import ClaimView, EntityRef, Passage, QuantityRef, TimeRef, claim_views

__all__ = [
    "ClaimView", "claim_views", "EntityRef", "QuantityRef", "TimeRef", "Passage",
    "CandidatePair", "candidate_pairs", "with_vectors", "link_claims",
    "RelateSettings", "ClaimRelation", "ClaimJudge", "JudgeVerdict", "relate", "similarity",
    "CORROBORATES", "CONFLICTS", "ELABORATES", "UNRELATED", "RELATION_TYPES",
    "SourceGroup", "ClaimStatus", "MergedSources", "claim_status", "STATUSES",
]
