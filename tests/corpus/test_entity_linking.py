"""Entity linking as a corpus stage: ids that survive new articles, reruns and batch order."""

from __future__ import annotations

import random

import pytest

from crosscheck.annotate.entities import normalise_name
from crosscheck.corpus.entities import EntityStage
from crosscheck.model import EntityMention, entity_kind
from crosscheck.store import open_store
from tests.store.conformance import make_article


def _article_with_names(store, key: str, names: list[tuple[str, str]]):
    """Store an article whose text is the names, each a mention with the given spaCy label."""
    text = ". ".join(n for n, _ in names) + "."
    a = make_article(text, key=key, source=key)
    with store.transaction():
        store.add_article(a, store.begin_batch("t", "cfg"))
        pos, mentions = 0, []
        for name, label in names:
            mentions.append(EntityMention(a.id, pos, pos + len(name), name, label, label == "ORG?", normalise_name(name)))
            pos += len(name) + 2
        store.put_mentions(a.id, [m if m.label != "ORG?" else EntityMention(m.article_id, m.start, m.end, m.text, "ORG", True, m.name_key) for m in mentions])
    return a


def _groups(store, articles):
    mentions = store.mentions_for(a.id for a in articles)
    ids = store.resolve_names({(m.name_key, entity_kind(m.label, m.doubtful)) for m in mentions})
    by_entity: dict[str, set[str]] = {}
    for m in mentions:
        by_entity.setdefault(ids[(m.name_key, entity_kind(m.label, m.doubtful))], set()).add(m.text)
    return by_entity


DOCS = {
    "a": [("Bashar al-Assad", "PERSON"), ("Sednaya", "GPE"), ("Damascus", "GPE")],
    "b": [("Assad", "PERSON"), ("Saydnaya", "ORG?"), ("Damascus", "GPE")],
    "c": [("Hafez al-Assad", "PERSON"), ("Bashar Al-Assad", "PERSON"), ("Austria", "GPE")],
    "d": [("al-Assad", "ORG"), ("Australia", "GPE"), ("Iran", "GPE"), ("Iraq", "GPE")],
}


def _run(tmp_path, batches, name):
    store = open_store(tmp_path / f"{name}.db")
    arts = []
    for batch in batches:
        new = [_article_with_names(store, k, DOCS[k]) for k in batch]
        with store.transaction():
            EntityStage().run(new, store)
        arts += new
    groups = _groups(store, arts)
    store.close()
    return groups


def _partition(groups):
    return sorted(sorted(g) for g in groups.values())


def test_spellings_and_namings_link_but_not_father_and_son(tmp_path):
    groups = _partition(_run(tmp_path, [list(DOCS)], "one"))
    assert ["Assad", "Bashar Al-Assad", "Bashar al-Assad", "al-Assad"] in groups
    assert ["Hafez al-Assad"] in groups
    assert ["Saydnaya", "Sednaya"] in groups
    for lone in ("Austria", "Australia", "Iran", "Iraq"):
        assert [lone] in groups


@pytest.mark.parametrize("split", [1, 2, 4], ids=["1-batch", "2-batches", "4-batches"])
@pytest.mark.parametrize("order", [0, 1, 2], ids=["order0", "order1", "order2"])
def test_same_groups_whatever_the_batches(tmp_path, split, order):
    keys = list(DOCS)
    random.Random(order).shuffle(keys)
    batches = [keys[i::split] for i in range(split)]
    reference = _partition(_run(tmp_path, [list(DOCS)], "ref"))
    assert _partition(_run(tmp_path, batches, f"s{split}o{order}")) == reference


def test_ids_survive_reruns_and_new_articles(tmp_path):
    store = open_store(tmp_path / "ids.db")
    first = [_article_with_names(store, k, DOCS[k]) for k in ("a", "b")]
    with store.transaction():
        EntityStage().run(first, store)
    before = _groups(store, first)
    with store.transaction():
        EntityStage().run(first[1:], store)  # re-checking one article alone
    later = [_article_with_names(store, k, DOCS[k]) for k in ("c", "d")]
    with store.transaction():
        EntityStage().run(later, store)
    after = _groups(store, first)
    assert {eid: g for eid, g in after.items()} == before
    store.close()


def test_a_bridging_name_merges_into_the_older_entity(tmp_path):
    # "Sednaia" and "Saydnaya" are too far apart to link; "Sednaya" is a near spelling of both
    store = open_store(tmp_path / "merge.db")
    one = _article_with_names(store, "x", [("Saydnaya", "GPE")])
    two = _article_with_names(store, "y", [("Sednaia", "GPE")])
    with store.transaction():
        EntityStage().run([one, two], store)
    before = _groups(store, [one, two])
    assert len(before) == 2
    oldest = next(eid for eid, g in before.items() if g == {"Saydnaya"})
    three = _article_with_names(store, "z", [("Sednaya", "GPE")])
    with store.transaction():
        EntityStage().run([three], store)
    after = _groups(store, [one, two, three])
    assert after == {oldest: {"Saydnaya", "Sednaia", "Sednaya"}}
    names = {n.spelling: n.reason for n in store.get_entities([oldest])[0].names}
    assert names["Saydnaya"] is None and "spelling" in names["Sednaya"]
    store.close()
