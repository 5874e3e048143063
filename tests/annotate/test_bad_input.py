"""Bad input: no letters, run-on 'sentences', odd numbers: no crash, a recorded reason."""

from __future__ import annotations

import time

from crosscheck.annotate import ArticleInput, annotate_articles, annotate_sentence


def test_no_letters() -> None:
    text = "12,000 -- 4.5 ... 13 000 %%% 1,5"
    ann = annotate_sentence(text, 0, len(text))
    assert ann.skipped == "no letters" and ann.attribution is None


def test_run_on_sentence_is_not_parsed_but_still_annotated(spacy_model) -> None:
    words = ("police said 5,000 people gathered on Sunday in 2011 and reportedly " * 500).split()
    text = " ".join(words[:5000])
    t0 = time.perf_counter()
    (anns,) = list(annotate_articles(spacy_model, [ArticleInput(text, [(0, len(text))], "2024-12-10")]))
    elapsed = time.perf_counter() - t0
    (ann,) = anns
    assert ann.skipped is not None and "too long" in ann.skipped
    assert ann.quantities and ann.times and ann.hedges
    assert elapsed < 10


def test_odd_and_empty_spans(spacy_model) -> None:
    text = "Ünïcödé ‘quotes’ 1,5 million 5.000 13 000\u202f000 $ € 9/11 MH17\n\n\t"
    spans = [(0, len(text)), (0, 0), (5, 5), (len(text) - 3, len(text))]
    (anns,) = list(annotate_articles(spacy_model, [ArticleInput(text, spans, None)]))
    assert len(anns) == len(spans)
    for ann in anns:
        for q in ann.quantities:
            assert text[q.start:q.end] == q.text


def test_annotate_articles_keeps_order_and_offsets(spacy_model) -> None:
    a1 = "The mayor said 300 homes flooded on Sunday. It rained."
    a2 = "Nothing to see. Officials said the dam may fail."
    items = [ArticleInput(a1, [(0, 43), (44, len(a1))], "2024-12-10"), ArticleInput(a2, [(0, 15), (16, len(a2))], None)]
    out = list(annotate_articles(spacy_model, items))
    assert [len(x) for x in out] == [2, 2]
    assert out[0][0].attribution.source == "The mayor"
    assert out[0][0].times[0].start_date == "2024-12-08"
    assert out[1][1].attribution.anonymous and out[1][1].hedges[0].cue == "may"
    for item, anns in zip(items, out):
        for ann in anns:
            for rec in (*ann.quantities, *ann.times, *ann.hedges, *ann.mentions):
                assert item.text[rec.start:rec.end] == getattr(rec, "text", getattr(rec, "cue", None))
