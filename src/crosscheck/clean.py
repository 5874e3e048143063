"""Mark page furniture as boilerplate spans, without deleting anything.

Two sources of evidence, each recorded in the span's ``reason``:
- a lexicon of furniture lines that survive extraction ("Watch the video below.", "READ MORE ON
  SYRIA", newsletter prompts, an outlet's standard disclaimer) matched per paragraph line;
- lines learned from the corpus: a line that recurs verbatim (after folding case, spacing and
  digits) in several different documents of the same outlet is that outlet's furniture.

Spans always cover whole paragraph lines, so a sentence (segmented inside a paragraph) is either
wholly inside a boilerplate span or outside all of them. Hand-written because extractors such as
trafilatura drop furniture they recognise in the markup, but these lines sit inside the article
body (and plain-text and JSONL inputs have no markup at all).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from crosscheck.model import Boilerplate

__all__ = [
    "LEXICON", "iter_lines", "lexicon_spans", "RepeatedLineLearner", "fold_line", "line_key",
    "keyed_lines", "learned_spans",
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


def learned_spans(
    lines: Iterable[tuple[Line, str]], counts: Mapping[str, int], source: str, min_documents: int,
    taken: Iterable[Boilerplate] = (),
) -> list[Boilerplate]:
    """Those of an article's ``keyed_lines`` whose key is in at least ``min_documents`` documents
    of ``source``.

    The reason names the threshold, not the current count, so a span stays true as the corpus
    grows and an ingest only has to revisit articles holding a line that has just crossed it.
    """
    covered = {(b.start, b.end) for b in taken}
    reason = f"learned: repeated in {min_documents} or more documents of {source}"
    return [
        Boilerplate(line.start, line.end, reason)
        for line, key in lines
        if counts.get(key, 0) >= min_documents and (line.start, line.end) not in covered
    ]


class RepeatedLineLearner:
    """Learns in memory, per outlet, which lines recur across documents (the store keeps the same
    index on disk for ingest: see ``Ingestor``).

    ``min_documents``: a line seen in at least this many *different documents* (versions of one
    document count once) of one outlet is furniture. 3 was chosen as the smallest count that does not
    fire on an outlet re-running one quote in a follow-up story (2 documents); on the example corpus
    it catches the outlet's closing disclaimer and newsletter lines and nothing else.
    """

    def __init__(self, min_documents: int = 3, min_chars: int = 12) -> None:
        self.min_documents = min_documents
        self.min_chars = min_chars  # shorter lines ("Reuters", "AP") are too generic to learn from
        self._docs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def observe(self, source: str, doc_key: str, text: str) -> None:
        for _, key in keyed_lines(text, self.min_chars):
            self._docs[source][key].add(doc_key)

    def spans(self, source: str, text: str, taken: Iterable[Boilerplate] = ()) -> list[Boilerplate]:
        counts = {k: len(v) for k, v in self._docs.get(source, {}).items()}
        return learned_spans(keyed_lines(text, self.min_chars), counts, source, self.min_documents, taken)
