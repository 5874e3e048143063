"""Every format reads real articles: the seeds as given, FNC-1 bodies and ECB+ documents turned
into HTML pages, JSONL/JSON exports, RSS/Atom feeds and WARC(.gz) archives in tmp_path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from crosscheck.ingest import ReadStats, iter_documents
from crosscheck.model import Problem, RawDocument
from tests.ingest.fixtures import (
    Story,
    atom_feed,
    html_page,
    load_ecbplus,
    load_fnc1,
    paragraphs,
    rss_feed,
    squash,
    write_warc,
)


def _docs(paths: list[Path], stats: ReadStats | None = None) -> list[RawDocument]:
    items = list(iter_documents(paths, stats=stats))
    problems = [i for i in items if isinstance(i, Problem)]
    assert problems == [], [str(p) for p in problems]
    return [i for i in items if isinstance(i, RawDocument)]


@pytest.fixture(scope="module")
def stories(shared_data: Path) -> list[Story]:
    return load_fnc1(shared_data, 12) + load_ecbplus(shared_data, 6)


# -- plain text: the seeds ------------------------------------------------------------------------


def test_seed_000_header_date_and_dateline(seeds_dir: Path) -> None:
    [doc] = _docs(sorted(seeds_dir.glob("000_*.txt")))
    assert doc.format == "text"
    assert doc.published == "2024-12-10"
    assert doc.dateline is not None
    assert doc.text[doc.dateline.start : doc.dateline.end] == "Monday, December 09, 2024 -"
    assert doc.dateline.date == "2024-12-09"
    assert not doc.text.startswith(" date")  # the header is metadata, not text
    assert doc.text == doc.text.strip()
    assert doc.title is None and doc.source is None


def test_seed_001_headline_title_no_date(seeds_dir: Path) -> None:
    path = next(iter(sorted(seeds_dir.glob("001_*.txt"))))
    [doc] = _docs([path])
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0].strip()
    assert doc.title == first_line
    assert doc.text.startswith(first_line)  # the headline stays in the text
    assert doc.published is None and doc.dateline is None


def test_seeds_keys_and_places(seeds_dir: Path) -> None:
    docs = _docs([seeds_dir])
    assert len(docs) == 2
    for doc in docs:
        assert doc.key == str(Path(doc.path).resolve())
        assert doc.place.startswith(str(seeds_dir))
        assert "\r" not in doc.text


def test_text_with_header_block(tmp_path: Path, stories: list[Story]) -> None:
    s = stories[0]
    (tmp_path / "a.txt").write_text(
        f" date {s.date}\n source Fixture Gazette\n url {s.url}\n title {s.title}\n\n\n{s.body}\n\n",
        encoding="utf-8",
    )
    [doc] = _docs([tmp_path])
    assert (doc.published, doc.source, doc.url, doc.key, doc.title) == (
        s.date, "Fixture Gazette", s.url, s.url, s.title,
    )
    assert doc.text == s.body


def test_text_without_extension_is_detected(tmp_path: Path, stories: list[Story]) -> None:
    (tmp_path / "ARTICLE").write_text(stories[1].body, encoding="utf-8")
    [doc] = _docs([tmp_path])
    assert doc.format == "text" and doc.text == stories[1].body


# -- HTML -----------------------------------------------------------------------------------------


def test_html_pages_from_real_bodies(tmp_path: Path, stories: list[Story]) -> None:
    for s in stories:
        (tmp_path / f"{s.ident}.html").write_text(html_page(s), encoding="utf-8")
    docs = _docs([tmp_path])
    assert len(docs) == len(stories)
    by_url = {d.url: d for d in docs}
    for s in stories:
        doc = by_url[s.url]
        assert doc.format == "html" and doc.key == s.url  # canonical URL is the key
        assert squash(s.body) in squash(doc.text)
        assert (doc.title, doc.published, doc.source, doc.author) == (s.title, s.date, s.site, s.author)
        assert "All rights reserved" not in doc.text and "World" not in doc.text.split("\n")[0]
        assert "\n\n" not in doc.text  # one paragraph per line


def test_html_misnamed_as_txt_and_windows_1252(tmp_path: Path, stories: list[Story]) -> None:
    s = stories[2]
    page = html_page(s).replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("</article>", "<p>Caf\u00e9 \u201cquoted\u201d \u2013 5\u20ac.</p></article>")
    (tmp_path / "saved.txt").write_bytes(page.encode("cp1252", errors="replace"))
    [doc] = _docs([tmp_path])
    assert doc.format == "html"
    assert "Caf\u00e9 \u201cquoted\u201d \u2013 5\u20ac." in doc.text


# -- JSONL / JSON ---------------------------------------------------------------------------------


def _news_please(s: Story) -> dict[str, object]:
    return {
        "title": s.title, "maintext": s.body, "date_publish": f"{s.date} 09:30:00", "url": s.url,
        "source_domain": "gazette.example", "authors": [s.author, "Second Fixture"],
        "language": "en", "description": "fixture description", "image_url": None,
    }


def test_jsonl_news_please_shape(tmp_path: Path, stories: list[Story]) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(_news_please(s)) + "\n" for s in stories), encoding="utf-8")
    docs = _docs([path])
    assert [d.url for d in docs] == [s.url for s in stories]
    for n, (doc, s) in enumerate(zip(docs, stories), start=1):
        assert doc.text == s.body and doc.format == "jsonl"
        assert doc.place == f"{path} line {n}"
        assert (doc.title, doc.published, doc.source, doc.language) == (s.title, s.date, "gazette.example", "en")
        assert doc.author == f"{s.author}, Second Fixture"
        assert doc.extra["description"] == "fixture description"


def test_jsonl_alternative_keys_and_path_key(tmp_path: Path, stories: list[Story]) -> None:
    path = tmp_path / "other.ndjson"
    rows = [{"text": s.body, "published": s.date} for s in stories[:3]]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    docs = _docs([path])
    assert [d.key for d in docs] == [f"{path.resolve()}#line {n}" for n in (1, 2, 3)]
    assert [d.published for d in docs] == [s.date for s in stories[:3]]
    assert all(d.source is None for d in docs)


@pytest.mark.parametrize("wrapped", [False, True], ids=["bare-list", "api-response"])
def test_json_newsapi_shape(tmp_path: Path, stories: list[Story], wrapped: bool) -> None:
    s = stories[4]
    path = tmp_path / "newsapi.json"
    records = [{"source": {"id": None, "name": "Fixture Gazette"}, "author": s.author,
                "title": s.title, "url": s.url, "publishedAt": f"{s.date}T08:00:00Z", "content": s.body}]
    payload: object = {"status": "ok", "totalResults": 1, "articles": records} if wrapped else records
    path.write_text(json.dumps(payload), encoding="utf-8")
    [doc] = _docs([path])
    assert (doc.source, doc.published, doc.author, doc.text) == (s.site, s.date, s.author, s.body)
    assert doc.place == f"{path} record 1"


def test_json_object_without_text_or_list_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "status.json"
    path.write_text(json.dumps({"status": "error", "articles": "none"}), encoding="utf-8")
    [item] = list(iter_documents([path]))
    assert isinstance(item, Problem) and item.code == "E105"


@pytest.mark.parametrize("shape", ["object", "list"], ids=["one-object", "list-of-objects"])
def test_json_file(tmp_path: Path, stories: list[Story], shape: str) -> None:
    path = tmp_path / "export.json"
    if shape == "object":
        path.write_text(json.dumps(_news_please(stories[0]), indent=2), encoding="utf-8")
        expected = [(stories[0].url, f"{path}")]
    else:
        path.write_text(json.dumps([_news_please(s) for s in stories[:4]], indent=2), encoding="utf-8")
        expected = [(s.url, f"{path} record {n}") for n, s in enumerate(stories[:4], start=1)]
    docs = _docs([path])
    assert [(d.url, d.place) for d in docs] == expected
    assert all(d.format == "json" for d in docs)


# -- feeds ----------------------------------------------------------------------------------------


def test_rss_full_content(tmp_path: Path, stories: list[Story]) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(rss_feed(stories), encoding="utf-8")
    docs = _docs([path])
    assert len(docs) == len(stories)
    for n, (doc, s) in enumerate(zip(docs, stories), start=1):
        assert doc.format == "feed" and doc.place == f"{path} entry {n}"
        assert doc.text == "\n".join(paragraphs(s.body))
        assert (doc.key, doc.title, doc.published, doc.source, doc.language) == (
            s.url, s.title, s.date, "Fixture Gazette", "en",
        )


def test_atom_feed_detected_without_extension(tmp_path: Path, stories: list[Story]) -> None:
    path = tmp_path / "atom-export"
    path.write_text(atom_feed(stories[:5]), encoding="utf-8")
    docs = _docs([path])
    assert [d.url for d in docs] == [s.url for s in stories[:5]]
    for doc, s in zip(docs, stories):
        assert doc.text == "\n".join(paragraphs(s.body))
        assert (doc.published, doc.author, doc.source) == (s.date, s.author, "Fixture Atom")


# -- WARC -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses(tmp_path: Path, stories: list[Story], gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    counts = write_warc(path, stories, gzip=gz)
    stats = ReadStats()
    docs = _docs([path], stats)
    assert len(docs) == counts["html"] == len(stories)
    assert stats.skipped_records == counts["other"]
    for i, (doc, s) in enumerate(zip(docs, stories)):
        assert doc.format == "warc" and doc.url == s.url and doc.key == s.url
        assert doc.place == f"{path} record {2 * i + 2}"  # after each page's request record
        assert squash(s.body) in squash(doc.text)
        assert doc.published == s.date  # from the page (even) or the WARC-Date (odd)
        assert doc.source == s.site


def test_warc_named_without_extension(tmp_path: Path, stories: list[Story]) -> None:
    write_warc(tmp_path / "crawl.warc.gz", stories[:2], gzip=True)
    shutil.move(tmp_path / "crawl.warc.gz", tmp_path / "crawl.bin")
    assert len(_docs([tmp_path])) == 2


def test_html_declared_charset_is_honoured(tmp_path: Path, stories: list[Story]) -> None:
    # our own Cyrillic sentence: windows-1251 bytes that a Western reading would garble
    own = "\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u043e\u0439 \u0441\u043e\u0432\u0435\u0442 \u0441\u043e\u0431\u0440\u0430\u043b\u0441\u044f \u0432 \u043f\u044f\u0442\u043d\u0438\u0446\u0443."
    page = html_page(stories[3]).replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    page = page.replace("</article>", f"<p>{own}</p></article>")
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251", errors="replace"))
    [doc] = _docs([tmp_path])
    assert own in doc.text


def test_ecbplus_documents_as_jsonl(tmp_path: Path, shared_data: Path) -> None:
    ecb = load_ecbplus(shared_data, 25)
    path = tmp_path / "ecb.jsonl"
    path.write_text("".join(json.dumps({"text": s.body, "title": s.title}) + "\n" for s in ecb),
                    encoding="utf-8")
    docs = _docs([path])
    assert [(d.text, d.title) for d in docs] == [(s.body, s.title) for s in ecb]


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("notes", "[Updated] The council met on Friday.\nIt voted twice.", "text"),
        ("export.txt", '{"maintext": "A story.", "url": "https://x.example/1"}\n{"text": "B."}', "jsonl"),
        ("dump", '{\n  "maintext": "A story told in one object."\n}', "json"),
    ],
    ids=["bracket-text", "jsonl-named-txt", "pretty-json-no-extension"],
)
def test_json_detected_by_content(tmp_path: Path, name: str, content: str, fmt: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert {d.format for d in _docs([tmp_path])} == {fmt}
