"""Build reader fixtures from real data at run time (never committed): FNC-1 bodies and ECB+
documents turned into HTML pages, JSONL exports, RSS/Atom feeds and WARC archives in tmp_path.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = [
    "Story",
    "load_fnc1",
    "load_ecbplus",
    "paragraphs",
    "squash",
    "html_page",
    "rss_feed",
    "atom_feed",
    "write_warc",
]


@dataclass(frozen=True)
class Story:
    """One real article body with invented, clearly fake metadata around it."""

    ident: str
    body: str
    title: str
    url: str
    date: str  # ISO date
    site: str = "Fixture Gazette"
    author: str = "Desk Fixture"


def _fnc1_title(body: str) -> str:
    # the first few words of the body: real text, no headline needed from the stances file
    words = body.split()[:8]
    return " ".join(words).rstrip(".,;:!?\"'") or "Untitled"


def load_fnc1(shared_data: Path, n: int) -> list[Story]:
    path = shared_data / "fnc1" / "train_bodies.csv"
    if not path.is_file():
        pytest.skip(f"FNC-1 bodies not found at {path}")
    stories: list[Story] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            body = row["articleBody"].strip()
            if len(body) < 400:  # the page extractor needs an article-sized body to find
                continue
            i = row["Body ID"]
            day = 1 + int(i) % 28
            stories.append(
                Story(f"fnc1-{i}", body, _fnc1_title(body), f"https://fnc1.example/body/{i}",
                      f"2016-03-{day:02d}")
            )
            if len(stories) == n:
                break
    return stories


def _detok(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return text.replace(" 's", "'s").replace("`` ", '"').replace(" ''", '"')


def load_ecbplus(shared_data: Path, n: int) -> list[Story]:
    path = shared_data / "ecbplus" / "documents.jsonl"
    if not path.is_file():
        pytest.skip(f"ECB+ documents not found at {path}")
    stories: list[Story] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            sentences = [_detok(s["tokens"]) for s in doc["sentences"]]
            body = "\n".join(s for s in sentences[1:] if s)
            if len(body) < 400:
                continue
            ident = doc["doc_id"]
            stories.append(
                Story(f"ecb-{ident}", body, sentences[0][:150].strip(), f"https://ecb.example/{ident}",
                      "2008-09-0" + str(1 + len(stories) % 9), site="ECB Fixture Wire")
            )
            if len(stories) == n:
                break
    return stories


def paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in body.split("\n") if p.strip()]


def squash(text: str) -> str:
    """Whitespace-insensitive form for comparing extracted with original text."""
    return " ".join(text.split())


def html_page(s: Story, *, canonical: bool = True, with_date: bool = True) -> str:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(s.body))
    head = [
        '<meta charset="utf-8">',
        f"<title>{html.escape(s.title)} | {html.escape(s.site)}</title>",
        f'<meta property="og:title" content="{html.escape(s.title)}">',
        f'<meta property="og:site_name" content="{html.escape(s.site)}">',
        f'<meta name="author" content="{html.escape(s.author)}">',
    ]
    if canonical:
        head.append(f'<link rel="canonical" href="{s.url}">')
    if with_date:
        head.append(f'<meta property="article:published_time" content="{s.date}T09:30:00Z">')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head>" + "\n".join(head) + "</head><body>"
        '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
        f"<main><article><h1>{html.escape(s.title)}</h1>\n{paras}\n</article></main>"
        "<footer><p>All rights reserved.</p></footer></body></html>\n"
    )


def _content_html(s: Story) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(s.body))


def rss_feed(stories: list[Story], title: str = "Fixture Gazette") -> str:
    items = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>{s.url}</link>"
        f"<guid>{s.url}</guid><pubDate>{_rfc822(s.date)}</pubDate>"
        f"<content:encoded><![CDATA[{_content_html(s)}]]></content:encoded></item>\n"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{html.escape(title)}</title><link>https://gazette.example/</link>"
        f"<language>en</language>\n{items}</channel></rss>\n"
    )


def atom_feed(stories: list[Story], title: str = "Fixture Atom") -> str:
    entries = "".join(
        f"<entry><title>{html.escape(s.title)}</title><link href=\"{s.url}\"/><id>{s.url}</id>"
        f"<updated>{s.date}T12:00:00Z</updated><author><name>{s.author}</name></author>"
        f'<content type="html">{html.escape(_content_html(s))}</content></entry>\n'
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{html.escape(title)}</title><link href="https://atom.example/"/>'
        f"<id>https://atom.example/</id><updated>2016-03-01T00:00:00Z</updated>\n{entries}</feed>\n"
    )


def _rfc822(iso: str) -> str:
    from datetime import date

    d = date.fromisoformat(iso)
    return d.strftime("%a, %d %b %Y 10:00:00 GMT")


def write_warc(path: Path, stories: list[Story], *, gzip: bool) -> dict[str, int]:
    """Per story: a request, an HTML 200 response; plus an image, a 404 and a metadata record.

    Even-numbered pages carry a published date; odd ones have only the WARC-Date (= ``date``).
    Returns counts: ``html`` (responses that should become documents) and ``other``.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    counts = {"html": 0, "other": 0}
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)

        def add(uri: str, kind: str, payload: bytes, status: str | None = None, ctype: str = "",
                date: str = "2016-03-05") -> None:
            headers = None
            if status is not None:
                headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                uri, kind, payload=io.BytesIO(payload), length=len(payload), http_headers=headers,
                warc_content_type="application/warc-fields" if kind == "metadata" else "",
                warc_headers_dict={"WARC-Date": f"{date}T10:00:00Z"},
            )
            writer.write_record(rec)

        for i, s in enumerate(stories):
            add(s.url, "request", f"GET /{i} HTTP/1.1\r\nHost: example\r\n\r\n".encode())
            page = html_page(s, canonical=False, with_date=i % 2 == 0).encode("utf-8")
            add(s.url, "response", page, "200 OK", "text/html; charset=utf-8", date=s.date)
            counts["html"] += 1
            counts["other"] += 1
        add("https://fnc1.example/logo.png", "response", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "200 OK", "image/png")
        add("https://fnc1.example/missing", "response", b"<html><body>gone</body></html>", "404 Not Found",
            "text/html")
        add("https://fnc1.example/", "metadata", b"via: fixture\r\n")
        counts["other"] += 3
    return counts
