"""Shared pieces of the readers: limits, Problem codes, keys, places and date normalising.

Every reader yields ``RawDocument`` or ``Problem`` and never raises for bad input; the codes below
are stable (tests and users match on them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from crosscheck.model import Problem

__all__ = [
    "ReadLimits",
    "ReadStats",
    "Source",
    "CODES",
    "E_UNEXPECTED",
    "E_EMPTY",
    "E_BINARY",
    "E_UNDECODABLE",
    "E_TOO_LARGE",
    "E_NO_TEXT",
    "E_BAD_JSON",
    "E_TRUNCATED_WARC",
    "E_UNKNOWN_FORMAT",
    "E_NOT_FOUND",
    "E_UNREADABLE",
    "problem",
    "human_size",
    "iso_date",
    "url_host",
    "clean_str",
]

E_UNEXPECTED = "E100"
E_EMPTY = "E101"
E_BINARY = "E102"
E_UNDECODABLE = "E103"
E_TOO_LARGE = "E104"
E_NO_TEXT = "E105"
E_BAD_JSON = "E106"
E_TRUNCATED_WARC = "E107"
E_UNKNOWN_FORMAT = "E108"
E_NOT_FOUND = "E109"
E_UNREADABLE = "E110"

CODES: dict[str, str] = {
    E_UNEXPECTED: "unexpected failure while reading (a bug: please report the file)",
    E_EMPTY: "empty file",
    E_BINARY: "binary file (not text)",
    E_UNDECODABLE: "bytes that decode as no known text encoding",
    E_TOO_LARGE: "file or record above the size limit",
    E_NO_TEXT: "no article text found",
    E_BAD_JSON: "malformed JSON line or record",
    E_TRUNCATED_WARC: "truncated or corrupt WARC archive",
    E_UNKNOWN_FORMAT: "format not recognised",
    E_NOT_FOUND: "path not found",
    E_UNREADABLE: "file cannot be opened (permissions or I/O error)",
}

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Size limits. ``max_file_bytes`` applies to whole files except WARC archives, which are
    streamed and limited per record with ``max_record_bytes`` (crawls are routinely gigabytes)."""

    # 50 MB: the largest single news page or export we expect to read whole; well above any
    # article (FNC-1's longest body is ~30 KB) and small enough to hold in memory safely.
    max_file_bytes: int = 50 * MB
    max_record_bytes: int = 50 * MB


@dataclass(slots=True)
class ReadStats:
    """Counters a caller may pass in to learn what was read and silently skipped."""

    files: int = 0
    documents: int = 0
    problems: int = 0
    skipped_records: int = 0  # WARC records that are not HTML 200 responses
    skipped_hidden: int = 0
    formats: dict[str, int] = field(default_factory=dict)
    # one line per input whose content was read but looked damaged (shown as "note:" lines)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: ``shown`` is the path as the user gave it, ``resolved`` is absolute."""

    shown: str
    resolved: str

    @classmethod
    def of(cls, path: Path, shown: str | None = None) -> Source:
        return cls(shown if shown is not None else str(path), str(path.resolve()))

    def place(self, locator: str | None = None) -> str:
        return f"{self.shown} {locator}" if locator else self.shown

    def key(self, anchor: str | None = None) -> str:
        return f"{self.resolved}#{anchor}" if anchor else self.resolved


def human_size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n:,} bytes"


def problem(place: str, code: str, detail: str | None = None) -> Problem:
    return Problem(place=place, reason=detail or CODES[code], code=code)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from what feeds, pages and exports write, or None.

    Tries ISO 8601 and RFC 2822 (feeds) by hand first because they cover nearly every input and
    cost microseconds; dateparser (slow to import) is only the last resort for free-form dates.
    """
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 100:
        return None
    m = _ISO_DATE.match(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return _dateparser_date(s)


def _dateparser_date(s: str) -> str | None:
    if not any(c.isdigit() for c in s):
        return None
    try:
        import dateparser

        parsed = dateparser.parse(s, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:  # dateparser raises assorted errors on odd strings; a bad date is no date
        return None
    return parsed.date().isoformat() if parsed else None


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def clean_str(value: object, limit: int = 1000) -> str | None:
    """A metadata value as a short single-line string, or None when absent or empty."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        parts = [clean_str(v, limit) for v in value]
        value = ", ".join(p for p in parts if p)
    elif not isinstance(value, str):
        if isinstance(value, (int, float)):
            value = str(value)
        else:
            return None
    s = " ".join(value.split())
    return s[:limit] if s else None
