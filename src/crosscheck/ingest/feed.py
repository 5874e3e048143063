"""RSS and Atom feeds with full content, through feedparser (which also copes with broken XML,
every date format feeds use, and sanitises entry HTML).

Per entry: text from the longest ``content[].value``, else ``summary`` (HTML flattened one
paragraph per line); ``title``, ``link``, ``published`` (else ``updated``), ``author``; the
source is the feed's title, else the host of the feed's or entry's link. An entry with no text is
a Problem (E105) naming "file entry N"; a feed with no entries at all is one Problem.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator, Mapping
from typing import Any

from crosscheck.ingest.base import (
    E_NO_TEXT,
    E_UNKNOWN_FORMAT,
    Source,
    clean_str,
    iso_date,
    problem,
    url_host,
)
from crosscheck.ingest.html import fragment_text
from crosscheck.ingest.text import find_dateline
from crosscheck.model import Problem, RawDocument

__all__ = ["read_feed"]


def read_feed(data: bytes, src: Source) -> Iterator[RawDocument | Problem]:
    """Every entry of the feed in ``data`` (raw bytes: feedparser reads the XML's encoding)."""
    parsed = _parse(data)
    if parsed is None:
        yield problem(src.place(), E_UNKNOWN_FORMAT, "feed could not be parsed")
        return
    entries = parsed.get("entries") or []
    if not entries:
        reason = "feed has no entries"
        if parsed.get("bozo"):
            why = _short(parsed.get("bozo_exception"))
            reason = f"malformed feed with no readable entries ({why})"
        yield problem(src.place(), E_NO_TEXT, reason)
        return
    channel = parsed.get("feed") or {}
    source = clean_str(channel.get("title")) or url_host(channel.get("link"))
    language = clean_str(channel.get("language"))
    for n, entry in enumerate(entries, start=1):
        yield _entry_document(entry, n, src, source, language)


def _parse(data: bytes) -> Any:
    import feedparser

    try:
        # a stream, never a string: feedparser fetches strings that look like URLs
        return feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    except Exception:  # feedparser is meant not to raise; if it does, the feed is unreadable
        return None


def _entry_document(
    entry: Mapping[str, Any], n: int, src: Source, source: str | None, language: str | None
) -> RawDocument | Problem:
    locator = f"entry {n}"
    text = fragment_text(_entry_body(entry))
    if not text:
        return problem(src.place(locator), E_NO_TEXT, "feed entry has no content or summary text")
    link = clean_str(entry.get("link"))
    dateline = find_dateline(text)
    published = (
        _struct_date(entry.get("published_parsed"))
        or _struct_date(entry.get("updated_parsed"))
        or iso_date(entry.get("published"))
        or (dateline.date if dateline else None)
    )
    title = entry.get("title")
    return RawDocument(
        key=link or src.key(locator),
        place=src.place(locator),
        format="feed",
        text=text,
        source=source or url_host(link),
        url=link,
        path=src.resolved,
        title=clean_str(fragment_text(title)) if isinstance(title, str) else None,
        published=published,
        author=clean_str(entry.get("author")),
        language=language,
        dateline=dateline,
        extra={"entry_id": entry["id"]} if isinstance(entry.get("id"), str) else {},
    )


def _entry_body(entry: Mapping[str, Any]) -> str:
    raw = [c.get("value") for c in entry.get("content") or [] if isinstance(c, Mapping)]
    values: list[str] = [v for v in raw if isinstance(v, str) and v.strip()]
    if values:
        return max(values, key=len)
    summary = entry.get("summary")
    return summary if isinstance(summary, str) else ""


def _struct_date(value: Any) -> str | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return time.strftime("%Y-%m-%d", value)
    except (ValueError, OverflowError):
        return None


def _short(exc: Any) -> str:
    return str(exc).split("\n")[0][:120] if exc else "unknown error"
