"""detect_reuse on sentences we wrote: copies, rewrites and an independent report of one event."""

from __future__ import annotations

import time

import pytest

from crosscheck.reuse import ReuseSettings, detect_reuse
from tests.reuse.helpers import INDEPENDENT, PARAPHRASE, SOURCE, doc

EARLY, LATE = "2026-03-03T08:00:00", "2026-03-03T11:30:00"
FURNITURE = ["Watch the video below.", "Sign up for our daily newsletter to get the latest news in your inbox."]


def _text(lines: list[str]) -> str:
    return "\n\n".join(lines)


CASES = {
    "verbatim": [SOURCE[0], FURNITURE[0], *SOURCE[1:5], FURNITURE[1], *SOURCE[5:]],
    "trimmed": SOURCE[:4],
    "reordered": [SOURCE[3], SOURCE[0], SOURCE[6], SOURCE[1], SOURCE[5], SOURCE[2], SOURCE[7], SOURCE[4]],
    "rewritten": PARAPHRASE,
    "partial": INDEPENDENT[:3] + SOURCE[2:5] + INDEPENDENT[3:],
}


@pytest.mark.parametrize("strength", list(CASES), ids=list(CASES))
def test_derived_articles_are_found_with_their_strength(strength):
    source = doc("src", _text(SOURCE), EARLY)
    derived = doc("der", _text(CASES[strength]), LATE)
    link = detect_reuse(derived, source)
    assert link is not None
    assert link.strength == strength
    assert (link.source_article, link.derived_article, link.direction) == ("src", "der", "earlier_to_later")


def test_an_independent_report_of_the_same_event_is_not_a_copy():
    # same event, names, numbers and one shared quotation, but the reporter's own sentences differ
    assert detect_reuse(doc("a", _text(SOURCE), EARLY), doc("b", _text(INDEPENDENT), LATE)) is None


def test_shared_furniture_is_never_evidence():
    disclaimer = ("Note: each story on this site is checked twice by our desk editors before it goes live, "
                  "and we welcome readers who write in with corrections.")
    a = doc("a", _text([SOURCE[0], *FURNITURE, disclaimer]))
    b = doc("b", _text([INDEPENDENT[0], *FURNITURE, disclaimer]))
    assert a.boilerplate and detect_reuse(a, b) is None


@pytest.mark.parametrize("dates", [(None, None), (EARLY, None), (EARLY, EARLY)], ids=["undated", "one-dated", "same-time"])
def test_direction_is_unknown_without_two_different_times(dates):
    derived = doc("der", _text(SOURCE[:5]), dates[0])
    link = detect_reuse(derived, doc("src", _text(SOURCE), dates[1]))
    assert link is not None and link.direction == "unknown"
    # the guess from content: the article made wholly of the other's sentences is the derived one
    assert link.derived_article == "der"


def test_direction_follows_publication_time_not_argument_order():
    a, b = doc("a", _text(SOURCE), LATE), doc("b", _text(SOURCE), EARLY)
    assert detect_reuse(a, b).source_article == "b"  # type: ignore[union-attr]
    assert detect_reuse(b, a).source_article == "b"  # type: ignore[union-attr]


def test_passages_point_at_the_aligned_sentences():
    source, derived = doc("src", _text(SOURCE), EARLY), doc("der", _text(CASES["reordered"]), LATE)
    link = detect_reuse(source, derived)
    assert link is not None and len(link.passages) == len(SOURCE)
    for p in link.passages:
        assert source.text[p.source_start:p.source_end] == derived.text[p.derived_start:p.derived_end]
        assert p.similarity == 100.0


def test_a_single_shared_sentence_is_not_enough():
    a = doc("a", _text([SOURCE[0], *INDEPENDENT[1:]]))
    assert detect_reuse(a, doc("b", _text(SOURCE))) is None


def test_settings_come_from_the_config_table():
    settings = ReuseSettings.from_config({"reuse": {"min_passages": 3}})
    assert settings.min_passages == 3 and settings.sentence_similarity == ReuseSettings().sentence_similarity
    from crosscheck.errors import UsageError

    with pytest.raises(UsageError, match=r"\[reuse\]: unknown setting 'unknown_key'"):
        ReuseSettings.from_config({"reuse": {"unknown_key": 1}})


def test_a_pair_of_500_word_articles_takes_well_under_20_ms():
    long_source = doc("src", _text(SOURCE * 3 + PARAPHRASE), EARLY)
    long_other = doc("oth", _text(INDEPENDENT * 3 + PARAPHRASE * 2), LATE)
    assert all(400 <= len(d.text.split()) <= 600 for d in (long_source, long_other))
    detect_reuse(long_source, long_other)  # first call imports rapidfuzz
    times = []
    for _ in range(21):
        t0 = time.perf_counter()
        detect_reuse(long_source, long_other)
        times.append(time.perf_counter() - t0)
    assert sorted(times)[10] < 0.020
