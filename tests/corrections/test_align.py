"""Claim-level alignment of two versions, on articles we wrote."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.corrections import compare_versions
from crosscheck.model import CorrectionNote
from tests.corrections.helpers import version

BASE = (
    "Dam talks stall again\n"
    "Negotiators met in Branisk on Monday after 13 years of conflict over the river.\n"
    "Between 5,000 and 13,000 people have been displaced by the floods, the agency said. Schools remain shut.\n"
    "The talks resume next week.\n"
)


def diff(old_text: str, new_text: str, **kw):
    old, old_claims = version(old_text, 1, minor=kw.pop("minor", ()))
    new, new_claims = version(new_text, 2, at="2025-03-06T09:30:00+00:00")
    return compare_versions(old, old_claims, new, new_claims, kw.pop("recorded", ()))


def test_number_and_word_change_is_one_changed_claim_with_focus():
    d = diff(BASE, BASE.replace("13 years of conflict", "14 years of war"))
    (c,) = d.changes
    assert c.kind == "changed" and c.checkworthy and c.silent
    assert "13 years of conflict" in c.focus[0] and "14 years of war" in c.focus[1]
    assert d.old.text[c.old_start : c.old_end] == c.old_text
    assert d.new.text[c.new_start : c.new_end] == c.new_text
    assert c.noticed_at == "2025-03-06T09:30:00+00:00"


@pytest.mark.parametrize("figure", ["20,000", "About 20,000"])
def test_range_replaced_by_one_figure_gives_quantities_before_and_after(figure):
    d = diff(BASE, BASE.replace("Between 5,000 and 13,000", figure))
    (c,) = d.changes
    before, after = c.quantities
    assert (before["low"], before["high"]) == (5000, 13000)
    assert (after["low"], after["high"]) == (20000, 20000)
    assert before["unit"] == after["unit"] == "people"


def test_unchanged_claims_never_appear_even_when_moved():
    lines = BASE.splitlines()
    moved = "\n".join([lines[0], lines[3], lines[1], lines[2]]) + "\n"
    assert diff(BASE, moved).changes == ()


def test_split_sentence_is_not_a_removed_and_added_pair():
    merged = BASE.replace("the agency said. Schools remain shut.", "the agency said, and schools remain shut.")
    assert diff(BASE, merged).changes == ()
    assert diff(merged, BASE).changes == ()


def test_split_with_an_edit_is_one_change():
    edited = BASE.replace("the agency said. Schools remain shut.", "the agency said, and 40 schools remain shut.")
    (c,) = diff(BASE, edited).changes
    assert c.kind == "changed" and "40" in c.focus[1]


def test_added_and_removed_claims():
    new = BASE.replace("The talks resume next week.\n", "") + "The river authority has ordered an inquiry into the spillway.\n"
    kinds = sorted(c.kind for c in diff(BASE, new).changes)
    assert kinds == ["added", "removed"]


def test_rewritten_sentence_is_removed_plus_added_not_a_change():
    new = BASE.replace("The talks resume next week.", "Mediators from three countries walked out on Friday.")
    assert sorted(c.kind for c in diff(BASE, new).changes) == ["added", "removed"]


def test_note_naming_the_change_makes_it_open_and_the_note_is_no_claim():
    new = BASE.replace("13 years", "14 years") + "Correction: An earlier version of this article said the conflict had lasted 13 years.\n"
    d = diff(BASE, new)
    (c,) = d.changes
    assert not c.silent
    (note,) = d.notes
    assert note.text.startswith("Correction:")


def test_note_about_one_change_leaves_another_silent():
    new = (BASE.replace("13 years", "14 years").replace("Between 5,000 and 13,000", "About 20,000")
           + "Correction: An earlier version of this article said the conflict had lasted 13 years.\n")
    by_focus = {c.focus[1]: c.silent for c in diff(BASE, new).changes}
    assert sorted(by_focus.values()) == [False, True]
    assert [silent for f, silent in by_focus.items() if "20,000" in f] == [True]


def test_general_note_covers_every_change():
    new = BASE.replace("13 years", "14 years") + "This article has been updated.\n"
    assert [c.silent for c in diff(BASE, new).changes] == [False]


def test_old_note_does_not_cover_a_later_edit():
    v2 = BASE + "Correction: An earlier version of this article said talks resumed on Monday.\n"
    v3 = v2.replace("13 years", "14 years")
    assert [c.silent for c in diff(v2, v3).changes] == [True]


def test_removed_checkworthy_claim_is_silent_but_minor_one_is_not():
    d = diff(BASE, BASE.replace(" Schools remain shut.", ""), minor=("Schools",))
    (c,) = d.changes
    assert c.kind == "removed" and not c.checkworthy and not c.silent
    (c,) = diff(BASE, BASE.replace("The talks resume next week.\n", "")).changes
    assert c.kind == "removed" and c.silent


def test_editor_published_note_covers_the_change():
    old, old_claims = version(BASE, 1)
    new, new_claims = version(BASE.replace("13 years", "14 years"), 2)
    (c,) = compare_versions(old, old_claims, new, new_claims).changes
    note = CorrectionNote("n1", new.key, new.id, c.id, "We corrected the length of the conflict.", True, "ed", "2025-03-06")
    assert c.silent
    assert not compare_versions(old, old_claims, new, new_claims, [note]).changes[0].silent
    unpublished = CorrectionNote("n1", new.key, new.id, c.id, "Should say so.", False, "ed", "2025-03-06")
    assert compare_versions(old, old_claims, new, new_claims, [unpublished]).changes[0].silent


def test_a_changed_pronoun_is_a_change():
    old = BASE.replace("Negotiators met", "He met negotiators")
    (c,) = diff(old, old.replace("He met", "She met")).changes
    assert c.kind == "changed" and c.focus[1].startswith("She met")


def test_change_ids_are_stable():
    a = diff(BASE, BASE.replace("13 years", "14 years")).changes[0].id
    assert a == diff(BASE, BASE.replace("13 years", "14 years")).changes[0].id


# -- properties --------------------------------------------------------------------------------
WORDS = st.sampled_from("rescuers miners officials reached found counted said the shaft dam river town".split())
SENTENCES = st.lists(st.tuples(st.lists(WORDS, min_size=2, max_size=6), st.integers(1, 9999)), min_size=1, max_size=8)


def _text(sentences, breaks):
    parts = []
    for i, (ws, n) in enumerate(sentences):
        parts.append(f"{' '.join(ws).capitalize()} {n} {ws[-1]}.")
        parts.append("\n" if i in breaks else " ")
    return "Headline\n" + "".join(parts).strip() + "\n"


@settings(max_examples=60, deadline=None)
@given(SENTENCES, st.sets(st.integers(0, 7)))
def test_a_version_against_itself_has_no_changes(sentences, breaks):
    text = _text(sentences, breaks)
    assert diff(text, text).changes == ()


@settings(max_examples=60, deadline=None)
@given(SENTENCES, st.sets(st.integers(0, 7)), st.data())
def test_any_single_number_edit_is_exactly_one_changed_claim(sentences, breaks, data):
    i = data.draw(st.integers(0, len(sentences) - 1))
    ws, n = sentences[i]
    m = data.draw(st.integers(1, 9999).filter(lambda x: x != n))
    edited = list(sentences)
    edited[i] = (ws, m)
    old, new = _text(sentences, breaks), _text(edited, breaks)
    (c,) = diff(old, new).changes
    assert c.kind == "changed"
    assert str(n) in c.old_text and str(m) in c.new_text
    assert str(n) in c.focus[0] and str(m) in c.focus[1]


def test_versions_sharing_claim_ids_are_still_aligned():
    """Claim ids are each store's business: two versions may reuse them (ids by offset)."""
    from dataclasses import replace

    text = "Headline\nRain fell, and the river burst its banks near the old mill on the northern edge of town.\n"
    old, old_claims = version(text, 1)
    new, new_claims = version(text.replace("fell, and the", "fell. And the"), 2)
    old_claims = [replace(c, id=f"c{c.start}") for c in old_claims]
    new_claims = [replace(c, id=f"c{c.start}") for c in new_claims]
    assert compare_versions(old, old_claims, new, new_claims).changes == ()


def test_an_old_note_cut_short_is_no_new_note():
    v2 = BASE + "Correction: An earlier version of this article said talks resumed on Monday. They resumed on Tuesday.\n"
    v3 = v2.replace("13 years", "14 years").replace(" They resumed on Tuesday.", "")
    d = diff(v2, v3)
    assert d.notes == () and [c.silent for c in d.changes] == [True]


LINES = st.lists(st.sampled_from([
    "Rescuers said 37 miners were trapped.", "Rescuers said 73 miners were trapped.", "The dam burst at night.",
    "The dam burst at night, and the mine flooded.", "The dam burst at night. And the mine flooded.",
    "Officials said 14 people died.", "Correction: An earlier version of this article said 73.",
]), min_size=1, max_size=6).map(lambda ls: "Headline\n" + "\n".join(ls) + "\n")


@settings(max_examples=80, deadline=None)
@given(LINES, LINES)
def test_offsets_of_every_change_slice_their_versions(old_text, new_text):
    d = diff(old_text, new_text)
    for c in d.changes:
        assert c.kind in ("added", "removed", "changed")
        if c.old_text is not None:
            assert d.old.text[c.old_start : c.old_end] == c.old_text
        if c.new_text is not None:
            assert d.new.text[c.new_start : c.new_end] == c.new_text
        assert (c.old_text is None) == (c.kind == "added") and (c.new_text is None) == (c.kind == "removed")
        assert not (c.silent and c.kind == "added")
