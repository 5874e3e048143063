"""The two seed articles (two outlets, one event: Sednaya prison opened) make one story with the
real models: spaCy entities linked across both, MiniLM lead vectors."""

from __future__ import annotations

import pytest

from crosscheck.stories.base import StoryDoc


def _seed_docs(seeds_dir, segmenter) -> list[StoryDoc]:
    from crosscheck.annotate import find_mentions, link_entities
    from crosscheck.annotate.nlp import SpacyModel
    from crosscheck.ingest import iter_documents
    from crosscheck.model import RawDocument

    raws = [d for d in iter_documents([seeds_dir]) if isinstance(d, RawDocument)]
    spans = segmenter.run([r.text for r in raws], [() for _ in raws])
    model = SpacyModel().warm_up()
    flat = [(r.key, r.text, s.start, s.end) for r, ss in zip(raws, spans) for s in ss]
    parsed = model.pipe((t[s:e] for _, t, s, e in flat), parse=False)
    pairs = [(key, m) for (key, t, s, e), doc in zip(flat, parsed) for m in find_mentions(t, s, e, doc)]
    found: dict[str, list[tuple[int, str, str, str]]] = {}
    for entity in link_entities(pairs):
        for key, m in entity.mentions:
            found.setdefault(key, []).append((m.start, entity.id, entity.label, m.text))
    return [StoryDoc(r.key, r.source or "unknown", r.text, r.title, r.published, tuple((s.start, s.end) for s in ss),
                     tuple(x[1:] for x in sorted(found.get(r.key, []))))
            for r, ss in zip(raws, spans)]


@pytest.mark.slow
@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "reversed"])
def test_the_two_seeds_are_one_story(seeds_dir, segmenter, reverse):
    from crosscheck.embed import get_embedder
    from crosscheck.stories.cluster import StoryClusterer, StorySettings
    from crosscheck.stories.memory import MemoryStoryIndex

    docs = _seed_docs(seeds_dir, segmenter)
    assert len(docs) == 2
    settings = StorySettings()
    clusterer = StoryClusterer(settings, get_embedder(settings.embedder))
    index = MemoryStoryIndex(dim=clusterer.embedder.dim, posting_cap=settings.posting_cap, ann=settings.ann)
    first, second = (clusterer.assign(d, index) for d in (docs[::-1] if reverse else docs))
    assert first.new_story and not second.new_story, second.reason
    assert second.story_id == first.story_id
    assert second.reason.startswith("joined:") and "Bashar al-Assad" in second.reason
