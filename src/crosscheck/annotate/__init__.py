"""Claim annotators: attribution, hedges, quantities, times and entities of a sentence.

Each annotator takes the article text, a sentence span ``[start, end)`` and (where it reads the
parse) the spaCy Doc of that sentence, and returns frozen records whose offsets point into the
ARTICLE text. ``annotate_sentence`` runs them all on one sentence; ``annotate_articles`` parses
many sentences of many articles in one ``nlp.pipe`` stream. Importing this package imports
no model library: spaCy loads when ``SpacyModel`` is first used.

``doc`` may be a Doc over exactly ``text[start:end]`` (what the batch helpers build) or a Span
of a Doc over the whole article text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from crosscheck.annotate.attribution import find_attributions, has_cue, primary_attribution
from crosscheck.annotate.entities import find_mentions, link_entities
from crosscheck.annotate.hedges import certainty_level, find_hedges
from crosscheck.annotate.language import english_verdict, is_english
from crosscheck.annotate.nlp import SpacyModel
from crosscheck.annotate.quantities import find_quantities
from crosscheck.annotate.records import (
    Attribution,
    Entity,
    Hedge,
    LanguageVerdict,
    Mention,
    Quantity,
    SentenceAnnotations,
    TimeExpression,
)
from crosscheck.annotate.times import find_times

__all__ = [
    "ArticleInput",
    "Attribution",
    "Entity",
    "Hedge",
    "LanguageVerdict",
    "Mention",
    "Quantity",
    "SentenceAnnotations",
    "SpacyModel",
    "TimeExpression",
    "annotate_articles",
    "annotate_sentence",
    "english_verdict",
    "find_attributions",
    "find_hedges",
    "find_mentions",
    "find_quantities",
    "find_times",
    "is_english",
    "link_entities",
    "may_hold_name",
    "needs_parse",
    "primary_attribution",
]

# Sentences longer than this are not parsed (tables flattened into one "sentence", run-ons):
# the parser's cost grows with length and its output there is noise. Among the 31,725 line/
# punctuation-split sentences of the FNC-1 training bodies the 99.9th percentile is 441
# characters and only 3 exceed 1,500; the regex annotators still run on those.
MAX_PARSE_CHARS = 1500
# Articles whose sentences go to spaCy together: enough for full parser batches, few enough that
# the parsed Docs held in memory stay small.
ARTICLES_PER_CHUNK = 32
_LETTER = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|couple|decades)\b", re.I
)
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article for the batch helper: its text, the sentence spans to annotate, its date."""

    text: str
    spans: Sequence[tuple[int, int]]
    published: str | None = None


def needs_parse(text: str, start: int, end: int) -> str | None:
    """None when the sentence should be parsed, else the reason it is not."""
    if not _LETTER.search(text, start, end):
        return "no letters"
    if end - start > MAX_PARSE_CHARS:
        return f"too long to parse ({end - start} chars > {MAX_PARSE_CHARS}); attribution and entities skipped"
    return None


def may_hold_name(text: str, start: int, end: int) -> bool:
    """Can the sentence hold a person, organisation or place name? Only then does the entity
    recogniser run on it: some upper-case letter after the first word ("al-Qaeda", "iPhone",
    "US"), or a capitalised first word that is not a stop word ("Obama said", not "The").

    On the 3,178 check-worthy sentences of the first 300 FNC-1 training bodies this skips 346
    sentences (8% of the recogniser's tokens) and 3 of 5,428 mentions, all three wrong
    ("mm" as PERSON twice, "estrogen" as ORG); on the next 300 bodies 2 of 5,387 mentions, a
    Twitter handle and a hashtag tagged PERSON ("@henrywarren", "letshelpthomas").
    """
    first = _FIRST_WORD.search(text, start, end)
    if first is None:
        return False
    if any(c.isupper() for c in text[first.end():end]):
        return True
    word = first.group()
    return word[0].isupper() and word.lower() not in _stop_words()


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded by whoever parses

    return frozenset(STOP_WORDS)


def annotate_sentence(text: str, start: int, end: int, doc: Any = None, published: str | None = None) -> SentenceAnnotations:
    """All annotations of ``text[start:end]``. Without ``doc`` (or when the sentence is not worth
    parsing) attribution and entities are empty and ``skipped`` says why."""
    skipped = needs_parse(text, start, end)
    if doc is None and skipped is None:
        skipped = "not parsed (no spaCy doc given); attribution and entities skipped"
    return _annotate(text, start, end, None if skipped else doc, published, skipped)


def _annotate(text: str, start: int, end: int, doc: Any, published: str | None, skipped: str | None) -> SentenceAnnotations:
    if skipped == "no letters":
        return SentenceAnnotations(start, end, None, (), (), certainty_level(()), (), (), (), skipped)
    times = find_times(text, start, end, published)
    quantities = find_quantities(text, start, end, doc=doc, times=times)
    hedges = find_hedges(text, start, end)
    attributions = find_attributions(text, start, end, doc) if doc is not None else ()
    mentions = find_mentions(text, start, end, doc) if doc is not None else ()
    return SentenceAnnotations(
        start=start, end=end, attribution=primary_attribution(attributions), attributions=attributions,
        hedges=hedges, certainty=certainty_level(hedges), quantities=quantities, times=times,
        mentions=mentions, skipped=skipped,
    )


def annotate_articles(model: SpacyModel, articles: Iterable[ArticleInput], entities: bool = True) -> Iterator[tuple[SentenceAnnotations, ...]]:
    """Annotate every listed sentence of every article, parsing them in one ``nlp.pipe`` stream.

    Yields one tuple per article, in order, with one ``SentenceAnnotations`` per span. Only
    sentences that pass ``needs_parse`` go to spaCy. ``entities=False`` skips the entity
    recogniser (no mentions; about twice as fast) for callers that do not need entities; with
    ``entities=True`` it still runs only on sentences that ``may_hold_name``.
    """
    chunk: list[ArticleInput] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == ARTICLES_PER_CHUNK:
            yield from _annotate_chunk(model, chunk, entities)
            chunk = []
    if chunk:
        yield from _annotate_chunk(model, chunk, entities)


def _annotate_chunk(model: SpacyModel, items: list[ArticleInput], entities: bool) -> Iterator[tuple[SentenceAnnotations, ...]]:
    # Each sentence gets only the components its annotators read: the dependency parse serves
    # attribution (sentences with a reporting cue), tags serve units (sentences with a number),
    # the entity recogniser serves mentions. On FNC-1 bodies most sentences need neither parse
    # nor tags, which roughly halves the model time.
    groups: dict[tuple[bool, bool, bool], list[tuple[int, int, int]]] = {}
    for k, a in enumerate(items):
        for s, e in a.spans:
            if needs_parse(a.text, s, e) is None:
                cue = has_cue(a.text, s, e)
                tags = cue or _NUMBER.search(a.text, s, e) is not None
                ner = entities and may_hold_name(a.text, s, e)
                groups.setdefault((cue, tags, ner), []).append((k, s, e))
    parsed: dict[tuple[int, int, int], Any] = {}
    for (cue, tags, ner), jobs in groups.items():
        if not (cue or tags or ner):
            continue  # nothing in the sentence needs spaCy
        docs = model.pipe((items[k].text[s:e] for k, s, e in jobs), parse=cue, entities=ner, tags=tags)
        parsed.update(zip(jobs, docs))
    for k, a in enumerate(items):
        yield tuple(_annotate(a.text, s, e, parsed.get((k, s, e)), a.published, needs_parse(a.text, s, e)) for s, e in a.spans)
