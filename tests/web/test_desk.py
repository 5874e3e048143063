"""The desk's pages and API as each role uses them (in-process client), the OpenAPI document, and
the desk library's rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.desk import accounts, reviews
from crosscheck.errors import InvalidInput, PermissionDenied, ReviewConflict
from crosscheck.model import VERDICTS
from tests.web.conftest import PASSWORD, csrf_of
from tests.web.test_security import app_routes


def put_review(client, claim_id, version, **body):
    return client.put(f"/api/claims/{claim_id}/review", json={"version": version, **body},
                      headers={"X-CSRF-Token": csrf_of(client)})


def test_reviewer_saves_a_verdict_and_the_history_shows_it(desk, client_for):
    rita = client_for("rita")
    r = put_review(rita, "c_a1", 0, verdict="inaccurate", note="Police count 14.", sources=["https://police.example/statement"])
    assert r.status_code == 200 and r.json()["version"] == 1 and r.json()["reviewer"] == "rita"
    data = rita.get("/api/claims/c_a1").json()
    assert data["review"]["verdict"] == "inaccurate"
    assert [(h["actor"], h["action"]) for h in data["history"]] == [("rita", "review.save")]
    assert data["history"][0]["before"] is None and data["history"][0]["after"]["note"] == "Police count 14."
    page = rita.get("/claims/c_a1").text
    assert "Police count 14." in page and "https://police.example/statement" in page and "<del>" in page
    # reviewed claims leave the default queue and show under reviewed=yes
    assert "c_a1" not in {i["id"] for i in rita.get("/api/queue").json()["items"]}
    assert [i["id"] for i in rita.get("/api/queue", params={"reviewed": "yes"}).json()["items"]] == ["c_a1"]
    assert [i["id"] for i in rita.get("/api/queue", params={"verdict": "inaccurate", "reviewed": "any"}).json()["items"]] == ["c_a1"]
    assert rita.get("/api/stories").json()["stories"][0]["reviewed"] == 1
    assert "1 of 4" in rita.get("/").text


def test_the_review_form_posts_and_redirects(desk, client_for):
    rob = client_for("rob")
    r = rob.post("/claims/c_b1/review", data={"csrf_token": csrf_of(rob), "version": "0", "verdict": "accurate",
                                              "note": "Matches the police release.", "sources": "https://police.example/a\n\n"},
                 follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/claims/c_b1#review"
    review = desk.store.get_reviews(["c_b1"])["c_b1"]
    assert (review.verdict, review.sources, review.version) == ("accurate", ("https://police.example/a",), 1)


def test_a_stale_form_gets_409_with_the_other_verdict_and_keeps_the_users_text(desk, client_for):
    rita, rob = client_for("rita"), client_for("rob")
    assert put_review(rita, "c_a1", 0, verdict="accurate", note="Rita's note").status_code == 200
    r = rob.post("/claims/c_a1/review", data={"csrf_token": csrf_of(rob), "version": "0", "verdict": "misleading",
                                              "note": "Rob's careful note", "sources": "https://rob.example/source"})
    assert r.status_code == 409
    html = r.text
    assert "rita saved this review while you were editing it" in html
    assert "Rita&#39;s note" in html and "Accurate" in html  # the other verdict and note
    assert "Rob&#39;s careful note</textarea>" in html and "https://rob.example/source</textarea>" in html
    assert 'value="misleading" checked' in html
    assert 'name="version" value="1"' in html  # saving again now replaces rita's, knowingly
    api = put_review(rob, "c_a1", 0, verdict="misleading")
    assert api.status_code == 409 and api.json()["current"]["note"] == "Rita's note"
    assert desk.store.get_reviews(["c_a1"])["c_a1"].verdict == "accurate"


def test_editor_assigns_approves_locks_and_a_change_needs_approval_again(desk, client_for):
    eddie, rita = client_for("eddie"), client_for("rita")
    token = csrf_of(eddie)
    assert eddie.post("/api/claims/c_a2/assign", json={"assignee": "rita", "version": 0}, headers={"X-CSRF-Token": token}).json()["assignee"] == "rita"
    assert [i["id"] for i in rita.get("/api/queue", params={"assignee": "rita"}).json()["items"]] == ["c_a2"]
    r = eddie.post("/api/claims/c_a2/approve", json={"version": 1}, headers={"X-CSRF-Token": token})
    assert r.status_code == 422  # nothing to approve yet
    assert put_review(rita, "c_a2", 1, verdict="unverified", note="No second source.").status_code == 200
    assert eddie.post("/api/claims/c_a2/approve", json={"version": 2}, headers={"X-CSRF-Token": token}).json()["approved_by"] == "eddie"
    assert put_review(rita, "c_a2", 3, verdict="needs_context", note="Needs the dam's age.").json()["approved_by"] is None
    assert eddie.post("/api/claims/c_a2/approve", json={"version": 4}, headers={"X-CSRF-Token": token}).status_code == 200
    r = eddie.post("/claims/c_a2/lock", data={"csrf_token": token, "version": "5"}, follow_redirects=False)
    assert r.status_code == 303
    assert put_review(rita, "c_a2", 6, verdict="accurate").status_code == 403
    assert put_review(eddie, "c_a2", 6, verdict="needs_context", note="Editor's wording.").status_code == 200  # editors may
    actions = [h["action"] for h in eddie.get("/api/claims/c_a2").json()["history"]]
    assert actions == ["review.assign", "review.save", "review.approve", "review.save", "review.approve",
                       "review.lock", "review.save"]
    page = eddie.get("/claims/c_a2").text
    assert "Unlock" in page and "Editor&#39;s wording." in page


def test_assigning_to_an_unknown_user_is_refused(desk, client_for):
    eddie = client_for("eddie")
    r = eddie.post("/api/claims/c_a1/assign", json={"assignee": "nobody", "version": 0}, headers={"X-CSRF-Token": csrf_of(eddie)})
    assert r.status_code == 422 and "no active user" in r.json()["message"]


def test_unknown_claim_or_story_is_404(client_for):
    ada = client_for("ada")
    assert ada.get("/api/claims/c_nope").status_code == 404
    assert ada.get("/claims/c_nope").status_code == 404
    assert ada.get("/api/stories/story_nope").status_code == 404


def test_admin_manages_accounts_through_the_pages(desk, client_for):
    ada = client_for("ada")
    token = csrf_of(ada)
    assert "rita" in ada.get("/users").text
    r = ada.post("/users", data={"csrf_token": token, "name": "nina", "role": "reviewer", "password": PASSWORD},
                 follow_redirects=False)
    assert r.status_code == 303 and desk.store.get_user("nina").role == "reviewer"
    ada.post("/users/nina", data={"csrf_token": token, "role": "editor"})
    ada.post("/users/nina", data={"csrf_token": token, "active": "0"})
    nina = desk.store.get_user("nina")
    assert (nina.role, nina.active) == ("editor", False)
    r = ada.post("/users", data={"csrf_token": token, "name": "short", "role": "reviewer", "password": "abc"})
    assert r.status_code == 422 and "too short" in r.text
    # the last admin cannot demote themself
    r = ada.patch("/api/users/ada", json={"role": "reviewer"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 422 and desk.store.get_user("ada").role == "admin"
    trail = [(e.actor, e.action) for e in desk.store.audit_for("user", "nina")]
    assert trail == [("ada", "user.add"), ("ada", "user.update"), ("ada", "user.update")]


def test_pages_show_the_story_queue_and_claim(desk, client_for):
    rita = client_for("rita")
    stories = rita.get("/").text
    assert "Dam breach floods valley town" in stories and "2 conflicting" in stories
    story = rita.get(f"/stories/{desk.story_id}").text
    assert story.count('class="claim st-conflicting') == 2 and "Conflicting reports" in story and "Hedged only" in story
    assert "Kessel flood toll climbs" in story
    queue = rita.get("/queue", params={"status": "conflicting"}).text
    assert queue.count('<td class="claim-cell">') == 2
    claim = rita.get("/claims/c_a1").text
    assert "<mark>The dam above Kessel burst at dawn on Monday, killing 12 people, the mayor said.</mark>" in claim
    assert "Conflicts with" in claim and "river-post.example" in claim and "the mayor" in claim
    assert 'name="csrf_token"' in claim and "Editor</h3>" not in claim  # no editor tools for a reviewer
    hedged = rita.get("/claims/c_a2").text
    assert "reportedly" in hedged


def test_queue_pages_through_all_rows(desk, client_for):
    ada = client_for("ada")
    seen = []
    for page in (1, 2, 3):
        data = ada.get("/api/queue", params={"size": 2, "page": page, "reviewed": "any"}).json()
        seen += [i["id"] for i in data["items"]]
    assert seen == ["c_a1", "c_b1", "c_a2", "c_b2"]


def test_openapi_lists_every_api_route_with_its_methods(app, client_for):
    ada = client_for("ada")
    doc = ada.get("/api/openapi.json").json()
    api = {(m, p) for m, p in app_routes(app) if p.startswith("/api/") and p != "/api/openapi.json"}
    assert len(api) >= 14
    listed = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    assert api <= listed, api - listed
    assert all(p.startswith("/api/") for _, p in listed)  # pages stay out of the API document


def test_status_labels_cover_the_cross_checking_vocabulary():
    from crosscheck.relate.status import STATUSES
    from crosscheck.web.views import STATUS_LABELS

    assert set(STATUS_LABELS) == set(STATUSES)


# -- the desk library -------------------------------------------------------------------------
def test_role_order():
    assert accounts.role_at_least("admin", "editor") and accounts.role_at_least("editor", "reviewer")
    assert not accounts.role_at_least("reviewer", "editor") and not accounts.role_at_least("guest", "reviewer")


def test_passwords_hash_and_verify(desk):
    user = desk.store.get_user("rita")
    assert accounts.verify_password(user, PASSWORD) and not accounts.verify_password(user, PASSWORD + "x")
    assert not accounts.verify_password(None, PASSWORD)
    with pytest.raises(InvalidInput):
        accounts.hash_password("short")


def test_library_actions_follow_the_role_rules(desk):
    rita, eddie = desk.store.get_user("rita"), desk.store.get_user("eddie")
    with pytest.raises(PermissionDenied):
        reviews.assign(desk.store, rita, "c_a1", assignee="rob", version=0)
    with pytest.raises(InvalidInput):
        reviews.save_verdict(desk.store, rita, "c_a1", verdict="true-ish", note="", sources="", version=0)
    saved = reviews.save_verdict(desk.store, rita, "c_a1", verdict="accurate", note="", sources="", version=0)
    with pytest.raises(ReviewConflict):
        reviews.save_verdict(desk.store, eddie, "c_a1", verdict="inaccurate", note="", sources="", version=0)
    assert reviews.set_lock(desk.store, eddie, "c_a1", locked=True, version=saved.version).locked


@given(st.lists(st.sampled_from(["https://a.example/x", "http://b.example", "  https://c.example/p?q=1  ", ""]), max_size=8))
def test_parse_sources_keeps_valid_links_once_in_order(links):
    got = reviews.parse_sources("\n".join(links))
    want = []
    for link in (x.strip() for x in links):
        if link and link not in want:
            want.append(link)
    assert list(got) == want


@given(st.text(max_size=40))
def test_parse_sources_accepts_only_http_links(text):
    try:
        got = reviews.parse_sources(text)
    except InvalidInput:
        return
    from urllib.parse import urlsplit

    assert all(urlsplit(u).scheme.lower() in ("http", "https") and urlsplit(u).hostname for u in got)


@given(st.text(max_size=60))
def test_safe_next_never_leaves_the_site(target):
    from crosscheck.web.auth import safe_next

    got = safe_next(target)
    assert got.startswith("/") and not got.startswith("//") and "\\" not in got


def test_verdict_vocabulary_is_the_issues():
    assert VERDICTS == ("accurate", "inaccurate", "misleading", "unverified", "needs_context")


def corrected_version(desk, old: str, new: str):
    """A second version of article A with ``old`` replaced by ``new``, analysed like the first
    (the same claims on the same lines)."""
    from tests.web.conftest import add_article, claim_on

    v2 = add_article(desk.store, desk.a.text.replace(old, new), desk.a.source, desk.a.key, desk.a.title,
                     version=2, supersedes=desk.a.id)
    with desk.store.transaction():
        desk.store.put_claims(v2.id, [claim_on(v2, 1, 0.91, "c_v2_1"), claim_on(v2, 2, 0.55, "c_v2_2"),
                                      claim_on(v2, 0, 0.10, "c_v2_0", label="non-factual")])
    return v2


def test_corrections_page_shows_claim_changes_and_silent_edits(desk, client_for):
    corrected_version(desk, "killing 12 people", "killing 13 <b>people</b>")
    ada = client_for("ada")
    entries = ada.get("/api/corrections").json()["entries"]
    assert len(entries) == 1 and entries[0]["silent_edits"] == 1
    change = entries[0]["changes"][0]
    assert [c["kind"] for c in entries[0]["changes"]] == ["changed"] and change["silent"] is True
    assert "12" in change["old_text"] and "13" in change["new_text"]
    html = ada.get("/corrections").text
    assert "silent edit: the new text carries no correction note" in html
    assert "killing 13 &lt;b&gt;people&lt;/b&gt;" in html and "<b>people" not in html
    assert "Officials reportedly expect" not in html  # unchanged claims never appear


def test_an_editor_records_a_correction_note_and_a_reviewer_may_not(desk, client_for):
    v2 = corrected_version(desk, "killing 12 people", "killing 13 people")
    rita, eddie = client_for("rita"), client_for("eddie")
    change_id = eddie.get("/api/corrections").json()["entries"][0]["changes"][0]["id"]
    body = {"doc_key": desk.a.key, "article_id": v2.id, "change_id": change_id,
            "note": "An earlier version said 12 people died.", "published": True}
    assert rita.post("/api/corrections/notes", json=body, headers={"X-CSRF-Token": csrf_of(rita)}).status_code == 403
    assert "Record note" not in rita.get("/corrections").text and "Record note" in eddie.get("/corrections").text
    r = eddie.post("/corrections/notes", data={"csrf_token": csrf_of(eddie), "doc_key": desk.a.key, "article_id": v2.id,
                                               "change_id": change_id, "note": "An earlier version said 12 people died.",
                                               "published": "1"}, follow_redirects=False)
    assert r.status_code == 303
    again = eddie.post("/api/corrections/notes", json=body | {"note": "Corrected: 13 people, not 12.", "published": False},
                       headers={"X-CSRF-Token": csrf_of(eddie)})
    assert again.status_code == 201
    notes = desk.store.correction_notes(desk.a.key)
    assert [(n.note, n.published, n.author, n.change_id) for n in notes] == [
        ("Corrected: 13 people, not 12.", False, "eddie", change_id)]
    assert len(desk.store.audit_for("correction", notes[0].id)) == 2  # the first text is kept in the trail
    page = eddie.get("/corrections").text
    assert "Corrected: 13 people, not 12." in page and "should have been published" in page
    wrong = eddie.post("/api/corrections/notes", json=body | {"article_id": desk.b.id}, headers={"X-CSRF-Token": csrf_of(eddie)})
    assert wrong.status_code == 404
