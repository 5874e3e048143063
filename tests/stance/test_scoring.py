"""The FNC-1 scorer reproduces the leaderboard from the two published submissions."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.errors import InputError
from crosscheck.stance.scoring import f1_per_class, fnc_score, macro_f1, read_submission


@pytest.mark.parametrize(("name", "expected"), [("athene", 81.97), ("talos", 82.02)], ids=["athene", "talos"])
def test_reference_submissions_score_as_published(shared_data: Path, name: str, expected: float) -> None:
    root = shared_data / "fnc1"
    gold_rows = read_submission(root / "competition_test_stances.csv")
    pred_rows = read_submission(root / "reference_predictions" / f"{name}_official_submission.csv")
    assert [(h, b) for h, b, _ in gold_rows] == [(h, b) for h, b, _ in pred_rows]
    _, best, relative = fnc_score([s for *_, s in gold_rows], [s for *_, s in pred_rows])
    assert best == pytest.approx(11651.25)
    assert f"{relative:.2f}" == f"{expected:.2f}"


def test_score_rules_by_hand() -> None:
    gold = ["agree", "discuss", "unrelated", "disagree"]
    pred = ["agree", "agree", "unrelated", "unrelated"]
    raw, best, rel = fnc_score(gold, pred)
    assert raw == 1.0 + 0.25 + 0.25 + 0.0
    assert best == 3.25
    assert rel == pytest.approx(100 * 1.5 / 3.25)


def test_f1_of_an_absent_class_is_zero() -> None:
    per = f1_per_class(["agree", "agree"], ["agree", "agree"])
    assert per["agree"] == 1.0 and per["disagree"] == 0.0
    assert macro_f1(["agree"], ["agree"]) == 0.25


def test_mismatched_lengths_are_an_input_error() -> None:
    with pytest.raises(InputError):
        fnc_score(["agree"], [])
