"""Hedge cues and the certainty level."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.annotate.hedges import certainty_level, find_hedges

CASES = [
    ("Video purporting to show the block appears to show a toddler.", ["purporting to", "appears to"], "strongly hedged"),
    ("Unconfirmed video purports to show rebels.", ["Unconfirmed", "purports to"], "strongly hedged"),
    ("He has reportedly sought safety in Moscow.", ["reportedly"], "hedged"),
    ("The man allegedly fled.", ["allegedly"], "strongly hedged"),
    ("But according to some, men are still held.", ["according to some"], "strongly hedged"),
    ("The leader is believed to be in hiding.", ["is believed to"], "hedged"),
    ("The minister may resign.", ["may"], "hedged"),
    ("A few days ago, it was reported that he died.", ["it was reported"], "hedged"),
    ("The rebels captured the city.", [], "certain"),
    ("It happened in May 2009.", [], "certain"),
]


@pytest.mark.parametrize("text,cues,level", CASES, ids=[c[0][:30] for c in CASES])
def test_cues_and_level(text: str, cues: list[str], level: str) -> None:
    hedges = find_hedges(text)
    assert [h.cue for h in hedges] == cues
    assert certainty_level(hedges) == level
    for h in hedges:
        assert text[h.start:h.end] == h.cue


def test_offsets_into_article() -> None:
    article = "Title\n\nHe has reportedly fled."
    start = article.index("He")
    (h,) = find_hedges(article, start, len(article))
    assert article[h.start:h.end] == "reportedly"


@given(st.lists(st.sampled_from(["may ", "May ", "allegedly ", "is believed to ", "x ", ". ", "could not be verified "]),
                max_size=30).map("".join))
def test_cues_slice_their_text(text: str) -> None:
    hedges = find_hedges(text)
    assert all(text[h.start:h.end] == h.cue for h in hedges)
    assert all(a.end <= b.start for a, b in zip(hedges, hedges[1:]))
