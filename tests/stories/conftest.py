"""Hand-written story documents (our own sentences) and a clusterer on the hashing embedder."""

from __future__ import annotations

import pytest

from crosscheck.embed import get_embedder
from crosscheck.stories.base import StoryDoc
from crosscheck.stories.cluster import StoryClusterer, StorySettings
from crosscheck.stories.memory import MemoryStoryIndex


def make_doc(article_id: str, text: str, entities: list[tuple[str, str, str]], published: str | None = None, source: str = "example.org") -> StoryDoc:
    sentences = []
    pos = 0
    for line in text.split("\n"):
        sentences.append((pos, pos + len(line)))
        pos += len(line) + 1
    return StoryDoc(article_id, source, text, None, published, tuple(sentences), tuple(entities))


HARLOW = [("ent_harlow", "FAC", "Harlow Ridge prison"), ("ent_montana", "GPE", "Montana"), ("ent_calder", "PERSON", "Jim Calder")]
KESTER = [("ent_kesterton", "FAC", "Kesterton jail"), ("ent_ohio", "GPE", "Ohio"), ("ent_ruiz", "PERSON", "Ana Ruiz")]
FLOOD = [("ent_brenna", "GPE", "Brenna Valley"), ("ent_weather", "ORG", "National Weather Office")]

DOCS = {
    "harlow-1": make_doc("harlow-1", "Six inmates escaped from Harlow Ridge prison in Montana early on Monday.\n"
                         "Warden Jim Calder said the men cut through a fence behind the laundry block.\n"
                         "Police in Montana set up roadblocks around Harlow Ridge.", HARLOW),
    "harlow-2": make_doc("harlow-2", "Police hunted six prisoners who broke out of Harlow Ridge prison in Montana.\n"
                         "The men cut a fence near the laundry block, warden Jim Calder told reporters.", HARLOW, source="news.example"),
    "harlow-3": make_doc("harlow-3", "Two of the six men who escaped from Harlow Ridge prison were caught in Montana.\n"
                         "Jim Calder, the warden, said the fence behind the laundry block had been repaired.", HARLOW, source="daily.example"),
    "kester-1": make_doc("kester-1", "Four inmates escaped from Kesterton jail in Ohio on Friday night.\n"
                         "Sheriff Ana Ruiz said the prisoners climbed over a wall during a power cut.", KESTER),
    "kester-2": make_doc("kester-2", "Ohio police searched for four prisoners who broke out of Kesterton jail.\n"
                         "The men climbed a wall while the power was cut, sheriff Ana Ruiz said.", KESTER, source="news.example"),
    "flood-1": make_doc("flood-1", "Heavy rain flooded hundreds of homes in Brenna Valley overnight.\n"
                        "The National Weather Office warned that rivers would keep rising.", FLOOD),
    "flood-2": make_doc("flood-2", "Rivers kept rising in Brenna Valley after a night of heavy rain flooded homes.\n"
                        "The National Weather Office issued a new warning.", FLOOD, source="news.example"),
}
EVENTS = {"harlow-1": "harlow", "harlow-2": "harlow", "harlow-3": "harlow", "kester-1": "kester", "kester-2": "kester", "flood-1": "flood", "flood-2": "flood"}


@pytest.fixture
def clusterer() -> StoryClusterer:
    return StoryClusterer(StorySettings(embedder="embed.hashing.v1"), get_embedder("embed.hashing.v1"))


@pytest.fixture
def new_index(clusterer: StoryClusterer):
    def make() -> MemoryStoryIndex:
        return MemoryStoryIndex(dim=clusterer.embedder.dim, posting_cap=clusterer.settings.posting_cap)

    return make
