"""Walk the paths a user gave and hand each file to the reader its content calls for.

Files are visited in sorted order (deterministic runs, reproducible reports); hidden files and
folders (``.git``, ``.DS_Store``) are skipped inside folders but read when named explicitly.
Nothing here raises for bad input: every unreadable file, line or record becomes a ``Problem``
and the walk goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from crosscheck.ingest.base import (
    E_BINARY,
    E_EMPTY,
    E_NOT_FOUND,
    E_TOO_LARGE,
    E_UNDECODABLE,
    E_UNEXPECTED,
    E_UNKNOWN_FORMAT,
    E_UNREADABLE,
    ReadLimits,
    ReadStats,
    Source,
    human_size,
    problem,
)
from crosscheck.ingest.decode import decode_bytes
from crosscheck.ingest.detect import HEAD_BYTES, sniff_bytes, sniff_text
from crosscheck.model import Problem, RawDocument

__all__ = ["iter_documents", "iter_files", "read_file"]

Item = RawDocument | Problem


def iter_documents(
    paths: Iterable[Path | str], limits: ReadLimits | None = None, stats: ReadStats | None = None,
    exclude: Iterable[Path | str] = (),
) -> Iterator[Item]:
    """Every article in ``paths`` (files or folders, recursively) as a RawDocument, and every
    input that could not be read as a Problem. ``stats``, if given, is filled in as we go.
    ``exclude``: files never read, named or found in a folder (the store's own files)."""
    limits = limits or ReadLimits()
    stats = stats if stats is not None else ReadStats()
    for entry in iter_files(paths, stats, exclude):
        if isinstance(entry, Problem):
            stats.problems += 1
            yield entry
            continue
        stats.files += 1
        for item in read_file(entry[0], entry[1], limits, stats):
            if isinstance(item, Problem):
                stats.problems += 1
            else:
                stats.documents += 1
                stats.formats[item.format] = stats.formats.get(item.format, 0) + 1
            yield item


def iter_files(
    paths: Iterable[Path | str], stats: ReadStats | None = None, exclude: Iterable[Path | str] = ()
) -> Iterator[tuple[Path, Source] | Problem]:
    """(path, Source) for each file to read, in order; a Problem for each path that is missing."""
    skip = _Excluded(exclude)
    for given in paths:
        shown = str(given)
        path = Path(given)
        if path.is_file():
            if not skip(path):
                yield path, Source.of(path, shown)
        elif path.is_dir():
            yield from (e for e in _walk(path, shown, stats) if isinstance(e, Problem) or not skip(e[0]))
        elif path.exists() or path.is_symlink():
            yield problem(shown, E_UNREADABLE, "not a regular file or folder (or a broken link)")
        else:
            yield problem(shown, E_NOT_FOUND, "no such file or folder")


class _Excluded:
    """Is a path one of the excluded files? Compared by name first, so a walk over a big folder
    resolves only the few files that share a name with an excluded one."""

    def __init__(self, paths: Iterable[Path | str]) -> None:
        self.resolved = {os.path.realpath(p) for p in paths}
        self.names = {os.path.basename(p) for p in self.resolved}

    def __call__(self, path: Path) -> bool:
        return path.name in self.names and os.path.realpath(path) in self.resolved


def _walk(
    root: Path, shown: str, stats: ReadStats | None
) -> Iterator[tuple[Path, Source] | Problem]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        yield from (_unlistable(e, root, shown) for e in errors)
        errors.clear()
        hidden = sum(1 for n in dirs + files if n.startswith("."))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if stats is not None:
            stats.skipped_hidden += hidden
        rel = os.path.relpath(folder, root)
        for name in sorted(files):
            path = Path(folder, name)
            if name.startswith(".") or not path.is_file():
                continue
            label = os.path.join(shown, name) if rel == "." else os.path.join(shown, rel, name)
            yield path, Source.of(path, label)
    yield from (_unlistable(e, root, shown) for e in errors)


def _unlistable(err: OSError, root: Path, shown: str) -> Problem:
    where = os.path.join(shown, os.path.relpath(err.filename or root, root))
    return problem(os.path.normpath(where), E_UNREADABLE, f"cannot list folder: {err.strerror}")


def read_file(path: Path, src: Source, limits: ReadLimits, stats: ReadStats) -> Iterator[Item]:
    """All documents in one file; a Problem for what cannot be read."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield problem(src.place(), E_UNREADABLE, f"cannot open: {exc.strerror or exc}")
        return
    with fh:
        try:
            yield from _read_open_file(fh, path, src, limits, stats)
        except OSError as exc:
            yield problem(src.place(), E_UNREADABLE, f"read error: {exc.strerror or exc}")
        except Exception as exc:
            # A library failing in a way we did not foresee must not end a run over thousands
            # of files: the file is reported (E100, "please report") and the walk goes on.
            yield problem(src.place(), E_UNEXPECTED, f"unexpected {type(exc).__name__} while "
                          f"reading ({str(exc)[:120]}); please report this file")


def _read_open_file(
    fh: BinaryIO, path: Path, src: Source, limits: ReadLimits, stats: ReadStats
) -> Iterator[Item]:
    size = os.fstat(fh.fileno()).st_size
    head = fh.read(HEAD_BYTES)
    if not head:
        yield problem(src.place(), E_EMPTY, "empty file (0 bytes)")
        return
    kind = sniff_bytes(head)
    if kind.kind in ("warc", "gzip-warc"):
        from crosscheck.ingest.warc import read_warc

        fh.seek(0)
        yield from read_warc(fh, src, limits, stats)
        return
    if kind.kind == "gzip":
        yield problem(src.place(), E_UNKNOWN_FORMAT, "gzip-compressed file that is not a WARC "
                      "archive; decompress it first")
        return
    # Size before content: a huge file is refused from its first 64 KB, whatever it holds.
    if size > limits.max_file_bytes:
        yield problem(
            src.place(),
            E_TOO_LARGE,
            f"file is {human_size(size)}, above the {human_size(limits.max_file_bytes)} limit "
            "(raise max_file_mb under [ingest] in a --config file to read it)",
        )
        return
    if kind.kind == "binary":
        yield problem(src.place(), E_BINARY, f"binary file: {kind.what}")
        return
    data = head + fh.read(limits.max_file_bytes + 1 - len(head))
    yield from read_bytes(data, path, src, stats)


def read_bytes(data: bytes, path: Path, src: Source, stats: ReadStats | None = None) -> Iterator[Item]:
    """Decode a whole (non-WARC) file and read it as text, HTML, JSON(L) or a feed."""
    if not data.strip():
        yield problem(src.place(), E_EMPTY, "empty file (only whitespace)")
        return
    decoded = decode_bytes(data)
    if decoded is None:
        yield problem(src.place(), E_UNDECODABLE, "undecodable bytes: not UTF-8, Windows-1252, "
                      "Latin-1 or any encoding charset-normalizer recognises")
        return
    note = decoded.note(src.place())
    if note and stats is not None:
        stats.notes.append(note)
    fmt = sniff_text(decoded.text, path.suffix.lower())
    if fmt == "feed":
        from crosscheck.ingest.feed import read_feed

        yield from read_feed(data, src)  # the raw bytes: feedparser honours the XML's encoding
    else:
        yield from _dispatch(decoded.text, fmt, src)


def _dispatch(text: str, fmt: str, src: Source) -> Iterator[Item]:
    if fmt == "text":
        from crosscheck.ingest.text import read_text

        yield read_text(text, src)
    elif fmt == "html":
        from crosscheck.ingest.html import read_page

        yield read_page(text, src)
    elif fmt in ("json", "jsonl"):
        from crosscheck.ingest.jsonl import read_json, read_jsonl

        yield from (read_jsonl if fmt == "jsonl" else read_json)(text, src)
    else:
        yield problem(src.place(), E_UNKNOWN_FORMAT, "XML that is neither an RSS/Atom feed nor "
                      "an HTML page")
