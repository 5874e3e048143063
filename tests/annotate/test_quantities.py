"""Quantities: normalised ranges and units, odd number forms, and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.annotate.quantities import find_quantities, parse_number, words_to_number

CASES = [
    ("Between 5,000 and 13,000 inmates were held.", [(5000, 13000, "inmates")]),
    ("They killed hundreds of thousands of civilians.", [(200_000, 999_999, "civilians")]),
    ("An estimated half a million have died.", [(500_000, 500_000, "people")]),  # unit inferred from the verb
    ("It ended a twenty-four-year dictatorship.", [(24, 24, "years")]),
    ("Thousands of people marched.", [(2000, 9999, "people")]),
    ("Dozens of houses burned.", [(24, 99, "houses")]),
    ("More than 300 people came.", [(300, None, "people")]),
    ("They waited nearly 14 years.", [(14, 14, "years")]),
    ("Up to 40 trucks left.", [(None, 40, "trucks")]),
    ("Fares rose 12% last year.", [(12, 12, "%")]),
    ("The deal is worth $5m.", [(5_000_000, 5_000_000, "USD")]),
    ("Some 70-80% agreed.", [(70, 80, "%")]),
    ("Voters aged 21 years or older may vote.", [(21, None, "years")]),
]


# Issue #9: each class of misreading, in sentences written for these tests.
ISSUE9_CASES = [
    ("Three dozen miners were trapped below.", [(36, 36, "miners")]),
    ("Two dozen boats and 5 dozen eggs arrived.", [(24, 24, "boats"), (60, 60, "eggs")]),
    ("The lake holds between 800,000 and 1.5 million cubic metres of water.", [(800_000, 1_500_000, "cubic metres")]),
    ("Between 2 and 3 million people voted.", [(2_000_000, 3_000_000, "people")]),
    ("The park covers 40 square miles.", [(40, 40, "square miles")]),
    ("Roughly two-thirds of voters stayed home.", [(66.67, 66.67, "%")]),
    ("A quarter of the harvest was lost.", [(25, 25, "%")]),
    ("He spent three and a half years in jail.", [(3.5, 3.5, "years")]),
    ("They walked a mile and a half.", [(1.5, 1.5, "miles")]),
    ("Temperatures reached 45C on the coast.", [(45, 45, "°C")]),
    ("It was 28 degrees Celsius at dawn and -5C at night.", [(28, 28, "°C"), (-5, -5, "°C")]),
    ("Troops entered three neighbouring regions.", [(3, 3, "regions")]),
    ("Police found two other bodies.", [(2, 2, "bodies")]),
    ("Some 4,000 Syrians crossed into Jordan.", [(4000, 4000, "Syrians")]),
    ("A further 300,000 were displaced by the floods.", [(300_000, 300_000, "people")]),
    ("Another 2,000 were waiting for buses.", [(2000, 2000, None)]),
]
REVISIONS = [
    ("The ministry revised the toll from 73 to 37.", (37, 37, 73)),
    ("Unemployment rose from 5.1% to 5.4% in May.", (5.4, 5.4, 5.1)),
    ("The death toll was lowered from 120 to 95 on Monday.", (95, 95, 120)),
]


@pytest.mark.parametrize("text,expected", ISSUE9_CASES, ids=[c[0][:30] for c in ISSUE9_CASES])
def test_issue9_readings(text: str, expected: list[tuple[float | None, float | None, str | None]]) -> None:
    assert [(q.low, q.high, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", REVISIONS, ids=[c[0][:30] for c in REVISIONS])
def test_a_revision_is_the_new_figure_with_the_old_one_kept(text: str, expected: tuple[float, float, float]) -> None:
    (q,) = find_quantities(text)
    assert (q.low, q.high, q.revised_from) == expected
    assert q.to_json()["revised_from"] == expected[2]


def test_a_range_from_to_is_not_a_revision() -> None:
    (q,) = find_quantities("Aftershocks varied from 2.8 to 3.8 in magnitude.")
    assert (q.low, q.high, q.revised_from) == (2.8, 3.8, None)


@pytest.mark.parametrize("text", ["The bells rang at noon, then at six.", "We met at 5 : 30 p.m. in the hall.",
                                  "The iPhone 5C sold well.", "Talks resume at ten in the morning."])
def test_clock_times_and_models_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == ()


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:30] for c in CASES])
def test_normalised_ranges(text: str, expected: list[tuple[float | None, float | None, str | None]]) -> None:
    found = [(q.low, q.high, q.unit) for q in find_quantities(text)]
    assert found == expected


NOT_QUANTITIES = [
    "The UN in 2019 said it had found forged logs.",
    "The onslaught started on November 27.",
    "It happened on Dec. 7, 2004 at 10:30 in the morning.",
    "The MH17 crash and the 9/11 attacks were discussed.",
    "It was the 3rd time on Route 66.",
    "One of them left, one by one.",
    "Offices are at 1200, 1300 and 1600 Seaport Blvd.",
    "The new 4G network opened.",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES, ids=[t[:30] for t in NOT_QUANTITIES])
def test_dates_years_and_identifiers_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == ()


@pytest.mark.parametrize(
    "raw,value",
    [("5,000", 5000), ("5.000", 5000), ("13 000", 13000), ("1,5", 1.5), ("2.5", 2.5), ("1,000,000.25", 1_000_000.25)],
)
def test_parse_number_odd_forms(raw: str, value: float) -> None:
    assert parse_number(raw) == value


def test_odd_forms_in_text() -> None:
    text = "About 5.000 people, 13 000 troops and 1,5 million dollars."
    assert [(q.low, q.unit) for q in find_quantities(text)] == [(5000, "people"), (13000, "troops"), (1_500_000, "dollars")]


def test_word_numbers() -> None:
    assert words_to_number("twenty-four") == 24
    assert words_to_number("five hundred") == 500
    assert words_to_number("two million") == 2_000_000


def test_offsets_are_into_the_article_text() -> None:
    article = "Headline here.\nBetween 5,000 and 13,000 inmates were held."
    start = article.index("Between")
    (q,) = find_quantities(article, start, len(article))
    assert article[q.start:q.end] == q.text == "Between 5,000 and 13,000"


def test_unit_from_the_parse(annotate) -> None:
    ann = annotate("The governor said the floods had displaced hundreds of thousands of Varenians.")
    assert [(q.low, q.high, q.unit) for q in ann.quantities] == [(200_000, 999_999, "Varenians")]


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", " ", "\u00a0"]))
def test_grouped_integers_round_trip(n: int, sep: str) -> None:
    written = f"{n:,}".replace(",", sep)
    assert parse_number(written) == n


@given(st.integers(min_value=1000, max_value=10**9))
def test_comma_grouped_integers_in_a_sentence(n: int) -> None:
    text = f"Officials counted {n:,} ballots."
    (q,) = find_quantities(text)
    assert q.low == q.high == n and q.unit == "ballots"


@settings(max_examples=150)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-%$abc thousandmilionfry")), max_size=80))
def test_any_input_keeps_invariants(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.low is not None or q.high is not None
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
