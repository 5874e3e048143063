"""Property: every passage's offsets slice the sentences that were aligned, in both texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.reuse import detect_reuse
from tests.reuse.helpers import SOURCE, doc

WORDS = ["crane", "ferry", "dock", "harbour", "workers", "union", "island", "council", "Tuesday", "inspectors",
         "the", "a", "of", "said", "were", "after", "fell", "closed", "“quote”", "1998", "—", "é"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
spacing = st.sampled_from(["\n", "\n\n", "\n  \n", "\n\nWatch the video below.\n\n"])


@st.composite
def article_pair(draw):
    own = draw(st.lists(sentence, min_size=0, max_size=6))
    taken = draw(st.lists(st.sampled_from(SOURCE), min_size=0, max_size=8))
    lines = draw(st.permutations(own + taken))
    gaps = [draw(spacing) for _ in lines]
    lead = draw(st.sampled_from(["", "  ", "LISBON (AP) — Intro line here.\n"]))
    return lead + "".join(line + gap for line, gap in zip(lines, gaps))


@settings(max_examples=150, deadline=None)
@given(article_pair(), article_pair())
def test_passage_offsets_slice_both_texts(first, second):
    a, b = doc("a", first, "2026-01-01"), doc("b", second, "2026-01-02")
    link = detect_reuse(a, b)
    if link is None:
        return
    spans_a, spans_b = set(a.sentences), set(b.sentences)
    for p in link.passages:
        assert (p.source_start, p.source_end) in spans_a and (p.derived_start, p.derived_end) in spans_b
        assert a.text[p.source_start:p.source_end].strip() and b.text[p.derived_start:p.derived_end].strip()
        assert 0 <= p.similarity <= 100
    assert 0 < link.score <= 1 and link.source_article == "a"
