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
_DIGITS = (r"(?<![\w.,/:-])(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+(?![\d,])|(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d))(?:[.,]\d+)?"
           r"|\d+(?:[.,]\d+)?)")
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion))"
_ATOM = re.compile(
    rf"(?P<vague>(?:(?:tens|hundreds|thousands|millions)\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions)\b)"
    rf"|(?P<few>(?:several|a\s+few|a\s+couple\s+of|a\s+handful\s+of)\s+(?P<fewscale>dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<frac>(?:half|a\s+quarter(?:\s+of)?|a\s+third(?:\s+of)?)\s+an?\s+(?P<fracscale>dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<ascale>\ban?\s+(?:dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<num>(?P<digits>{_DIGITS})(?P<short>(?:k|m|mn|bn|b)\b)?(?P<dscale>{_SCALE}*)|\b(?P<words>{_WORDNUM})(?P<wscale>{_SCALE}*)\b)",
    re.I,
)
_LEFT = re.compile(
    r"(?P<mod>more\s+than|over|above|in\s+excess\s+of|upwards\s+of|at\s+least|up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than"
    r"|fewer\s+than|less\s+than|under|below|nearly|almost|close\s+to|about|around|approximately|roughly|some|an\s+estimated|estimated"
    r"|between|from|just\s+over|just\s+under)\s+$",
    re.I,
)
_LOW_OPEN = {"more than", "over", "above", "in excess of", "upwards of", "at least", "just over"}
_HIGH_OPEN = {"up to", "as many as", "at most", "no more than", "fewer than", "less than", "under", "below", "just under"}
_CURRENCY = re.compile(r"(US\$|\$|£|€)\s?$", re.I)
_PERCENT = re.compile(r"^\s?(%|per\s?cent\b)", re.I)
_HYPHEN_UNIT = re.compile(r"^-(year|month|week|day|hour|minute|mile|metre|meter|kilometre|kilometer|storey|story|man|member)s?(-old)?\b", re.I)
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
    if times is None:
        times = find_times(text, start, end)
    blocked = [(t.start, t.end) for t in times]
    atoms = [a for a in (_atom(text, m) for m in _ATOM.finditer(text, start, end)) if a is not None]
    atoms = [a for a in atoms if not any(a["s"] < te and ts < a["e"] for ts, te in blocked)]
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
        if _CLOCK.match(nxt):
            return None
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
            "scale_missing": scale_missing, "words": (g["words"] or "").lower() if not g["wscale"] else ""}


def _scales(words: str | None) -> float:
    scale = 1.0
    for w in (words or "").lower().split():
        scale *= SCALES[w]
    return scale


def _unit(text: str, start: int, end: int, e: int, doc: Any) -> str | None:
    if doc is not None:
        return _unit_from_doc(doc, e - _doc_base(doc, start))
    m = _FALLBACK_UNIT.match(text[e:end])
    if m and m[1].lower() not in _NOT_UNIT and not _ATOM.fullmatch(m[1]):
        return m[1].lower()
    return None


def _doc_base(doc: Any, start: int) -> int:
    """Article offset of char 0 of ``doc``'s own coordinates: a Doc over the sentence starts at
    ``start``; a Span of a whole-article Doc already counts from the article's char 0."""
    return 0 if hasattr(doc, "doc") and doc.doc is not doc else start


def _unit_from_doc(doc: Any, rel_end: int) -> str | None:
    tokens = [t for t in doc if t.idx >= rel_end][:6]
    for t in tokens:
        low = t.lower_
        if t.pos_ in ("NOUN", "PROPN") and low not in ("%",):
            head = t
            while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head
            return head.lower_
        if t.pos_ in ("ADJ", "DET", "NUM") or low in ("of", "the", "-") or t.dep_ == "amod":
            continue
        return None
    return None
