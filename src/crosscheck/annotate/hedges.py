"""Hedges: cues that the writer or the source is not sure the statement is true.

A lexicon of cues, each with a strength: 2 for cues that say the statement is unverified or
disputed ("unconfirmed", "allegedly", "purports to", "according to some"), 1 for epistemic
softeners ("reportedly", "appears to", "may", "is believed to"). The certainty level of a
sentence is ``certain`` with no cue, ``strongly hedged`` with a strength-2 cue or two or more
cues, ``hedged`` otherwise.
"""

from __future__ import annotations

import re

from crosscheck.annotate.records import CERTAIN, HEDGED, STRONGLY_HEDGED, Hedge

__all__ = ["find_hedges", "certainty_level", "HEDGE_CUES"]

_VERB_BE = r"(?:is|are|was|were|be|been|being|'s|'re)"
_TO_BE = r"(?:\s+to\b)"

# (pattern, strength). Case-insensitive except where a cue is also a name or a month ("May").
HEDGE_CUES: tuple[tuple[str, int], ...] = (
    (r"\ballegedl?y?\b|\balleging\b|\ballegation(?:s)?\b", 2),
    (r"\bpurport(?:s|ed|edly|ing)?(?:\s+to\b)?", 2),
    (r"\bunconfirmed\b|\bunverified\b|\bunsubstantiated\b|\bunproven\b", 2),
    (r"\b(?:could|can|did|does|do|would)\s*(?:not|n't)\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b", 2),
    (r"\bnot\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)\b", 2),
    (r"\brumou?r(?:s|ed)?\b|\bsupposedly\b|\bspeculat(?:e|es|ed|ion|ing)\b", 2),
    (r"\baccording\s+to\s+(?:some|unconfirmed\s+reports?|rumou?rs?)\b", 2),
    (rf"\b{_VERB_BE}\s+(?:said|rumou?red){_TO_BE}", 2),
    (r"\breportedly\b|\bapparently\b|\bostensibly\b|\bpresumably\b", 1),
    (rf"\b(?:appears?|appeared|appearing|seems?|seemed|seeming){_TO_BE}", 1),
    (rf"\b{_VERB_BE}\s+(?:(?:widely|generally|also)\s+)?(?:believed|thought|understood|suspected|expected|feared|estimated|claimed){_TO_BE}", 1),
    (r"\b(?:believed|thought)\s+to\s+(?:be|have)\b", 1),
    (r"\b(?:an?\s+)?estimated\b", 1),
    (r"\b(?:possibly|possible|probably|probable|likely|unlikely|perhaps|maybe|suspected|unclear|uncertain)\b", 1),
    (r"(?-i:\bmay\b)(?!\s+as\s+well)|\bmight\b(?!\s+as\s+well)|\bcould\b(?!\s*(?:not|n't))", 1),
    (r"\baccording\s+to\s+(?:media\s+|news\s+|local\s+|press\s+)?reports\b", 1),
    (r"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:reported|claimed|alleged)\b", 1),
    (r"\b(?:reports?|sources?)\s+(?:suggest(?:s|ed)?|indicate[sd]?)\b|\bsuggest(?:s|ed)?\s+that\b", 1),
    (r"\bclaim(?:s|ed|ing)?\s+(?:that|to)\b", 1),
)
_COMPILED = tuple((re.compile(p, re.I), strength) for p, strength in HEDGE_CUES)
# For each cue above, lower-case strings one of which any match must contain. In ASCII text (where
# case-insensitive matching is lower-casing) a cue is tried only when one is in the sentence:
# most sentences hold none, and 19 regex scans were the whole cost of this module.
_NEEDS: tuple[tuple[str, ...], ...] = (
    ("alleg",),
    ("purport",),
    ("unconfirmed", "unverified", "unsubstantiated", "unproven"),
    ("verif", "confirm"),
    ("verified", "confirmed"),
    ("rumo", "supposedly", "speculat"),
    ("according",),
    ("said", "rumo"),
    ("reportedly", "apparently", "ostensibly", "presumably"),
    ("appear", "seem"),
    ("believed", "thought", "understood", "suspected", "expected", "feared", "estimated", "claimed"),
    ("believed", "thought"),
    ("estimated",),
    ("possib", "probab", "likely", "perhaps", "maybe", "suspected", "unclear", "uncertain"),
    ("may", "might", "could"),
    ("according",),
    ("reported", "claimed", "alleged"),
    ("suggest", "indicat"),
    ("claim",),
)
assert len(_NEEDS) == len(HEDGE_CUES)


def find_hedges(text: str, start: int = 0, end: int | None = None) -> tuple[Hedge, ...]:
    """Hedge cues in ``text[start:end]``, offsets into ``text``; overlapping cues keep the first
    listed (stronger, longer) one."""
    end = len(text) if end is None else end
    piece = text[start:end]
    low = piece.lower() if piece.isascii() else None
    found: list[Hedge] = []
    for (pattern, strength), needs in zip(_COMPILED, _NEEDS):
        if low is not None and not any(n in low for n in needs):
            continue
        for m in pattern.finditer(text, start, end):
            s, e = m.start(), m.end()
            if s == e or any(s < h.end and h.start < e for h in found):
                continue
            found.append(Hedge(text[s:e], s, e, strength))
    return tuple(sorted(found, key=lambda h: h.start))


def certainty_level(hedges: tuple[Hedge, ...] | list[Hedge]) -> str:
    if not hedges:
        return CERTAIN
    if len(hedges) >= 2 or any(h.strength >= 2 for h in hedges):
        return STRONGLY_HEDGED
    return HEDGED
