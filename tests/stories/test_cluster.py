"""The story decision on hand-written documents: same event joins, look-alike events stay apart."""

from __future__ import annotations

import dataclasses
import json
import random

import pytest

from crosscheck.errors import UsageError
from crosscheck.stories.base import story_id_for
from crosscheck.stories.cluster import StorySettings
from tests.stories.conftest import DOCS, EVENTS, make_doc


def _partition(assignments: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, story in assignments.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(g) for g in groups.values()}


GOLD = _partition(EVENTS)


def _feed(clusterer, index, order):
    return {a: clusterer.assign(DOCS[a], index) for a in order}


def test_two_reports_of_one_event_join(clusterer, new_index):
    index = new_index()
    first = clusterer.assign(DOCS["harlow-1"], index)
    second = clusterer.assign(DOCS["harlow-2"], index)
    assert first.new_story and first.story_id == story_id_for("harlow-1")
    assert not second.new_story and second.story_id == first.story_id
    assert second.nearest_article == "harlow-1"
    assert second.reason.startswith("joined:") and "Harlow Ridge prison" in second.reason


def test_two_different_prison_breaks_stay_apart(clusterer, new_index):
    index = new_index()
    harlow = clusterer.assign(DOCS["harlow-1"], index)
    kester = clusterer.assign(DOCS["kester-1"], index)
    assert kester.new_story and kester.story_id != harlow.story_id
    assert kester.reason.startswith("new story:") and "< 0.40" in kester.reason


def test_first_article_founds_a_story_with_no_candidate(clusterer, new_index):
    result = clusterer.assign(DOCS["flood-1"], new_index())
    assert result.new_story and result.score == 0.0 and result.nearest_article is None
    assert "no earlier article" in result.reason


@pytest.mark.parametrize("seed", range(6), ids=lambda s: f"order{s}")
def test_final_grouping_does_not_depend_on_order(clusterer, new_index, seed):
    order = sorted(DOCS)
    random.Random(seed).shuffle(order)
    got = _feed(clusterer, new_index(), order)
    assert _partition({a: r.story_id for a, r in got.items()}) == GOLD


def test_same_order_gives_the_same_decisions(clusterer, new_index):
    order = ["kester-2", "harlow-3", "flood-1", "harlow-1", "kester-1", "flood-2", "harlow-2"]
    assert _feed(clusterer, new_index(), order) == _feed(clusterer, new_index(), order)


def test_story_id_is_named_after_the_founding_article(clusterer, new_index):
    got = _feed(clusterer, new_index(), ["harlow-2", "harlow-1", "harlow-3"])
    assert {r.story_id for r in got.values()} == {story_id_for("harlow-2")}


def test_a_distant_date_lowers_the_score(clusterer, new_index):
    near, far = new_index(), new_index()
    first = dataclasses.replace(DOCS["harlow-1"], published="2026-03-02")
    clusterer.assign(first, near)
    clusterer.assign(first, far)
    a = clusterer.assign(dataclasses.replace(DOCS["harlow-2"], published="2026-03-03"), near)
    b = clusterer.assign(dataclasses.replace(DOCS["harlow-2"], published="2026-06-30"), far)
    assert "1 days apart" in a.reason and "120 days apart" in b.reason
    assert b.score < a.score and b.new_story


def test_undated_articles_are_decided_by_text_and_entities(clusterer, new_index):
    index = new_index()
    clusterer.assign(dataclasses.replace(DOCS["harlow-1"], published="2026-03-02"), index)
    joined = clusterer.assign(DOCS["harlow-2"], index)
    assert not joined.new_story and "days apart" not in joined.reason


def test_stored_features_hold_no_article_text(clusterer, new_index):
    index = new_index()
    clusterer.assign(DOCS["harlow-1"], index)
    (candidate,) = index.candidates(["ent:ent_harlow"], None, 0)
    stored = json.dumps(candidate.features)
    assert "escaped" not in stored and "laundry" not in stored
    assert {"entities", "terms", "date", "vector"} <= set(candidate.features)


def test_an_article_without_entities_or_sentences_is_still_placed(clusterer, new_index):
    index = new_index()
    bare = make_doc("bare", "short note", [])
    assert clusterer.assign(bare, index).new_story
    assert clusterer.assign(make_doc("empty", "", []), index).new_story


def test_settings_reject_an_unknown_key():
    with pytest.raises(UsageError, match="unknown setting 'treshold'"):
        StorySettings.from_config({"stories": {"treshold": 0.5}})


def test_defaults_file_matches_the_settings_class():
    from crosscheck.config import load_config

    assert StorySettings.from_config(load_config()) == StorySettings()
