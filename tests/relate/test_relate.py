"""relate(): unit cases with sentences we wrote (vectors set by hand to a chosen similarity)."""

from __future__ import annotations

import pytest

from crosscheck.relate import CONFLICTS, CORROBORATES, ELABORATES, UNRELATED, RelateSettings, relate
from tests.relate.helpers import claim, pair_vectors


def related(cos: float, a: dict, b: dict):  # type: ignore[no-untyped-def]
    va, vb = pair_vectors(cos)
    return claim("A", vector=va, **a), claim("B", vector=vb, **b)


def test_years_of_war_conflict_with_reason_and_evidence() -> None:
    a, b = related(
        0.43,
        dict(text="Crowds cheered after the regime fell, following 14 years of brutal civil war.", offset=100,
             quantities=(("14", 14, 14, "years"),)),
        dict(text="The rebels must rebuild a country devastated by 13 years of conflict.", offset=7,
             quantities=(("13", 13, 13, "years"),)),
    )
    r = relate(a, b)
    assert r.type == CONFLICTS and r.kind == "number"
    assert r.reason == '"14 years" vs "13 years"'
    texts = {(p.article_id, p.text) for p in r.evidence}
    assert ("A", "14 years") in texts and ("B", "13 years") in texts
    for p in r.evidence:  # offsets point into each article (the claim sits at its offset)
        c = a if p.article_id == "A" else b
        assert c.text[p.start - c.start : p.end - c.start] == p.text


@pytest.mark.parametrize(
    ("text_a", "qa", "text_b", "qb", "expected"),
    [
        ("The regime killed hundreds of thousands of people, the group says.", ("hundreds of thousands", 200_000, 999_999, "people"),
         "The regime killed an estimated half a million people, the group says.", ("half a million", 500_000, 500_000, "people"), False),
        ("Between 5,000 and 13,000 inmates were hanged at the prison.", ("Between 5,000 and 13,000", 5_000, 13_000, "inmates"),
         "As many as 20,000 inmates were hanged at the prison.", ("20,000", 20_000, 20_000, "inmates"), True),
        ("The war lasted 14 years before the regime fell.", ("14", 14, 14, "years"),
         "The war lasted 13 months before the regime fell.", ("13", 13, 13, "months"), False),
        ("More than 300 people were freed from the jail.", ("More than 300", 300, None, "people"),
         "Some 450 people were freed from the jail.", ("450", 450, 450, "people"), False),
    ],
    ids=["vague-range-holds-half-a-million", "range-vs-outside-number", "different-units", "open-range"],
)
def test_numbers_compare_as_ranges(text_a, qa, text_b, qb, expected) -> None:  # type: ignore[no-untyped-def]
    a, b = related(0.8, dict(text=text_a, quantities=(qa,)), dict(text=text_b, quantities=(qb,)))
    assert (relate(a, b).type == CONFLICTS) is expected


def test_same_unit_different_frame_does_not_conflict() -> None:
    a, b = related(
        0.6,
        dict(text="The regime killed hundreds of thousands of Syrians.", quantities=(("hundreds of thousands", 200_000, 999_999, "syrians"),)),
        dict(text="Millions of Syrians have been displaced.", quantities=(("Millions", 2_000_000, 9_999_999, "syrians"),)),
    )
    assert relate(a, b).type != CONFLICTS


@pytest.mark.parametrize(("approx", "expected"), [((), True), (("about 500",), False)], ids=["exact", "approximate"])
def test_tolerance_for_approximate_numbers(approx, expected) -> None:  # type: ignore[no-untyped-def]
    a, b = related(
        0.8,
        dict(text="Police said about 500 protesters marched to the square.", quantities=(("about 500", 500, 500, "protesters"),), approximate=approx),
        dict(text="Police said 520 protesters marched to the square.", quantities=(("520", 520, 520, "protesters"),)),
    )
    if not approx:
        a = claim("A", text="Police said 500 protesters marched to the square.", quantities=(("500", 500, 500, "protesters"),), vector=a.vector)
    assert (relate(a, b).type == CONFLICTS) is expected
    assert (relate(a, b, RelateSettings(approximate_tolerance=0.0)).type == CONFLICTS) is True


def test_a_running_total_does_not_contradict_one_operation() -> None:
    a, b = related(
        0.7,
        dict(text="The navy has seized a total of 14 rifles during five operations.", quantities=(("14", 14, 14, "rifles"),)),
        dict(text="The navy seized six rifles during the operation.", quantities=(("six", 6, 6, "rifles"),)),
    )
    assert relate(a, b).type != CONFLICTS


def test_different_date() -> None:
    a, b = related(
        0.8,
        dict(text="The suspect was arrested on 3 March 2009 outside the bank.", times=(("on 3 March 2009", "2009-03-03", "2009-03-03"),)),
        dict(text="The suspect was arrested on 5 March 2009 outside the bank.", times=(("on 5 March 2009", "2009-03-05", "2009-03-05"),)),
    )
    r = relate(a, b)
    assert r.type == CONFLICTS and r.kind == "date"
    assert "on 3 March 2009" in r.reason and "on 5 March 2009" in r.reason


def test_different_place_and_person() -> None:
    a, b = related(
        0.8,
        dict(text="The gunman was arrested in Chicago late on the night.", entities=(("Chicago", "GPE", "e_chi"),)),
        dict(text="The gunman was arrested in Detroit late on the night.", entities=(("Detroit", "GPE", "e_det"),)),
    )
    r = relate(a, b)
    assert (r.type, r.kind) == (CONFLICTS, "place") and r.reason == 'a different place: "Chicago" vs "Detroit"'
    a, b = related(
        0.8,
        dict(text="Police said Maria Lopez drove the stolen van into the shop.", entities=(("Maria Lopez", "PERSON", "e_ml"),)),
        dict(text="Police said Tom Harker drove the stolen van into the shop.", entities=(("Tom Harker", "PERSON", "e_th"),)),
    )
    assert (relate(a, b).type, relate(a, b).kind) == (CONFLICTS, "person")


def test_places_both_articles_name_are_not_a_contradiction() -> None:
    a, b = related(
        0.8,
        dict(text="The climber fell to his death on Mount Kerr on Friday.", entities=(("Mount Kerr", "LOC", "e_mk"),), article_entities=("e_nl",)),
        dict(text="The climber fell to his death in Northland on Friday.", entities=(("Northland", "GPE", "e_nl"),), article_entities=("e_mk",)),
    )
    assert relate(a, b).type != CONFLICTS


def test_restatement_corroborates_and_role_of_a_place() -> None:
    a, b = related(0.75, dict(text="A small boy walked out of a cell in the old prison."), dict(text="A toddler was seen leaving a cell of the prison."))
    assert relate(a, b).type == CORROBORATES
    a, b = related(
        0.42,
        dict(text="The president said the word is that the leader is in Moscow.", entities=(("Moscow", "GPE", "e_mos"),)),
        dict(text="The leader has reportedly found safety in Moscow with his family.", entities=(("Moscow", "GPE", "e_mos"),)),
    )
    r = relate(a, b)
    assert r.type == CORROBORATES and "Moscow" in r.reason


def test_elaborates_and_unrelated() -> None:
    a, b = related(
        0.5,
        dict(text="The leader ruled the country for twenty years.", entities=(("leader", "PERSON", "e_l"),)),
        dict(text="Statues of the leader were pulled down in the capital.", entities=(("leader", "PERSON", "e_l"),)),
    )
    assert relate(a, b, common=frozenset({"e_l"})).type == ELABORATES
    a, b = related(0.1, dict(text="Fans queued for tickets all night."), dict(text="The central bank raised interest rates."))
    assert relate(a, b).type == UNRELATED
