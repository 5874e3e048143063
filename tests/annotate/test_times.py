"""Times resolved against the publication date, never against today."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.annotate.times import find_times

PUB = "2024-12-10"  # a Tuesday

CASES = [
    ("The dictator left the capital on Sunday.", "on Sunday", "2024-12-08", "2024-12-08", f"published:{PUB}"),
    ("Inmates have been hanged there since 2011.", "since 2011", "2011-01-01", PUB, f"published:{PUB}"),
    ("The onslaught started on November 27.", "on November 27", "2024-11-27", "2024-11-27", f"published:{PUB}"),
    ("The UN in 2019 said it had found forged logs.", "in 2019", "2019-01-01", "2019-12-31", "absolute"),
    ("Monday, December 09, 2024 - A toddler was seen.", "Monday, December 09, 2024", "2024-12-09", "2024-12-09", "absolute"),
    ("Just hours after the fall, he escaped.", "Just hours after", None, None, "event"),
    ("He arrived yesterday.", "yesterday", "2024-12-09", "2024-12-09", f"published:{PUB}"),
    ("She resigned last week.", "last week", "2024-12-02", "2024-12-08", f"published:{PUB}"),
    ("It opened in May 2009.", "in May 2009", "2009-05-01", "2009-05-31", "absolute"),
    ("They met three days ago.", "three days ago", "2024-12-07", "2024-12-07", f"published:{PUB}"),
    ("A hearing is set for December 24.", "December 24", "2024-12-24", "2024-12-24", f"published:{PUB}"),
]


@pytest.mark.parametrize("text,span,lo,hi,anchor", CASES, ids=[c[1] for c in CASES])
def test_resolved_against_publication(text: str, span: str, lo: str | None, hi: str | None, anchor: str) -> None:
    (t,) = find_times(text, published=PUB)
    assert (t.text, t.start_date, t.end_date, t.anchor) == (span, lo, hi, anchor)


def test_no_publication_date_means_no_guessed_dates() -> None:
    (t,) = find_times("The onslaught started on November 27.")
    assert (t.start_date, t.end_date, t.anchor) == (None, None, None)
    (t,) = find_times("The dictator left the capital on Sunday.")
    assert t.start_date is None


def test_may_the_modal_is_not_a_month() -> None:
    assert find_times("The plan may fail, officials warn.") == ()


def test_impossible_dates_are_dropped() -> None:
    assert find_times("It happened on February 30, 2021.", published=PUB) == ()


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@given(st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2099, 12, 31)), st.booleans())
def test_written_dates_round_trip(d: dt.date, day_first: bool) -> None:
    written = f"{d.day} {MONTHS[d.month - 1]} {d.year}" if day_first else f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    text = f"The report was filed on {written} in court."
    (t,) = find_times(text, published="2024-12-10")
    assert t.start_date == t.end_date == d.isoformat()
    assert text[t.start:t.end] == t.text


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2099, 10, 1)), st.sampled_from(MONTHS), st.integers(1, 28))
def test_day_month_without_year_lands_within_a_year_of_publication(pub: dt.date, month: str, day: int) -> None:
    (t,) = find_times(f"It happened on {month} {day}.", published=pub.isoformat())
    assert t.start_date is not None and t.end_date is not None
    resolved = dt.date.fromisoformat(t.start_date)
    assert abs((resolved - pub).days) <= 184
    assert t.start_date <= t.end_date


@settings(max_examples=150)
@given(st.lists(st.sampled_from(list("0123456789 ,.-/") + ["May ", "since ", "on ", "Sunday", "November ",
                                                                "2011", "ago ", "last week", "hours after "]),
                max_size=40).map("".join))
def test_any_input_keeps_invariants(text: str) -> None:
    for pub in (None, "2024-12-10"):
        for t in find_times(text, published=pub):
            assert text[t.start:t.end] == t.text
            if t.start_date and t.end_date:
                assert t.start_date <= t.end_date


# Issue #9: future weekdays, calendar "ago" with larger units, rolling periods (sentences written for these tests).
ISSUE9 = [
    ("The council will meet on Friday.", "on Friday", "2024-12-13", "2024-12-13"),
    ("The council met on Friday.", "on Friday", "2024-12-06", "2024-12-06"),
    ("The trial is due to resume Monday.", "Monday", "2024-12-16", "2024-12-16"),
    ("She said the talks would continue on Thursday.", "on Thursday", "2024-12-12", "2024-12-12"),
    ("He left the country three years ago.", "three years ago", "2021-12-10", "2021-12-10"),
    ("The plant closed two decades ago.", "two decades ago", "2004-12-10", "2004-12-10"),
    ("They moved there five or six years ago.", "five or six years ago", "2018-12-10", "2019-12-10"),
    ("The tests stopped more than 18 months ago.", "more than 18 months ago", None, "2023-06-10"),
    ("The war began two and a half years ago.", "two and a half years ago", "2022-06-10", "2022-06-10"),
    ("The bridge was built a century ago.", "a century ago", "1924-12-10", "1924-12-10"),
    ("Prices rose in the past month.", "in the past month", "2024-11-10", "2024-12-10"),
    ("Last night, the power failed.", "Last night", "2024-12-09", "2024-12-09"),
    ("It snowed this morning.", "this morning", "2024-12-10", "2024-12-10"),
    ("Several years ago the mill shut.", "Several years ago", None, None),
]


@pytest.mark.parametrize("text,span,lo,hi", ISSUE9, ids=[c[0][:30] for c in ISSUE9])
def test_issue9_relative_times(text: str, span: str, lo: str | None, hi: str | None) -> None:
    (t,) = find_times(text, published=PUB)
    assert (t.text, t.start_date, t.end_date) == (span, lo, hi)


def test_years_ago_keeps_the_day_across_leap_years() -> None:
    (t,) = find_times("It opened four years ago.", published="2024-02-29")
    assert t.start_date == "2020-02-29"
    (t,) = find_times("It opened three years ago.", published="2024-02-29")
    assert t.start_date == "2021-02-28"


def test_since_a_day_without_year_is_in_the_past():
    from crosscheck.annotate.times import find_times

    text = "The protests have continued since May 1."
    (t,) = find_times(text, 0, len(text), published="2024-12-10")
    assert (t.start_date, t.end_date) == ("2024-05-01", "2024-12-10")
