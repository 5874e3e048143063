"""Is a repeated line page furniture or repeated reporting?

A line that recurs in several documents of one outlet is either the outlet's furniture (prompts,
credits, ad residue, its notes about itself) or reporting that rolling coverage repeats in every
update of a story ("The company has denied that safety rules were broken.", "The death toll rose
to 14, the health ministry said." with its digits folded). Repetition alone cannot tell them
apart, so the decision looks at what the line is, and, when its form does not settle it, at
whether the documents holding it are many *unrelated* stories or updates of one story.

``line_form`` sorts a line into one of four forms:

- ``markup``: script, style or ad-code residue, a bare domain;
- ``prompt``: an instruction to the reader ("Scroll down for video", "Share it in the comments"),
  a credit or label line ("With files from ...", "RELATED COVERAGE", "Video loading"), or the
  page talking about itself ("This article originally appeared on ...");
- ``reporting``: a quote, or a reporting verb or attribution cue ("said", "according to",
  "denied"): repeated reporting is still reporting, so it is never learned as furniture;
- ``statement``: anything else (background sentences, crossheads, short labels).

Markup and prompts are furniture once they recur in ``min_documents`` documents; statements only
when they recur in ``min_stories`` unrelated stories (``count_stories``). The patterns were written
from the dev half of ``bench/labels/furniture.jsonl`` (FNC-1 training bodies) and the lexicon in
``clean.py``; see ``crosscheck bench furniture`` for what they score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["LineForm", "line_form", "proper_names", "StoryLines", "related", "count_stories"]

LineForm = Literal["markup", "prompt", "reporting", "statement"]

_F = re.IGNORECASE
_MARKUP = re.compile(
    r"<!--|-->|</?[a-z]+[ >]|@media\b|\w+\([^)]*\);|\b\w+\s*=\s*['\"]|[{}]|^[\w-]+(\.[\w-]+)+(/\S*)?$", _F
)
_QUOTE = re.compile("[\"“”«»]|(^|\\s)[‘'][A-Z]")
# an instruction at the start of the line or of one of its sentences
_IMPERATIVE = re.compile(
    r"(?:^\W*|[.!?|]\s+)(?:scroll (?:down|up)|click (?:here|to|on|the)|tap here|view (?:gallery|on|more|all|the|our)|"
    r"watch (?:next|this|the|our|more|now|live)|see (?:all|more|also|the (?:video|gallery|full))|"
    r"share (?:this|it|on|your)|follow (?:us|me|@|[A-Z]\w+ \w+ \(@|[A-Z]\w+ on (?:twitter|facebook|instagram))|"
    r"subscribe|sign up|join (?:us|our)|continue reading|read (?:more|next|the full story)|"
    r"download (?:our|the app)|please (?:enable|share|note|read|contact|send|refresh)|"
    r"send (?:corrections|tips|us|your)|e-?mail us|contact (?:us|the author)|tell us|"
    r"thank you for reading|thanks for reading|have something to add|got a (?:story|tip)|sorry,? we)\b",
    _F,
)
# the page or the outlet talking about itself
_SELF = re.compile(
    r"contributed to this (?:report|story|article)|originally (?:appeared|published)|"
    r"(?:this|the) (?:article|story) (?:first )?(?:appeared|was (?:first )?published)|"
    r"accepting comments|comments? on this (?:article|story)|"
    r"\bis an? (?:\w+ ){0,2}(?:publication|website|web site)\b|\bevery \w+(?: \w+)? (?:story|article) is\b|"
    r"\bour (?:editorial|editors|reporters|journalists|newsroom)\b",
    _F,
)
# credit and label lines: the whole line is the label ("RELATED COVERAGE", "Ads by Adblade"), so a
# sentence that merely starts with the word ("Related to the case, police said ...") is not one
_LABEL = re.compile(
    r"^(?:with files from\b.{0,80}|contributing: .{0,80}|with (?:news )?wire services|disclosure: .*|"
    r"related(?: coverage| articles| stories| roundup)?(?::.{0,60})?|more to come\.?|ads by \S+|"
    r"\[?(?:image|photo|video|picture)s? (?:via|by|courtesy|credit)\b.{0,80})$",
    _F,
)
_LOADING = re.compile(r"\b(?:loading|enable javascript)\b", _F)
_REPORTING = re.compile(
    r"\b(?:said|says|say|saying|told|tells|according to|reported|reports|reportedly|denied|denies|deny|"
    r"confirmed|confirms|announced|announces|claimed|claims|stated|states|added|adds|noted|insisted|"
    r"argued|wrote|writes|explained|disclosed|revealed|declined|quoted|quoting|alleged|allegedly|"
    r"urged|warned|estimated|described|believes?|believed|suggests?|suggested|tweeted|posted)\b",
    _F,
)


def line_form(text: str) -> LineForm:
    """The form of one stripped line (see the module docstring)."""
    if _MARKUP.search(text):
        return "markup"
    if _QUOTE.search(text):
        return "reporting"
    if _SELF.search(text) or _LABEL.search(text):
        return "prompt"
    # a reporting cue outweighs an imperative-looking start ("Watch the river, the agency warned")
    if _REPORTING.search(text):
        return "reporting"
    if _IMPERATIVE.search(text) or (len(text) <= 100 and _LOADING.search(text)):
        return "prompt"
    return "statement"


# A proper name: a capitalised word (or an acronym) that does not start a sentence. What one story's
# updates share and two unrelated stories rarely do: the people, places and organisations they name.
_TOKEN = re.compile(r"[.!?]+|[^\W\d_][\w'’-]*")
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december the this that these those there then but and his her its "
    "their our mr mrs ms dr".split()
)
# Two documents are one story when the lines they do not share name at least this many of the same
# proper names. Chosen on ECB+ training topics (articles grouped by real event; 1,000 random triples
# each way, as `crosscheck bench furniture` draws them): with 1 shared name every triple of articles
# about one event stays fewer than 3 stories (so a statement repeated across them is kept) and 59.5%
# of triples from 3 different topics count 3. In an earlier sampling, 2 names split 3.2% of one-event
# triples, and 3 shared distinctive words (any word of 4+ letters) instead of names kept them all but
# found 3 stories in only 21% of different-topic triples. ECB+ dev topics, checked once: 99.7% kept,
# 64.0% found. On the dev half of bench/labels/furniture.jsonl 1, 2 or 3 names give the same result.
MIN_SHARED_NAMES = 1
# Two documents sharing this many other lines verbatim are copies or updates of one story, even when
# they have no words of their own (near-identical copies).
MIN_SHARED_LINES = 2


def proper_names(text: str) -> frozenset[str]:
    """The proper names in a line, lower-cased (see ``_TOKEN``)."""
    names, start = set(), True
    for token in _TOKEN.findall(text):
        if token[0] in ".!?":
            start = True
            continue
        if not start and (token[0].isupper() and len(token) > 2 or token.isupper() and len(token) > 1):
            name = token.lower()
            if name not in _NOT_NAMES:
                names.add(name)
        start = False
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class StoryLines:
    """A document as the story test sees it: each non-furniture-form line's key and its proper names
    (computed once per document)."""

    lines: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def of(cls, lines: Iterable[tuple[str, str]]) -> StoryLines:
        """From ``(text, key)`` pairs."""
        return cls(tuple(
            (key, proper_names(text))
            for text, key in lines if line_form(text) not in ("markup", "prompt")
        ))

    def names(self, exclude: set[str]) -> set[str]:
        return {n for key, names in self.lines if key not in exclude for n in names}


def related(a: StoryLines, b: StoryLines) -> bool:
    """Are two documents updates or copies of one story?

    Lines both hold are left out of the comparison: a shared footer must not make two unrelated
    stories one. What remains is each story's own reporting, and one story's updates name the same
    people, places and organisations.
    """
    shared = {k for k, _ in a.lines} & {k for k, _ in b.lines}
    if len(shared) > MIN_SHARED_LINES:  # the line in question plus at least two others
        return True
    return len(a.names(shared) & b.names(shared)) >= MIN_SHARED_NAMES


def count_stories(docs: Iterable[StoryLines]) -> int:
    """How many distinct stories the documents hold: connected groups of ``related`` documents."""
    groups: list[list[StoryLines]] = []
    for doc in docs:
        joined = [g for g in groups if any(related(doc, other) for other in g)]
        groups = [g for g in groups if all(g is not j for j in joined)] + [[doc, *(d for g in joined for d in g)]]
    return len(groups)
