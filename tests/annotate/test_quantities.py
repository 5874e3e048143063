"""Quantities: normalised ranges and units, odd number forms, and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.annotate.quantities import find_quantities, parse_number, words_to_number

CASES = [
    ("Between 5,000 and 13,000 inmates were held.", [(5000, 13000, "inmates")]),
    ("They killed hundreds of thousands of civilians.", [(200_000, 999_999, "civilians")]),
    ("An estimated half a million have died.", [(500_000, 500_000, None)]),
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
    assert [(q.low, q.high, q.unit) for q in ann.quantities] == [(200_000, 999_999, "varenians")]


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
