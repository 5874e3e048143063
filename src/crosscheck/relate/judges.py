"""Claim-vs-claim judges for ``relate(..., judge=...)``.

``StanceClaimJudge`` asks the stance judge (trained claim-vs-article on FNC-1) to read each claim
as a one-sentence article against the other, both ways, and keeps the stronger "disagree". Whether
it helps was measured with ``bench.conflicts.run(..., split="dev", judge="judge.stance.v1")``: on
ECB+ dev pairs it found no planted conflict and only added false ones (see ``[relations] judge``).
``NliClaimJudge`` asks the stance cross-encoder's NLI head (``StanceJudge.relate_claims``: both
reading orders, calibrated, and unrelated below a similarity floor) whether the claims contradict
each other; measured the same way (2026-12-02, the 6-layer cross-encoder): recall of planted
conflicts unchanged (0.434; every plant it could see was already found by the slots), precision 0.395
-> 0.172 (131 more conflicts between unchanged ECB+ reports of one event, which the NLI head reads as
contradicting when they tell different details). So ``[relations] judge`` stays "none".
"""

from __future__ import annotations

from typing import Any

from crosscheck.relate.relation import JudgeVerdict
from crosscheck.relate.views import ClaimView

__all__ = ["StanceClaimJudge", "NliClaimJudge", "JUDGES", "get_judge"]


class StanceClaimJudge:
    name = "judge.stance.v1"

    def __init__(self, stance: Any = None) -> None:
        self._stance = stance

    @property
    def stance(self) -> Any:
        if self._stance is None:
            from crosscheck.stance import StanceJudge

            self._stance = StanceJudge()
        return self._stance

    def judge_claims(self, a: ClaimView, b: ClaimView) -> JudgeVerdict:
        ab = self.stance.judge(a.text, b.text)
        ba = self.stance.judge(b.text, a.text)
        best = max((ab, ba), key=lambda r: r.probabilities.get("disagree", 0.0))
        p = float(best.probabilities.get("disagree", 0.0))
        if best.label == "disagree":
            return JudgeVerdict("disagree", p, f"the stance judge reads one as denying the other (p={p:.2f})")
        agree = max(float(ab.probabilities.get("agree", 0.0)), float(ba.probabilities.get("agree", 0.0)))
        return JudgeVerdict("agree" if "agree" in (ab.label, ba.label) else "other", agree, best.reason or "")


class NliClaimJudge(StanceClaimJudge):
    name = "judge.nli.v1"

    def judge_claims(self, a: ClaimView, b: ClaimView) -> JudgeVerdict:
        r = self.stance.relate_claims(a.text, b.text)
        if r.label == "conflicts":
            p = float(r.probabilities["contradicts"])
            return JudgeVerdict("disagree", p, f"the NLI head reads the claims as contradicting each other (p={p:.2f})")
        if r.label == "corroborates":
            return JudgeVerdict("agree", float(r.probabilities["entails"]), r.reason or "")
        return JudgeVerdict("other", float(r.probabilities["neutral"]), r.reason or "")


JUDGES = {"none": None, "judge.stance.v1": StanceClaimJudge, "judge.nli.v1": NliClaimJudge}


def get_judge(name: str) -> StanceClaimJudge | None:
    from crosscheck.errors import UsageError

    if name not in JUDGES:
        raise UsageError(f"unknown claim judge '{name}'; available: {', '.join(sorted(JUDGES))}")
    factory = JUDGES[name]
    return factory() if factory else None
