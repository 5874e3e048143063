"""Published fact-checks as fact-checkers publish them: schema.org ClaimReview, read into one shape.

Shapes read (the format is told by content, not by the file name alone):

- **JSON-LD**: one ClaimReview object, a list of them, an ``@graph``, or any object holding them
  (a ``WebPage`` whose ``mainEntity`` or ``review`` is a ClaimReview): every object whose ``@type``
  is or includes ``ClaimReview`` is one record;
- **HTML pages**: each ``<script type="application/ld+json">`` block, read as above;
- **feeds**: JSON Lines with one object per line (a ClaimReview, or any of the shapes above), and the
  Fact Check Tools API shape (``{"claims": [{"text", "claimant", "claimDate", "claimReview": [...]}]}``);
- **CSV** with named columns (PolitiFact-style exports); see ``CSV_COLUMNS``.

A record is a ``ReviewRecord`` (plain fields) or a ``Problem`` with a stable code (``errors.FACTCHECK_CODES``);
one bad record or line never hides the others.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.errors import FACTCHECK_CODES
from crosscheck.ingest.base import clean_str, iso_date, url_host
from crosscheck.ingest.decode import decode_bytes
from crosscheck.model import Problem

__all__ = ["ReviewRecord", "read_factcheck_file", "read_text", "CSV_COLUMNS"]

# CSV column names (case and spacing ignored), first present wins. PolitiFact exports name them
# statement / speaker / verdict (or ruling) / statement_date / factchecker / factcheck_date / url.
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "claim": ("claimreviewed", "claim", "statement", "claim_text", "text"),
    "rating": ("alternatename", "rating", "verdict", "ruling", "textualrating", "truth_rating", "label"),
    "rating_value": ("ratingvalue", "rating_value"),
    "best_rating": ("bestrating", "best_rating"),
    "worst_rating": ("worstrating", "worst_rating"),
    "claim_author": ("claim_author", "speaker", "claimant", "statement_originator", "author"),
    "claim_date": ("claim_date", "statement_date", "stated_on", "claimdate"),
    "appearance": ("appearance", "first_appearance", "firstappearance", "statement_source", "claim_url"),
    "publisher": ("publisher", "factchecker", "fact_checker", "reviewer", "review_author"),
    "published": ("datepublished", "date_published", "factcheck_date", "review_date", "reviewdate", "ruling_date", "date"),
    "url": ("url", "review_url", "factcheck_url", "link"),
    "title": ("title", "headline", "name"),
    "language": ("language", "lang", "inlanguage", "languagecode"),
}
_LD_SCRIPT = re.compile(r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S)
_MONTH_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b", re.I)


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One ClaimReview as read: ``place`` names the file and record it came from."""

    place: str
    claim: str
    rating: str | None
    publisher: str | None
    published: str | None
    url: str | None
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    claim_author: str | None = None
    claim_date: str | None = None
    appearance: str | None = None
    title: str | None = None
    language: str | None = None


def _problem(place: str, code: str, detail: str | None = None) -> Problem:
    return Problem(place, detail or FACTCHECK_CODES[code], code)


def read_factcheck_file(path: Path, shown: str | None = None) -> Iterator[ReviewRecord | Problem]:
    """Every record of one file, good ones and problems, in file order."""
    place = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(place, f"cannot read the file ({exc.strerror or exc})", "E110")
        return
    decoded = decode_bytes(data)
    if decoded is None or not decoded.text.strip():
        yield _problem(place, "E120", "empty or undecodable file: " + FACTCHECK_CODES["E120"])
        return
    yield from read_text(decoded.text, place, path.suffix.lower())


def read_text(text: str, place: str, suffix: str = "") -> Iterator[ReviewRecord | Problem]:
    head = text.lstrip()[:1]
    if suffix in (".json", ".jsonl", ".ndjson", ".jsonld") and head not in ("{", "["):
        yield _problem(place, "E120", "not JSON: " + FACTCHECK_CODES["E120"])
    elif suffix in (".html", ".htm") or (head == "<" and _LD_SCRIPT.search(text)):
        yield from _read_html(text, place)
    elif suffix == ".csv" or (head not in ("{", "[", "<") and "," in text.split("\n", 1)[0]):
        yield from _read_csv(text, place)
    elif head in ("{", "["):
        yield from _read_json(text, place)
    else:
        yield _problem(place, "E120")


def _read_json(text: str, place: str) -> Iterator[ReviewRecord | Problem]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        doc = None
    if doc is not None:  # one document: an object, a list, a graph, an API response
        found = list(_records_in(doc, place))
        yield from found if found else [_problem(place, "E120")]
        return
    # JSON Lines: each line stands alone
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        here = f"{place} line {n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _problem(here, "E123", f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, (dict, list)):
            yield _problem(here, "E125")
            continue
        found = list(_records_in(obj, here))
        yield from found if found else [_problem(here, "E120", "no ClaimReview on this line")]


def _read_html(text: str, place: str) -> Iterator[ReviewRecord | Problem]:
    blocks = _LD_SCRIPT.findall(text)
    for k, raw in enumerate(blocks, 1):
        here = f"{place} ld+json block {k}" if len(blocks) > 1 else place
        body = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
        body = body.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
        try:
            doc = json.loads(body)
        except json.JSONDecodeError as exc:
            yield _problem(here, "E123", f"ld+json block is not valid JSON ({exc.msg} at line {exc.lineno})")
            continue
        yield from _records_in(doc, here)
    if not blocks:
        yield _problem(place, "E120", "the page has no application/ld+json block with a ClaimReview")


def _types(obj: Mapping[str, Any]) -> set[str]:
    t = obj.get("@type")
    names = t if isinstance(t, list) else [t]
    return {str(n).rsplit("/", 1)[-1] for n in names if n}


def _records_in(doc: Any, place: str) -> Iterator[ReviewRecord | Problem]:
    """Every ClaimReview inside ``doc`` (depth-first, document order)."""
    if isinstance(doc, list):
        many = len(doc) > 1
        for k, item in enumerate(doc, 1):
            here = f"{place} record {k}" if many else place
            if isinstance(item, (dict, list)):
                yield from _records_in(item, here)
            else:
                yield _problem(here, "E125")
        return
    if not isinstance(doc, dict):
        return
    if "ClaimReview" in _types(doc):
        yield _review(doc, place)
        return
    if isinstance(doc.get("claims"), list) and any(isinstance(c, dict) and "claimReview" in c for c in doc["claims"]):
        yield from _api_claims(doc["claims"], place)
        return
    if "claimReview" in doc and ("text" in doc or "claimant" in doc):  # one API claim on a JSONL line
        yield from _api_claims([doc], place)
        return
    for key in ("@graph", "mainEntity", "review", "itemListElement", "item", "hasPart"):
        if key in doc:
            yield from _records_in(doc[key], place)


def _name(value: Any) -> str | None:
    """A person or organisation as a name: a string, an object's ``name``, or a list's first."""
    if isinstance(value, list):
        return next((n for n in (_name(v) for v in value) if n), None)
    if isinstance(value, dict):
        return clean_str(value.get("name") or value.get("alternateName") or value.get("url"))
    return clean_str(value)


def _url(value: Any) -> str | None:
    if isinstance(value, list):
        return next((u for u in (_url(v) for v in value) if u), None)
    if isinstance(value, dict):
        return clean_str(value.get("url") or value.get("@id"))
    return clean_str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    s = clean_str(value, 40)
    return s.lower() if s else None


def _date(value: Any) -> str | None:
    s = clean_str(value, 200)
    if not s:
        return None
    found = iso_date(s)
    if found is None:
        m = _MONTH_DATE.search(s)  # "stated on October 22, 2019 in a campaign mailer."
        found = iso_date(m.group(0)) if m else None
    return found


def _review(obj: Mapping[str, Any], place: str) -> ReviewRecord | Problem:
    claim = clean_str(obj.get("claimReviewed"), 5000)
    found = obj.get("itemReviewed")
    item: dict[str, Any] = found if isinstance(found, dict) else {}
    if not claim:
        claim = clean_str(item.get("text") or item.get("name"), 5000)
    if not claim:
        return _problem(place, "E121")
    given = obj.get("reviewRating")
    if isinstance(given, list):
        given = next((r for r in given if isinstance(r, dict)), None)
    rating: dict[str, Any] = given if isinstance(given, dict) else {}
    label = clean_str(rating.get("alternateName") or rating.get("name"), 200)
    value = _number(rating.get("ratingValue"))
    if label is None and value is None:
        return _problem(place, "E122")
    url = clean_str(obj.get("url") or obj.get("@id"), 2000)
    appearance = item.get("firstAppearance") or item.get("appearance")
    return ReviewRecord(
        place=place, claim=claim, rating=label,
        publisher=_name(obj.get("author")) or _name(obj.get("publisher")) or url_host(url),
        published=_date(obj.get("datePublished") or obj.get("dateCreated")), url=url,
        rating_value=value, best_rating=_number(rating.get("bestRating")), worst_rating=_number(rating.get("worstRating")),
        claim_author=_name(item.get("author")), claim_date=_date(item.get("datePublished") or item.get("dateCreated")),
        appearance=_url(appearance), title=clean_str(obj.get("headline") or obj.get("name"), 500),
        language=_language(obj.get("inLanguage") or item.get("inLanguage")),
    )


def _api_claims(claims: list[Any], place: str) -> Iterator[ReviewRecord | Problem]:
    """The Fact Check Tools API shape: each claim with its reviews (one record per review)."""
    many = len(claims) > 1
    for k, c in enumerate(claims, 1):
        here = f"{place} claim {k}" if many else place
        if not isinstance(c, dict):
            yield _problem(here, "E125")
            continue
        text = clean_str(c.get("text"), 5000)
        reviews = [r for r in c.get("claimReview") or [] if isinstance(r, dict)]
        if not text:
            yield _problem(here, "E121")
            continue
        if not reviews:
            yield _problem(here, "E122")
            continue
        for j, r in enumerate(reviews, 1):
            at = f"{here} review {j}" if len(reviews) > 1 else here
            label = clean_str(r.get("textualRating"), 200)
            if not label:
                yield _problem(at, "E122")
                continue
            url = clean_str(r.get("url"), 2000)
            yield ReviewRecord(
                place=at, claim=text, rating=label, publisher=_name(r.get("publisher")) or url_host(url),
                published=_date(r.get("reviewDate")), url=url, claim_author=clean_str(c.get("claimant")),
                claim_date=_date(c.get("claimDate")), title=clean_str(r.get("title"), 500),
                language=_language(r.get("languageCode")),
            )


def _read_csv(text: str, place: str) -> Iterator[ReviewRecord | Problem]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield _problem(place, "E120")
        return
    names = ["".join(h.lower().split()).replace("-", "_") for h in header]
    col: dict[str, int] = {}
    for field, options in CSV_COLUMNS.items():
        for opt in options:
            if opt in names and names.index(opt) not in col.values():
                col[field] = names.index(opt)
                break
    if "claim" not in col:
        yield _problem(place, "E124", f"no claim column (one of {', '.join(CSV_COLUMNS['claim'])}); columns: {', '.join(header)}")
        return
    for n, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        here = f"{place} line {n}"

        def cell(field: str, row: list[str] = row) -> str | None:
            i = col.get(field)
            return clean_str(row[i], 5000) if i is not None and i < len(row) else None

        claim = cell("claim")
        if not claim:
            yield _problem(here, "E121")
            continue
        label, value = cell("rating"), _number(cell("rating_value"))
        if label is None and value is None:
            yield _problem(here, "E122")
            continue
        url = cell("url")
        yield ReviewRecord(
            place=here, claim=claim, rating=label, publisher=cell("publisher") or url_host(url),
            published=_date(cell("published")), url=url, rating_value=value,
            best_rating=_number(cell("best_rating")), worst_rating=_number(cell("worst_rating")),
            claim_author=cell("claim_author"), claim_date=_date(cell("claim_date")), appearance=cell("appearance"),
            title=cell("title"), language=_language(cell("language")),
        )
