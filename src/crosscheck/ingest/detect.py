"""Which reader a file needs: decided from its first bytes and text, the extension as tiebreak.

Content wins over the name because newsroom folders are full of misnamed files (pages saved as
``.txt``, exports without an extension); the extension only settles what content leaves open
(an XML file that is neither a feed nor a page, a JSON file that could be one object or lines).
Magic numbers are written out here rather than taken from python-magic/libmagic because we need a
dozen of them and the system library is not available everywhere we run.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass

__all__ = ["HEAD_BYTES", "ByteKind", "sniff_bytes", "sniff_text", "TEXT_FORMATS"]

HEAD_BYTES = 64 * 1024  # enough for any prolog, doctype or feed root element we look for

TEXT_FORMATS = ("text", "html", "feed", "json", "jsonl")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "empty ZIP archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE) document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00asm", "WebAssembly binary"),
)
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")


@dataclass(frozen=True, slots=True)
class ByteKind:
    """``kind`` is "warc", "gzip-warc", "gzip", "binary" or "textual"; ``what`` names a binary."""

    kind: str
    what: str = ""


def sniff_bytes(head: bytes) -> ByteKind:
    """Classify a file from its first bytes (at most ``HEAD_BYTES``)."""
    if head.startswith(b"WARC/"):
        return ByteKind("warc")
    if head.startswith(b"\x1f\x8b"):
        inner = _gunzip_head(head)
        return ByteKind("gzip-warc" if inner.startswith(b"WARC/") else "gzip", "gzip archive")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return ByteKind("binary", what)
    if head[4:8] == b"ftyp":
        return ByteKind("binary", "MP4/QuickTime media")
    if head[:4] == b"RIFF":
        return ByteKind("binary", "RIFF media (WebP/WAV/AVI)")
    if b"\x00" in head and not head.startswith(_UNICODE_BOMS):
        return ByteKind("binary", "it contains NUL bytes")
    return ByteKind("textual")


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_MARK = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|meta|title|div|p|main|section|h1)[\s>/]", re.I
)
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|body)[\s>]", re.I)


def sniff_text(text: str, suffix: str) -> str:
    """The format of decoded text: one of ``TEXT_FORMATS`` or "xml" (XML we cannot read).

    ``suffix`` is the lower-cased file extension with its dot (".html"), or "".
    """
    head = text[:HEAD_BYTES]
    stripped = head.lstrip()
    if stripped.startswith("<"):
        feed = _FEED_ROOT.search(head)
        page = _HTML_ROOT.search(head)
        if feed and (page is None or feed.start() < page.start()):
            return "feed"
        if page or _HTML_MARK.search(head) or suffix in (".html", ".htm", ".xhtml", ".shtml"):
            return "html"
        return "xml" if stripped.startswith("<?xml") else "text"
    if stripped.startswith(("{", "[")):
        if suffix in (".jsonl", ".ndjson", ".jsonlines"):
            return "jsonl"
        if suffix == ".json":
            return "json"
        return _json_by_content(stripped)
    if suffix in (".html", ".htm") and _HTML_MARK.search(head):
        return "html"
    return "text"


def _json_by_content(text: str) -> str:
    """JSON(L) only when it parses: "[Updated] Police said..." is an article, not broken JSON."""
    first = text.split("\n", 1)[0]
    try:
        if isinstance(json.loads(first), dict):
            return "jsonl" if text.strip().count("\n") else "json"
    except (ValueError, RecursionError):
        pass
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return "text"
    return "json"
