"""Plain-text articles: a small `` key value`` header block, a dateline, a headline line.

The seeds are the model: a first line `` date 2024-12-10`` is metadata, not article text; the
story may open with a dateline ("Monday, December 09, 2024 - ...") that stays in the text and is
recorded as a ``Dateline`` span; a short first line without closing punctuation, followed by more
text, is the headline (``title``) and also stays in the text.

Written by hand: these are house conventions of exported news text, not a format any library
parses, and a few anchored regular expressions over the first lines keep it linear in the size of
the file (dateparser would cost milliseconds per article and guess dates inside sentences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from crosscheck.ingest.base import E_NO_TEXT, Source, iso_date, problem
from crosscheck.model import Dateline, Problem, RawDocument

__all__ = [
    "ParsedText",
    "HEADER_KEYS",
    "parse_plain_text",
    "find_dateline",
    "headline_of",
    "read_text",
]

# Keys read from the header block; anything else ends the block and starts the text.
HEADER_KEYS = ("date", "published", "source", "url", "title", "author", "language")
_HEADER = re.compile(
    r"(?P<indent>[ \t]*)(?P<key>[A-Za-z]+)[ \t]*:?[ \t]+(?P<value>\S[^\n]*?)[ \t]*(?:\n|$)"
)
_MAX_HEADER_LINES = 12
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)+")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]+)?"
_DASH = r"(?:[ \t]*[-\u2013\u2014|:][ \t]*(?=\S)|[ \t]*(?=\n))"
_DATELINE = re.compile(
    _WEEKDAY
    + r"(?:"
    + _MONTH + r"[ \t]+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(?P<year>\d{4})"
    + r"|(?P<day2>\d{1,2})[ \t]+" + _MONTH.replace("month", "month2")
    + r",?[ \t]+(?P<year2>\d{4})"
    + r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    + r")"
    + _DASH,
    re.I,
)
# Place datelines of wire copy: "WASHINGTON (Reuters) - ", "BALAD, Iraq — ", "GAZA, Feb. 22 (Xinhua) -- ",
# "(CNN) -- ". The place is upper case (so a sentence that opens with a capitalised word is never
# one), a state or country may follow, then an optional month and day, then the credit in brackets.
_PLACE_WORD = r"[A-Z][A-Z'.\-]+"
_PLACE_DATELINE = re.compile(
    r"(?:(?P<place>" + _PLACE_WORD + r"(?:[ \t]+" + _PLACE_WORD + r"){0,3}"
    + r"(?:,[ \t]+[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+){0,2})?)"
    + r"(?:,[ \t]+(?i:" + _MONTH + r")[ \t]+(?P<day>\d{1,2})(?:,[ \t]+(?P<year>\d{4}))?)?"
    + r"[ \t]*(?:\((?P<credit>[A-Z][\w.&' \-]{0,40}?)\))?"
    + r"|\((?P<credit2>[A-Z][\w.&' \-]{0,40}?)\))"
    + r"[ \t]*[-\u2013\u2014]+[ \t]*(?=[^\W\d_\s]|[\"'\u201c\u2018])"
)
# All-caps labels that open a line with a dash but are no place: "BREAKING - ", "UPDATE — ".
_NOT_PLACE = frozenset(
    "BREAKING UPDATE UPDATED EXCLUSIVE WATCH VIDEO PHOTOS PHOTO LIVE OPINION ANALYSIS EDITORIAL "
    "WARNING NOTE CORRECTION FACT CHECK REVIEW".split()
)
_LETTER = re.compile(r"[^\W\d_]")
_MAX_TITLE = 200  # headlines run to ~70-120 characters; longer first lines are prose
_CLOSERS = "\"'\u2019\u201d)]\u00bb "
_TERMINAL = ".!?;:,-\u2013\u2014"  # a trailing dash is a place dateline ("FORT DEVENS, Mass. -")
# First lines that are page furniture, not headlines (seen leading FNC-1 bodies: "Updated at
# 11:45 p.m. ET", "via Daily Buzz Live", "Source: Detroit Free Press", "... Photo: Reuters").
_NOT_HEADLINE = re.compile(
    r"(?:by|updated|published|posted|via|photo|image|watch|subscribe|sign up|read more)\b"
    r"|(?:source|description|credit|caption|editor'?s note)\s*:",
    re.I,
)
_TWO_SENTENCES = re.compile(r"[a-z]{2}[.!?][\"'\u2019\u201d]?\s+[A-Z]")


@dataclass(frozen=True, slots=True)
class ParsedText:
    text: str
    headers: tuple[tuple[str, str], ...] = ()
    title: str | None = None
    dateline: Dateline | None = None

    def header(self, key: str) -> str | None:
        return next((v for k, v in self.headers if k == key), None)

    @property
    def published(self) -> str | None:
        given = self.header("date") or self.header("published")
        return iso_date(given) if given else (self.dateline.date if self.dateline else None)


def parse_plain_text(raw: str) -> ParsedText:
    """Split a decoded, normalised text file into header, text, headline and dateline."""
    headers, body_start = _read_header(raw)
    text = raw[body_start:].strip()
    dateline = find_dateline(text)
    title = dict(headers).get("title") or (None if dateline else headline_of(text))
    return ParsedText(text=text, headers=tuple(headers), title=title, dateline=dateline)


def _read_header(raw: str) -> tuple[list[tuple[str, str]], int]:
    headers: list[tuple[str, str]] = []
    pos = 0
    while len(headers) < _MAX_HEADER_LINES:
        blank = _BLANK_LINES.match(raw, pos)
        if blank:
            pos = blank.end()
        m = _HEADER.match(raw, pos)
        if not m or not _is_header(m):
            break
        headers.append((m["key"].lower(), m["value"]))
        pos = m.end()
    return (headers, pos) if headers else ([], 0)


def _is_header(m: re.Match[str]) -> bool:
    key = m["key"]
    # Unindented lines must spell the key in lower case, so prose such as "Source code ..." or
    # "Title IX funding ..." is never taken for a header; indented lines (as in the seeds) may
    # use any case.
    if key.lower() not in HEADER_KEYS or (not m["indent"] and key != key.lower()):
        return False
    value = m["value"]
    if key.lower() in ("date", "published"):
        return iso_date(value) is not None and len(value) <= 40
    if key.lower() == "url":
        return value.startswith(("http://", "https://")) and " " not in value
    return len(value) <= 300


def find_dateline(text: str) -> Dateline | None:
    """A dateline at the very start of the story, with its trailing dash: a date, or a place with
    an optional date and credit."""
    m = _DATELINE.match(text)
    if not m:
        return _place_dateline(text)
    if m["iso"]:
        iso = iso_date(m["iso"])
    else:
        month = _MONTHS[(m["month"] or m["month2"]).lower()]
        try:
            iso = date(int(m["year"] or m["year2"]), month, int(m["day"] or m["day2"])).isoformat()
        except ValueError:
            return None
    if iso is None:
        return None
    end = m.end()
    while end > m.start() and text[end - 1] in " \t":
        end -= 1
    return Dateline(start=m.start(), end=end, date=iso)


def _place_dateline(text: str) -> Dateline | None:
    m = _PLACE_DATELINE.match(text)
    if not m:
        return None
    place = m["place"]
    if (place and place.split()[0].rstrip(",") in _NOT_PLACE) or text[m.end()].islower():
        return None  # a label such as "BREAKING -", or "NEW YORK-based firms ..." (prose)
    iso = None
    if m["year"]:
        try:
            iso = date(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"])).isoformat()
        except ValueError:
            iso = None
    end = m.end()
    while end > m.start() and text[end - 1] in " \t":
        end -= 1
    return Dateline(start=m.start(), end=end, date=iso, place=place, credit=m["credit"] or m["credit2"])


def headline_of(text: str) -> str | None:
    """The first line when it reads as a headline: short, no closing punctuation, more follows."""
    nl = text.find("\n")
    if nl <= 0 or not text[nl:].strip():
        return None
    first = text[:nl].strip()
    if not first or len(first) > _MAX_TITLE or not any(c.isalpha() for c in first):
        return None
    bare = first.rstrip(_CLOSERS)
    if not bare or bare[-1] in _TERMINAL:
        return None
    if _NOT_HEADLINE.match(first) or _TWO_SENTENCES.search(first) or "Photo:" in first:
        return None
    return first


def read_text(raw: str, src: Source) -> RawDocument | Problem:
    """A plain-text file as one document (``raw`` decoded and normalised)."""
    parsed = parse_plain_text(raw)
    if not parsed.text:
        return problem(src.place(), E_NO_TEXT, "no article text after the header lines")
    if not _LETTER.search(parsed.text):
        return problem(src.place(), E_NO_TEXT, "text has no words (only digits or symbols)")
    url = parsed.header("url")
    return RawDocument(
        key=url or src.key(),
        place=src.place(),
        format="text",
        text=parsed.text,
        source=parsed.header("source"),
        url=url,
        path=src.resolved,
        title=parsed.title,
        published=parsed.published,
        author=parsed.header("author"),
        language=parsed.header("language"),
        dateline=parsed.dateline,
    )
