"""Learned furniture: repeated reporting stays reporting; furniture across unrelated stories is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.clean import RepeatedLineLearner
from crosscheck.config import load_config
from crosscheck.furniture import StoryLines, count_stories, line_form
from crosscheck.pipeline import Ingestor
from crosscheck.store import open_store

FORMS = [
    ("Scroll down for video", "prompt"),
    ("Want to weigh in on this report? Share it in the comments below.", "prompt"),
    (">> Follow Jan Example (@janexample) on Twitter", "prompt"),
    ("This report first appeared on example.org. The Associated Press contributed to this report.", "prompt"),
    ("Note: Every Example Post story is checked by our editors before it runs.", "prompt"),
    ("With files from the Example Wire", "prompt"),
    ("Video loading", "prompt"),
    ("<!-- ad_slot = '300x250'; //-->", "markup"),
    ("widgets.example.com", "markup"),
    ("The company has denied that safety rules were broken.", "reporting"),
    ("The death toll rose to 31, the health ministry said.", "reporting"),
    ('"We will keep digging," the rescue chief told reporters.', "reporting"),
    ("Rescuers worked through the night at the flooded gallery.", "statement"),
    ("Follow-up inspections found cracks in the second dam.", "statement"),
    ("Click-and-collect sales at the chain rose in March.", "statement"),
    ("Related to the flooding, police said two roads were closed.", "reporting"),
    ("Watch the river levels closely, the flood agency warned residents.", "reporting"),
    ("RELATED COVERAGE", "prompt"),
]


@pytest.mark.parametrize("line,form", FORMS, ids=[f"{f}-{i}" for i, (_, f) in enumerate(FORMS)])
def test_line_form(line, form):
    assert line_form(line) == form


# Three updates of one story from one wire outlet: background, the updated count and the denial
# recur in every update (the count's digits fold to one line), as rolling coverage does.
BACKGROUND = "The Karsk coal mine, which employs 900 people, reopened in 2019 after a decade of closure."
UPDATES = [
    f"Rescuers at the Karsk coal mine in Dravenia searched a flooded gallery overnight.\n"
    f"The death toll rose to {n}, the health ministry said.\n"
    f"The company has denied that safety rules were broken.\n{BACKGROUND}\n{lead}"
    for n, lead in [
        (14, "Families gathered at the Karsk gate as pumps arrived from Lesno."),
        (20, "Divers from Lesno reached the second Karsk gallery on Tuesday."),
        (31, "The Dravenia mining inspectorate opened an inquiry into the Karsk flooding."),
    ]
]
UNRELATED = [
    "The Velmar city council approved a new tram line to the harbour.",
    "A heatwave closed schools across the southern province of Ostra.",
    "The national football team lost its qualifier against Brenland.",
]
FOOTER = "This outlet is funded by its readers and owned by a trust."
SIGNOFF = "Corrections go to the standards desk within a day."


def _ingest(tmp_path: Path, texts: list[str], segmenter) -> list:
    path = tmp_path / "wire.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n, text in enumerate(texts):
            fh.write(json.dumps({"url": f"https://wire.example/story/{n}", "maintext": text}) + "\n")
    store = open_store(tmp_path / "c.db")
    Ingestor(store, load_config(), segmenter=segmenter).run([path])
    articles = list(store.iter_articles())
    store.close()
    return articles


def test_three_updates_of_one_story_keep_their_reporting(tmp_path, segmenter):
    articles = _ingest(tmp_path, UPDATES, segmenter)
    assert len(articles) == 3
    for a in articles:
        assert [b for b in a.boilerplate if b.reason.startswith("learned:")] == []
        assert not any(s.boilerplate for s in a.sentences)


def test_updates_are_one_story_and_unrelated_stories_are_three():
    learner = RepeatedLineLearner()
    for n, text in enumerate(UPDATES):
        learner.observe("wire", f"u{n}", text)
    for n, lead in enumerate(UNRELATED):
        learner.observe("wire", f"s{n}", f"{lead}\n{FOOTER}\n{SIGNOFF}")
    from crosscheck.clean import line_key

    assert learner.story_count("wire", line_key(BACKGROUND)) == 1
    assert learner.story_count("wire", line_key(FOOTER)) == 3


def test_a_statement_footer_across_unrelated_stories_is_furniture(tmp_path, segmenter):
    texts = [f"{lead}\n{FOOTER}\n{SIGNOFF}" for lead in UNRELATED]
    articles = _ingest(tmp_path, texts, segmenter)
    for a in articles:
        learned = sorted(a.text[b.start : b.end] for b in a.boilerplate if b.reason.startswith("learned:"))
        assert learned == sorted([FOOTER, SIGNOFF])
        assert all("unrelated stories" in b.reason for b in a.boilerplate if b.reason.startswith("learned:"))


def test_updates_mixed_with_furniture_keep_reporting_and_lose_furniture(tmp_path, segmenter):
    prompt = "Sign up for the Wire Example morning briefing newsletter."
    texts = [f"{u}\n{prompt}" for u in UPDATES] + [f"{lead}\n{prompt}" for lead in UNRELATED]
    articles = _ingest(tmp_path, texts, segmenter)
    for a in articles:
        marked = {a.text[b.start : b.end] for b in a.boilerplate}
        assert marked == {prompt}


def test_count_stories_joins_copies_without_words_of_their_own():
    lines = [("Line one of the copied story, about the Karsk mine.", "k1"), ("Line two.", "k2"), ("Line three.", "k3")]
    assert count_stories([StoryLines.of(lines)] * 3) == 1


def _learned(report: dict) -> list[tuple[str, str]]:
    return [
        (a["source"], a["text"][b["start"] : b["end"]])
        for a in report["articles"] for b in a["boilerplate"] if b["reason"].startswith("learned:")
    ]


def test_no_reporting_line_is_learned_as_furniture_on_examples_and_seeds(tmp_path, examples_dir, seeds_dir):
    from tests.conftest import run_cli

    db = tmp_path / "c.db"
    run_cli("ingest", str(examples_dir / "corpus"), str(examples_dir / "corpus-update"), str(seeds_dir), "--db", str(db), "-q")
    store = open_store(db)
    learned = [
        (a.source, a.text[b.start : b.end])
        for a in store.iter_articles(current_only=False) for b in a.boilerplate if b.reason.startswith("learned:")
    ]
    store.close()
    # the only line the example corpus repeats as furniture is the Daily Beacon's closing note
    assert learned and all(line.startswith("Note: Every Daily Beacon story is checked") for _, line in learned)
    assert all(line_form(line) in ("markup", "prompt") for _, line in learned)


def test_three_updates_keep_their_claims_in_the_report(tmp_path):
    from tests.conftest import run_cli

    path = tmp_path / "wire.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n, text in enumerate(UPDATES):
            fh.write(json.dumps({"url": f"https://wire.example/story/{n}", "maintext": text}) + "\n")
    report = json.loads(run_cli("check", str(path), "--db", str(tmp_path / "c.db"), "--format", "json", "-q").stdout)
    for article in report["articles"]:
        claims = [c["text"] for c in report["claims"] if c["article_id"] == article["id"]]
        assert "The company has denied that safety rules were broken." in claims
        assert any(c.startswith("The death toll rose to") for c in claims)
        assert BACKGROUND in claims


def test_proper_names_skip_sentence_starts_weekdays_and_months():
    from crosscheck.furniture import proper_names

    line = "Officials in Velmar met on Monday in March. The UN envoy and Anna Petrova arrived."
    assert proper_names(line) == {"velmar", "un", "anna", "petrova"}


def test_stories_sharing_only_common_words_stay_apart():
    from crosscheck.furniture import related

    a = StoryLines.of([("The government said the minister would resign over the budget.", "a1")])
    b = StoryLines.of([("The government said the minister had approved the new port in Ostra.", "b1")])
    c = StoryLines.of([("The minister visited Ostra on Friday.", "c1")])
    assert not related(a, b) and related(b, c)
