"""Bytes to text: byte-order mark, declared charset, UTF-8, then a Western or detected encoding.

The order follows what browsers do (BOM, then the page's own declaration) and then what news
archives hold in practice (UTF-8, else Windows-1252 / Latin-1). charset-normalizer is asked only
when those fail, and not first, because on short Western text it guesses wrong: measured on
one-line English/French/German samples encoded as Windows-1252 it answered cp850 or cp1250, which
turns curly quotes and euro signs into other letters. Written by hand for that reason: the
Western check below is a small rule, charset-normalizer does the rest.

Every text leaves here with newlines as "\\n" and in Unicode NFC, so offsets mean the same thing
whatever the file's origin. ``decode_bytes`` never raises; ``None`` means undecodable.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Decoded", "decode_bytes", "declared_charset", "normalise_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LABEL = rb"([A-Za-z0-9._:-]{1,40})"
_XML_DECL = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']""" + _LABEL + rb"""["']""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?""" + _LABEL, re.I)
# The WHATWG encoding standard reads these labels as Windows-1252, and so do we: pages that say
# Latin-1 almost always contain Windows-1252 curly quotes and dashes.
_AS_CP1252 = {"iso8859-1", "latin-1", "iso-8859-1", "latin1", "ascii", "us-ascii", "cp1252", "l1"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A Windows-1252 reading is rejected when more than this share of its words (3+ letters) have no
# ASCII letter at all: Cyrillic or Greek single-byte text read as cp1252 turns every word into
# accented letters ("Ãîðîä"), while Western European words almost always keep some plain
# letters ("été", "Größe", "façade"); a Western text reaching 30% would be a few-word oddity.
_MAX_FOREIGN_WORDS = 0.3
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    # byte offsets of invalid bytes replaced with U+FFFD (mostly-UTF-8 input only); callers turn
    # them into one "note:" line naming the file and the first offset
    invalid_at: tuple[int, ...] = ()

    def note(self, place: str) -> str | None:
        if not self.invalid_at:
            return None
        n = len(self.invalid_at)
        more = f" (and {n - 1} more)" if n > 1 else ""
        return (f"{place}: invalid UTF-8 byte at offset {self.invalid_at[0]}{more} replaced with U+FFFD; "
                "the rest is UTF-8")


_ESCAPED = re.compile("[\udc80-\udcff]")  # one invalid byte each, under "surrogateescape"
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\ufffd]")


def normalise_text(text: str) -> str:
    """Newlines to "\\n", a stray leading BOM dropped, Unicode to NFC."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def declared_charset(head: bytes) -> str | None:
    """The charset an XML prolog or HTML ``<meta>`` declares in the first bytes, if any."""
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if label in _AS_CP1252 or name in _AS_CP1252 else name


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded | None:
    """Decode ``data``; ``declared`` is a charset from a transport header (HTTP, WARC)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            with_bom = _try(data, enc)
            if with_bom is not None:
                return Decoded(normalise_text(with_bom), enc)
    # UTF-8 before the declaration: bytes that are valid UTF-8 and not ASCII are UTF-8 in
    # practice, and pages often keep a stale "iso-8859-1" meta after being re-saved as UTF-8.
    as_utf8 = _try(data, "utf-8")
    if as_utf8 is not None:
        return Decoded(normalise_text(as_utf8), "utf-8")
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    for charset in (declared, declared_charset(data[:2048])):
        if charset and charset != "utf-8":
            text = _try(data, charset)
            if text is not None and not _CONTROL.search(text):
                return Decoded(normalise_text(text), charset)
    return _western(data) or _detected(data)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes ("Héllo" and one stray byte): the bad bytes become U+FFFD rather
    than the whole file turning into Windows-1252 mojibake ("HÃ©llo"). UTF-8 when at least as many
    characters decode as valid multi-byte UTF-8 as there are invalid bytes: Windows-1252 text
    almost never forms valid UTF-8 sequences, so its accented letters all count as invalid."""
    escaped = data.decode("utf-8", "surrogateescape")
    invalid, at, last = [], 0, 0
    for m in _ESCAPED.finditer(escaped):
        at += len(escaped[last : m.start()].encode("utf-8", "surrogateescape"))
        invalid.append(at)
        at, last = at + 1, m.end()
    text = _ESCAPED.sub("\ufffd", escaped)
    valid = len(_NON_ASCII_RUN.findall(text))
    if not invalid or valid < len(invalid) or _CONTROL.search(text):
        return None
    return Decoded(normalise_text(text), "utf-8", tuple(invalid))


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _western(data: bytes) -> Decoded | None:
    for enc in ("cp1252", "latin-1"):
        text = _try(data, enc)
        if text is None or _CONTROL.search(text):
            continue
        words = _WORD.findall(text)
        foreign = sum(1 for w in words if not any(c.isascii() for c in w))
        if foreign <= _MAX_FOREIGN_WORDS * len(words):
            return Decoded(normalise_text(text), enc)
    return None


def _detected(data: bytes) -> Decoded | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # a detector failure is an undecodable file, not a crash
        return None
    if best is None:
        return None
    text = str(best)
    if _CONTROL.search(text):
        return None
    return Decoded(normalise_text(text), best.encoding)
