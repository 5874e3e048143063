"""The corrections log read from a real SQLite store: versions, claims, and notes editors record."""

from __future__ import annotations

from crosscheck.corrections import claim_changes, corrections_log, render_log
from crosscheck.model import CorrectionNote
from tests.corrections.helpers import KEY, store_with_versions

V1 = ("Flood toll rises\n"
      "Officials said 13 people had died in the floods by Monday.\n"
      "Between 5,000 and 13,000 people have been displaced, the agency said.\n")
V2 = V1.replace("13 people", "15 people") + "Correction: An earlier version of this article said 13 people had died.\n"
V3 = V2.replace("Between 5,000 and 13,000", "About 20,000")


def test_each_later_version_is_compared_with_the_one_it_superseded(tmp_path):
    store = store_with_versions(tmp_path / "s.db", V1, V2, V3)
    changes = claim_changes(store)
    assert [(c.kind, c.silent) for c in changes] == [("changed", False), ("changed", True)]
    assert changes[0].noticed_at == "2025-03-05T08:00:00+00:00"
    assert claim_changes(store, "https://other.example/none") == []
    log = corrections_log(store)
    assert [e["versions"]["new"]["version"] for e in log] == [3, 2]  # newest first
    assert [e["silent_edits"] for e in log] == [1, 0]
    assert log[1]["text_notes"][0]["text"].startswith("Correction:")
    assert log[0]["text_notes"] == []  # the v2 note is not new in v3


def test_an_editors_published_note_clears_the_silent_flag(tmp_path):
    store = store_with_versions(tmp_path / "s.db", V2, V3)
    (c,) = claim_changes(store)
    assert c.silent
    v3 = store.versions(KEY)[-1].id
    store.put_correction_note(CorrectionNote("n1", KEY, v3, c.id, "We corrected the number displaced.", True,
                                             "editor", "2025-03-06T10:00:00+00:00"), actor="editor")
    (c,) = claim_changes(store)
    assert not c.silent
    (entry,) = corrections_log(store)
    assert entry["notes"][0]["note"] == "We corrected the number displaced."


def test_a_version_changing_no_claim_is_not_in_the_log(tmp_path):
    store = store_with_versions(tmp_path / "s.db", V1, V1 + "Sign up to our newsletter.\n",
                                minor=("Sign up",))
    (c,) = claim_changes(store)
    assert c.kind == "added" and not c.checkworthy
    store = store_with_versions(tmp_path / "t.db", V1, V1.replace("Monday.", "Monday. "))
    assert corrections_log(store) == []


def test_html_escapes_article_text(tmp_path):
    hostile = V1.replace("Flood toll rises", "<script>alert(1)</script> toll")
    store = store_with_versions(tmp_path / "s.db", hostile, hostile.replace("13 people", "<b>14</b> people"))
    html = render_log(corrections_log(store), "html", outlet="<i>Ledger</i>")
    assert "<script" not in html.lower() and "<b>14" not in html and "<i>Ledger" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;14&lt;/b&gt;" in html
    assert "http://" not in html.replace(KEY, "") and "src=" not in html  # nothing fetched


def test_json_log_is_checked_against_its_schema(tmp_path):
    import pytest

    from crosscheck.corrections.render import validate_log
    from crosscheck.errors import CrosscheckError

    store = store_with_versions(tmp_path / "s.db", V1, V2)
    log = {"corrections": corrections_log(store)}
    validate_log(log)
    log["corrections"][0]["changes"][0]["kind"] = "edited"
    with pytest.raises(CrosscheckError) as err:
        validate_log(log)
    assert err.value.code == "E501" and "changes/0/kind" in str(err.value)


def test_page_shows_an_editors_note_beside_its_change(tmp_path):
    store = store_with_versions(tmp_path / "s.db", V2, V3)
    (c,) = claim_changes(store)
    v3 = store.versions(KEY)[-1].id
    store.put_correction_note(CorrectionNote("n1", KEY, v3, c.id, "The agency now gives about 20,000.", False,
                                             "editor", "2025-03-06T10:00:00+00:00"), actor="editor")
    html = render_log(corrections_log(store), "html")
    section = html[html.index(f'id="change-{c.id}"') :]
    assert "The agency now gives about 20,000." in section[: section.index("</section>")]
    assert "Note from the editors" in html and "carried no note about this change" in html
