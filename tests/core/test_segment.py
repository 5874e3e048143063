from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.clean import lexicon_spans

WORDS = st.sampled_from(["The", "minister", "said", "on", "Sunday", "that", "300", "workers", "left", "Dr.", "Smith", "U.S.", "officials"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
FURNITURE = st.sampled_from(["Watch the video below.", "READ MORE ON SYRIA", "Advertisement"])
DOCUMENT = st.lists(st.one_of(PARAGRAPH, FURNITURE), min_size=1, max_size=6).map("\n".join)


def test_sentences_have_offsets(segmenter):
    text = "Headline without a stop\nThe U.S. Dept. of State said on Dec. 8 that Mr. Smith left. He did.\nWatch the video below."
    bp = lexicon_spans(text)
    (sents,) = segmenter.run([text], [bp])
    got = [text[s.start : s.end] for s in sents]
    assert got == [
        "Headline without a stop",
        "The U.S. Dept. of State said on Dec. 8 that Mr. Smith left.",
        "He did.",
        "Watch the video below.",
    ]
    assert [s.boilerplate for s in sents] == [False, False, False, True]


def test_no_letters_and_huge_paragraphs(segmenter):
    text = "12 34 56 -- 78\n" + ("word " * 30_000).strip()
    (sents,) = segmenter.run([text], [[]])
    assert sents and all(0 <= s.start < s.end <= len(text) for s in sents)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DOCUMENT)
def test_sentences_never_straddle_furniture(segmenter, text):
    bp = lexicon_spans(text)
    (sents,) = segmenter.run([text], [bp])
    for s in sents:
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        for b in bp:
            inside = b.start <= s.start and s.end <= b.end
            disjoint = s.end <= b.start or b.end <= s.start
            assert inside or disjoint
            assert s.boilerplate == any(x.start <= s.start and s.end <= x.end for x in bp)


def test_dangling_opening_quote_moves_to_its_sentence(segmenter):
    text = "Soldiers fought them off. “Our men held the town,” the officer said."
    (sents,) = segmenter.run([text], [[]])
    assert [text[s.start : s.end] for s in sents] == ["Soldiers fought them off.", "“Our men held the town,” the officer said."]


def test_both_segmenters_registered():
    from crosscheck.errors import UsageError
    from crosscheck.segment import SEGMENTERS

    assert SEGMENTERS.names() == ["segment.spacy_rules.v1", "segment.spacy_senter.v1"]
    with pytest.raises(UsageError, match="segment.spacy_rules.v1"):
        SEGMENTERS.create("segment.nosuch.v1")
