"""The English check used to skip claim extraction for other languages."""

from __future__ import annotations

import csv

from crosscheck.annotate.language import english_verdict, is_english

ENGLISH = ("The council said on Monday that the new bridge would open in the spring, and that the cost "
           "of the work had risen by a third since it was first planned in 2019.")
FRENCH = ("Le conseil a annoncé lundi que le nouveau pont ouvrirait au printemps, et que le coût des travaux "
          "avait augmenté d'un tiers depuis sa planification en 2019, selon la mairie de la ville.")
GERMAN = ("Der Stadtrat teilte am Montag mit, dass die neue Brücke im Frühjahr eröffnet werde und die Kosten "
          "der Arbeiten seit der ersten Planung im Jahr 2019 um ein Drittel gestiegen seien.")


def test_english_and_not() -> None:
    assert is_english(ENGLISH)
    assert not is_english(FRENCH)
    v = english_verdict(GERMAN)
    assert not v.is_english and "not English" in v.reason


def test_short_or_empty_texts_are_passed_with_a_reason() -> None:
    for text in ("", "12 34 56", "Bonjour"):
        v = english_verdict(text)
        assert v.is_english and "too short" in v.reason


def test_fnc1_french_bodies_are_flagged(shared_data) -> None:
    csv.field_size_limit(1 << 30)
    with (shared_data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(f)}
    flagged = {bid for bid, text in bodies.items() if not is_english(text)}
    assert flagged == {1686, 2515}
