"""Plain-text conventions on hand-written cases: header block, datelines, headline lines."""

from __future__ import annotations

import pytest

from crosscheck.ingest.decode import decode_bytes, declared_charset
from crosscheck.ingest.text import find_dateline, headline_of, parse_plain_text


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("Monday, December 09, 2024 - The council met.", "Monday, December 09, 2024 -", "2024-12-09"),
        ("Dec. 9, 2024 \u2014 The council met.", "Dec. 9, 2024 \u2014", "2024-12-09"),
        ("9 December 2024 | The council met.", "9 December 2024 |", "2024-12-09"),
        ("2024-12-09 - The council met.", "2024-12-09 -", "2024-12-09"),
        ("March 3rd, 2021\nThe council met.", "March 3rd, 2021", "2021-03-03"),
    ],
    ids=["weekday-long", "abbreviated-em-dash", "day-month-pipe", "iso", "own-line"],
)
def test_datelines(text: str, span: str, iso: str) -> None:
    found = find_dateline(text)
    assert found is not None and text[found.start : found.end] == span and found.date == iso


@pytest.mark.parametrize(
    "text",
    ["The council met on Monday, December 09, 2024.", "February 30, 2024 - impossible date.",
     "May the council meet - nobody knows.", "NEW YORK-based lenders - all of them - fell.",
     "BREAKING - The council met.", "NASA said - again - that it would wait.",
     "The COUNCIL (Town) - met."],
    ids=["date-mid-sentence", "invalid-date", "may-not-a-month-here", "hyphenated-prose", "label",
         "acronym-sentence", "sentence-case"],
)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "span", "place", "iso", "credit"),
    [
        ("WASHINGTON (Reuters) - The council met.", "WASHINGTON (Reuters) -", "WASHINGTON", None, "Reuters"),
        ("PORT LOUIS, Mauritius \u2014 The council met.", "PORT LOUIS, Mauritius \u2014", "PORT LOUIS, Mauritius", None, None),
        ("KALMAR, Sept. 4 (Fixture Wire) -- Rain fell.", "KALMAR, Sept. 4 (Fixture Wire) --", "KALMAR", None, "Fixture Wire"),
        ("OSLO, Nov 3, 2025 (Wire) - Rain fell.", "OSLO, Nov 3, 2025 (Wire) -", "OSLO", "2025-11-03", "Wire"),
        ("(Gazette) -- \u201cWe are ready,\u201d she said.", "(Gazette) --", None, None, "Gazette"),
        ("TRIPOLI\u2014Rain fell.", "TRIPOLI\u2014", "TRIPOLI", None, None),
    ],
    ids=["wire", "place-and-country", "month-day", "full-date", "credit-only", "no-spaces"],
)
def test_place_datelines(text: str, span: str, place: str | None, iso: str | None, credit: str | None) -> None:
    found = find_dateline(text)
    assert found is not None and text[found.start : found.end] == span
    assert (found.place, found.date, found.credit) == (place, iso, credit)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Council votes to close the old bridge\nThe council voted on Friday.", "Council votes to close the old bridge"),
        ("\u2018Never again\u2019, says mayor\nThe mayor said it twice.", "\u2018Never again\u2019, says mayor"),
        ("The council voted on Friday.\nIt was close.", None),
        ("Council votes to close the old bridge", None),
        ("By Jane Example\nThe council voted.", None),
        ("Updated at 10:45 p.m. ET\nThe council voted.", None),
        ("Bridge closed. Photo: Agency\nThe council voted.", None),
        ("HARBOUR TOWN, Somewhere -\nThe council voted.", None),
        ("x" * 201 + "\nThe council voted.", None),
    ],
    ids=["plain", "quoted", "sentence", "nothing-follows", "byline", "updated", "caption",
         "place-dateline", "too-long"],
)
def test_headlines(text: str, title: str | None) -> None:
    assert headline_of(text) == title


def test_header_block_and_blank_lines() -> None:
    raw = "\n date 2024-12-10 \n source The Example Post\n url https://post.example/a\n\n\n\nBody line one.\nTwo.\n\n"
    parsed = parse_plain_text(raw)
    assert parsed.headers == (("date", "2024-12-10"), ("source", "The Example Post"),
                              ("url", "https://post.example/a"))
    assert parsed.text == "Body line one.\nTwo." and parsed.published == "2024-12-10"


@pytest.mark.parametrize(
    "raw",
    ["Source code of the app leaked on Friday.\nMore.", "date night ended early\nMore.",
     "Title IX rules change\nMore.", " url not-a-url\nMore."],
    ids=["capitalised-prose", "date-word", "title-word", "bad-url"],
)
def test_prose_is_not_a_header(raw: str) -> None:
    parsed = parse_plain_text(raw)
    assert parsed.headers == () and parsed.text == raw.strip()


def test_declared_charsets() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>') == "cp1252"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">') == "koi8-r"
    assert declared_charset(b"<meta charset=nonsense-label>") is None
    decoded = decode_bytes("\u00e9t\u00e9 \u2013 caf\u00e9".encode("cp1252"))
    assert decoded is not None and decoded.text == "\u00e9t\u00e9 \u2013 caf\u00e9"
