"""The store conformance suite: every backend must pass these.

test_conformance.py runs ``StoreConformance`` once per backend through the parametrised
``store`` fixture of conftest.py (SQLite in a temporary file, PostgreSQL in a fresh database),
and ``raw_sql`` runs a statement on the backend's own connection, past the store's methods.
"""

from __future__ import annotations

import pytest

from crosscheck.model import Article, Boilerplate, Problem, Sentence, article_id


def make_article(text: str = "A claim. Another claim.", key: str = "k1", version: int = 1,
                 supersedes: str | None = None, source: str = "Outlet") -> Article:
    return Article(
        id=article_id(source, text), key=key, version=version, supersedes=supersedes, source=source,
        format="txt", text=text, path="/x/a.txt", title="T", published="2025-01-02",
        ingested_at="2025-01-02T00:00:00+00:00",
        boilerplate=(Boilerplate(0, 8, "lexicon: test"),),
        sentences=(Sentence(0, 8, True), Sentence(9, len(text), False)),
    )


class StoreConformance:
    def test_round_trip(self, store):
        a = make_article()
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            store.add_article(a, b)
        got = store.get_article(a.id)
        assert got == a
        assert store.has_article(a.id)

    def test_versions_are_kept(self, store):
        a1 = make_article("First text.")
        a2 = make_article("First text, corrected.", version=2, supersedes=a1.id)
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            store.add_article(a1, b)
            store.add_article(a2, b)
        assert [v.id for v in store.versions("k1")] == [a1.id, a2.id]
        assert store.latest_version("k1").id == a2.id
        assert [a.id for a in store.iter_articles(current_only=True)] == [a2.id]
        assert {a.id for a in store.iter_articles(current_only=False)} == {a1.id, a2.id}
        assert store.get_article(a1.id).text == "First text."

    def test_failed_transaction_leaves_nothing(self, store):
        a = make_article()
        with pytest.raises(RuntimeError):
            with store.transaction():
                b = store.begin_batch("test", "cfg")
                store.add_article(a, b)
                raise RuntimeError("killed")
        assert not store.has_article(a.id)
        assert list(store.iter_articles()) == []

    def test_duplicate_id_is_refused(self, store):
        a = make_article()
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            store.add_article(a, b)
        with pytest.raises(Exception):
            with store.transaction():
                store.add_article(a, b)
        assert len(list(store.iter_articles(current_only=False))) == 1

    def test_learned_boilerplate_replaced_alone(self, store):
        a = make_article()
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            store.add_article(a, b)
            store.replace_boilerplate(a.id, [Boilerplate(9, 12, "learned: x")], learned_only=True)
            store.replace_boilerplate(a.id, [Boilerplate(9, 13, "learned: y")], learned_only=True)
        reasons = [bp.reason for bp in store.get_article(a.id).boilerplate]
        assert reasons == ["lexicon: test", "learned: y"]

    def test_stage_output_round_trip(self, store):
        a = make_article()
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            store.add_article(a, b)
            store.put_stage_output("claims", a.id, [{"id": "c1", "start": 0}])
            store.put_stage_output("claims", a.id, [{"id": "c2", "start": 1}])
        assert store.get_stage_output("claims", a.id) == [{"id": "c2", "start": 1}]
        assert store.get_stage_output("stance", a.id) is None

    def test_batch_and_problems_recorded(self, store):
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            store.finish_batch(b, {"read": 0}, [Problem("f.txt", "empty file", "E101")])
        assert "0001_articles" in store.applied_migrations()

    def test_sources(self, store):
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            store.add_article(make_article("One.", key="a", source="B"), b)
            store.add_article(make_article("Two.", key="b", source="A"), b)
        assert store.sources() == ["A", "B"]

    def test_line_index_counts_documents_not_versions(self, store):
        v1 = make_article("Footer line. One.", key="doc-a")
        v2 = make_article("Footer line. Two.", key="doc-a", version=2, supersedes=v1.id)
        other = make_article("Footer line. Three.", key="doc-b")
        elsewhere = make_article("Footer line. Four.", key="doc-c", source="Other")
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            for a in (v1, v2, other, elsewhere):
                store.add_article(a, b)
                store.index_lines(a.id, a.source, a.key, ["footer", a.id])
            store.set_meta("learned_furniture", "{}")
        assert store.line_doc_counts("Outlet", ["footer", "absent"]) == {"footer": 2}
        assert store.articles_with_lines("Outlet", ["footer"]) == {v1.id, v2.id, other.id}
        assert store.get_meta("learned_furniture") == "{}" and store.get_meta("nothing") is None
        with store.transaction():
            store.clear_line_index()
        assert store.line_doc_counts("Outlet", ["footer"]) == {}

    # -- analysis records ---------------------------------------------------------------------
    def _two_articles(self, store):
        a = make_article("Intro line. The dam held for 14 hours.", key="ra")
        b = make_article("Intro line. The dam held for 13 hours, officials said.", key="rb", source="Other")
        with store.transaction():
            batch = store.begin_batch("test", "cfg")
            store.add_article(a, batch)
            store.add_article(b, batch)
        return a, b

    def test_claims_round_trip_replace_and_status(self, store):
        from crosscheck.model import Claim

        a, b = self._two_articles(store)
        ca = Claim("c_a", a.id, 12, len(a.text), 0.8, "check-worthy", "certain", {"hedges": [], "quantities": [{"low": 14}]})
        cb = Claim("c_b", b.id, 12, len(b.text), 0.7, "check-worthy", "certain", {"hedges": []})
        with store.transaction():
            store.put_claims(a.id, [ca])
            store.put_claims(b.id, [cb])
            store.set_claim_status("c_a", "conflicting", 2, {"reason": "14 vs 13"})
        got = store.claims_for([a.id, b.id])
        assert [c.id for c in got] == sorted(["c_a", "c_b"], key=lambda i: (a.id if i == "c_a" else b.id))
        one = store.get_claims(["c_a"])[0]
        assert one.fields["quantities"] == [{"low": 14}]
        assert (one.status, one.independent_sources, one.status_detail) == ("conflicting", 2, {"reason": "14 vs 13"})
        with store.transaction():
            store.put_claims(a.id, [])
        assert [c.id for c in store.claims_for([a.id, b.id])] == ["c_b"]

    def test_relations_and_reuse_links(self, store):
        from crosscheck.model import Claim, ClaimRelation, ReuseLink

        a, b = self._two_articles(store)
        with store.transaction():
            store.put_claims(a.id, [Claim("c_a", a.id, 12, 20, 0.8, "check-worthy", "certain")])
            store.put_claims(b.id, [Claim("c_b", b.id, 12, 20, 0.7, "check-worthy", "certain")])
            ev = ({"article_id": a.id, "start": 12, "end": 20},)
            store.put_relations([ClaimRelation("c_a", "c_b", "conflicts", '"14 hours" vs "13 hours"', ev)])
            store.put_reuse_links([ReuseLink(a.id, b.id, 0.9, "unknown", "rewritten", ({"source_start": 0},))])
        rel = store.relations_for(["c_b"])
        assert len(rel) == 1 and rel[0].type == "conflicts" and rel[0].evidence == ev
        assert store.reuse_links_for([b.id])[0].strength == "rewritten"
        with store.transaction():
            store.put_claims(a.id, [])  # a claim's relations go with it
        assert store.relations_for(["c_b"]) == []

    def test_entities_names_merge_and_redirect(self, store):
        from crosscheck.model import EntityMention, EntityName

        a, _ = self._two_articles(store)
        with store.transaction():
            store.put_mentions(a.id, [EntityMention(a.id, 0, 5, "Intro", "GPE", False, "intro")])
            store.add_entity("ent_1", "Sednaya", "GPE")
            store.add_entity("ent_2", "Saydnaya", "GPE")
            store.add_entity_name(EntityName("sednaya", "GPE", "Sednaya", "ent_1"), ["x:sednaya"])
            store.add_entity_name(EntityName("saydnaya", "", "Saydnaya", "ent_2"), ["x:saydnaya"])
            store.add_entity_name(EntityName("intro", "GPE", "Intro", "ent_2", "why"), ["x:intro"])
        assert {n.spelling for n in store.entity_name_candidates(["x:sednaya", "x:saydnaya"])} == {"Sednaya", "Saydnaya"}
        assert store.mentions_for([a.id])[0].name_key == "intro"
        assert store.resolve_names([("intro", "GPE")]) == {("intro", "GPE"): "ent_2"}
        assert store.entity_seq(["ent_1", "ent_2"]) == {"ent_1": 1, "ent_2": 2}
        with store.transaction():
            store.merge_entity("ent_2", into="ent_1")
        assert store.resolve_names([("intro", "GPE"), ("saydnaya", "")]) == {("intro", "GPE"): "ent_1", ("saydnaya", ""): "ent_1"}
        merged = store.get_entities(["ent_1"])[0]
        assert {n.spelling for n in merged.names} == {"Sednaya", "Saydnaya", "Intro"}

    def test_stories_and_their_index(self, store):
        from crosscheck.model import Story, StoryMember

        a, b = self._two_articles(store)
        with store.transaction():
            store.add_story(Story("story_1", "Dam", (), "2025-01-02", "2025-01-02"))
            store.add_story_member(StoryMember(a.id, "story_1", 0.0, "new story"))
            store.add_story_member(StoryMember(b.id, "story_1", 0.9, "joined", a.id))
            store.update_story_dates("story_1", "2025-01-01", "2025-01-03")
            store.story_index_add(a.id, "story_1", ["k1", "k2"], b"\x00\x3c" * 2, {"date": None})
            store.story_index_add(b.id, "story_1", ["k2"], None, {"date": "2025-01-03"})
        st = store.get_stories(["story_1"])[0]
        assert st.article_ids == (a.id, b.id) and (st.first_seen, st.last_seen) == ("2025-01-01", "2025-01-03")
        assert store.story_members([b.id])[b.id].nearest_article == a.id
        assert store.story_key_counts(["k1", "k2", "k3"]) == {"k1": 1, "k2": 2}
        assert store.story_articles_with_keys(["k1"]) == {a.id}
        assert store.story_features([b.id])[b.id][:2] == ("story_1", {"date": "2025-01-03"})
        vecs = store.story_vectors_since(0)
        assert [v[1] for v in vecs] == [a.id] and store.story_vectors_since(vecs[-1][0]) == []
        assert store.story_doc_count() == 2

    def test_story_list_counts_current_versions(self, store):
        from crosscheck.model import Claim, Story, StoryMember

        a, b = self._two_articles(store)
        a2 = make_article("Intro line. The dam held for 15 hours.", key="ra", version=2, supersedes=a.id)
        with store.transaction():
            batch = store.begin_batch("test", "cfg")
            store.add_article(a2, batch)
            store.add_story(Story("story_old", "Older", (), "2025-01-01", "2025-01-01"))
            store.add_story(Story("story_new", "Newer", (), "2025-01-02", "2025-01-05"))
            store.add_story_member(StoryMember(a.id, "story_new", 0.0, "new story"))
            store.add_story_member(StoryMember(a2.id, "story_new", 0.9, "joined", a.id))
            store.add_story_member(StoryMember(b.id, "story_new", 0.9, "joined", a.id))
            store.put_claims(a.id, [Claim("c_a", a.id, 12, 20, 0.8, "check-worthy", "certain")])
            store.put_claims(a2.id, [Claim("c_a2", a2.id, 12, 20, 0.8, "check-worthy", "certain"),
                                     Claim("c_a3", a2.id, 0, 11, 0.1, "not-check-worthy", "certain")])
            store.put_claims(b.id, [Claim("c_b", b.id, 12, 20, 0.7, "check-worthy", "certain")])
            store.set_claim_status("c_b", "conflicting", 1, {})
        page, total = store.list_stories(limit=1)
        assert total == 2 and [s.story.id for s in page] == ["story_new"]
        row = page[0]
        # the superseded first version is not counted: 2 current articles, 2 outlets, 2 check-worthy claims
        assert (row.articles, row.sources, row.checkworthy, row.conflicting, row.reviewed) == (2, 2, 2, 1, 0)
        from crosscheck.model import Review

        store.save_review(Review("c_b", verdict="accurate"), expected_version=0, actor="t", action="review.save")
        store.save_review(Review("c_a", verdict="accurate"), expected_version=0, actor="t", action="review.save")
        assert store.list_stories(limit=1)[0][0].reviewed == 1  # c_a is on the superseded version
        rest, _ = store.list_stories(limit=5, offset=1)
        assert [(s.story.id, s.articles, s.checkworthy) for s in rest] == [("story_old", 0, 0)]

    # -- the review desk ----------------------------------------------------------------------
    def _worthy_claims(self, store):
        from crosscheck.model import Claim, StoryMember, Story

        a, b = self._two_articles(store)
        with store.transaction():
            store.put_claims(a.id, [Claim("c_hi", a.id, 0, 5, 0.9, "check-worthy", "certain"),
                                    Claim("c_lo", a.id, 6, 10, 0.2, "non-factual", "certain")])
            store.put_claims(b.id, [Claim("c_mid", b.id, 0, 5, 0.7, "check-worthy", "certain")])
            store.set_claim_status("c_hi", "single-source", 1, {})
            store.set_claim_status("c_mid", "corroborated", 2, {})
            store.add_story(Story("story_1", "Dam", (), None, None))
            store.add_story_member(StoryMember(a.id, "story_1", 0.0, "new story"))
        return a, b

    def test_users_and_their_audit(self, store):
        from crosscheck.errors import StoreError
        from crosscheck.model import User

        store.add_user(User("ana", "reviewer", "$argon2id$x", "2025-01-01T00:00:00+00:00"), actor="admin")
        with pytest.raises(StoreError) as err:
            store.add_user(User("ana", "editor", "h", "2025-01-01T00:00:00+00:00"), actor="admin")
        assert err.value.code == "E211"
        with pytest.raises(StoreError):
            store.add_user(User("bob", "overlord", "h", "2025-01-01T00:00:00+00:00"), actor="admin")
        updated = store.update_user("ana", actor="admin", role="editor", password_hash="$argon2id$y")
        assert updated.role == "editor" and store.get_user("ana").password_hash == "$argon2id$y"
        assert [u.name for u in store.list_users()] == ["ana"] and store.get_user("nobody") is None
        trail = store.audit_for("user", "ana")
        assert [e.action for e in trail] == ["user.add", "user.update"]
        assert trail[1].before["role"] == "reviewer" and trail[1].after["role"] == "editor"
        assert "argon2" not in repr(trail)  # the hash never reaches the trail

    def test_review_versions_conflicts_and_trail(self, store):
        from crosscheck.errors import ReviewConflict
        from crosscheck.model import Review

        self._worthy_claims(store)
        first = store.save_review(Review("c_hi", "inaccurate", "wrong year", ("https://example.org/a",), "ana"),
                                  expected_version=0, actor="ana", action="review.save")
        assert first.version == 1 and first.updated_by == "ana"
        with pytest.raises(ReviewConflict) as err:  # bob read it before ana saved
            store.save_review(Review("c_hi", "accurate", "", (), "bob"), expected_version=0, actor="bob",
                              action="review.save")
        assert err.value.current == first
        second = store.save_review(Review("c_hi", "misleading", "context", (), "bob"), expected_version=1,
                                   actor="bob", action="review.save")
        assert second.version == 2 and store.get_reviews(["c_hi", "c_mid"]) == {"c_hi": second}
        trail = store.audit_for("claim", "c_hi")
        assert [(e.actor, e.before and e.before["verdict"], e.after["verdict"]) for e in trail] == [
            ("ana", None, "inaccurate"), ("bob", "inaccurate", "misleading")]
        assert trail[0].seq < trail[1].seq and store.audit_log(after_seq=trail[0].seq)[0] == trail[1]
        from crosscheck.errors import StoreError
        with pytest.raises(StoreError):
            store.save_review(Review("c_hi", "sort of true"), expected_version=2, actor="bob", action="review.save")

    def test_a_rolled_back_save_leaves_no_trail(self, store):
        from crosscheck.model import Review

        self._worthy_claims(store)
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.save_review(Review("c_hi", "accurate"), expected_version=0, actor="ana", action="review.save")
                raise RuntimeError("killed")
        assert store.get_reviews(["c_hi"]) == {} and store.audit_for("claim", "c_hi") == []

    def test_review_queue_count_can_stop_early(self, store):
        self._worthy_claims(store)
        items, total = store.review_queue(limit=1, count_limit=1)
        assert [i.claim.id for i in items] == ["c_hi"] and total == 1  # "at least 1": the count stopped
        assert store.review_queue(limit=1, count_limit=10)[1] == 2  # below the limit the count is exact
        assert store.review_queue(limit=1)[1] == 2

    def test_review_queue_filters_sorts_and_pages(self, store):
        from crosscheck.model import Review

        a, b = self._worthy_claims(store)
        items, total = store.review_queue()
        assert total == 2 and [i.claim.id for i in items] == ["c_hi", "c_mid"]  # most check-worthy first
        assert items[0].story_id == "story_1" and items[0].source == a.source and items[1].story_id is None
        assert [i.claim.id for i in store.review_queue(story_id="story_1")[0]] == ["c_hi"]
        assert [i.claim.id for i in store.review_queue(status="corroborated")[0]] == ["c_mid"]
        assert store.review_queue(source="' OR 1=1 --")[1] == 0
        assert [i.claim.id for i in store.review_queue(limit=1, offset=1)[0]] == ["c_mid"]
        store.save_review(Review("c_hi", None, assignee="bob"), expected_version=0, actor="ed", action="review.assign")
        assert [i.claim.id for i in store.review_queue(assignee="bob")[0]] == ["c_hi"]  # assigned, not yet reviewed
        store.save_review(Review("c_hi", "accurate", assignee="bob"), expected_version=1, actor="bob",
                          action="review.save")
        assert [i.claim.id for i in store.review_queue()[0]] == ["c_mid"]
        done = store.review_queue(reviewed=True)[0]
        assert [i.claim.id for i in done] == ["c_hi"] and done[0].review.verdict == "accurate"
        assert store.review_queue(reviewed=None)[1] == 2 and store.review_queue(verdict="accurate")[1] == 0
        assert store.review_queue(verdict="accurate", reviewed=True)[1] == 1

    def test_queue_skips_superseded_versions(self, store):
        from crosscheck.model import Claim

        a1 = make_article("First text.")
        a2 = make_article("First text, corrected.", version=2, supersedes=a1.id)
        with store.transaction():
            batch = store.begin_batch("test", "cfg")
            store.add_article(a1, batch)
            store.add_article(a2, batch)
            store.put_claims(a1.id, [Claim("old", a1.id, 0, 5, 0.9, "check-worthy", "certain")])
            store.put_claims(a2.id, [Claim("new", a2.id, 0, 5, 0.9, "check-worthy", "certain")])
        assert [i.claim.id for i in store.review_queue()[0]] == ["new"]
        assert store.versioned_keys() == ["k1"]

    def test_correction_notes_keep_their_history(self, store):
        from crosscheck.model import CorrectionNote

        a1 = make_article("First text.")
        a2 = make_article("First text, corrected.", version=2, supersedes=a1.id)
        with store.transaction():
            batch = store.begin_batch("test", "cfg")
            store.add_article(a1, batch)
            store.add_article(a2, batch)
        note = CorrectionNote("n1", "k1", a2.id, "chg1", "An earlier version misstated the year.", True, "ed",
                              "2025-01-03T00:00:00+00:00")
        store.put_correction_note(note, actor="ed")
        store.put_correction_note(CorrectionNote("n1", "k1", a2.id, "chg1", "Corrected year.", True, "ed",
                                                 "2025-01-03T00:00:00+00:00"), actor="ed")
        assert [n.note for n in store.correction_notes("k1")] == ["Corrected year."]
        assert store.correction_notes("other") == [] and len(store.correction_notes()) == 1
        trail = store.audit_for("correction", "n1")
        assert trail[1].before["note"] == note.note and trail[1].after["note"] == "Corrected year."

    def test_sessions(self, store):
        from crosscheck.model import User

        store.add_user(User("ana", "reviewer", "h", "2025-01-01T00:00:00+00:00"), actor="admin")
        store.add_session("t" * 64, "ana", "csrf1", "2099-01-01T00:00:00+00:00")
        assert store.get_session("t" * 64) == ("ana", "csrf1", "2099-01-01T00:00:00+00:00")
        store.update_user("ana", actor="admin", active=False)  # disabling a user ends their sessions
        assert store.get_session("t" * 64) is None
        store.add_session("u" * 64, "ana", "csrf2", "2099-01-01T00:00:00+00:00")
        store.delete_session("u" * 64)
        assert store.get_session("u" * 64) is None
        store.update_user("ana", actor="admin", active=True)
        store.add_session("old" * 20, "ana", "c", "2025-01-01T00:00:00+00:00")
        store.add_session("new" * 20, "ana", "c", "2099-01-01T00:00:00+00:00")
        assert store.purge_sessions("2026-01-01T00:00:00+00:00") == 1
        assert store.get_session("old" * 20) is None and store.get_session("new" * 20) is not None

    def test_audit_is_append_only_in_the_database(self, store, raw_sql):
        store.append_audit(actor="ana", action="test", object_type="claim", object_id="c1", before=None,
                           after={"v": 1})
        for statement in ("UPDATE audit SET actor = 'mallory'", "DELETE FROM audit"):
            with pytest.raises(Exception, match="append-only"):
                raw_sql(statement)
        assert [e.actor for e in store.audit_for("claim", "c1")] == ["ana"]

    # -- published fact-checks ---------------------------------------------------------------
    @staticmethod
    def _factcheck(rating: str = "False", version: int = 1, supersedes: str | None = None, claim: str = "Bus fares doubled."):
        from crosscheck.model import FactCheck

        return FactCheck(id=f"fc_{rating}_{version}", key="https://fc.example/1", version=version, claim=claim,
                         rating=rating, publisher="Checkers", published="2024-02-02", url="https://fc.example/1",
                         supersedes=supersedes, rating_value=1.0, best_rating=5.0, worst_rating=1.0,
                         claim_author="A. Person", claim_date="2024-01-30", appearance="https://x.example/p",
                         title="Fares did not double", language="en", origin="f.json", imported_at="2024-02-03T00:00:00+00:00")

    def test_factchecks_versions_and_incremental_reads(self, store):
        v1 = self._factcheck()
        v2 = self._factcheck("Half True", 2, v1.id)
        with store.transaction():
            b = store.begin_batch("factchecks import", "cfg")
            store.add_factcheck(v1, b, b"\x00\x3c" * 4)
        assert store.has_factcheck(v1.id) and not store.has_factcheck(v2.id)
        assert store.get_factchecks([v1.id]) == [v1]
        assert store.factcheck_count() == 1
        first = store.factchecks_since(0)
        assert [(fc.id, vec) for _, fc, vec in first] == [(v1.id, b"\x00\x3c" * 4)]
        with store.transaction():
            store.add_factcheck(v2, b)
        assert store.factcheck_versions(v1.key) == [v1, v2]
        assert store.current_factchecks([v1.key, "nothing"]) == {v1.key: v2}
        assert store.factcheck_count() == 1 and store.factcheck_count(current_only=False) == 2
        later = store.factchecks_since(first[-1][0])
        assert [(fc, vec) for _, fc, vec in later] == [(v2, None)]

    def test_factcheck_matches_replace_per_claim(self, store):
        from crosscheck.model import Claim, FactCheckMatch

        a, _ = self._two_articles(store)
        fc = self._factcheck()
        claims = [Claim("c1", a.id, 0, 8, 0.9, "check-worthy", "certain"), Claim("c2", a.id, 9, 12, 0.8, "check-worthy", "certain")]
        with store.transaction():
            store.add_factcheck(fc, store.begin_batch("factchecks import", "cfg"))
            store.put_claims(a.id, claims)
            store.put_factcheck_matches(["c1", "c2"], [FactCheckMatch("c1", fc.id, 0.91, "same number 2", False),
                                                       FactCheckMatch("c2", fc.id, 0.55, "cosine 0.80", True)])
        assert store.factcheck_matches(["c1", "c2"]) == [FactCheckMatch("c1", fc.id, 0.91, "same number 2", False),
                                                         FactCheckMatch("c2", fc.id, 0.55, "cosine 0.80", True)]
        with store.transaction():
            store.put_factcheck_matches(["c1"], [])
        assert [m.claim_id for m in store.factcheck_matches(["c1", "c2"])] == ["c2"]
        with store.transaction():  # re-analysing the article replaces its claims and their matches
            store.put_claims(a.id, claims[:1])
        assert store.factcheck_matches(["c1", "c2"]) == []

    def test_factcheck_seq_and_claims_matched_to(self, store):
        from crosscheck.model import Claim, FactCheckMatch

        assert store.factcheck_seq() == 0
        a, _ = self._two_articles(store)
        v1 = self._factcheck()
        v2 = self._factcheck("Half True", 2, v1.id)
        with store.transaction():
            store.add_factcheck(v1, store.begin_batch("factchecks import", "cfg"))
            store.put_claims(a.id, [Claim("c1", a.id, 0, 8, 0.9, "check-worthy", "certain"),
                                    Claim("c2", a.id, 9, 12, 0.8, "check-worthy", "certain")])
            store.put_factcheck_matches(["c1"], [FactCheckMatch("c1", v1.id, 0.9, "r", False)])
        before = store.factcheck_seq()
        assert before > 0
        with store.transaction():
            store.add_factcheck(v2, store.begin_batch("factchecks import", "cfg"))
        assert [fc.id for _, fc, _ in store.factchecks_since(before)] == [v2.id]
        assert store.factcheck_seq() > before
        assert store.claims_matched_to([v1.id]) == {"c1"} and store.claims_matched_to([v2.id, "x"]) == set()

    def test_current_claim_vectors_skip_superseded_articles_and_other_labels(self, store):
        from crosscheck.model import Claim

        a1 = make_article("Old text. Fares rose.", key="cv")
        a2 = make_article("New text. Fares rose a lot.", key="cv", version=2, supersedes=a1.id)
        with store.transaction():
            b = store.begin_batch("test", "cfg")
            store.add_article(a1, b)
            store.put_claims(a1.id, [Claim("old", a1.id, 10, 20, 0.9, "check-worthy", "certain")])
            store.add_article(a2, b)
            store.put_claims(a2.id, [Claim("new", a2.id, 10, 26, 0.9, "check-worthy", "certain"),
                                     Claim("low", a2.id, 0, 9, 0.1, "non-factual", "certain")])
            store.set_claim_vectors({"new": b"\x00\x3c" * 2})
        assert store.current_claim_vectors(["check-worthy"]) == [("new", a2.id, b"\x00\x3c" * 2)]
        assert [r[0] for r in store.current_claim_vectors(["check-worthy", "non-factual"])] == ["low", "new"]
        assert store.current_claim_vectors([]) == []

    def test_failed_factcheck_import_leaves_nothing(self, store):
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add_factcheck(self._factcheck(), store.begin_batch("factchecks import", "cfg"))
                raise RuntimeError("killed")
        assert store.factcheck_count(current_only=False) == 0 and store.factchecks_since(0) == []
