"""Finding an outlet's own correction notes in an article's text.

A note is the paragraph (or the rest of a paragraph) that begins with one of the forms outlets use
to tell readers a story was changed: a "Correction:" / "Clarification:" / "Editor's note:" label,
"This article has been updated/amended/corrected", "An earlier version of this article
misstated/said/...". The patterns are deliberately narrow: "a correction of the figures" or "an
earlier version of the bill said" in reporting is not a note (see tests/corrections for the
labelled positives and negatives they were written against).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.clean import iter_lines

__all__ = ["TextNote", "find_notes"]

_I = re.IGNORECASE
_APOS = "['\u2019]"
_PIECE = r"(article|story|report|piece|item|post|headline|caption|graphic|video)"
_NOTE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # a label at the head of a paragraph: "Correction:", "CLARIFICATION -", "Editor's note:"
    ("label", re.compile(
        r"^\W{0,3}(corrections?|clarifications?|correction and clarification|updated?|amended|"
        rf"editor{_APOS}?s{_APOS}? note|note to readers|retraction)\s*(\([^)]{{0,40}}\))?\s*[:\u2013\u2014-]\s*\S", _I)),
    # "This article has been updated to ...", "This story was corrected on 5 March"
    ("updated", re.compile(
        rf"\bthis {_PIECE} (has been|was|had been) "
        r"(updated|amended|corrected|changed|revised|clarified)\b", _I)),
    # "An earlier version of this article misstated ...", "A previous version of this story said ..."
    ("earlier-version", re.compile(
        rf"\b(an? )?(earlier|previous|prior|original) versions? of this {_PIECE}\b", _I)),
    # "We have corrected ...", "We regret the error."
    ("we-corrected", re.compile(r"\bwe (have )?(corrected|amended|updated|clarified) (this|the|an?) \w+|\bwe regret the error\b", _I)),
]


_BRACKETS = {"(": ")", "[": "]"}


@dataclass(frozen=True, slots=True)
class TextNote:
    """A correction note found in an article's text: ``start``/``end`` are offsets into it, the
    note runs from the cue to the end of its paragraph."""

    start: int
    end: int
    text: str
    kind: str  # which pattern found it: "label" | "updated" | "earlier-version" | "we-corrected"

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


def find_notes(text: str) -> list[TextNote]:
    """Every correction note in ``text``, one per paragraph at most, in text order."""
    notes = []
    for line in iter_lines(text):
        found = _first_cue(line.text)
        if found is not None:
            offset, kind = found
            start, end = line.start + offset, line.end
            close = _BRACKETS.get(line.text[offset])
            if close is not None and close in line.text[offset:]:
                # "(Update: this story has been updated.) News has been circulating ...": the
                # bracketed note ends at its bracket, the reporting after it is no note
                end = line.start + line.text.index(close, offset) + 1
            notes.append(TextNote(start, end, text[start:end], kind))
    return notes


def _first_cue(line: str) -> tuple[int, str] | None:
    hits = []
    for kind, pattern in _NOTE_PATTERNS:
        m = pattern.search(line)
        if m:
            hits.append((m.start(), kind))
    if not hits:
        return None
    offset, kind = min(hits)
    # the note starts at the sentence holding the cue, not mid-sentence
    head = line[:offset]
    cut = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    return (cut + 2 if cut >= 0 else 0), kind
