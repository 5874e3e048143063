"""Quantities: numbers normalised to ``[low, high]`` ranges with the counted thing as unit.

Vague plurals follow one rule, ``[2 x scale, 10 x scale - 1]``: "hundreds" is 200-999,
"thousands" 2,000-9,999, "hundreds of thousands" 200,000-999,999, "dozens" 24-99 (the issue's
example fixes "hundreds of thousands"; the rest follow it). Approximators ("nearly", "about",
"an estimated") keep the number and set ``approximate``; comparatives open one end.

Not quantities: years and the numbers inside dates (left to ``times``), clock times, ordinals,
identifiers glued to letters ("MH17") or slashes ("9/11"), and the pronoun "one" ("one of").
"""

from __future__ import annotations

import re
from typing import Any

from crosscheck.annotate.nlp import coarse_pos
from crosscheck.annotate.records import Quantity
from crosscheck.annotate.times import find_times, looks_like_year

__all__ = ["find_quantities", "parse_number", "words_to_number"]

ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "dozen": 12}
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR"}

_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
            r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
            r"|seventeen|eighteen|nineteen)")
_DIGITS = (r"(?<![\w.,/:])(?<![^\d\s]-)(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+(?![\d,])|(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d))(?:[.,]\d+)?"
           r"|\d+(?:[.,]\d+)?)")
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b)"
# A number glued to letters is a model or grade name ("4G", "F-250" is caught by the look-behind)
# unless the letters are a unit ("5km", "10kg").
_GLUED_OK = r"(?![A-Za-z])|(?=(?-i:km|kg|cm|mm|ft|lbs?|mph|m|g|t|bn|mn|k|b)\b)|(?=(?:hundred|thousand|million|billion|trillion)\b)"
_ATOM = re.compile(
    rf"(?P<vague>(?:(?:tens|hundreds|thousands|millions)\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions)\b)"
    rf"|(?P<decades>\b(?:several\s+|many\s+)?decades\b)"
    rf"|(?P<few>(?:several|a\s+few|a\s+couple\s+of|a\s+handful\s+of)\s+(?P<fewscale>dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<frac>(?:half|a\s+quarter(?:\s+of)?|a\s+third(?:\s+of)?)\s+an?\s+(?P<fracscale>dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<ascale>\ban?\s+(?:dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<couple>\b(?:a\s+)?couple\s+of\b)"
    rf"|(?P<tens>\b[1-9]0s\b)"
    rf"|(?P<num>(?P<digits>{_DIGITS})(?!\d)(?:{_GLUED_OK})(?P<short>(?:k|m|mn|bn|b)\b)?(?P<dscale>{_SCALE}*)|\b(?P<words>{_WORDNUM})(?P<wscale>{_SCALE}*)\b)",
    re.I,
)
# What any number atom above contains (a digit or a number word); the cheap scan lets the costly
# one run only on the sentences that can hold a quantity (a third of FNC-1 sentences).
_NEED = re.compile(r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                   r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                   r"|dozen|hundred|thousand|million|billion|couple|decades", re.I)
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
_CURRENCY = re.compile(r"(US\$|\$|£|€)\s?$", re.I)
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
_FALLBACK_UNIT = re.compile(r"^\s+(?:of\s+(?:the\s+)?)?([A-Za-z][A-Za-z'-]*)")
_NOT_UNIT = {"of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "have", "has", "had",
             "were", "was", "are", "is", "be", "been", "will", "would", "who", "which", "that", "this", "more", "than",
             "said", "says", "per", "as", "after", "before", "since", "when", "while", "but", "it", "they", "he", "she"}
_CLOCK = re.compile(r"^(?::\d\d|\.\d\d\s?(?:am|pm|a\.m\.|p\.m\.)|\s?(?:am|pm|a\.m\.|p\.m\.|gmt|utc|bst|est|edt|pst)\b|(?:st|nd|rd|th)\b|/)", re.I)


def parse_number(s: str) -> float:
    """A digit string as written in news ("5,000", "5.000", "13 000", "1,5", "2.5") to a float.

    One separator repeated before groups of exactly three digits is a thousands separator;
    a comma before one, two or four-plus digits is a decimal comma ("1,5 million").
    """
    t = re.sub(r"[\u00a0\u202f ]", " ", s.strip())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", t):
        return float(t.replace(" ", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    raise ValueError(f"not a number: {s!r}")


def words_to_number(s: str) -> float:
    """"twenty-four" -> 24, "five hundred" -> 500, "two million" -> 2e6."""
    total, current = 0.0, 0.0
    for w in re.split(r"[\s-]+", s.lower().strip()):
        if w in ONES:
            current += ONES[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0.0
        elif w not in ("and", ""):
            raise ValueError(f"not a number word: {w!r}")
    return total + current


def find_quantities(text: str, start: int = 0, end: int | None = None, doc: Any = None,
                    times: tuple[Any, ...] | None = None) -> tuple[Quantity, ...]:
    """Quantities in ``text[start:end]``, offsets into ``text``.

    ``doc`` (optional) is the spaCy Doc/Span parsed from exactly this sentence (Doc over
    ``text[start:end]``, or a Span of a Doc over the whole ``text``); with it the unit is the noun
    the number counts, without it the next content word. ``times`` are the sentence's time
    expressions (computed here if not given): numbers inside them are dates, not quantities.
    """
    end = len(text) if end is None else end
    if _NEED.search(text, start, end) is None:
        return ()
    if times is None:
        times = find_times(text, start, end)
    blocked = [(t.start, t.end) for t in times]
    atoms = [a for a in (_atom(text, m) for m in _ATOM.finditer(text, start, end)) if a is not None]
    atoms = [a for a in atoms
             if not any(a["s"] < te and ts < a["e"] for ts, te in blocked) or _DURATION_AFTER.match(text[a["e"]:end])]
    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        left = _LEFT.search(text, max(start, a["s"] - 25), a["s"])
        mod = " ".join(left["mod"].lower().split()) if left else ""
        s, low, high, approx = a["s"], a["low"], a["high"], a["approx"]
        e = a["e"]
        sep = text[a["e"]:b["s"]] if b is not None else ""
        if b is not None and len(sep) < 8 and re.fullmatch(r"\s*(?:-|–|—|to|and|or)\s*", sep, re.I) and (
            mod in ("between", "from") or not re.fullmatch(r"\s*and\s*", sep, re.I)
        ):
            high = b["high"] if b["high"] is not None else b["low"]
            if a["scale_missing"] and b["scale"] > 1:  # "between 5 and 13 million"
                low *= b["scale"]
            if high < low and re.fullmatch(r"\s*[-–—]\s*", sep):
                i += 2
                continue  # "a 20-13 win": a score, not a range
            low, high = min(low, high), max(low, high)  # "from 10 to 5"
            approx = approx or b["approx"]
            e = b["e"]
            i += 1
        if left and mod not in ("between", "from"):
            s = left.start("mod")
            if mod in _LOW_OPEN:
                high = None
            elif mod in _HIGH_OPEN:
                low, high = None, (high if high is not None else low)
            else:
                approx = True
        elif left and mod in ("between", "from") and e != a["e"]:
            s = left.start("mod")
        cur = _CURRENCY.search(text, max(start, s - 4), s)
        unit: str | None
        if cur:
            s, unit = cur.start(), CURRENCIES[cur[1].lower()]
        else:
            unit = None
        pct = _PERCENT.match(text[e:end])
        hyph = _HYPHEN_UNIT.match(text[e:end])
        if pct:
            e, unit = e + pct.end(), "%"
        elif hyph:
            e, unit = e + len(hyph[0]) - len(hyph[2] or ""), hyph[1].lower() + "s"
        elif unit is None:
            unit = _unit(text, start, end, e, doc)
        if _IDENTIFIER_BEFORE.search(text, max(start, s - 12), s) or _in_number_list(text, start, end, s, e):
            i += 1
            continue
        right = _RIGHT.match(text[e:end])
        if right and not (high is not None and low is not None and high != low):
            if right["plus"] or right["mod"].lower().split()[-1] in ("more", "older", "over", "above", "greater", "longer", "up"):
                high = None
            else:
                low = None
        if a.get("unit"):
            unit = a["unit"]
        if unit is None and left is None and a.get("digits_only") and _MODEL_NAME_BEFORE.search(text, max(start, s - 20), s):
            i += 1
            continue  # "iOS 8", "iPad 3", "Windows 10": a model name, not a count
        if a["words"] == "one" and (re.match(r"\s+day\b", text[e:end], re.I)
                                    and not re.search(r"\b(?:for|in|within|after|than|only|just)\s+$", text[max(start, s - 8):s], re.I)):
            i += 1
            continue  # "could one day become": the idiom, not a duration
        if a["words"] == "one" and (re.match(r"\s+(?:of|by|or|another|and\s+only)\b", text[e:end], re.I)
                                    or re.search(r"\b(?:no|the|any|every|some)\s+$", text[max(start, s - 8):s], re.I)
                                    or unit is None):
            i += 1
            continue  # "one of", "one by one": the pronoun, not a count
        out.append(Quantity(text[s:e], s, e, low, high, unit, approx))
        i += 1
    return tuple(out)


def _atom(text: str, m: re.Match[str]) -> dict[str, Any] | None:
    s, e = m.start(), m.end()
    g = m.groupdict()
    scale, scale_missing, approx = 1.0, False, False
    if g["decades"]:
        return {"s": s, "e": e, "low": 20.0, "high": 99.0, "approx": True, "scale": 1.0, "scale_missing": False,
                "words": "", "unit": "years"}
    if g["tens"]:  # "in her 20s"
        low = float(g["tens"][:2])
        return {"s": s, "e": e, "low": low, "high": low + 9, "approx": True, "scale": 1.0, "scale_missing": False, "words": ""}
    if g["couple"]:
        return {"s": s, "e": e, "low": 2.0, "high": 2.0, "approx": True, "scale": 1.0, "scale_missing": False, "words": ""}
    if g["vague"]:
        words = g["vague"].lower().split()
        unit_scale = 1.0
        for w in words:
            if w != "of":
                unit_scale *= SCALES.get(w.rstrip("s"), 10)  # "tens" -> 10
        low, high, approx = 2 * unit_scale, 10 * unit_scale - 1, True
        if words[0] == "dozens":
            low, high = 24, 99
    elif g["few"]:
        sc = SCALES[g["fewscale"].lower()]
        low, high, approx = 2 * sc, 10 * sc - 1, True
    elif g["frac"]:
        part = g["frac"].lower()
        f = 0.5 if part.startswith("half") else (0.25 if "quarter" in part else 1 / 3)
        low = high = round(f * SCALES[g["fracscale"].lower()], 6)
    elif g["ascale"]:
        low = high = float(SCALES[g["ascale"].lower().split()[-1]])
    elif g["digits"]:
        nxt = text[e:e + 8]
        if _CLOCK.match(nxt) or re.match(r"0\d", g["digits"]):
            return None  # clock times; zero-padded codes ("-0500", "007")
        try:
            value = parse_number(g["digits"])
        except ValueError:
            return None
        if g["short"]:
            if not _CURRENCY.search(text, max(0, s - 4), s):
                e -= len(g["short"])  # "5m" without a currency is five metres, not five million
            else:
                scale = SHORT_SCALES[g["short"].lower()]
        scale *= _scales(g["dscale"])
        scale_missing = scale == 1
        if scale_missing and looks_like_year(text, m.start("digits"), m.end("digits")):
            return None
        low = high = value * scale
    else:
        try:
            value = words_to_number(g["words"])
        except ValueError:
            return None
        scale = _scales(g["wscale"])
        scale_missing = scale == 1
        low = high = value * scale
    return {"s": s, "e": e, "low": float(low), "high": float(high), "approx": approx, "scale": scale,
            "scale_missing": scale_missing, "words": (g["words"] or "").lower() if not g["wscale"] else "",
            "digits_only": bool(g["digits"]) and scale == 1}


def _in_number_list(text: str, start: int, end: int, s: int, e: int) -> bool:
    """"1200, 1300, 1600 and 1900 Seaport Blvd": bare numbers listed together are labels or
    addresses, not counts (a counted list names its unit: "3, 4 and 5 goals")."""
    window = text[max(start, s - 24):s]
    before = re.search(r"\d,\s*(?:and\s+)?$", window) or re.search(r"\d,\s*\d+,?\s+and\s+$", window)
    after = re.match(r",\s*(?:and\s+)?\d", text[e:min(end, e + 8)])
    return bool(before or after) and re.fullmatch(r"\d{3,4}", text[s:e]) is not None


def _scales(words: str | None) -> float:
    scale = 1.0
    for w in (words or "").lower().split():
        scale *= SCALES[w]
    return scale


def _unit(text: str, start: int, end: int, e: int, doc: Any) -> str | None:
    if doc is not None:
        glued = re.match(r"[a-z]{1,3}\b", text[e:end])
        return glued[0] if glued else _unit_from_doc(doc, e - _doc_base(doc, start))
    glued = re.match(r"[a-z]{1,3}\b", text[e:end])
    if glued:  # "5km"
        return glued[0]
    m = _FALLBACK_UNIT.match(text[e:end])
    if m and m[1].lower() not in _NOT_UNIT and not _ATOM.fullmatch(m[1]):
        return m[1].lower()
    return None


def _doc_base(doc: Any, start: int) -> int:
    """Article offset of char 0 of ``doc``'s own coordinates: a Doc over the sentence starts at
    ``start``; a Span of a whole-article Doc already counts from the article's char 0."""
    return 0 if hasattr(doc, "doc") and doc.doc is not doc else start


def _unit_from_doc(doc: Any, rel_end: int) -> str | None:
    tokens = [t for t in doc if t.idx >= rel_end][:7]
    for k, t in enumerate(tokens):
        low = t.lower_
        pos = coarse_pos(t)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.tag_ == "POS":
            continue  # "two of the country's officials": the possessor is not what is counted
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
            return str(head.lower_)
        if pos in ("ADJ", "DET", "NUM") or low in ("of", "the", "-") or t.dep_ == "amod" or t.tag_ == "POS":
            continue
        return None
    return None
