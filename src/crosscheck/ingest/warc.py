"""WARC and WARC.gz crawl archives through warcio, streamed record by record.

``response`` records with status 200 and an HTML content type go to the page extractor, with
``url`` = WARC-Target-URI (unless the page names a canonical URL) and the date from the page,
else its dateline, else WARC-Date. Every other record (requests, metadata, images, redirects)
is skipped silently and counted in ``ReadStats.skipped_records``. Where warcio finds a record not
followed by the blank line the format requires (a wrong Content-Length), it would print a
three-line warning of its own; we silence that and add one line to ``ReadStats.notes`` instead.

Archives are often gigabytes, so the whole-file size limit does not apply; each record is held to
``ReadLimits.max_record_bytes`` instead, for what is actually read: a record whose Content-Length
understates what follows it (``Content-Length: 2000`` and then a gigabyte of zeros, a 1 MB
``.warc.gz``) is refused with E104 once the bytes after its block pass the limit, read in bounded
lines and thrown away, and reading resumes at the next record (the next gzip member, or the next
line that starts a WARC record). warcio stops quietly at a truncated end, so we check
ourselves: an uncompressed record whose block is shorter than its Content-Length, or a gzip
archive whose last complete member ends before the file does, yields E107 naming the record
number and byte offset, after every record read before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from crosscheck.ingest.base import (
    E_TOO_LARGE,
    E_TRUNCATED_WARC,
    E_UNDECODABLE,
    ReadLimits,
    ReadStats,
    Source,
    human_size,
    problem,
)
from crosscheck.ingest.decode import decode_bytes
from crosscheck.model import Problem, RawDocument

__all__ = ["read_warc", "HTML_TYPES"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


def read_warc(
    fh: BinaryIO, src: Source, limits: ReadLimits, stats: ReadStats
) -> Iterator[RawDocument | Problem]:
    """Every HTML page in the archive open at ``fh`` (positioned at its start)."""
    from warcio.archiveiterator import ArchiveIterator

    size = _file_size(fh)
    it = ArchiveIterator(fh, check_digests=False)
    it.INC_RECORD = ""  # this instance only: its stderr warning becomes our note below
    trailing = _TrailingBytes(it, limits.max_record_bytes)
    try:
        yield from _records(it, fh, size, src, limits, stats, trailing)
    finally:
        if it.err_count:
            stats.notes.append(
                f"{src.place()}: {it.err_count} WARC record(s) not followed by the blank line the format "
                "requires (a Content-Length may be wrong); read as far as possible"
            )


def _records(
    it: Any, fh: BinaryIO, size: int | None, src: Source, limits: ReadLimits, stats: ReadStats,
    trailing: _TrailingBytes,
) -> Iterator[RawDocument | Problem]:
    n = 0
    offset = 0
    pending: RawDocument | Problem | None = None  # held until the bytes after its block are read
    try:
        for record in it:
            if n and (item := trailing.verdict(pending, src, n, offset)) is not None:
                yield item
            pending = None
            n += 1
            offset = it.offset
            pending = _read_record(record, n, offset, src, limits, stats)
            if _drained_short(record):
                yield _truncated(src, n, offset, "record is shorter than its Content-Length")
                return
    except Exception as exc:  # warcio raises assorted errors on corrupt bytes; report, keep going
        if n and (item := trailing.verdict(pending, src, n, offset)) is not None:
            yield item
        yield _truncated(src, n + 1, it.offset, f"unreadable record ({_short(exc)})")
        return
    if n and (item := trailing.verdict(pending, src, n, offset)) is not None:
        yield item
    if size is not None and it.offset < size and _has_bytes_after(fh, it.offset):
        yield _truncated(src, n + 1, it.offset, "archive ends inside a record")


def _read_record(
    record: Any, n: int, offset: int, src: Source, limits: ReadLimits, stats: ReadStats
) -> RawDocument | Problem | None:
    if not _is_html_page(record):
        stats.skipped_records += 1
        return None
    locator = f"record {n}"
    if (record.length or 0) > limits.max_record_bytes:
        return problem(
            src.place(locator),
            E_TOO_LARGE,
            f"record at byte {offset} is {human_size(record.length)}, above the "
            f"{human_size(limits.max_record_bytes)} per-record limit",
        )
    body = record.content_stream().read(limits.max_record_bytes + 1)
    content_type = record.http_headers.get_header("Content-Type") or ""
    decoded = decode_bytes(body, _charset(content_type))
    if decoded is None:
        return problem(src.place(locator), E_UNDECODABLE, "page bytes decode as no known encoding")
    if (note := decoded.note(src.place(locator))) is not None:
        stats.notes.append(note)
    from crosscheck.ingest.html import read_page

    return read_page(
        decoded.text,
        src,
        locator=locator,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fallback_date=record.rec_headers.get_header("WARC-Date"),
        fmt="warc",
    )


# A WARC or HTTP header line longer than this is not a header: warcio reads lines whole, so one
# "line" of a gigabyte of zeros would be a gigabyte in memory. Well above any real header (URLs
# are capped at a few KB by browsers and servers).
_MAX_LINE = 64 * 1024


class _TrailingBytes:
    """Reads what follows a record's block in bounded lines, as warcio's own blank-line skipping
    does, but counting: bytes past ``limit`` make that record refused (E104), and the bytes are
    skipped to the next record rather than held."""

    def __init__(self, it: Any, limit: int) -> None:
        self.it, self.limit = it, limit
        self.junk = 0  # bytes after the last record's block that were not blank lines
        reader = it.reader
        read_line = reader.readline
        reader.readline = lambda length=None: read_line(min(length or _MAX_LINE, _MAX_LINE))
        it._consume_blanklines = self._consume

    def _consume(self) -> tuple[bytes | None, int]:
        """warcio's ``_consume_blanklines`` contract: the next record's first line (or None at the
        end of the member or file) and the number of bytes skipped."""
        skipped = 0
        self.junk = 0
        while True:
            line = self.it.reader.readline()
            if not line:
                return None, skipped
            if line.startswith(b"WARC/") or (self.junk and line.strip() and self.it.known_format == "arc"):
                return line, skipped
            skipped += len(line)
            if line.strip():
                if self.junk == 0:
                    self.it.err_count += 1  # the wrong-Content-Length note, as warcio counts it
                self.junk += len(line)

    def verdict(self, item: RawDocument | Problem | None, src: Source, n: int, offset: int) -> RawDocument | Problem | None:
        if self.junk > self.limit:
            self.it.err_count -= 1  # refused, so not also "read as far as possible"
            return problem(
                src.place(f"record {n}"),
                E_TOO_LARGE,
                f"record at byte {offset} is followed by {human_size(self.junk)} its Content-Length does not "
                f"count, above the {human_size(self.limit)} per-record limit; skipped to the next record",
            )
        return item


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            import codecs

            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                return None
    return None


def _drained_short(record: Any) -> bool:
    """Read what is left of the record's block; True when the file ended before it did."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    return getattr(raw, "limit", 0) > 0


def _has_bytes_after(fh: BinaryIO, offset: int) -> bool:
    try:
        fh.seek(offset)
        return bool(fh.read(_CHUNK).strip())
    except OSError:
        return True


def _file_size(fh: BinaryIO) -> int | None:
    try:
        here = fh.tell()
        end = fh.seek(0, 2)
        fh.seek(here)
        return end
    except OSError:
        return None


def _truncated(src: Source, n: int, offset: int, why: str) -> Problem:
    return problem(
        src.place(f"record {n}"),
        E_TRUNCATED_WARC,
        f"truncated or corrupt WARC at byte {offset}: {why}; records before it were read",
    )


def _short(exc: BaseException) -> str:
    return (str(exc).split("\n")[0][:120] or type(exc).__name__).strip()
