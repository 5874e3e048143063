"""Entity mentions and the cross-spelling linker."""

from __future__ import annotations

import pytest

from crosscheck.annotate.entities import link_entities, normalise_name, same_entity
from crosscheck.annotate.records import Mention

SAME = [
    ("Sednaya", "GPE", "Saydnaya", "ORG"),
    ("Bashar al-Assad", "PERSON", "Assad", "PERSON"),
    ("Bashar al-Assad", "PERSON", "al-Assad", "ORG"),
    ("Bashar al-Assad", "PERSON", "Bashar Al-Assad", "PERSON"),
    ("Sao Paulo", "GPE", "São Paulo", "GPE"),
]
DIFFERENT = [
    ("Austria", "GPE", "Australia", "GPE"),
    ("Iran", "GPE", "Iraq", "GPE"),
    ("Jordan", "GPE", "Michael Jordan", "PERSON"),
    ("Manchester", "GPE", "Manchester City Centre", "GPE"),
]


@pytest.mark.parametrize("a,al,b,bl", SAME, ids=[f"{s[0]}~{s[2]}" for s in SAME])
def test_same(a: str, al: str, b: str, bl: str) -> None:
    assert same_entity(a, al, b, bl)


@pytest.mark.parametrize("a,al,b,bl", DIFFERENT, ids=[f"{s[0]}!{s[2]}" for s in DIFFERENT])
def test_different(a: str, al: str, b: str, bl: str) -> None:
    assert not same_entity(a, al, b, bl)


def test_normalise_strips_accents_particles_and_possessive() -> None:
    assert normalise_name("Bashar al-Assad’s") == "bashar assad"
    assert normalise_name("Ｓédnaya") == "sednaya"


def test_link_groups_across_articles_with_stable_ids() -> None:
    pairs = [
        ("a1", Mention("Bashar al-Assad", 0, 15, "PERSON")),
        ("a1", Mention("Assad", 40, 45, "PERSON")),
        ("a2", Mention("al-Assad", 3, 11, "ORG", doubtful=True)),
        ("a2", Mention("Saydnaya", 20, 28, "ORG", doubtful=True)),
        ("a1", Mention("Sednaya", 60, 67, "GPE")),
    ]
    entities = link_entities(pairs)
    assert sorted(len(e.mentions) for e in entities) == [2, 3]
    assad = next(e for e in entities if e.label == "PERSON")
    assert assad.name == "Bashar al-Assad"
    assert link_entities(list(reversed(pairs)))[0].id in {e.id for e in entities}


def test_doubtful_label_kept(annotate) -> None:
    ann = annotate("Rebels opened the cells of Saydnaya prison near Damascus.")
    texts = {m.text for m in ann.mentions}
    assert "Damascus" in texts
    for m in ann.mentions:
        assert m.text and m.start < m.end


# Issue #9: doubtful labels and trimmed names (sentences written for these tests).
def test_a_quoted_facility_name_loses_the_article_and_quotes(spacy_model) -> None:
    from crosscheck.annotate.entities import find_mentions

    text = "Prisoners were held in a place called the \u201cRed Prison\u201d inside the base."
    mentions = find_mentions(text, 0, len(text), spacy_model(text))
    red = [m for m in mentions if "Red" in m.text]
    if red:  # the small model may not tag it at all; when it does, the name is clean and a place
        assert (red[0].text, red[0].label) == ("Red Prison", "FAC")
        assert text[red[0].start:red[0].end] == "Red Prison"


def test_article_level_doubts() -> None:
    from crosscheck.annotate.entities import flag_article_doubts
    from crosscheck.annotate.records import Mention

    mentions = [Mention("Joe Biden", 0, 9, "PERSON"), Mention("Biden", 20, 25, "ORG"), Mention("Bashar al-Assad", 30, 45, "PERSON"),
                Mention("al-Assad", 50, 58, "ORG"), Mention("Saydnaya", 60, 68, "ORG"), Mention("Saydnaya", 70, 78, "LOC"),
                Mention("Reuters", 80, 87, "ORG")]
    flagged = {(m.text, m.label): m.doubtful for m in flag_article_doubts(mentions)}
    assert flagged == {("Joe Biden", "PERSON"): False, ("Biden", "ORG"): True, ("Bashar al-Assad", "PERSON"): False,
                       ("al-Assad", "ORG"): True, ("Saydnaya", "ORG"): True, ("Saydnaya", "LOC"): False,
                       ("Reuters", "ORG"): False}


def test_person_shaped_names_tagged_org_are_doubtful() -> None:
    from crosscheck.annotate.entities import _label

    text = "Officials said al-Assad had left, and President Okafor agreed."
    s = text.index("al-Assad")
    assert _label(text, s, s + len("al-Assad"), "ORG") == ("ORG", True)
    s = text.index("Okafor")
    assert _label(text, s, s + len("Okafor"), "ORG") == ("ORG", True)
    s = text.index("Officials")
    assert _label(text, s, s + len("Officials"), "ORG") == ("ORG", False)
