"""Retrieval keys: copies share a key, unrelated articles do not; keys are stable."""

from __future__ import annotations

from crosscheck.reuse import ReuseSettings, bands_and_rows, candidate_sources, reuse_keys
from tests.reuse.helpers import INDEPENDENT, PARAPHRASE, SOURCE, doc

UNRELATED = [
    "The city orchestra announced a new season of free concerts in the botanical gardens this summer.",
    "Tickets for the opening night will be handed out at the library from the first of June onwards.",
    "The conductor said the programme would include works by local composers for the first time.",
]


def test_bands_and_rows_follow_the_threshold():
    bands, rows = bands_and_rows(0.5, 32)
    assert bands * rows <= 32
    assert bands_and_rows(0.8, 32)[1] > rows  # a higher threshold needs more rows per band


def test_copies_and_rewrites_share_keys_unrelated_articles_do_not():
    keys = {name: set(reuse_keys(doc(name, "\n\n".join(lines)))) for name, lines in
            [("src", SOURCE), ("trim", SOURCE[2:5]), ("para", PARAPHRASE), ("other", UNRELATED)]}
    assert keys["src"] & keys["trim"] and keys["src"] & keys["para"]
    assert not keys["src"] & keys["other"]


def test_keys_are_deterministic_and_skip_furniture():
    text = "\n\n".join(INDEPENDENT)
    assert reuse_keys(doc("a", text)) == reuse_keys(doc("b", text))
    assert reuse_keys(doc("c", "Watch the video below.\n\nSign up for our daily newsletter to get the latest news in your inbox.")) == []
    assert reuse_keys(doc("d", text), ReuseSettings(key_threshold=0.7)) != reuse_keys(doc("d", text))


def test_candidates_need_enough_shared_keys_and_are_capped():
    postings = {"k1": ["a", "b", "new"], "k2": ["a", "c"], "k3": ["a", "b"], "k4": ["d"]}
    settings = ReuseSettings(min_shared_keys=2, max_candidates=1)
    assert candidate_sources(["k1", "k2", "k3", "k4"], postings, exclude="new", settings=settings) == [("a", 3)]
    assert candidate_sources(["k1", "k2", "k3", "k4"], postings, exclude="new", settings=ReuseSettings()) == [("a", 3), ("b", 2)]
    assert candidate_sources(["k1", "k2", "k3"], postings, settings=ReuseSettings(min_shared_keys=4)) == []
