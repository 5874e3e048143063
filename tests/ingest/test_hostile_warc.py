"""A WARC record that lies about its length: ``Content-Length: 2000``, then a gigabyte of zeros in
the same gzip member (a 1 MB ``.warc.gz``). The per-record limit must hold for what is read,
streamed: the record is refused with E104, the records after it and the other files still land,
and the ingest's peak memory stays far below the gigabyte (measured, in a child process)."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GIB = 1 << 30
# Measured 156 MB for this ingest (the segmenter's model is most of it); before the fix the same
# file with a fifth of the zeros took 523 MB and exited 0. 400 MB leaves room for noise.
PEAK_RSS_MB = 400


def _page(title: str, sentence: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><article><p>{sentence}</p><p>{sentence}</p></article></body></html>".encode()


def _good_member(url: str, title: str, sentence: str) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    page = _page(title, sentence)
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page), length=len(page), http_headers=http))
    return buf.getvalue()


def _lying_member(zeros: int) -> bytes:
    """One gzip member: a record declaring 2,000 bytes, then ``zeros`` zero bytes. Built from one
    compressed megabyte repeated (each ends in a full flush, so the blocks stand alone)."""
    page = _page("Ferry", "The island ferry was cancelled on Monday because of the storm, the operator said.")
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page).ljust(2000, b" ")
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"WARC-Target-URI: https://lie.example/1\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 2000\r\n\r\n" + block
    )
    mb = b"\0" * (1 << 20)
    first, repeat = zlib.compressobj(9, zlib.DEFLATED, -15), zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = [first.compress(head) + first.flush(zlib.Z_FULL_FLUSH)]
    deflated += [repeat.compress(mb) + repeat.flush(zlib.Z_FULL_FLUSH)] * (zeros >> 20)
    deflated.append(zlib.compressobj(9, zlib.DEFLATED, -15).flush())  # the final empty block
    crc = zlib.crc32(head)
    for _ in range(zeros >> 20):
        crc = zlib.crc32(mb, crc)
    trailer = struct.pack("<II", crc, (len(head) + zeros) & 0xFFFFFFFF)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + b"".join(deflated) + trailer


_MEASURE = """
import resource, subprocess, sys
proc = subprocess.run([sys.executable, "-m", "crosscheck", *sys.argv[1:]], capture_output=True, text=True)
print(proc.stderr, file=sys.stderr)
print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def test_warc_record_lying_about_its_length_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    crawl = folder / "crawl.warc.gz"
    crawl.write_bytes(
        _good_member("https://ok.example/1", "Bridge", "The old bridge reopened to traffic on Friday after repairs, the council said.")
        + _lying_member(GIB)
        + _good_member("https://ok.example/2", "Crane", "A harbour crane collapsed on Tuesday and two workers were hurt, the port said.")
    )
    assert crawl.stat().st_size < 3 * (1 << 20)
    (folder / "note.txt").write_text("Rain closed the mountain pass.\nThe road will reopen on Sunday, police said.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, "ingest", str(folder), "--db", str(db)], capture_output=True, text=True, timeout=600
    )
    code, peak_mb = map(int, proc.stdout.split())
    assert code == 1, proc.stderr
    refused = [line for line in proc.stderr.splitlines() if "[E104]" in line]
    assert len(refused) == 1 and f"{crawl} record 2:" in refused[0], proc.stderr
    assert "read 3, new 3" in proc.stderr and "skipped 1" in proc.stderr, proc.stderr
    assert peak_mb < PEAK_RSS_MB, f"peak {peak_mb} MB"
    from crosscheck.store import open_store

    store = open_store(db)
    titles = sorted(a.title or "" for a in store.iter_articles())
    store.close()
    assert "Ferry" not in titles and len(titles) == 3


def test_uncompressed_warc_junk_after_a_record_is_skipped_to_the_next_record(tmp_path: Path) -> None:
    from crosscheck.ingest import ReadLimits, iter_documents
    from crosscheck.model import Problem, RawDocument

    def record(url: str, title: str) -> bytes:
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = _page(title, f"The {title.lower()} story was reported on Monday, officials said.")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page), length=len(page), http_headers=http))
        return buf.getvalue()

    path = tmp_path / "plain.warc"
    path.write_bytes(record("https://a.example/1", "First") + b"x" * (3 << 20) + b"\r\n" + record("https://a.example/2", "Second"))
    items = list(iter_documents([path], ReadLimits(max_record_bytes=1 << 20)))
    assert [type(i).__name__ for i in items] == ["Problem", "RawDocument"]
    assert isinstance(items[0], Problem) and items[0].code == "E104" and items[0].place == f"{path} record 1"
    assert isinstance(items[1], RawDocument) and items[1].title == "Second"
