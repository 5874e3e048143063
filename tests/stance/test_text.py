"""Sentence spans, word tokens and the English check used by the stance judge."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.stance.text import cue_counts, looks_english, split_sentences, words


def test_sentences_keep_closing_quotes_and_abbreviations() -> None:
    text = 'He said "It is fake." Then Mr. Smith left!\n\nThe U.S. army agreed. 3 cats.'
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == ['He said "It is fake."', "Then Mr. Smith left!", "The U.S. army agreed.", "3 cats."]


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'A1")), max_size=200))
def test_spans_are_ordered_trimmed_slices(text: str) -> None:
    prev_end = 0
    for s in split_sentences(text):
        assert prev_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        assert any(ch.isalnum() for ch in piece)
        prev_end = s.end


def test_long_runs_are_cut() -> None:
    text = "word " * 400
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(s.end - s.start <= 600 for s in spans)


def test_cues_and_words() -> None:
    toks = words("Officials denied the hoax, reportedly it isn\u2019t true")
    assert "isn't" in toks
    refute, hedge, support, negate = cue_counts(toks)
    assert (refute, hedge, support, negate) == (2, 1, 1, 1)


def test_english_check() -> None:
    assert looks_english("The minister said on Monday that the plan would go ahead as it was announced in March.")
    german = "Der Bundeskanzler hat heute in Berlin gesagt, dass die Regierung die neuen Massnahmen unterstützen wird."
    french = "Le président de la République a annoncé mardi que le gouvernement allait présenter un projet de loi."
    assert not looks_english(german)
    assert not looks_english(french)
    assert not looks_english("您所访问的资源已不存在。查看更多请返回网站主页。")
    assert not looks_english("1234 5678")


def test_a_headline_is_one_span() -> None:
    from crosscheck.stance.features import headline_span

    text = "  Is the bridge closing? Not quite.  "
    (span,) = headline_span(text)
    assert text[span.start : span.end] == "Is the bridge closing? Not quite."
    assert headline_span("   ") == []
