"""Property: any article (any text, metadata, spans and dateline) reads back equal from every
backend, and adding it twice is refused without changing what is stored."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.model import Article, Boilerplate, Dateline, Sentence, article_id

# U+0000 aside (PostgreSQL stores U+FFFD for it, see test_postgres.py); surrogates are not text
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)
MAYBE = st.none() | TEXT.filter(bool)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(TEXT.filter(bool))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=8)))
    spans = list(dict.fromkeys(zip(cuts[::2], cuts[1::2])))  # ascending, distinct: the stored order
    source = draw(TEXT.filter(bool))
    dateline = draw(st.none() | st.builds(Dateline, st.integers(0, 5), st.integers(5, 9), MAYBE, MAYBE, MAYBE))
    return Article(
        id=article_id(source, text), key=draw(TEXT.filter(bool)), version=1, source=source, format="jsonl",
        text=text, url=draw(MAYBE), path=draw(MAYBE), title=draw(MAYBE), published=draw(MAYBE),
        author=draw(MAYBE), language=draw(MAYBE), dateline=dateline, ingested_at="2025-01-02T00:00:00+00:00",
        boilerplate=tuple(Boilerplate(s, e, draw(TEXT)) for s, e in spans[:2]),
        sentences=tuple(Sentence(s, e, draw(st.booleans())) for s, e in spans),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles())
def test_any_article_round_trips(store, article):
    if store.has_article(article.id) or store.versions(article.key):
        return  # an earlier example drew the same outlet and text, or the same document key
    with store.transaction():
        store.add_article(article, store.begin_batch("prop", "cfg"))
    assert store.get_article(article.id) == article
    with pytest.raises(Exception):
        with store.transaction():
            store.add_article(article, store.begin_batch("prop", "cfg"))
    assert store.get_article(article.id) == article
