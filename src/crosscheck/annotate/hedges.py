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

# (pattern, strength, needs). Case-insensitive except where a cue is also a name or a month ("May").
# ``needs``: lower-case strings one of which any match of the pattern must contain. In ASCII text
# (where case-insensitive matching is lower-casing) a cue is tried only when one is in the sentence:
# most sentences hold none, and 19 regex scans were the whole cost of this module.
HEDGE_CUES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (r"\ballegedl?y?\b|\balleging\b|\ballegation(?:s)?\b", 2, ("alleg",)),
    (r"\bpurport(?:s|ed|edly|ing)?(?:\s+to\b)?", 2, ("purport",)),
    (r"\bunconfirmed\b|\bunverified\b|\bunsubstantiated\b|\bunproven\b", 2, ("unconfirmed", "unverified", "unsubstantiated", "unproven")),
    (r"\b(?:could|can|did|does|do|would)\s*(?:not|n't)\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b", 2, ("verif", "confirm")),
    (r"\bnot\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)\b", 2, ("verified", "confirmed")),
    (r"\brumou?r(?:s|ed)?\b|\bsupposedly\b|\bspeculat(?:e|es|ed|ion|ing)\b", 2, ("rumo", "supposedly", "speculat")),
    (r"\baccording\s+to\s+(?:some|unconfirmed\s+reports?|rumou?rs?)\b", 2, ("according",)),
    # Hearsay: "the 'word' is that he is in Moscow", "word has it", "there was no confirmation".
    (r"\b(?:the\s+)?[\"“‘']?word[\"”’']?\s+(?:on\s+the\s+street\s+)?(?:is|was)\s+that\b|\bword\s+(?:has\s+it|on\s+the\s+street)\b|\bhearsay\b|\bgossip\b",
     2, ("word", "hearsay", "gossip")),
    (r"\bno\s+(?:immediate\s+|independent\s+|official\s+)?confirmation\b", 2, ("confirmation",)),
    (rf"\b{_VERB_BE}\s+(?:said|rumou?red){_TO_BE}", 2, ("said", "rumo")),
    (r"\breportedly\b|\bapparently\b|\bostensibly\b|\bpresumably\b", 1, ("reportedly", "apparently", "ostensibly", "presumably")),
    (rf"\b(?:appears?|appeared|appearing|seems?|seemed|seeming){_TO_BE}", 1, ("appear", "seem")),
    (rf"\b{_VERB_BE}\s+(?:(?:widely|generally|also)\s+)?(?:believed|thought|understood|suspected|expected|feared|estimated|claimed){_TO_BE}", 1, ("believed", "thought", "understood", "suspected", "expected", "feared", "estimated", "claimed")),
    (r"\b(?:believed|thought)\s+to\s+(?:be|have)\b", 1, ("believed", "thought")),
    (r"\b(?:an?\s+)?estimated\b", 1, ("estimated",)),
    (r"\b(?:possibly|possible|probably|probable|likely|unlikely|perhaps|maybe|suspected|unclear|uncertain)\b", 1, ("possib", "probab", "likely", "perhaps", "maybe", "suspected", "unclear", "uncertain")),
    (r"(?-i:\bmay\b)(?!\s+as\s+well)|\bmight\b(?!\s+as\s+well)|\bcould\b(?!\s*(?:not|n't))", 1, ("may", "might", "could")),
    (r"\baccording\s+to\s+(?:media\s+|news\s+|local\s+|press\s+)?reports\b", 1, ("according",)),
    (r"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:reported|claimed|alleged)\b", 1, ("reported", "claimed", "alleged")),
    (r"\b(?:reports?|sources?)\s+(?:suggest(?:s|ed)?|indicate[sd]?)\b|\bsuggest(?:s|ed)?\s+that\b", 1, ("suggest", "indicat")),
    (r"\bclaim(?:s|ed|ing)?\s+(?:that|to)\b", 1, ("claim",)),
)
_COMPILED = tuple((re.compile(p, re.I), strength, needs) for p, strength, needs in HEDGE_CUES)


def find_hedges(text: str, start: int = 0, end: int | None = None) -> tuple[Hedge, ...]:
    """Hedge cues in ``text[start:end]``, offsets into ``text``; overlapping cues keep the first
    listed (stronger, longer) one."""
    end = len(text) if end is None else end
    piece = text[start:end]
    low = piece.lower() if piece.isascii() else None
    found: list[Hedge] = []
    for pattern, strength, needs in _COMPILED:
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
