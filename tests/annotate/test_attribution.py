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
