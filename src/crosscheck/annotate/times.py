"""Time expressions, resolved to ISO date intervals against the publication date.

Rules are regular expressions plus stdlib date arithmetic, on purpose: ``dateparser.search_dates``
fills missing parts (year, day) from RELATIVE_BASE or today, and guesses DMY/MDY on numeric dates,
so "on November 27" in a 2014 article would silently become a date in the year the tool runs.
Here a part the text does not give comes from the publication date, and ``anchor`` says so; with
no publication date a relative expression keeps its span and gets no dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from crosscheck.annotate.records import TimeExpression

__all__ = ["find_times", "resolve_time", "looks_like_year", "parse_iso_date"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
# "X ago" in months: calendar months and years; days for the rest (hours and minutes are "today").
_MONTHS_PER = {"month": 1, "year": 12, "decade": 120, "century": 1200}
_DAYS_PER = {"minute": 0, "hour": 0, "day": 1, "week": 7}
SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                 "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "several": None, "few": None}
_AGO_NUMBER = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
# A clause about what is still to come: its weekday is the coming one.
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|'ll|shall|would|(?:is|are|be)\s+(?:set|due|scheduled|expected|going|planned|slated)\s+to|to\s+be|plans?\s+to"
    r"|upcoming|coming)\b[^.;:!?]{0,40}$", re.I)

# Month names are matched capitalised only, so the modal "may" and "march" (the verb) never match.
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_PREP = r"(?:(?i:on|in|since|from|until|till|by|during|before|after|as\s+of|early|late|mid-?)\s+)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(rf"{_PREP}(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\s*,?\s+(?P<y>{_YEAR})\b")),
    ("dmy", re.compile(rf"{_PREP}(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})\b")),
    ("md", re.compile(rf"{_PREP}(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b(?![\d,.]\d)")),
    ("dm", re.compile(rf"{_PREP}(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})\b")),
    ("my", re.compile(rf"{_PREP}(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b")),
    ("yrange", re.compile(rf"(?:(?:from|between)\s+)(?P<y>{_YEAR})\s+(?:to|and|until)\s+(?P<y2>{_YEAR})\b", re.I)),
    ("decade", re.compile(rf"{_PREP}(?:the\s+)?(?P<y>1[89]\d0|20\d0)'?s\b", re.I)),
    ("year", re.compile(rf"{_PREP}(?<![\d.,$£€])(?P<y>{_YEAR})\b(?![.,]?\d|%|-\d)", re.I)),
    ("weekday", re.compile(rf"(?:(?P<rel>last|next|this|on|early|late)\s+)?(?P<wd>{_WEEKDAY}){_PART}\b", re.I)),
    ("month", re.compile(r"(?:(?P<rel>in|last|next|this|early|late|since)\s+)(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)\b")),
    ("ago", re.compile(rf"\b(?:(?P<mod>more\s+than|over|less\s+than|under|nearly|almost|about|around|roughly|some|just|only)\s+)?"
                       rf"(?:(?P<n>{_AGO_NUMBER}(?:\s+and\s+a\s+half)?(?:\s+(?:or|to)\s+{_AGO_NUMBER})?|several|a\s+few)\s+)?"
                       rf"(?P<u>minute|hour|day|week|month|year|decade|centur(?:y|ie))s?(?P<half>\s+and\s+a\s+half)?\s+ago\b", re.I)),
    ("pastone", re.compile(r"\b(?:in|over|during|within|for)\s+the\s+(?P<rel>past|last|previous|next|coming)\s+(?P<u>day|week|month|year|decade)\b", re.I)),
    ("rel", re.compile(r"\b(?P<w>yesterday|today|tonight|tomorrow|overnight|right\s+now|last\s+night|this\s+(?:morning|afternoon|evening)"
                       r"|(?:earlier|later)\s+(?:this|last|in\s+the)\s+(?:week|month|year)"
                       r"|(?:this|last|next|over\s+the|at\s+the)\s+(?:week|weekend|month|year|season))\b", re.I)),
    ("eventday", re.compile(r"\b(?:the\s+)?(?:following|next|previous|preceding)\s+(?:day|morning|afternoon|evening|night|week|month|year)\b", re.I)),
    ("period", re.compile(r"\b(?:(?:in|over|during|within|for)\s+)?the\s+(?P<rel>next|past|last|coming|previous)\s+"
                          r"(?P<n>\d+|a\s+few|a\s+couple\s+of|couple\s+of|few|two|three|four|five|six|seven|eight|nine|ten|several)\s+"
                          r"(?P<u>day|week|month|year)s\b", re.I)),
    ("event", re.compile(r"\b(?:(?:just|only|mere)\s+)?(?:hours|minutes|days|weeks|months|moments|years)\s+(?:after|before|later|earlier)\b", re.I)),
]
_SINCE = re.compile(r"^since\b", re.I)
# What each rule cannot match without: a digit, a capitalised month name or abbreviation, or a
# time word. A rule is tried only when its need is in the sentence (the rules are 16 scans with
# optional prefixes; the needs are cheap literal scans, and most sentences lack most of them).
# Each need is a superset of what its rule requires, so the found expressions are unchanged.
_NEED_DIGIT = re.compile(r"\d")
_NEED_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_NEEDS: dict[str, re.Pattern[str]] = {
    "iso": _NEED_DIGIT, "mdy": _NEED_MONTH, "dmy": _NEED_MONTH, "md": _NEED_MONTH, "dm": _NEED_MONTH,
    "my": _NEED_MONTH, "yrange": _NEED_DIGIT, "decade": _NEED_DIGIT, "year": _NEED_DIGIT,
    "weekday": re.compile(r"day", re.I),  # every weekday name ends in "day"
    "month": _NEED_MONTH,
    "ago": re.compile(r"ago", re.I),
    "pastone": re.compile(r"day|week|month|year|decade", re.I),
    "rel": re.compile(r"day|night|tomorrow|now|week|month|year|season|morning|afternoon|evening", re.I),
    "eventday": re.compile(r"day|morning|afternoon|evening|night|week|month|year", re.I),
    "period": re.compile(r"day|week|month|year", re.I),
    "event": re.compile(r"hour|minute|day|week|month|moment|year", re.I),
}


def parse_iso_date(value: str | None) -> date | None:
    """The date part of an ISO date or datetime string; None if absent or unreadable."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def looks_like_year(text: str, start: int, end: int) -> bool:
    """Is the 4-digit number ``text[start:end]`` a year rather than a count?

    A count is followed by a plural noun ("2000 people", "1,500 troops" never get here); a year is
    anything else in 1800-2099 ("in 2017", "2014 World Cup", "2011, according").
    """
    token = text[start:end]
    if not re.fullmatch(_YEAR, token):
        return False
    if re.search(r"\d,\s*(?:and\s+)?$", text[max(0, start - 8):start]) or re.match(r",\s*(?:and\s+)?\d", text[end:end + 8]):
        return False  # "1200, 1300, 1600 and 1900 Seaport Blvd": a list of numbers, not years
    after = text[end:end + 30]
    nxt = re.match(r"\s+(?:more\s+|other\s+|new\s+)?([a-z]+)", after)
    if nxt and (nxt[1] in _PLURALS_WITHOUT_S or (nxt[1].endswith("s") and not nxt[1].endswith("ss") and nxt[1] not in _NOT_PLURAL_NOUNS)):
        return False
    return True


_PLURALS_WITHOUT_S = {"people", "children", "men", "women", "police", "staff", "personnel", "feet", "cattle", "sheep", "fish"}
_NOT_PLURAL_NOUNS = {"was", "is", "has", "does", "says", "as", "his", "its", "this", "thus", "us", "plus", "series", "sees", "reports", "claims", "shows", "saw"}


def find_times(text: str, start: int = 0, end: int | None = None, published: str | None = None) -> tuple[TimeExpression, ...]:
    """Time expressions in ``text[start:end]``, offsets into ``text``, resolved against ``published``."""
    end = len(text) if end is None else end
    pub = parse_iso_date(published)
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    present: dict[re.Pattern[str], bool] = {}
    for kind, pattern in _PATTERNS:
        need = _NEEDS[kind]
        if need not in present:
            present[need] = need.search(text, start, end) is not None
        if not present[need]:
            continue
        for m in pattern.finditer(text, start, end):
            s, e = _trim(text, m.start(), m.end())
            if s >= e or any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "year" and not looks_like_year(text, m.start("y"), m.end("y")):
                continue
            future = kind == "weekday" and _FUTURE_BEFORE.search(text, max(start, s - 60), s) is not None
            resolved = resolve_time(kind, m, pub, future)
            if resolved is None:
                continue
            lo, hi, anchor = resolved
            if _SINCE.match(text[s:e]) and lo is not None:
                if pub is not None and kind in ("md", "dm") and lo > pub.isoformat():
                    lo = _year_before(lo)  # "since May 1" is the last May 1, never a coming one
                hi, anchor = (pub.isoformat(), _published(pub)) if pub else (None, anchor)
            found.append(TimeExpression(text[s:e], s, e, lo, hi, anchor))
            taken.append((s, e))
    return tuple(sorted(found, key=lambda t: t.start))


def _year_before(iso: str) -> str:
    d = date.fromisoformat(iso)
    return (d.replace(year=d.year - 1) if (d.month, d.day) != (2, 29) else date(d.year - 1, 2, 28)).isoformat()


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _published(pub: date) -> str:
    return f"published:{pub.isoformat()}"


Resolved = tuple[str | None, str | None, str | None]


def resolve_time(kind: str, m: re.Match[str], pub: date | None, future: bool = False) -> Resolved | None:
    """(start_date, end_date, anchor) for one match; None drops the match (an impossible date).
    ``future``: the expression sits in a future-tense clause (a weekday then comes after ``pub``)."""
    g = m.groupdict()
    try:
        if kind in ("iso", "mdy", "dmy"):
            d = date(int(g["y"]), _month(g["m"] if kind == "iso" else g["mon"]), _day(g["d"]))
            return d.isoformat(), d.isoformat(), "absolute"
        if kind in ("md", "dm"):
            month, day = _month(g["mon"]), _day(g["d"])
            if pub is None:
                date(2000, month, day)  # validates (2000 is a leap year)
                return None, None, None
            d = _nearest(pub, month, day)
            return d.isoformat(), d.isoformat(), _published(pub)
        if kind == "my":
            y, mo = int(g["y"]), _month(g["mon"])
            return _month_span(y, mo) + ("absolute",)
        if kind == "yrange":
            y1, y2 = sorted((int(g["y"]), int(g["y2"])))
            return f"{y1}-01-01", f"{y2}-12-31", "absolute"
        if kind == "decade":
            y = int(g["y"])
            return f"{y}-01-01", f"{y + 9}-12-31", "absolute"
        if kind == "year":
            y = int(g["y"])
            return f"{y}-01-01", f"{y}-12-31", "absolute"
    except ValueError:
        return None
    if pub is None:
        return (None, None, "event") if kind in ("event", "eventday") else (None, None, None)
    return _relative(kind, g, pub, future)


def _relative(kind: str, g: dict[str, str | None], pub: date, future: bool = False) -> Resolved:
    anchor = _published(pub)
    if kind == "weekday":
        wd = WEEKDAYS[(g["wd"] or "").lower()]
        rel = (g.get("rel") or "").lower()
        delta = (pub.weekday() - wd) % 7
        ahead = rel == "next" or (future and rel != "last")
        d = pub + timedelta(days=(7 - delta) % 7 or 7) if ahead else pub - timedelta(days=delta)
        return d.isoformat(), d.isoformat(), anchor
    if kind == "ago":
        return _ago(g, pub) + (anchor,)
    if kind == "pastone":
        back = _shift(pub, 1.0, (g["u"] or "").lower())
        if (g.get("rel") or "").lower() in ("next", "coming"):
            return pub.isoformat(), (pub + (pub - back)).isoformat(), anchor
        return back.isoformat(), pub.isoformat(), anchor
    if kind == "month":
        mo = MONTHS[(g["mon"] or "").lower()]
        rel = (g.get("rel") or "").lower()
        y = pub.year - 1 if rel == "last" or (rel in ("in", "since") and mo > pub.month) else pub.year
        y = pub.year + 1 if rel == "next" and mo <= pub.month else y
        return _month_span(y, mo) + (anchor,)
    if kind == "rel":
        return _named_relative(" ".join((g["w"] or "").lower().split()), pub) + (anchor,)
    if kind == "period":
        word = " ".join((g["n"] or "").lower().split()).replace("couple of", "two")
        n = int(word) if word.isdigit() else SMALL_NUMBERS.get(word.split()[-1])
        if n is None:  # "the next few months": a direction, not a length
            return None, None, anchor
        span = timedelta(days=n * UNITS[(g["u"] or "").lower()])
        if (g.get("rel") or "").lower() in ("next", "coming"):
            return pub.isoformat(), (pub + span).isoformat(), anchor
        return (pub - span).isoformat(), pub.isoformat(), anchor
    return None, None, "event"


def _ago(g: dict[str, str | None], pub: date) -> tuple[str | None, str | None]:
    """"three years ago", "five or six years ago", "more than 18 months ago", "a decade ago"."""
    unit = (g["u"] or "").lower().replace("centurie", "century")
    if g["n"] is None and unit not in ("minute", "hour"):
        return None, None  # "years ago": no count, no date ("hours ago" is still today)
    words = re.split(r"\s+(?:or|to)\s+", " ".join((g["n"] or "a").lower().split()))
    counts = [_ago_count(w) for w in words]
    if any(c is None for c in counts):
        return None, None  # "several years ago": a direction, not a date
    half = 0.5 if g.get("half") else 0.0
    dates = sorted(_shift(pub, c + half, unit) for c in counts if c is not None)
    mod = " ".join((g.get("mod") or "").lower().split())
    if mod in ("more than", "over"):
        return None, dates[0].isoformat()
    if mod in ("less than", "under"):
        return dates[-1].isoformat(), pub.isoformat()
    return dates[0].isoformat(), dates[-1].isoformat()


def _ago_count(word: str) -> float | None:
    half = word.endswith(" and a half")
    word = word.removesuffix(" and a half")
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word) + (0.5 if half else 0.0)
    n = SMALL_NUMBERS.get(word.split()[-1] if word else "a")
    return None if n is None else n + (0.5 if half else 0.0)


def _shift(pub: date, n: float, unit: str) -> date:
    """``pub`` moved back ``n`` units on the calendar (months and years keep the day of month)."""
    if unit in _DAYS_PER:
        return pub - timedelta(days=round(n * _DAYS_PER[unit]))
    months = n * _MONTHS_PER[unit]
    whole = int(months)
    total = pub.year * 12 + pub.month - 1 - whole
    y, mo = divmod(total, 12)
    d = date(y, mo + 1, min(pub.day, calendar.monthrange(y, mo + 1)[1]))
    return d - timedelta(days=round((months - whole) * 30))


def _named_relative(w: str, pub: date) -> tuple[str | None, str | None]:
    if w in ("today", "tonight", "right now") or w.startswith("this "):
        return pub.isoformat(), pub.isoformat()
    if w == "last night":
        return (pub - timedelta(days=1)).isoformat(), (pub - timedelta(days=1)).isoformat()
    if w == "overnight":
        return (pub - timedelta(days=1)).isoformat(), pub.isoformat()
    if w.endswith("season"):
        return None, None  # seasons differ by sport and country
    if w.startswith(("earlier in the", "earlier this")):
        unit = w.split()[-1]
        lo = {"week": pub - timedelta(days=pub.weekday()), "month": pub.replace(day=1), "year": pub.replace(month=1, day=1)}[unit]
        return lo.isoformat(), pub.isoformat()
    if w in ("over the weekend", "at the weekend"):
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        return saturday.isoformat(), (saturday + timedelta(days=1)).isoformat()
    if w in ("yesterday", "tomorrow"):
        d = pub + timedelta(days=-1 if w == "yesterday" else 1)
        return d.isoformat(), d.isoformat()
    unit = w.split()[-1]
    shift = -1 if w.startswith(("last", "earlier last", "later last")) else (1 if w.startswith("next") else 0)
    if unit in ("week", "weekend"):
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
        lo = monday + timedelta(days=5) if unit == "weekend" else monday
        return lo.isoformat(), (monday + timedelta(days=6)).isoformat()
    if unit == "month":
        y, mo = pub.year, pub.month + shift
        y, mo = (y - 1, 12) if mo == 0 else ((y + 1, 1) if mo == 13 else (y, mo))
        return _month_span(y, mo)
    y = pub.year + shift
    return f"{y}-01-01", f"{y}-12-31"


def _month(name: str | None) -> int:
    key = (name or "").lower().rstrip(".")
    if key.isdigit():
        value = int(key)
        if not 1 <= value <= 12:
            raise ValueError(name)
        return value
    return MONTHS[key]


def _day(token: str | None) -> int:
    return int(re.sub(r"\D", "", token or ""))


def _month_span(y: int, mo: int) -> tuple[str, str]:
    last = calendar.monthrange(y, mo)[1]
    return date(y, mo, 1).isoformat(), date(y, mo, last).isoformat()


def _nearest(pub: date, month: int, day: int) -> date:
    """The date with this month and day closest to ``pub`` (Nov 27 in a Dec 10 article: 17 days before)."""
    candidates = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ValueError(f"no date {month}-{day}")
    return min(candidates, key=lambda d: abs((d - pub).days))
