"""Quantities: numbers normalised to ``[low, high]`` ranges with the counted thing as unit.

Vague plurals follow one rule, ``[2 x scale, 10 x scale - 1]``: "hundreds" is 200-999,
"thousands" 2,000-9,999, "hundreds of thousands" 200,000-999,999, "dozens" 24-99 (the issue's
example fixes "hundreds of thousands"; the rest follow it). Approximators ("nearly", "about",
"an estimated") keep the number and set ``approximate``; comparatives open one end.

Not quantities: years and the numbers inside dates (left to ``times``), clock times ("at 5:30",
"at noon, then at six"), ordinals, identifiers glued to letters ("MH17") or slashes ("9/11"), and
the pronoun "one" ("one of").

Issue #9 readings: a scale word multiplies ("three dozen" 36); the scale of a range's second
number applies to the first only when the first has none and stays below it ("between 2 and 3
million" 2-3 million, "between 800,000 and 1.5 million" 800,000-1.5 million); "from X to Y" after
a verb of change ("revised from 73 to 37", "rose from 10 to 14") is the new figure Y with
``revised_from`` X, not a range; shares of a whole are percentages ("roughly two-thirds" 66.67 %);
"and a half" adds 0.5; "45C", "28 degrees Celsius" are temperatures (``°C``/``°F``); adjectives
between number and noun are skipped ("three neighbouring regions": regions); a number with no
noun whose verb says people died, were killed, fled or were displaced counts ``people`` ("an
estimated half a million have died"): an inferred unit, chosen so the figure is compared with
other death tolls; any other bare number keeps ``unit`` None. Units keep their case ("Syrians").
"""

from __future__ import annotations

import re
from typing import Any

from crosscheck.annotate.nlp import coarse_pos
from crosscheck.annotate.numbers import ATOM, CURRENCIES, CURRENCY_BEFORE, NEED, parse_number, read_atom, words_to_number
from crosscheck.annotate.records import Quantity
from crosscheck.annotate.times import find_times

__all__ = ["find_quantities", "parse_number", "words_to_number"]

_LEFT = re.compile(
    r"(?P<mod>more\s+than|over|above|in\s+excess\s+of|upwards\s+of|at\s+least|up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than"
    r"|fewer\s+than|less\s+than|under|below|nearly|almost|close\s+to|about|around|approximately|roughly|some|an\s+estimated|estimated"
    r"|between|from|just\s+over|just\s+under)\s+$",
    re.I,
)
_LOW_OPEN = {"more than", "over", "above", "in excess of", "upwards of", "at least", "just over"}
_HIGH_OPEN = {"up to", "as many as", "at most", "no more than", "fewer than", "less than", "under", "below", "just under"}
_RIGHT = re.compile(r"^(?:\s+[a-z]+)?\s+(?P<mod>or\s+(?:more|older|over|above|greater|longer)|and\s+(?:over|up|above)|or\s+(?:less|fewer|younger|under|below))\b|^(?P<plus>\+)", re.I)
_IDENTIFIER_BEFORE = re.compile(
    r"\b(?:No\.?|Nos\.?|Ch|Channel|Route|Flight|Section|Article|Room|Vol\.?|Page|Episode|Chapter|Highway|Interstate|"
    r"Apollo|Windows|iPhone|Galaxy|Level|Gate|Platform|Pier|Unit|Suite|Box|Lot|Blvd\.?|Street|Avenue|Road)\s*$"
)
_MODEL_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b[A-Za-z]*[A-Z][A-Za-z]* $")
_PERCENT = re.compile(r"^\s?(%|per\s?cent\b)", re.I)
_HYPHEN_UNIT = re.compile(
    r"^-(year|month|week|day|hour|minute|second|decade|century|mile|metre|meter|kilometre|kilometer|foot|feet|inch|yard|"
    r"acre|hectare|pound|ton|tonne|gram|kilogram|litre|liter|gallon|storey|story|floor|man|member|person|seat|bed|room|"
    r"page|point|game|lane|hole|degree|carat|karat)s?(-old)?\b",
    re.I,
)
# A duration inside a time expression ("six months ago", "12 days after") is also a quantity;
# other numbers inside one are parts of a date.
_DURATION_AFTER = re.compile(r"^\s*(?:-\s*)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b", re.I)
_FALLBACK_UNIT = re.compile(r"^\s+(?:of\s+(?:the\s+)?)?((?:[A-Za-z][A-Za-z'-]*\s+){0,2}[A-Za-z][A-Za-z'-]*)")
# Words between a number and its noun that describe rather than name what is counted.
_ADJECTIVES = frozenset(
    "other new more separate different neighbouring neighboring major minor small large big young old armed unarmed "
    "innocent additional further main top senior junior foreign local civilian military several previous former "
    "known confirmed suspected alleged missing dead injured wounded remaining unidentified".split()
)
# "from X to Y" after one of these is a change of figure, not a range.
_CHANGE_BEFORE = re.compile(
    r"\b(?:revis(?:ed|es|e|ing)|rais(?:ed|es|e)|lower(?:ed|s)?|r(?:o|i)se[ns]?|climb(?:ed|s)?|increas(?:ed|es|e)|decreas(?:ed|es|e)"
    r"|f(?:e|a)ll(?:en|s)?|drop(?:ped|s)?|jump(?:ed|s)?|gr(?:e|o)w(?:n|s)?|changed?|updated?|correct(?:ed|s)?|cut|reduc(?:ed|es|e)"
    r"|boost(?:ed|s)?|slash(?:ed|es)|upgrad(?:ed|es)|downgrad(?:ed|es)|soar(?:ed|s)?|plunge[sd]?|surge[sd]?|declin(?:ed|es|e)"
    r"|went|gone|up|down|amended)\b(?:\s+[\w'-]+){0,3}\s+$",
    re.I,
)
# What joins the two numbers of a range: "5-10", "5 to 10", "5% to 7%", "between 5 and 10".
_RANGE_SEP = re.compile(r"\s*(?:%|per\s?cent)?\s*(?:-|–|—|to|and|or)\s*", re.I)
_TEMPERATURE = re.compile(r"^(?:\s?°\s?([CF])\b|([CF])\b|\s*degrees?\s+(Celsius|centigrade|Fahrenheit)\b)")
_MINUS_BEFORE = re.compile(r"(?:\bminus\s+|[-−]\s?)$", re.I)
# A bare number after "at" in a sentence that tells the time is a clock time ("at noon, then at six").
_CLOCK_CONTEXT = re.compile(r"\b(?:noon|midday|midnight|o['’]clock|[ap]\.?\s?m\b\.?|morning|afternoon|evening|dawn|dusk)", re.I)
_AT_BEFORE = re.compile(r"\b(?:at|until|till|by)\s+(?:about\s+|around\s+)?$", re.I)
# A count with no noun whose verb says what happened to people ("half a million have died").
_PEOPLE_VERB_AFTER = re.compile(
    r"^\s+(?:(?:have|has|had|were|was|are|is|will|would)\s+(?:also\s+)?(?:been\s+|be\s+)?)?(?:reportedly\s+)?"
    r"(?:died|dead|killed|injured|wounded|hurt|displaced|fled|missing|arrested|detained|evacuated|rescued|perished|drowned"
    r"|executed|kidnapped|abducted|murdered|slain|massacred)\b",
    re.I,
)
_NOT_UNIT = {"of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "have", "has", "had",
             "were", "was", "are", "is", "be", "been", "will", "would", "who", "which", "that", "this", "more", "than",
             "said", "says", "per", "as", "after", "before", "since", "when", "while", "but", "it", "they", "he", "she"}


def find_quantities(text: str, start: int = 0, end: int | None = None, doc: Any = None,
                    times: tuple[Any, ...] | None = None) -> tuple[Quantity, ...]:
    """Quantities in ``text[start:end]``, offsets into ``text``.

    ``doc`` (optional) is the spaCy Doc/Span parsed from exactly this sentence (Doc over
    ``text[start:end]``, or a Span of a Doc over the whole ``text``); with it the unit is the noun
    the number counts, without it the next content word. ``times`` are the sentence's time
    expressions (computed here if not given): numbers inside them are dates, not quantities.
    """
    end = len(text) if end is None else end
    if NEED.search(text, start, end) is None:
        return ()
    if times is None:
        times = find_times(text, start, end)
    blocked = [(t.start, t.end) for t in times]
    atoms = [a for a in (read_atom(text, m) for m in ATOM.finditer(text, start, end)) if a is not None]
    atoms = [a for a in atoms
             if not any(a["s"] < te and ts < a["e"] for ts, te in blocked) or _DURATION_AFTER.match(text[a["e"]:end])]
    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        quantity, used = _quantity(text, start, end, atoms, i, doc, blocked)
        if quantity is not None:
            out.append(quantity)
        i += used
    return tuple(out)


def _quantity(text: str, start: int, end: int, atoms: list[dict[str, Any]], i: int, doc: Any,
              blocked: list[tuple[int, int]]) -> tuple[Quantity | None, int]:
    """The quantity that starts at atom ``i`` (None when it is not one) and how many atoms it used."""
    a = atoms[i]
    left = _LEFT.search(text, max(start, a["s"] - 25), a["s"])
    mod = " ".join(left["mod"].lower().split()) if left else ""
    q = {"s": a["s"], "e": a["e"], "low": a["low"], "high": a["high"], "approx": a["approx"], "revised_from": None}
    used = _pair(text, start, atoms, i, mod, left, q)
    if used == 0:
        return None, 2  # "a 20-13 win": a score, not a range
    if left and mod not in ("between", "from"):
        q["s"] = left.start("mod")
        if mod in _LOW_OPEN:
            q["high"] = None
        elif mod in _HIGH_OPEN:
            q["low"], q["high"] = None, (q["high"] if q["high"] is not None else q["low"])
        else:
            q["approx"] = True
    elif left and mod in ("between", "from") and q["e"] != a["e"]:
        q["s"] = left.start("mod")
    unit = a.get("unit") or _unit_at(text, start, end, q, doc, blocked)
    s, e = q["s"], q["e"]
    if _IDENTIFIER_BEFORE.search(text, max(start, s - 12), s) or _in_number_list(text, start, end, s, e):
        return None, used
    _open_end(text[e:end], q)
    if not _is_count(text, start, end, a, q, unit, left is not None):
        return None, used
    return Quantity(text[q["s"]:q["e"]], q["s"], q["e"], q["low"], q["high"], unit, q["approx"], q["revised_from"]), used


def _pair(text: str, start: int, atoms: list[dict[str, Any]], i: int, mod: str, left: Any, q: dict[str, Any]) -> int:
    """Join atom ``i`` with the next one into a range ("5 to 10", "between 2 and 3 million") or a
    revision ("revised from 73 to 37"); 1 or 2 atoms used, 0 for a score ("a 20-13 win")."""
    a = atoms[i]
    b = atoms[i + 1] if i + 1 < len(atoms) else None
    sep = text[a["e"]:b["s"]] if b is not None else ""
    if b is None or len(sep) >= 14 or not _RANGE_SEP.fullmatch(sep) or (
        mod not in ("between", "from") and re.fullmatch(r"\s*(?:%|per\s?cent)?\s*and\s*", sep, re.I)
    ):
        return 1
    low, high = a["low"], (b["high"] if b["high"] is not None else b["low"])
    if a["scale_missing"] and b["scale"] > 1 and low * b["scale"] <= high:
        low *= b["scale"]  # "between 5 and 13 million"; not "between 800,000 and 1.5 million"
    if mod == "from" and re.search(r"\bto\s*$", sep, re.I) and _CHANGE_BEFORE.search(text, max(start, left.start() - 40), left.start()):
        q.update(low=high, high=high, revised_from=low, e=b["e"], approx=a["approx"] or b["approx"])
        return 2
    if high < low and re.fullmatch(r"\s*[-–—]\s*", sep):
        return 0
    q.update(low=min(low, high), high=max(low, high), e=b["e"], approx=a["approx"] or b["approx"])
    return 2


def _open_end(after: str, q: dict[str, Any]) -> None:
    """"65 or older", "18+": the range opens at one end."""
    right = _RIGHT.match(after)
    low, high = q["low"], q["high"]
    if right and not (high is not None and low is not None and high != low):
        if right["plus"] or right["mod"].lower().split()[-1] in ("more", "older", "over", "above", "greater", "longer", "up"):
            q["high"] = None
        else:
            q["low"] = None


def _unit_at(text: str, start: int, end: int, q: dict[str, Any], doc: Any, blocked: list[tuple[int, int]]) -> str | None:
    """The unit after the number (currency before it); moves ``q``'s span over what it reads."""
    s, e = q["s"], q["e"]
    cur = CURRENCY_BEFORE.search(text, max(start, s - 4), s)
    if cur:
        q["s"] = cur.start()
        return CURRENCIES[cur[1].lower()]
    after = text[e:end]
    pct, hyph, temp = _PERCENT.match(after), _HYPHEN_UNIT.match(after), _TEMPERATURE.match(after)
    if pct:
        q["e"] = e + pct.end()
        return "%"
    if hyph:
        q["e"] = e + len(hyph[0]) - len(hyph[2] or "")
        return hyph[1].lower() + "s"
    if temp:
        return _temperature(text, start, q, temp)
    unit = _unit(text, start, end, e, doc, blocked)
    if unit is None and _PEOPLE_VERB_AFTER.match(after):
        return "people"
    return unit


def _temperature(text: str, start: int, q: dict[str, Any], m: re.Match[str]) -> str | None:
    scale = (m[1] or m[2] or m[3])[0].upper()
    if m[2] and _MODEL_NAME_BEFORE.search(text, max(start, q["s"] - 20), q["s"]):
        return None  # "iPhone 5C": a model name
    minus = _MINUS_BEFORE.search(text, max(start, q["s"] - 7), q["s"])
    if minus and not re.search(r"\w[-−]$", text[max(start, q["s"] - 2):q["s"]]):  # not "F-15C"
        q["s"] = minus.start()
        q["low"], q["high"] = (-q["high"] if q["high"] is not None else None), (-q["low"] if q["low"] is not None else None)
    q["e"] += m.end()
    return "°" + scale


def _is_count(text: str, start: int, end: int, a: dict[str, Any], q: dict[str, Any], unit: str | None, modified: bool) -> bool:
    """False for numbers that are not counts: model names, clock times, the pronoun "one"."""
    s, e = q["s"], q["e"]
    if unit is None and not modified and a.get("digits_only") and re.fullmatch(r"\d{1,4}", text[s:e]) and _MODEL_NAME_BEFORE.search(
        text, max(start, s - 20), s
    ):
        return False  # "iOS 8", "iPad 3", "Windows 10": a model name, not a count
    if unit is None and (a.get("digits_only") or a["words"]) and (a["low"] or 0) <= 12 and _AT_BEFORE.search(
        text, max(start, s - 16), s
    ) and _CLOCK_CONTEXT.search(text, start, end):
        return False  # "at noon, then at six": a clock time
    if a["words"] == "one" and (re.match(r"\s+day\b", text[e:end], re.I)
                                and not re.search(r"\b(?:for|in|within|after|than|only|just)\s+$", text[max(start, s - 8):s], re.I)):
        return False  # "could one day become": the idiom, not a duration
    return not (a["words"] == "one" and (re.match(r"\s+(?:of|by|or|another|and\s+only)\b", text[e:end], re.I)
                                         or re.search(r"\b(?:no|the|any|every|some)\s+$", text[max(start, s - 8):s], re.I)
                                         or unit is None))  # "one of", "one by one": the pronoun


def _in_number_list(text: str, start: int, end: int, s: int, e: int) -> bool:
    """"1200, 1300, 1600 and 1900 Seaport Blvd": bare numbers listed together are labels or
    addresses, not counts (a counted list names its unit: "3, 4 and 5 goals")."""
    window = text[max(start, s - 24):s]
    before = re.search(r"\d,\s*(?:and\s+)?$", window) or re.search(r"\d,\s*\d+,?\s+and\s+$", window)
    after = re.match(r",\s*(?:and\s+)?\d", text[e:min(end, e + 8)])
    return bool(before or after) and re.fullmatch(r"\d{3,4}", text[s:e]) is not None


def _unit(text: str, start: int, end: int, e: int, doc: Any, blocked: list[tuple[int, int]]) -> str | None:
    glued = re.match(r"[a-z]{1,3}\b", text[e:end])
    if glued:  # "5km"
        return glued[0]
    if doc is not None:
        base = _doc_base(doc, start)
        token = _unit_from_doc(doc, e - base)
        if token is None or _in_other_time(base + token.idx, e, blocked):
            return None  # "29,000 last year": the noun belongs to a time expression
        return _measure(text, base + token.idx, _as_written(token.text))
    m = _FALLBACK_UNIT.match(text[e:end])
    if m is None:
        return None
    words = list(re.finditer(r"[A-Za-z][A-Za-z'-]*", m[1]))
    for k, w in enumerate(words):
        if w[0].lower() in _NOT_UNIT or ATOM.fullmatch(w[0]) or _in_other_time(e + m.start(1) + w.start(), e, blocked):
            return None
        if k + 1 < len(words) and (_describes(w[0]) or w[0].lower() in ("cubic", "square")):
            continue  # "three neighbouring regions"
        return _measure(text, e + m.start(1) + w.start(), _as_written(w[0]))
    return None


def _measure(text: str, at: int, unit: str) -> str:
    """"cubic metres", "square miles": the dimension belongs to the unit."""
    dim = re.search(r"\b(cubic|square)\s+$", text[max(0, at - 8):at], re.I)
    return f"{dim[1].lower()} {unit}" if dim else unit


def _in_other_time(at: int, number_end: int, blocked: list[tuple[int, int]]) -> bool:
    """Is the word at ``at`` inside a time expression that does not hold the number ("29,000 last
    year"), rather than the number's own duration ("two weeks ago", "12 days after")?"""
    return any(ts < at < te and not ts < number_end <= te for ts, te in blocked)


def _describes(word: str) -> bool:
    low = word.lower()
    return low in _ADJECTIVES or low.endswith(("ing", "ed"))


def _as_written(word: str) -> str:
    """Proper nouns keep their case ("Syrians"); common nouns are lower-cased ("People" in a headline too)."""
    return word if word[:1].isupper() and word[1:2].islower() and word.lower() not in _COMMON_CAPITALISED else word.lower()


_COMMON_CAPITALISED = frozenset("people men women children years months days weeks hours times percent".split())


def _doc_base(doc: Any, start: int) -> int:
    """Article offset of char 0 of ``doc``'s own coordinates: a Doc over the sentence starts at
    ``start``; a Span of a whole-article Doc already counts from the article's char 0."""
    return 0 if hasattr(doc, "doc") and doc.doc is not doc else start


def _unit_from_doc(doc: Any, rel_end: int) -> Any | None:
    """The token naming what the number ending at ``rel_end`` counts (skipping adjectives), or None."""
    tokens = [t for t in doc if t.idx >= rel_end][:7]
    for k, t in enumerate(tokens):
        low = t.lower_
        pos = coarse_pos(t)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.tag_ == "POS":
            continue  # "two of the country's officials": the possessor is not what is counted
        if nxt is not None and coarse_pos(nxt) in ("NOUN", "PROPN") and (low in _ADJECTIVES or t.tag_ in ("VBG", "VBN", "JJ")):
            continue  # "three neighbouring regions": the tagger may call the adjective a noun or a verb
        if pos in ("NOUN", "PROPN") and low not in ("%",):
            head = t
            if t.doc.has_annotation("DEP"):
                while head.dep_ == "compound" and head.head.i > head.i and coarse_pos(head.head) in ("NOUN", "PROPN"):
                    head = head.head
            else:  # tags only: the last noun of a run ("5,000 prison inmates", "31 PGA Tour starts")
                for later in tokens[k + 1:]:
                    if coarse_pos(later) not in ("NOUN", "PROPN"):
                        break
                    head = later
            return head
        if pos in ("ADJ", "DET", "NUM") or low in ("of", "the", "-") or t.dep_ == "amod" or t.tag_ == "POS":
            continue
        return None
    return None
