"""Number atoms: the numbers news text writes, read into values before they become quantities.

``read_atom`` turns one match of ``ATOM`` into a value range with its scale ("three dozen" 36,
"1.5 million", "hundreds of thousands" 200,000-999,999, "two and a half" 2.5, "two-thirds" the
share 66.67 %); ``quantities`` decides what each atom counts. Returns None for what only looks
like a number here: clock times, zero-padded codes, years.
"""

from __future__ import annotations

import re
from typing import Any

from crosscheck.annotate.times import looks_like_year

__all__ = ["ATOM", "NEED", "SCALES", "CURRENCIES", "CURRENCY_BEFORE", "parse_number", "read_atom", "words_to_number"]

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
_DIGITS = (r"(?<![\w.,/:])(?<![^\d\s]-)(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+(?![\d,])|(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|(?: , \d{3})+(?!\d))(?:[.,]\d+)?"
           r"|\d+(?:[.,]\d+)?)")
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion|dozen)\b)"
_HALF = r"(?:\s+and\s+a\s+half\b)"
# A number glued to letters is a model or grade name ("4G", "F-250" is caught by the look-behind)
# unless the letters are a unit ("5km", "10kg").
_GLUED_OK = r"(?![A-Za-z])|(?=(?-i:km|kg|cm|mm|ft|lbs?|mph|m|g|t|bn|mn|k|b|C|F)\b)|(?=(?:hundred|thousand|million|billion|trillion)\b)"
ATOM = re.compile(
    rf"(?P<vague>(?:(?:tens|hundreds|thousands|millions)\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions)\b)"
    rf"|(?P<decades>\b(?:several\s+|many\s+)?decades\b)"
    rf"|(?P<few>(?:several|a\s+few|a\s+couple\s+of|a\s+handful\s+of)\s+(?P<fewscale>dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<frac>(?:half|a\s+quarter(?:\s+of)?|a\s+third(?:\s+of)?)\s+an?\s+(?P<fracscale>dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<ascale>\ban?\s+(?:dozen|hundred|thousand|million|billion)\b)"
    rf"|(?P<share>\b(?:(?:one|two|three|four)[- ](?:thirds?|quarters?|fifths?)\b(?:\s+of\b)?|a[- ](?:third|quarter)\s+of\b|half\s+of\b))"
    rf"|(?P<unithalf>\ban?\s+(?P<hunit>mile|kilometre|kilometer|year|month|week|day|hour|minute|decade|century|pound|kilo|foot|metre|meter)\s+and\s+a\s+half\b)"
    rf"|(?P<couple>\b(?:a\s+)?couple\s+of\b)"
    rf"|(?P<tens>\b[1-9]0s\b)"
    rf"|(?P<num>(?P<digits>{_DIGITS})(?!\d)(?:{_GLUED_OK})(?P<short>(?:k|m|mn|bn|b)\b)?(?P<dhalf>{_HALF})?(?P<dscale>{_SCALE}*)"
    rf"|\b(?P<words>{_WORDNUM})(?P<whalf>{_HALF})?(?P<wscale>{_SCALE}*)\b)",
    re.I,
)
# What any number atom above contains (a digit or a number word); the cheap scan lets the costly
# one run only on the sentences that can hold a quantity (a third of FNC-1 sentences).
NEED = re.compile(r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                   r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                   r"|dozen|hundred|thousand|million|billion|couple|decades|third|quarter|fifth|half", re.I)
CURRENCY_BEFORE = re.compile(r"(US\$|\$|£|€)\s?$", re.I)
# What follows a number that makes it a clock time or an ordinal: ":30", " : 30" (tokenised
# text), "pm", "p.m.", "p . m .", time zones, "st/nd/rd/th", a slash (dates, scores).
_CLOCK = re.compile(r"^(?:\s?:\s?\d\d|\.\d\d\s?(?:am|pm|a\.m\.|p\.m\.)|\s?(?:(?:am|pm|gmt|utc|bst|est|edt|pst)\b|[ap]\.m\.|[ap]\s\.\s?m\b)"
                    r"|(?:st|nd|rd|th)\b|/)", re.I)
_CLOCK_MINUTES_BEFORE = re.compile(r"\d\s?:\s?$")
_SHARES = {"third": 3, "quarter": 4, "fifth": 5}
_HALF_UNIT_PLURALS = {"century": "centuries", "foot": "feet"}


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
    if re.fullmatch(r"\d{1,3}(?: , \d{3})+", t):  # tokenised text (ECB+): "30 , 000"
        return float(t.replace(" , ", ""))
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



def read_atom(text: str, m: re.Match[str]) -> dict[str, Any] | None:
    s, e = m.start(), m.end()
    g = m.groupdict()
    scale, scale_missing, approx = 1.0, False, False
    if g["decades"]:
        return {"s": s, "e": e, "low": 20.0, "high": 99.0, "approx": True, "scale": 1.0, "scale_missing": False,
                "words": "", "unit": "years"}
    if g["tens"]:  # "in her 20s"
        low = float(g["tens"][:2])
        return {"s": s, "e": e, "low": low, "high": low + 9, "approx": True, "scale": 1.0, "scale_missing": False, "words": ""}
    if g["share"]:
        return _share(text, m)
    if g["unithalf"]:  # "a mile and a half"
        unit = g["hunit"].lower()
        return {"s": s, "e": e, "low": 1.5, "high": 1.5, "approx": False, "scale": 1.0, "scale_missing": False,
                "words": "", "unit": _HALF_UNIT_PLURALS.get(unit, unit + "s")}
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
        if _CLOCK.match(nxt) or re.match(r"0\d", g["digits"]) or _CLOCK_MINUTES_BEFORE.search(text, max(0, s - 4), s):
            return None  # clock times; zero-padded codes ("-0500", "007")
        try:
            value = parse_number(g["digits"])
        except ValueError:
            return None
        if g["short"]:
            if not CURRENCY_BEFORE.search(text, max(0, s - 4), s):
                e -= len(g["short"])  # "5m" without a currency is five metres, not five million
            else:
                scale = SHORT_SCALES[g["short"].lower()]
        scale *= _scales(g["dscale"])
        scale_missing = scale == 1
        if scale_missing and not g["dhalf"] and looks_like_year(text, m.start("digits"), m.end("digits")):
            return None
        low = high = (value + (0.5 if g["dhalf"] else 0.0)) * scale
    else:
        try:
            value = words_to_number(g["words"])
        except ValueError:
            return None
        scale = _scales(g["wscale"])
        scale_missing = scale == 1
        low = high = (value + (0.5 if g["whalf"] else 0.0)) * scale
    return {"s": s, "e": e, "low": float(low), "high": float(high), "approx": approx, "scale": scale,
            "scale_missing": scale_missing, "words": (g["words"] or "").lower() if not (g["wscale"] or g["whalf"]) else "",
            "digits_only": bool(g["digits"]) and scale == 1 and not g["dhalf"]}


def _share(text: str, m: re.Match[str]) -> dict[str, Any] | None:
    """"two-thirds", "a quarter of", "half of" as a percentage of the whole; the span stops
    before "of". Not "the first half of" (a period) or "half of the time" read as a count."""
    s = m.start()
    words = re.split(r"[-\s]+", m["share"].lower())
    if words[0] == "half":
        if re.search(r"\b(?:first|second|latter|former|other|the|a|one)\s+$", text[max(0, s - 10):s], re.I):
            return None
        pct = 50.0
    else:
        n = 1 if words[0] == "a" else ONES[words[0]]
        pct = round(100 * n / _SHARES[words[1].rstrip("s")], 2)
    e = s + len(re.sub(r"\s+of$", "", m["share"], flags=re.I))
    return {"s": s, "e": e, "low": pct, "high": pct, "approx": False, "scale": 1.0, "scale_missing": False,
            "words": "", "unit": "%"}



def _scales(words: str | None) -> float:
    scale = 1.0
    for w in (words or "").lower().split():
        scale *= SCALES[w]
    return scale

