from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.clean import RepeatedLineLearner, fold_line, iter_lines, lexicon_spans

FURNITURE = [
    ("Watch the video below.", "video prompt"),
    ("READ MORE ON SYRIA", "read-more link"),
    ("Read More on The Daily Example", "read-more link"),
    ("Sign up to our morning briefing newsletter", "newsletter prompt"),
    ("Advertisement", "advertisement marker"),
    ("(Reporting by Jan Example; Editing by Ann Sample)", "wire credit line"),
    ("Follow the Example Gazette for live updates on the flood.", "share/follow prompt"),
    (
        "Note: Every piece of content is reviewed by our team of editors to ensure its accuracy. "
        "Our writers follow fact-checking protocols. Reach out to us via email.",
        "outlet disclaimer",
    ),
]
REPORTING = [
    "The minister said the watch factory would close below capacity.",
    "More than 300 workers were evacuated from the plant on Sunday, officials said.",
    "Fact-checkers disputed the figure.",
    "Read the full statement, which runs to forty pages, and you find three admissions of error that the ministry has never made public before.",
]


@pytest.mark.parametrize("line,reason", FURNITURE, ids=[r for _, r in FURNITURE])
def test_lexicon_marks_furniture(line, reason):
    text = f"First real paragraph.\n{line}\nLast real paragraph."
    spans = lexicon_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == line
    assert reason in spans[0].reason


@pytest.mark.parametrize("line", REPORTING, ids=range(len(REPORTING)))
def test_lexicon_leaves_reporting(line):
    assert lexicon_spans(line) == []


def test_learner_needs_three_documents_of_one_outlet():
    closing = "Sign-off: This outlet is independent and funded by its readers."
    learner = RepeatedLineLearner(min_documents=3)
    leads = ["Flooding closed the coastal road.", "The council met late on Friday.", "Prices rose again in March."]
    texts = {f"doc{i}": f"{lead}\n{closing}" for i, lead in enumerate(leads)}
    for key, text in list(texts.items())[:2]:
        learner.observe("Outlet A", key, text)
    learner.observe("Outlet B", "other", texts["doc2"])
    assert learner.spans("Outlet A", texts["doc0"]) == []  # only 2 documents of Outlet A
    learner.observe("Outlet A", "doc2", texts["doc2"])
    spans = learner.spans("Outlet A", texts["doc0"])
    assert [texts["doc0"][s.start : s.end] for s in spans] == [closing]
    # a statement by its form, so it takes 3 unrelated stories, which these three leads are
    assert spans[0].reason == "learned: repeated in 3 or more unrelated stories of Outlet A"
    assert learner.spans("Outlet B", texts["doc2"]) == []


def test_versions_of_one_document_count_once():
    learner = RepeatedLineLearner(min_documents=3)
    for _ in range(5):
        learner.observe("A", "same-key", "A line that repeats in every version.")
    assert learner.spans("A", "A line that repeats in every version.") == []


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_lines_and_spans_slice_the_text(text):
    for line in iter_lines(text):
        assert text[line.start : line.end] == line.text
        assert line.text == line.text.strip() and line.text
    for span in lexicon_spans(text):
        assert 0 <= span.start < span.end <= len(text)


@given(st.text(max_size=80))
def test_fold_is_idempotent(line):
    assert fold_line(fold_line(line)) == fold_line(line)
