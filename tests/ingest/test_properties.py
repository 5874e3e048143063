"""Property tests: decoding never crashes; header/dateline offsets slice what they claim;
reading the same files twice gives the same documents and problems in the same order."""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.ingest import iter_documents
from crosscheck.ingest.decode import decode_bytes
from crosscheck.ingest.text import find_dateline, parse_plain_text

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=2000))
def test_decoding_arbitrary_bytes_never_crashes(data: bytes) -> None:
    decoded = decode_bytes(data)
    if decoded is not None:
        assert "\r" not in decoded.text
        assert unicodedata.is_normalized("NFC", decoded.text)


@FAST
@given(st.text(max_size=300), st.sampled_from(["utf-8", "cp1252", "utf-16", "utf-8-sig"]))
def test_decoding_round_trips_text(text: str, encoding: str) -> None:
    # NUL is binary for us; and UTF-16 LE "\x00..." shares its first four bytes with UTF-32's BOM
    text = text.replace("\x00", "")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    decoded = decode_bytes(data)
    expected = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if encoding == "utf-8" or encoding.startswith("utf-"):
        assert decoded is not None and decoded.text == expected.removeprefix("\ufeff")


_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_prose = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]) | st.just("\n"),
    max_size=200,
)


@st.composite
def _dateline(draw: st.DrawFn) -> tuple[str, str]:
    d = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
    style = draw(st.integers(0, 3))
    if style == 0:
        written = f"{_WEEKDAYS[d.weekday()]}, {_MONTHS[d.month - 1]} {d.day:02d}, {d.year}"
    elif style == 1:
        written = f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"
    elif style == 2:
        written = f"{d.day} {_MONTHS[d.month - 1][:3]} {d.year}"
    else:
        written = d.isoformat()
    dash = draw(st.sampled_from([" -", " \u2013", " \u2014", " |"]))
    return written + dash, d.isoformat()


@FAST
@given(
    st.lists(st.sampled_from(["date 2024-12-10", "source Fixture", "url https://x.example/a",
                              "author A. Writer"]), max_size=4, unique=True),
    _dateline() | st.none(),
    _prose,
)
def test_header_and_dateline_offsets_slice_the_text(
    headers: list[str], dateline: tuple[str, str] | None, body: str
) -> None:
    story = ("A. " + body.strip()) if body.strip() else "A story."
    head = "".join(f" {h}\n" for h in headers)
    lead = f"{dateline[0]} " if dateline else ""
    parsed = parse_plain_text(f"{head}\n\n{lead}{story}\n\n")
    assert parsed.text == f"{lead}{story}".strip()
    assert [f"{k} {v}" for k, v in parsed.headers] == headers
    if dateline:
        assert parsed.dateline is not None
        span = parsed.text[parsed.dateline.start : parsed.dateline.end]
        assert span == dateline[0] and parsed.dateline.date == dateline[1]
        assert parsed.published == ("2024-12-10" if headers.count("date 2024-12-10") else dateline[1])


@FAST
@given(_prose)
def test_any_text_parses_and_dateline_is_a_prefix(raw: str) -> None:
    parsed = parse_plain_text(raw)
    assert parsed.text == parsed.text.strip()
    found = find_dateline(parsed.text)
    if found is not None:
        assert found.start == 0 and 0 < found.end <= len(parsed.text)
        date.fromisoformat(found.date)
    if parsed.title is not None:
        assert parsed.text.startswith(parsed.title)


_FILE_CONTENT = st.one_of(
    st.binary(max_size=300),
    _prose.map(lambda t: t.encode("utf-8")),
    st.sampled_from([
        b'{"maintext": "A story.", "url": "https://x.example/1"}\n{bad\n',
        b"<rss><channel><title>T</title><item><description>Hi there.</description></item>"
        b"</channel></rss>",
        b" date 2024-01-02\n\nMonday, January 01, 2024 - It happened.",
        b"",
    ]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["a.txt", "b.jsonl", "c", "d.xml", ".hidden", "sub/e.txt",
                                        "sub/f.json", "z.html"]), _FILE_CONTENT, max_size=6))
def test_iter_documents_is_deterministic(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        first = list(iter_documents([root]))
        second = list(iter_documents([root]))
    assert first == second
    assert [(type(i).__name__, getattr(i, "extra", None)) for i in first] == [
        (type(i).__name__, getattr(i, "extra", None)) for i in second
    ]
    assert not any(".hidden" in i.place for i in first)
    assert len(first) >= sum(1 for n in files if not n.startswith("."))
