"""How two claims of different articles relate: corroborates, conflicts, elaborates or unrelated.

The decision, in order (it is symmetric: relate(a, b) and relate(b, a) get the same type):

1. **conflicts** when a slot differs in the same frame (see ``compare``): a number outside the
   tolerance, a different date, place or person; numbers need only a little topical closeness
   (``quantity_similarity``), dates, places and people need the claims to say nearly the same
   thing (``slot_similarity``), because different people and places appear in any story. With a
   ``judge``, a confident "disagree" between related claims is a conflict too (kind "stance").
2. **corroborates** when the claims restate each other (``corroborate_similarity``), or are
   related (``related_similarity``) and name an entity that plays the same part in both ("in
   Moscow" / "in Moscow") and is not the story's subject, or agree on a number or date and
   share an entity.
3. **elaborates** when they are related and share an entity (the same matter, different details).
4. **unrelated** otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from crosscheck.relate.compare import SlotConflict, agreeing_slots, content_words, entity_conflicts, quantity_conflicts, time_conflicts
from crosscheck.relate.views import ClaimView, Passage

__all__ = ["RelateSettings", "ClaimRelation", "ClaimJudge", "JudgeVerdict", "relate", "similarity",
           "CORROBORATES", "CONFLICTS", "ELABORATES", "UNRELATED", "RELATION_TYPES"]

CORROBORATES, CONFLICTS, ELABORATES, UNRELATED = "corroborates", "conflicts", "elaborates", "unrelated"
RELATION_TYPES = (CORROBORATES, CONFLICTS, ELABORATES, UNRELATED)
_KIND_ORDER = ("number", "date", "place", "person", "stance")


@dataclass(frozen=True, slots=True)
class RelateSettings:
    """``[relations]`` in defaults.toml; the comments there say how each value was chosen."""

    corroborate_similarity: float = 0.6
    related_similarity: float = 0.4
    quantity_similarity: float = 0.4
    slot_similarity: float = 0.5
    exact_tolerance: float = 0.0
    approximate_tolerance: float = 0.1
    frame_window: int = 4
    slot_frame_overlap: int = 2
    judge_disagree: float = 0.6
    candidates_per_claim: int = 20
    candidate_similarity: float = 0.2
    common_entity_share: float = 0.2
    judge: str = "none"

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> RelateSettings:
        from crosscheck.config import load_config, section_settings

        return section_settings(cls, (load_config() if config is None else config).get("relations"), "relations")


@dataclass(frozen=True, slots=True)
class JudgeVerdict:
    """A claim-vs-claim judgement: ``label`` agree | disagree | other, with its probability."""

    label: str
    probability: float
    reason: str


class ClaimJudge(Protocol):
    """Anything that reads two claims and says whether they agree (the stance judge through
    ``StanceClaimJudge``; later an NLI cross-encoder)."""

    def judge_claims(self, a: ClaimView, b: ClaimView) -> JudgeVerdict: ...


@dataclass(frozen=True, slots=True)
class ClaimRelation:
    claim_a: str
    claim_b: str
    type: str
    reason: str
    evidence: tuple[Passage, ...]
    kind: str | None = None  # for conflicts: number | date | place | person | stance
    similarity: float = 0.0
    conflicts: tuple[SlotConflict, ...] = field(default=())

    def involves(self, claim_id: str) -> bool:
        return claim_id in (self.claim_a, self.claim_b)

    def other(self, claim_id: str) -> str:
        return self.claim_b if claim_id == self.claim_a else self.claim_a

    def to_json(self) -> dict[str, Any]:
        return {"claim_a": self.claim_a, "claim_b": self.claim_b, "type": self.type, "reason": self.reason,
                "evidence": [p.to_json() for p in self.evidence], "kind": self.kind,
                "similarity": round(self.similarity, 4)}


def similarity(a: ClaimView, b: ClaimView) -> float:
    """Cosine of the claims' embeddings; without embeddings, the Dice overlap of content words."""
    if a.vector is not None and b.vector is not None:
        return float(np.dot(a.vector, b.vector))
    wa = {w for w, _, _ in content_words(a.text)}
    wb = {w for w, _, _ in content_words(b.text)}
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def relate(a: ClaimView, b: ClaimView, settings: RelateSettings | None = None, judge: ClaimJudge | None = None,
           common: frozenset[str] = frozenset()) -> ClaimRelation:
    """Relate two claims. ``common``: entity ids too common in the story to show that two claims
    are about one thing (``compare.common_entities``)."""
    s = settings or RelateSettings()
    sim = similarity(a, b)
    found = _slot_conflicts(a, b, sim, s)
    if found:
        found.sort(key=lambda c: _KIND_ORDER.index(c.kind))
        evidence = (a.passage(), b.passage()) + tuple(p for c in found for p in (a.slot_passage(*c.a), b.slot_passage(*c.b)))
        return ClaimRelation(a.claim_id, b.claim_id, CONFLICTS, "; ".join(c.reason for c in found), evidence, found[0].kind, sim, tuple(found))
    related = sim >= s.related_similarity
    if judge is not None and related:
        verdict = judge.judge_claims(a, b)
        if verdict.label == "disagree" and verdict.probability >= s.judge_disagree:
            return ClaimRelation(a.claim_id, b.claim_id, CONFLICTS, verdict.reason, (a.passage(), b.passage()), "stance", sim)
    matches = agreeing_slots(a, b, s.frame_window, s.exact_tolerance, s.approximate_tolerance, common)
    shared = sorted({a.text[m.a[0] - a.start : m.a[1] - a.start] for m in matches if m.kind in ("entity", "name")})
    evidence = (a.passage(), b.passage()) + tuple(p for m in matches for p in (a.slot_passage(*m.a), b.slot_passage(*m.b)))
    if sim >= s.corroborate_similarity:
        return ClaimRelation(a.claim_id, b.claim_id, CORROBORATES, f"the two say the same (similarity {sim:.2f})" + _naming(shared), evidence, None, sim)
    named = any(m.kind in ("entity", "name") for m in matches)
    firm = [m for m in matches if m.kind != "name"]
    if related and firm and (named or len(firm) >= 2):
        what = ", ".join(sorted({"place or person" if m.kind == "entity" else m.kind for m in firm}))
        return ClaimRelation(a.claim_id, b.claim_id, CORROBORATES, f"same matter, agreeing {what} (similarity {sim:.2f})" + _naming(shared), evidence, None, sim)
    if related and named:
        return ClaimRelation(a.claim_id, b.claim_id, ELABORATES, f"same matter, different details (similarity {sim:.2f})" + _naming(shared), evidence, None, sim)
    return ClaimRelation(a.claim_id, b.claim_id, UNRELATED, f"similarity {sim:.2f}" + ("" if named else ", no shared entity"), (a.passage(), b.passage()), None, sim)


def _naming(names: list[str]) -> str:
    return "; both name " + ", ".join(names) if names else ""


def _slot_conflicts(a: ClaimView, b: ClaimView, sim: float, s: RelateSettings) -> list[SlotConflict]:
    if a.claim_id == b.claim_id:
        return []
    found: list[SlotConflict] = []
    if sim >= s.quantity_similarity:
        found += quantity_conflicts(a, b, s.frame_window, s.exact_tolerance, s.approximate_tolerance)
    if sim >= s.slot_similarity:
        found += time_conflicts(a, b, s.frame_window, s.slot_frame_overlap)
        found += entity_conflicts(a, b, s.frame_window, s.slot_frame_overlap)
    return found
