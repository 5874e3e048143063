"""Upstream credits and independence groups, on sentences we wrote and on the seeds."""

from __future__ import annotations

import pytest

from crosscheck.reuse import detect_reuse, independence_groups, outlet_name, upstream_credits
from tests.reuse.helpers import INDEPENDENT, SOURCE, doc

CREDITED = [
    ("LISBON (AP) — The harbour authority closed the northern dock on Tuesday.", "Associated Press", "dateline"),
    ("The crane fell onto the ferry.\n\nRead More on The US Sun", "The US Sun", "read-more"),
    ("The crane fell onto the ferry.\n\nAdditional reporting by Reuters.", "Reuters", "additional-reporting"),
    ("The crane fell onto the ferry.\n\nThe Associated Press contributed to this report.", "Associated Press", "contributed"),
    ("The crane fell onto the ferry.\n\nAccording to Reuters.", "Reuters", "whole-story"),
    ("The crane fell onto the ferry (AFP).", "AFP", "wire-tag"),
]


@pytest.mark.parametrize(("text", "name", "kind"), CREDITED, ids=[c[2] for c in CREDITED])
def test_each_form_of_credit_is_read_with_offsets(text, name, kind):
    d = doc("a", text, credit="AP" if "(AP)" in text else None)
    credits = upstream_credits(d)
    assert [(c.name, c.kind) for c in credits] == [(name, kind)]
    assert all(d.text[c.start:c.end] == c.raw for c in credits)


@pytest.mark.parametrize("text", [
    "Two workers were hurt when the crane fell, according to Reuters.",  # credits one claim, not the story
    "READ MORE ON HARBOURS",  # a section link, not an outlet
    "Inspectors said the crane had been flagged for repairs.",
], ids=["claim-attribution", "section-link", "no-credit"])
def test_what_is_not_a_story_credit(text):
    assert upstream_credits(doc("a", text)) == ()


@pytest.mark.parametrize(("raw", "name"), [("AP", "Associated Press"), ("The Associated Press", "Associated Press"),
                                           ("apnews.com", "Associated Press"), ("Thomson Reuters", "Reuters"),
                                           ("Agence France-Presse", "AFP"), ("The US Sun", "The US Sun")])
def test_outlet_names_are_normalised(raw, name):
    assert outlet_name(raw) == name


def test_a_copy_and_a_shared_wire_credit_each_merge_and_say_why():
    original = doc("orig", "\n\n".join(SOURCE), "2026-03-03T08:00:00", source="harbour-news.example")
    copy = doc("copy", "\n\n".join(SOURCE[:5]), "2026-03-03T10:00:00", source="copycat.example")
    wire_a = doc("wire-a", "LISBON (AP) — " + "\n\n".join(INDEPENDENT[:3]), source="one.example", credit="AP")
    wire_b = doc("wire-b", "\n\n".join(INDEPENDENT[3:]) + "\n\nThe Associated Press contributed to this report.",
                 source="two.example")
    alone = doc("alone", "\n\n".join(INDEPENDENT), source="three.example")
    docs = [original, copy, wire_a, wire_b, alone]
    links = [link for a, b in [(original, copy), (original, alone)] if (link := detect_reuse(a, b))]
    groups = independence_groups(docs, links)
    assert [g.article_ids for g in groups] == [("orig", "copy"), ("wire-a", "wire-b"), ("alone",)]
    assert "copy is a trimmed copy of orig" in groups[0].reasons[0]
    assert "both credit Associated Press" in groups[1].reasons[0]
    assert groups[2].reasons == ()


def test_crediting_an_outlet_joins_that_outlets_article():
    sun = doc("sun", "\n\n".join(SOURCE), source="the-sun.com")
    rewrite = doc("rw", "\n\n".join(INDEPENDENT) + "\n\nRead More on The US Sun", source="other.example")
    groups = independence_groups([sun, rewrite], [])
    assert [g.article_ids for g in groups] == [("sun", "rw")]
    assert "credits The US Sun" in groups[0].reasons[0]


@pytest.fixture(scope="module")
def seed_docs(seeds_dir, segmenter):
    from crosscheck.clean import lexicon_spans
    from crosscheck.reuse import ReuseDoc

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    furniture = [lexicon_spans(t) for t in texts]
    sentences = segmenter.run(texts, furniture)
    return [ReuseDoc(f"seed{i}", f"seed{i}", t, None, tuple((s.start, s.end) for s in ss if not s.boilerplate),
                     tuple((b.start, b.end, b.reason) for b in bp))
            for i, (t, bp, ss) in enumerate(zip(texts, furniture, sentences))]


def test_the_seeds_are_not_copies_of_each_other(seed_docs):
    assert len(seed_docs) == 2
    assert detect_reuse(*seed_docs) is None


def test_the_seed_rewrite_credits_its_upstream_story(seed_docs):
    credits = [c for d in seed_docs for c in upstream_credits(d)]
    assert [(c.name, c.kind) for c in credits] == [("The US Sun", "read-more")]
    holder = next(d for d in seed_docs if upstream_credits(d))
    c = upstream_credits(holder)[0]
    assert holder.text[c.start:c.end] == "The US Sun"


def test_groups_carry_the_evidence_behind_their_reasons():
    original = doc("orig", "\n\n".join(SOURCE), "2026-03-03T08:00:00")
    copy = doc("copy", "\n\n".join(SOURCE[:5]) + "\n\nAdditional reporting by Reuters.", "2026-03-03T10:00:00")
    link = detect_reuse(original, copy)
    assert link is not None
    (group,) = independence_groups([original, copy], [link])
    assert group.links == (link,)
    assert [(a, c.name) for a, c in group.credits] == [("copy", "Reuters")]
    alone = independence_groups([doc("x", "\n\n".join(INDEPENDENT) + "\n\nAdditional reporting by Reuters.")], [])
    assert alone[0].credits == ()  # a credit merges nothing on its own


def test_reuse_doc_from_an_article():
    from crosscheck.model import Article, Boilerplate, Dateline, Sentence
    from crosscheck.reuse import ReuseDoc

    text = "LISBON (AP) — The dock closed.\nWatch the video below."
    article = Article(id="a1", key="k", version=1, source="one.example", format="txt", text=text,
                      published="2026-03-03", dateline=Dateline(0, 14, None, "LISBON", "AP"),
                      boilerplate=(Boilerplate(31, 53, "lexicon: video prompt"),),
                      sentences=(Sentence(0, 30), Sentence(31, 53, True)))
    d = ReuseDoc.from_article(article)
    assert d.sentences == ((0, 30),) and d.dateline_credit == "AP" and d.published == "2026-03-03"
    assert [(c.name, c.kind, text[c.start:c.end]) for c in upstream_credits(d)] == [("Associated Press", "dateline", "AP")]
