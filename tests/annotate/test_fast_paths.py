"""The speed-ups in front of the rule annotators change no output.

Each annotator skips rules whose literal needs are absent from a sentence (``times._NEEDS``,
the needs in ``hedges.HEDGE_CUES``, ``numbers.NEED``) and ``has_cue`` answers ASCII sentences from a word set.
Here each is compared with the ungated rules on sentences made to hit the edges: every cue
word, mixed case, non-ASCII text, spans that start right after a word character.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crosscheck.annotate.attribution as attribution
import crosscheck.annotate.hedges as hedges
import crosscheck.annotate.quantities as quantities
import crosscheck.annotate.times as times
from crosscheck.annotate import may_hold_name

SENTENCES = [
    "The man ALLEGEDLY fled; it is Rumoured to be true, and officials could not independently verify it.",
    "According to some, the video PURPORTS to show rebels, an unconfirmed claim that was not confirmed.",
    "Reports suggest that he is widely Believed to have died; it was reported he may resign, or might not.",
    "May 5 2014: police said 300 to 450 workers, some twenty-four, were underground on Monday morning.",
    "Hundreds of thousands fled in the 1990s, two weeks ago, last year and over the weekend; a dozen stayed.",
    "He arrived on 12 March, 2015, the following day, and left in early June of 2016, years later.",
    "Sources indicate a possible deal, probably next month; it is unclear and perhaps unlikely.",
    "Ünconfirmed reports in Zürich say the café owner, citing a source, said it’s ſupposedly true.",
    "Nothing here has a cue at all.",
    "Yesterday tonight tomorrow overnight right now, earlier this week, the next few months, zero hour.",
    "AccordingTo nobody, thesaid words are glued; saidfoo and xhundreds, 5km, $5m, 42x36x10 mm.",
]
PUB = "2014-06-15"


def _spans(text: str) -> list[tuple[int, int]]:
    out = [(0, len(text))]
    out += [(m.start(), len(text)) for m in re.finditer(r"\w\b", text)]  # starts right after a word char
    out += [(m.start(), m.end()) for m in re.finditer(r"[^,;:]+", text)]
    return out


def _all(monkeypatch: pytest.MonkeyPatch, fn, text: str) -> tuple[list, list]:  # type: ignore[type-arg]
    fast = [fn(text, s, e) for s, e in _spans(text)]
    with monkeypatch.context() as m:
        m.setattr(times, "_NEEDS", {k: re.compile("") for k in times._NEEDS})
        m.setattr(hedges, "_COMPILED", tuple((p, strength, ("",)) for p, strength, _ in hedges._COMPILED))
        m.setattr(quantities, "NEED", re.compile(""))
        slow = [fn(text, s, e) for s, e in _spans(text)]
    return fast, slow


@pytest.mark.parametrize("text", SENTENCES, ids=[s[:24] for s in SENTENCES])
def test_gated_rules_match_ungated(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    for fn in (
        lambda t, s, e: times.find_times(t, s, e, PUB),
        lambda t, s, e: times.find_times(t, s, e, None),
        lambda t, s, e: hedges.find_hedges(t, s, e),
        lambda t, s, e: quantities.find_quantities(t, s, e, times=times.find_times(t, s, e, PUB)),
    ):
        fast, slow = _all(monkeypatch, fn, text)
        assert fast == slow


@pytest.mark.parametrize("text", SENTENCES, ids=[s[:24] for s in SENTENCES])
def test_has_cue_matches_regex(text: str) -> None:
    for s, e in _spans(text):
        assert attribution.has_cue(text, s, e) == (attribution._CUE_WORD.search(text, s, e) is not None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["said", "Says", "according", "to", "x", "told", "é", "_", " ", ",", "quoted", "ſaid", "9"]), max_size=12),
       st.integers(0, 3))
def test_has_cue_property(words: list[str], cut: int) -> None:
    text = " ".join(words) if cut % 2 else "".join(words)
    start = min(cut, len(text))
    assert attribution.has_cue(text, start, len(text)) == (attribution._CUE_WORD.search(text, start, len(text)) is not None)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He also forged the alliance with al-Qaeda.", True),
        ("His iPhone broke.", True),
        ("Obama said so.", True),
        ("The rebels captured the city.", False),
        ("“The rebels captured the city.”", False),
        ("it was over by then.", False),
        ("12 people died.", False),
        ("In her teens she used the US system.", True),
    ],
    ids=["inner-capital", "camel", "initial-name", "stop-word-initial", "quoted", "lower", "digits", "acronym"],
)
def test_may_hold_name(text: str, expected: bool) -> None:
    assert may_hold_name(text, 0, len(text)) is expected


def test_spacy_multiplies_on_numpy(spacy_model) -> None:  # type: ignore[no-untyped-def]
    """The model runs on numpy's BLAS (3-4x faster than BLIS here), one thread while parsing."""
    pytest.importorskip("threadpoolctl")
    assert spacy_model.nlp.get_pipe("tok2vec").model.ops.use_blis is False
    before = spacy_model._blas.select(user_api="blas").info()
    docs = spacy_model.pipe(["Obama said the US would act."])
    next(docs)
    assert {lib["num_threads"] for lib in spacy_model._blas.select(user_api="blas").info()} == {1}
    docs.close()
    assert spacy_model._blas.select(user_api="blas").info() == before
