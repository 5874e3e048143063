"""Correction notes in an article's text: labelled positives and negatives we wrote ourselves."""

from __future__ import annotations

import pytest

from crosscheck.corrections import find_notes

POSITIVES = [
    ("Correction: An earlier version of this article gave the wrong date for the vote.", "label"),
    ("CORRECTION - The mayor's name was misspelled in a previous version.", "label"),
    ("Clarification: The report cited was published by the ministry, not the agency.", "label"),
    ("Editor's note: This story has been amended to remove a quote.", "label"),
    ("Editor\u2019s Note: A photo caption was changed.", "label"),
    ("Update: The council later confirmed the figure.", "label"),
    ("Corrections: Two names in the list of victims were wrong.", "label"),
    ("This article has been updated to include a statement from the company.", "updated"),
    ("This story was corrected on 5 March 2025.", "updated"),
    ("This report has been amended since it was first published.", "updated"),
    ("An earlier version of this article misstated the number of miners trapped.", "earlier-version"),
    ("A previous version of this story said the dam was built in 1998.", "earlier-version"),
    ("An earlier version of this headline wrongly said 40 had died.", "earlier-version"),
    ("We have corrected the figure for the number of evacuees. We regret the error.", "we-corrected"),
]

NEGATIVES = [
    "The minister called for a correction of the figures before the vote.",
    "Correctional officers said the prisoners were moved on Tuesday.",
    "An earlier version of the bill said the tax would rise by 2%.",
    "The agency updated its guidance on Monday, a spokesman said.",
    "Editors at the newspaper said the report was accurate.",
    "The company has corrected its forecast twice this year.",
    "Update your app to receive alerts about the rescue.",
    "She said the original version of the plan had been rejected.",
    "The clarification came after days of confusion over the death toll.",
    "Officials said the story of the rescue had been told many times.",
]


@pytest.mark.parametrize(("line", "kind"), POSITIVES, ids=[p[0][:30] for p in POSITIVES])
def test_positives_are_notes(line, kind):
    text = f"Headline\nA first paragraph of reporting.\n{line}"
    (note,) = find_notes(text)
    assert note.kind == kind
    assert text[note.start : note.end] == note.text == line


@pytest.mark.parametrize("line", NEGATIVES, ids=[n[:30] for n in NEGATIVES])
def test_negatives_are_not_notes(line):
    assert find_notes(f"Headline\n{line}\nMore reporting.") == []


def test_note_inside_a_paragraph_starts_at_its_sentence():
    text = "Rescuers reached the shaft on Tuesday. This article has been updated with the toll."
    (note,) = find_notes(text)
    assert note.text == "This article has been updated with the toll."
    assert text[note.start : note.end] == note.text


def test_a_bracketed_note_ends_at_its_bracket():
    text = "Headline\n(Update: This story has been updated with new figures.) Rescuers said 13 people died."
    (note,) = find_notes(text)
    assert note.text == "(Update: This story has been updated with new figures.)"
    assert text[note.start : note.end] == note.text
