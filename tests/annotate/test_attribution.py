"""Attribution from the dependency parse: sources, cues, anonymity, chains."""

from __future__ import annotations

from pathlib import Path

import pytest


def _sources(ann) -> list[tuple[str, str, bool]]:
    return [(a.source, a.cue, a.anonymous) for a in ann.attributions]


CASES = [
    ("The mayor said the bridge would reopen in May.", ("The mayor", "said", False)),
    ("The bridge will reopen, according to city officials.", ("city officials", "according to", True)),
    ("An unnamed source told the paper that talks had failed.", ("An unnamed source", "told", True)),
    ("Crowds gathered in the square, where they told Sky News they were happy.", ("they", "told Sky News", False)),
    ("Talks failed, Reuters reports.", ("Reuters", "reports", False)),
    ("A rebel official said, \u201cWe celebrate the news.\u201d", ("A rebel official", "said", True)),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[1][1] + ":" + c[0][:25] for c in CASES])
def test_primary_source(annotate, text: str, expected: tuple[str, str, bool]) -> None:
    ann = annotate(text)
    a = ann.attribution
    assert a is not None
    assert (a.source, a.cue, a.anonymous) == expected
    assert text[a.source_start:a.source_end] == a.source
    assert text[a.cue_start:a.cue_end] == a.cue


NO_ATTRIBUTION = [
    "The rebels captured the city and declared victory.",
    "That being said, the team played well.",
    "The suspect is said to have fled abroad.",
    "She was told the seats were gone.",
    "He never revealed why he left.",
]


@pytest.mark.parametrize("text", NO_ATTRIBUTION, ids=[t[:30] for t in NO_ATTRIBUTION])
def test_no_attribution(annotate, text: str) -> None:
    assert annotate(text).attribution is None


def test_chain_quoted_source_via_two_reporters(annotate) -> None:
    text = ("State broadcaster RTVa quoted an unnamed source saying the minister and his deputy had resigned, "
            "Reuters reports.")
    a = annotate(text).attribution
    assert (a.source, a.cue, a.anonymous) == ("an unnamed source", "quoted", True)
    assert [v.source_head for v in a.via] == ["RTVa", "Reuters"]


def test_according_to_scopes_over_an_earlier_said(annotate) -> None:
    text = ("Miners faced beatings, according to labour rights campaigners, while the UN in 2019 said it had "
            "found evidence of forged safety logs, according to Reuters.")
    ann = annotate(text)
    assert ann.attribution.source == "labour rights campaigners" and ann.attribution.anonymous
    un = [a for a in ann.attributions if a.source_head == "UN"]
    assert len(un) == 1 and [v.source for v in un[0].via] == ["Reuters"]
    assert "2019" not in un[0].source


def test_offsets_point_into_the_article(annotate) -> None:
    article = "Intro line.\n\nThe mayor said the bridge would reopen."
    start = article.index("The mayor")
    ann = annotate(article, start=start)
    assert article[ann.attribution.source_start:ann.attribution.source_end] == "The mayor"


def _seed_sentence(seeds_dir: Path, needle: str) -> tuple[str, int, int]:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        at = text.find(needle)
        if at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            return text, start, len(text) if end < 0 else end
    pytest.skip(f"seed sentence {needle!r} not found")


SEED_EXPECTED = [
    ("Prisoners in Sednaya faced torture", "human rights campaigners", True, []),
    ("The al-Assads have been given asylum", "a Kremlin source", True, ["Russian state news agencies"]),
    ("Russian news agency Interfax quoted", "an unnamed source", True, ["Interfax", "Reuters"]),
    ("Between 5,000 and 13,000 inmates", "sources from Amnesty International", True, []),
    ("US President Joe Biden said", "US President Joe Biden", False, []),
    ("According to reports, the dictator", "reports", True, []),
    ("Hundreds of people gathered in Manchester", "they", False, []),
]


@pytest.mark.parametrize("needle,source,anonymous,via", SEED_EXPECTED, ids=[s[0][:25] for s in SEED_EXPECTED])
def test_seed_articles(seeds_dir: Path, spacy_model, needle: str, source: str, anonymous: bool, via: list[str]) -> None:
    from crosscheck.annotate import annotate_sentence

    text, start, end = _seed_sentence(seeds_dir, needle)
    ann = annotate_sentence(text, start, end, spacy_model(text[start:end]), "2024-12-10")
    a = ann.attribution
    assert a is not None and a.source == source and a.anonymous is anonymous
    assert [v.source_head if v.source_head in via else v.source for v in a.via] == via
    assert text[a.source_start:a.source_end] == a.source


def test_span_of_a_whole_article_doc(spacy_model) -> None:
    from crosscheck.annotate import annotate_sentence

    article = "Rain fell all night. The mayor said 300 homes flooded on Sunday."
    doc = spacy_model(article)
    start = article.index("The mayor")
    span = doc.char_span(start, len(article))
    ann = annotate_sentence(article, start, len(article), span, "2024-12-10")
    assert article[ann.attribution.source_start:ann.attribution.source_end] == "The mayor"
    (q,) = ann.quantities
    assert article[q.start:q.end] == "300" and q.unit == "homes"
    assert {m.text for m in ann.mentions} <= {"Sunday"}


# Issue #9: what an attribution governs, anonymous descriptions, channels (sentences written for these tests).
SCOPES = [
    ("Crowds gathered in the square, where they told Sky News they were happy to be home.",
     "they", "they were happy to be home"),
    ("The mayor said on Monday that the bridge would reopen in May.", "The mayor", "the bridge would reopen in May"),
    ("The dam failed after heavy rain, the ministry said in a statement.", "the ministry", "The dam failed after heavy rain"),
    ("Prices rose sharply in March, according to the statistics office.", "the statistics office", "Prices rose sharply in March"),
]


@pytest.mark.parametrize("text,source,scope", SCOPES, ids=[c[0][:30] for c in SCOPES])
def test_scope_is_the_reported_content_only(annotate, text: str, source: str, scope: str) -> None:
    a = annotate(text).attribution
    assert a is not None and a.source == source
    assert a.scope_start is not None and a.scope_end is not None
    assert text[a.scope_start:a.scope_end] == scope


def test_the_reporters_own_count_is_outside_the_scope(annotate) -> None:
    text = "Hundreds of people gathered in the square, where they told Sky News they were happy to be home."
    ann = annotate(text)
    a = ann.attribution
    assert a is not None and a.scope_start is not None
    (crowd,) = ann.quantities
    assert crowd.end <= a.scope_start  # "Hundreds of people" is the reporter's, not the people's


ANONYMOUS = [
    ("A spokesperson for the agency, who asked not to be named, said the plant would close.",
     "A spokesperson for the agency, who asked not to be named"),
    ("A neighbour of the family, who asked not to be identified, told the paper the house was empty.",
     "A neighbour of the family, who asked not to be identified"),
    ("A port official, who requested anonymity, said the ferry had been turned back.", "A port official, who requested anonymity"),
]


@pytest.mark.parametrize("text,source", ANONYMOUS, ids=[c[1][:30] for c in ANONYMOUS])
def test_an_anonymity_clause_is_part_of_the_source_and_makes_it_anonymous(annotate, text: str, source: str) -> None:
    a = annotate(text).attribution
    assert a is not None
    assert (a.source, a.anonymous) == (source, True)


CHANNELS = [
    ("The fire spread quickly, according to the Regional Centre for Civil Protection on X.",
     "the Regional Centre for Civil Protection", "on X"),
    ("The company said in a statement that the recall was voluntary.", "The company", "in a statement"),
    ("The minister wrote on Telegram that the talks had failed.", "The minister", "on Telegram"),
    ("The strike will go ahead, the union said in an interview with the BBC.", "the union", "in an interview with the BBC"),
]


@pytest.mark.parametrize("text,source,channel", CHANNELS, ids=[c[2] for c in CHANNELS])
def test_the_channel_is_its_own_field(annotate, text: str, source: str, channel: str) -> None:
    a = annotate(text).attribution
    assert a is not None
    assert (a.source, a.channel) == (source, channel)
    assert a.channel_start is not None and text[a.channel_start:a.channel_end] == channel
    assert a.to_json()["channel"] == channel
