"""Stance: does an article agree with a claim, disagree, discuss it, or not address it?

``StanceJudge().judge(claim, body)`` returns a ``StanceResult`` (label, probabilities, the deciding
passage as offsets into ``body``, and a reason); ``judge_many(claims, body)`` reads the article once.
Importing this package loads no model: LightGBM and the MiniLM embedder load on ``warm_up()``.
"""

from __future__ import annotations

from crosscheck.stance.judge import StanceJudge, StanceResult
from crosscheck.stance.scoring import STANCE_LABELS

__all__ = ["StanceJudge", "StanceResult", "STANCE_LABELS"]
