"""The store conformance suite: every backend must pass these.

A backend's test module subclasses ``StoreConformance`` and provides a ``store`` fixture
(see test_sqlite.py). The PostgreSQL backend will reuse this class unchanged.
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
