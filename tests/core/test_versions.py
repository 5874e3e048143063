from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.versions import diff_versions


def test_corrected_figure_and_appended_correction():
    old = "Headline\nRescuers said 73 miners were trapped.\nThe dam burst at night."
    new = "Headline\nRescuers said 37 miners were trapped.\nThe dam burst at night.\nCorrection: an earlier version gave 73."
    changes = diff_versions(old, new)
    assert [c.op for c in changes] == ["replace", "insert"]
    assert changes[0].old_text == "Rescuers said 73 miners were trapped."
    assert changes[0].new_text == "Rescuers said 37 miners were trapped."
    assert changes[1].new_text.startswith("Correction:")


LINES = st.lists(st.sampled_from(["a b.", "c d.", "e f.", "g h.", "x."]), max_size=6).map("\n".join)


@given(LINES, LINES)
def test_offsets_slice_both_texts(old, new):
    for c in diff_versions(old, new):
        assert old[c.old_start : c.old_end] == c.old_text
        assert new[c.new_start : c.new_end] == c.new_text


def test_focus_shows_the_changed_words():
    (c,) = diff_versions("x\nRescuers said on Tuesday that 73 miners were trapped below.", "x\nRescuers said on Tuesday that 37 miners were trapped below.")
    assert c.focus() == ("… on Tuesday that 73 miners were trapped …", "… on Tuesday that 37 miners were trapped …")
