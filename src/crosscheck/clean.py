"""Mark page furniture as boilerplate spans, without deleting anything.

Two sources of evidence, each recorded in the span's ``reason``:
- a lexicon of furniture lines that survive extraction ("Watch the video below.", "READ MORE ON
  SYRIA", newsletter prompts, an outlet's standard disclaimer) matched per paragraph line;
- lines learned from the corpus: a line that recurs verbatim (after folding case, spacing and
  digits) in several different documents of the same outlet, and is furniture by its form or
  recurs across several unrelated stories (``crosscheck.furniture``), is that outlet's furniture;
  repeated reporting (rolling coverage repeats background and updated counts) is not.

Spans always cover whole paragraph lines, so a sentence (segmented inside a paragraph) is either
wholly inside a boilerplate span or outside all of them. Hand-written because extractors such as
trafilatura drop furniture they recognise in the markup, but these lines sit inside the article
body (and plain-text and JSONL inputs have no markup at all).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from crosscheck.furniture import StoryLines, count_stories, line_form
from crosscheck.model import Boilerplate

__all__ = [
    "LEXICON", "iter_lines", "lexicon_spans", "RepeatedLineLearner", "fold_line", "line_key",
    "keyed_lines", "learned_spans", "MAX_STORY_DOCS",
]

_F = re.IGNORECASE

# (pattern over one stripped line, reason). Lines longer than MAX_FURNITURE_CHARS are never
# matched by the short-line rules: furniture is short, reporting is not.
LEXICON: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(watch|see|view) (the|our|this) (video|clip|footage)( below| above| here)?[.:!]?$", _F), "video prompt"),
    (re.compile(r"^read more\b.{0,80}$", _F), "read-more link"),
    (re.compile(r"^(more|related|also read|read also|see also|recommended)( stories| articles| reading| on [^.]{1,60})?:?$", _F), "related-links heading"),
    (re.compile(r"^(sign up|subscribe|register)\b.{0,160}\b(newsletter|briefing|bulletin|alerts?|inbox|digest|updates)\b.{0,80}$", _F), "newsletter prompt"),
    (re.compile(r"^(get|receive) (our|the) .{0,60}(newsletter|briefing|alerts?|digest)\b.{0,80}$", _F), "newsletter prompt"),
    (re.compile(r"^(advertisement|advert|sponsored( content)?|story continues below( advertisement)?)$", _F), "advertisement marker"),
    (re.compile(r"^(click here|tap here|share (this|on)|follow us)\b.{0,120}$", _F), "share/follow prompt"),
    (re.compile(r"^follow (the )?[\w@][^.]{0,60} (on [^.]{1,40} )?for (live |the latest |more )?(updates|coverage|news)\b.{0,80}$", _F), "share/follow prompt"),
    (re.compile(r"^(copyright|©|\(c\))\s.{0,160}$|all rights reserved\.?$", _F), "copyright line"),
    (re.compile(r"^(image|photo|picture|credit)s?:\s.{0,120}$", _F), "image credit"),
    (re.compile(r"^\(?(additional )?(reporting|writing|editing) by\b.{0,160}\)?$", _F), "wire credit line"),
]

# An outlet's disclaimer about its own editorial process: a paragraph that talks about the outlet
# itself (our team, our writers, reach out to us) in fact-checking vocabulary. Two cues needed, so a
# news sentence that mentions fact-checking once is not caught.
_DISCLAIMER_CUES = re.compile(
    r"(fact-check\w*|rigorously reviewed|ensure (its|their) accuracy|our (team|writers|editors|journalists)"
    r"|editorial (standards|guidelines|policy)|reach out to us|contact us|we appreciate your|"
    r"promptly correct|corrections? policy|credible sources)",
    _F,
)
MAX_FURNITURE_CHARS = 240


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str


def iter_lines(text: str) -> Iterator[Line]:
    """Non-empty lines with offsets of their stripped content."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield Line(pos + lead, pos + lead + len(stripped), stripped)
        pos += len(raw) + 1


def _lexicon_reason(line: str) -> str | None:
    if len(line) <= MAX_FURNITURE_CHARS:
        for pattern, reason in LEXICON:
            if pattern.search(line):
                return reason
    cues = {m.group(0).lower() for m in _DISCLAIMER_CUES.finditer(line)}
    if len(cues) >= 2:
        return "outlet disclaimer"
    return None


def lexicon_spans(text: str) -> list[Boilerplate]:
    spans = []
    for line in iter_lines(text):
        reason = _lexicon_reason(line.text)
        if reason:
            spans.append(Boilerplate(line.start, line.end, f"lexicon: {reason}"))
    return spans


_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def fold_line(line: str) -> str:
    return _SPACE.sub(" ", _DIGITS.sub("0", line.lower())).strip()


def line_key(line: str) -> str:
    """A short stable hash of the folded line: what the store indexes per outlet and document."""
    return hashlib.blake2b(fold_line(line).encode("utf-8"), digest_size=12).hexdigest()


def keyed_lines(text: str, min_chars: int) -> list[tuple[Line, str]]:
    """The lines long enough to learn from, each with its key."""
    return [(line, line_key(line.text)) for line in iter_lines(text) if len(line.text) >= min_chars]


# The story test reads at most this many documents holding one line (the first by id): enough to
# find ``min_stories`` unrelated stories among an outlet's furniture, cheap for a line in 10,000 pages.
MAX_STORY_DOCS = 50


def learned_spans(
    lines: Iterable[tuple[Line, str]], counts: Mapping[str, int], source: str, min_documents: int,
    taken: Iterable[Boilerplate] = (), stories: Callable[[str], int] | None = None, min_stories: int = 3,
) -> list[Boilerplate]:
    """Those of an article's ``keyed_lines`` that are learned furniture of ``source``.

    A line must recur in at least ``min_documents`` documents of the outlet, and be furniture by its
    form (``crosscheck.furniture.line_form``): markup and prompts are; reporting never is; any other
    statement only when ``stories(key)``, the number of unrelated stories holding it, reaches
    ``min_stories`` (without ``stories``, statements are kept as reporting). The reason names the
    thresholds, not the current counts, so a span stays true as the corpus grows.
    """
    covered = {(b.start, b.end) for b in taken}
    spans = []
    for line, key in lines:
        if counts.get(key, 0) < min_documents or (line.start, line.end) in covered:
            continue
        form = line_form(line.text)
        if form in ("markup", "prompt"):
            spans.append(Boilerplate(line.start, line.end, f"learned: repeated in {min_documents} or more documents of {source}"))
        elif form == "statement" and stories is not None and stories(key) >= min_stories:
            spans.append(Boilerplate(line.start, line.end, f"learned: repeated in {min_stories} or more unrelated stories of {source}"))
    return spans


class RepeatedLineLearner:
    """Learns in memory, per outlet, which lines recur across documents and stories (the store keeps
    the same index on disk for ingest: see ``Ingestor``).

    ``min_documents``: a line seen in at least this many *different documents* (versions of one
    document count once) of one outlet may be furniture. 3 was chosen as the smallest count that does not
    fire on an outlet re-running one quote in a follow-up story (2 documents). ``min_stories``: a
    repeated line whose form is neither furniture nor reporting must recur in this many unrelated
    stories (see ``crosscheck.furniture``); 3, the same reasoning, checked on the dev half of
    ``bench/labels/furniture.jsonl``.
    """

    def __init__(self, min_documents: int = 3, min_chars: int = 12, min_stories: int = 3) -> None:
        self.min_documents = min_documents
        self.min_chars = min_chars  # shorter lines ("Reuters", "AP") are too generic to learn from
        self.min_stories = min_stories
        self._docs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._stories: dict[str, dict[str, StoryLines]] = defaultdict(dict)

    def observe(self, source: str, doc_key: str, text: str) -> None:
        lines = keyed_lines(text, self.min_chars)
        for _, key in lines:
            self._docs[source][key].add(doc_key)
        self._stories[source][doc_key] = StoryLines.of((line.text, key) for line, key in lines)

    def story_count(self, source: str, key: str) -> int:
        docs = sorted(self._docs.get(source, {}).get(key, ()))[:MAX_STORY_DOCS]
        return count_stories(self._stories[source][d] for d in docs)

    def spans(self, source: str, text: str, taken: Iterable[Boilerplate] = ()) -> list[Boilerplate]:
        counts = {k: len(v) for k, v in self._docs.get(source, {}).items()}
        return learned_spans(
            keyed_lines(text, self.min_chars), counts, source, self.min_documents, taken,
            stories=lambda key: self.story_count(source, key), min_stories=self.min_stories,
        )
