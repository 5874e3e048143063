"""Bad input never raises: each unreadable thing is one Problem naming the place and the reason,
with a stable code, and everything readable in the same run still comes out."""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest

from crosscheck.ingest import ReadLimits, ReadStats, iter_documents
from crosscheck.ingest.base import CODES
from crosscheck.model import Problem, RawDocument
from tests.ingest.fixtures import Story, html_page, load_fnc1, write_warc


@pytest.fixture(scope="module")
def stories(shared_data: Path) -> list[Story]:
    return load_fnc1(shared_data, 6)


def _split(items: list[RawDocument | Problem]) -> tuple[list[RawDocument], list[Problem]]:
    return (
        [i for i in items if isinstance(i, RawDocument)],
        [i for i in items if isinstance(i, Problem)],
    )


def _one_problem(path: Path, limits: ReadLimits | None = None) -> Problem:
    items = list(iter_documents([path], limits))
    assert len(items) == 1 and isinstance(items[0], Problem), items
    problem = items[0]
    assert problem.place == str(path)
    assert "\n" not in str(problem) and problem.code in CODES
    return problem


BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200),
    "nul-bytes": b"looks like text\x00\x00\x00 but is not\x00" * 10,
}


@pytest.mark.parametrize("name", sorted(BINARIES), ids=sorted(BINARIES))
def test_binary_junk(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"junk.{name}.txt"
    path.write_bytes(BINARIES[name])
    assert _one_problem(path).code == "E102"


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  \n"], ids=["zero-bytes", "whitespace"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _one_problem(path).code == "E101"


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mangled.txt"
    # control bytes and invalid UTF-8 that no single-byte Western reading accepts either
    path.write_bytes(bytes(b % 31 + 1 for b in range(200)) + b"\xc3\x28\xa0\xa1\xe2\x28\xa1" * 20)
    assert _one_problem(path).code == "E103"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "The caf\u00e9\u2019s owner said \u201cno comment\u201d \u2013 twice, for 5\u20ac."),
        ("latin-1", "\u00c7a co\u00fbte cher \u00e0 Z\u00fcrich, na\u00efve fa\u00e7ade, \u00bd prix."),
        ("utf-16", "UTF-16 with a byte-order mark: caf\u00e9."),
        ("utf-8-sig", "UTF-8 with a byte-order mark: caf\u00e9."),
    ],
    ids=["windows-1252", "latin-1", "utf-16-bom", "utf-8-bom"],
)
def test_legacy_encodings_decode(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes((text + "\r\nSecond line.\r\n").encode(encoding))
    [doc] = list(iter_documents([path]))
    assert isinstance(doc, RawDocument)
    assert doc.text == text + "\nSecond line."


def test_file_over_size_limit_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"This file is mostly a hole. ")
        fh.truncate(100 * 1024 * 1024)
    t0 = time.perf_counter()
    problem = _one_problem(path)
    assert time.perf_counter() - t0 < 2.0
    assert problem.code == "E104" and "100.0 MB" in problem.reason


def test_configurable_size_limit(tmp_path: Path, stories: list[Story]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(stories[0].body, encoding="utf-8")
    assert _one_problem(path, ReadLimits(max_file_bytes=100)).code == "E104"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "<!DOCTYPE html><html><body><script>" + "var x = 1;" * 5000 + "</script></body></html>",
        "<html><body>" + "<div>" * 50_000 + "deep" + "</div>" * 50_000 + "</body></html>",
    ],
    ids=["navigation-only", "script-only", "deeply-nested"],
)
def test_html_without_article(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    assert _one_problem(path).code == "E105"


def test_hostile_markup_does_not_crash(tmp_path: Path, stories: list[Story]) -> None:
    entities = '<!ENTITY a0 "boom">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE x [{entities}]>'
    (tmp_path / "bomb.html").write_text(bomb + "<html><body><p>&a9;</p></body></html>")
    (tmp_path / "bomb.rss").write_text(
        bomb + "<rss><channel><title>t</title><item><title>i</title>"
        "<description>&a9;</description></item></channel></rss>"
    )
    page = html_page(stories[0]).replace("</article>", "<p>Unclosed <b><i><table><tr><td>cell"
                                         + "&#xFFFFFFFF; &#0; &bogus; <<<>>> " * 50)
    (tmp_path / "broken.html").write_text(page, encoding="utf-8")
    t0 = time.perf_counter()
    docs, problems = _split(list(iter_documents([tmp_path])))
    assert time.perf_counter() - t0 < 10
    assert all(len(d.text) < 100_000 for d in docs)  # no entity expansion
    assert any(d.place.endswith("broken.html") and stories[0].body[:60] in d.text for d in docs)
    assert all(p.code in CODES for p in problems)


def test_jsonl_with_broken_lines(tmp_path: Path, stories: list[Story]) -> None:
    good = [json.dumps({"maintext": s.body, "url": s.url}) for s in stories[:3]]
    lines = [good[0], "{broken json", good[1], "[1, 2, 3]", json.dumps({"title": "no text"}),
             "", good[2], json.dumps({"maintext": s.body for s in stories[3:4]})[:50]]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, problems = _split(list(iter_documents([path])))
    assert [d.url for d in docs] == [s.url for s in stories[:3]]
    assert [(p.place, p.code) for p in problems] == [
        (f"{path} line 2", "E106"), (f"{path} line 4", "E106"), (f"{path} line 5", "E105"),
        (f"{path} line 8", "E106"),
    ]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_truncated_warc_yields_records_read_so_far(tmp_path: Path, stories: list[Story], gz: bool) -> None:
    from warcio.archiveiterator import ArchiveIterator

    full = tmp_path / "full.warc"
    write_warc(full, stories, gzip=gz)
    with full.open("rb") as fh:  # byte offset of the 3rd page's response record (record 6)
        it = ArchiveIterator(fh)
        offsets = [it.offset for _ in it]
    cut = offsets[5] + 300
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(full.read_bytes()[:cut])
    docs, problems = _split(list(iter_documents([path])))
    assert [d.url for d in docs] == [s.url for s in stories[:2]]
    assert len(problems) == 1 and problems[0].code == "E107"
    assert problems[0].place == f"{path} record 6"
    assert str(offsets[5]) in problems[0].reason


def test_corrupt_warc_middle(tmp_path: Path, stories: list[Story]) -> None:
    full = tmp_path / "full.warc.gz"
    write_warc(full, stories, gzip=True)
    data = full.read_bytes()
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(data[: len(data) // 2] + b"\x00garbage\xff" * 50 + data[len(data) // 2 :])
    docs, problems = _split(list(iter_documents([path])))
    assert len(problems) == 1 and problems[0].code == "E107" and "record" in problems[0].place
    assert 0 < len(docs) < len(stories)


def test_warc_record_limit(tmp_path: Path, stories: list[Story]) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, stories[:2], gzip=True)
    docs, problems = _split(list(iter_documents([path], ReadLimits(max_record_bytes=1000))))
    assert docs == [] and [p.code for p in problems] == ["E104", "E104"]


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl", "deep"], ids=["json", "jsonl", "no-extension"])
def test_deeply_nested_json(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("[" * 200_000 + "]" * 200_000)
    [problem] = list(iter_documents([path]))
    assert isinstance(problem, Problem)
    expected = {"deep.json": ("", "E106"), "deep.jsonl": (" line 1", "E106"), "deep": ("", "E105")}
    assert (problem.place, problem.code) == (f"{path}{expected[name][0]}", expected[name][1])


def test_gzip_that_is_not_warc(tmp_path: Path, stories: list[Story]) -> None:
    path = tmp_path / "bodies.txt.gz"
    path.write_bytes(gzip.compress(stories[0].body.encode()))
    assert _one_problem(path).code == "E108"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><a>1</a></settings>')
    assert _one_problem(path).code == "E108"


def test_feed_entry_without_text(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        "<rss><channel><title>T</title><item><title>Only a title</title>"
        "<link>https://t.example/1</link></item></channel></rss>"
    )
    [problem] = list(iter_documents([path]))
    assert isinstance(problem, Problem)
    assert (problem.place, problem.code) == (f"{path} entry 1", "E105")


def test_missing_path_and_good_files_in_one_run(tmp_path: Path, stories: list[Story]) -> None:
    (tmp_path / "ok.txt").write_text(stories[0].body, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    missing = tmp_path / "nope" / "missing.txt"
    docs, problems = _split(list(iter_documents([missing, tmp_path])))
    assert len(docs) == 1
    assert [(p.place, p.code) for p in problems] == [
        (str(missing), "E109"), (str(tmp_path / "empty.txt"), "E101"),
    ]


def test_warc_wrong_content_length_is_one_note_not_warcio_noise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (b"<html><head><title>Crane</title></head><body><article><p>A harbour crane collapsed on "
            b"Tuesday, the port authority said.</p><p>Two workers were hurt, the fire service said.</p>"
            b"</article></body></html>")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://h.example/1", "response", payload=io.BytesIO(page), length=len(page), http_headers=http))
    data = buf.getvalue()
    at = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    path = tmp_path / "understated.warc"
    path.write_bytes(data[:at] + str(int(data[at:end]) - 5).encode() + data[end:])
    stats = ReadStats()
    docs, problems = _split(list(iter_documents([path], stats=stats)))
    assert len(docs) == 1 and problems == []
    assert len(stats.notes) == 1 and str(path) in stats.notes[0] and "Content-Length" in stats.notes[0]
    assert "WARNING" not in capsys.readouterr().err
