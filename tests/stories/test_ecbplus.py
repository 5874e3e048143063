"""The ECB+ reader of ``crosscheck bench ecbplus`` (reads ../shared at run time)."""

from __future__ import annotations

from crosscheck.bench.ecbplus import load_ecbplus


def test_ecbplus_documents_read_without_their_source_url(shared_data):
    docs = load_ecbplus(shared_data)
    assert len(docs) == 982
    assert {d.split for d in docs} == {"train", "dev", "test"}
    assert len({d.subtopic for d in docs if d.split == "test"}) == 20
    for d in docs:
        assert all(d.doc.text[s:e].strip() and "\n" not in d.doc.text[s:e] for s, e in d.doc.sentences)
        assert "http" not in d.doc.text[: 40] or d.subtopic.endswith("_ecb")
        assert d.doc.published is None and d.doc.title is None
