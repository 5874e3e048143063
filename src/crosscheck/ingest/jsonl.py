"""JSON Lines exports in the common news-crawler shape (news-please and friends), and ``.json``
files holding one such object or a list of them.

Keys read from each object (the first present, non-empty one wins; everything else is ignored):

=============  ============================================================================
field          keys
=============  ============================================================================
text           ``maintext``, ``text``, ``body``, ``content`` (HTML markup is flattened)
title          ``title``
published      ``date_publish``, ``date_published``, ``published``, ``publishedAt``, ``date``
url            ``url``, ``link``
source         ``source_domain``, ``source`` (a string, or an object's ``name``), ``outlet``,
               ``sitename``; else the URL's host
author         ``authors`` (list or string), ``author``
language       ``language``
description    ``description`` (kept in ``extra["description"]``)
=============  ============================================================================

A ``.json`` file may also wrap its list in an object, as news APIs return it: an object with none of
the text keys but a list under ``articles`` (NewsAPI, GDELT's DOC API), ``items``, ``results`` or
``data`` is read as that list.

A line that is not JSON, or JSON that is not an object, is Problem E106; an object with none of
the text keys is E105. Each line stands alone: one broken line never hides the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from crosscheck.ingest.base import (
    E_BAD_JSON,
    E_NO_TEXT,
    Source,
    clean_str,
    iso_date,
    problem,
    url_host,
)
from crosscheck.ingest.decode import normalise_text
from crosscheck.ingest.html import fragment_text
from crosscheck.ingest.text import find_dateline
from crosscheck.model import Problem, RawDocument

__all__ = ["read_jsonl", "read_json", "record_to_document", "TEXT_KEYS"]

TEXT_KEYS = ("maintext", "text", "body", "content")
TITLE_KEYS = ("title",)
DATE_KEYS = ("date_publish", "date_published", "published", "publishedAt", "date")
URL_KEYS = ("url", "link")
SOURCE_KEYS = ("source_domain", "source", "outlet", "sitename")
AUTHOR_KEYS = ("authors", "author")
WRAPPER_KEYS = ("articles", "items", "results", "data")
_LOOKS_LIKE_MARKUP = re.compile(r"^\s*<(?:p|div|html|body|article|section|span|h[1-6])[\s>]", re.I)


def read_jsonl(text: str, src: Source) -> Iterator[RawDocument | Problem]:
    """One document or Problem per non-blank line; ``place`` is "file line N" (1-based)."""
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        locator = f"line {n}"
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield problem(src.place(locator), E_BAD_JSON, f"malformed JSON ({_short(exc)})")
            continue
        yield record_to_document(obj, src, locator, "jsonl")


def read_json(text: str, src: Source) -> Iterator[RawDocument | Problem]:
    """A whole-file JSON object or list; falls back to JSON Lines when that is what it holds."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if text.strip().count("\n") >= 1:
            yield from read_jsonl(text, src)
        else:
            yield problem(src.place(), E_BAD_JSON, f"malformed JSON ({_short(exc)})")
        return
    if isinstance(data, dict) and not any(data.get(k) for k in TEXT_KEYS):
        key = next((k for k in WRAPPER_KEYS if isinstance(data.get(k), list)), None)
        data = data[key] if key is not None else data
    if isinstance(data, list):
        for n, obj in enumerate(data, start=1):
            yield record_to_document(obj, src, f"record {n}", "json")
    else:
        yield record_to_document(data, src, None, "json")


def record_to_document(
    obj: Any, src: Source, locator: str | None, fmt: str
) -> RawDocument | Problem:
    place = src.place(locator)
    if not isinstance(obj, Mapping):
        return problem(place, E_BAD_JSON, f"JSON {type(obj).__name__} where an object was expected")
    raw_text = _first(obj, TEXT_KEYS)
    if raw_text is None:
        return problem(place, E_NO_TEXT, f"no article text (looked for {', '.join(TEXT_KEYS)})")
    text = fragment_text(raw_text) if _LOOKS_LIKE_MARKUP.match(raw_text) else _plain(raw_text)
    if not text:
        return problem(place, E_NO_TEXT, "article text is empty")
    url = clean_str(_first(obj, URL_KEYS))
    dateline = find_dateline(text)
    published = iso_date(_first(obj, DATE_KEYS)) or (dateline.date if dateline else None)
    description = clean_str(obj.get("description"))
    return RawDocument(
        key=url or src.key(locator),
        place=place,
        format=fmt,
        text=text,
        source=_source(obj) or url_host(url),
        url=url,
        path=src.resolved,
        title=clean_str(_first(obj, TITLE_KEYS)),
        published=published,
        author=clean_str(_first(obj, AUTHOR_KEYS, allow_list=True)),
        language=clean_str(obj.get("language")),
        dateline=dateline,
        extra={"description": description} if description else {},
    )


def _first(obj: Mapping[str, Any], keys: tuple[str, ...], allow_list: bool = False) -> Any:
    for k in keys:
        v = obj.get(k)
        if isinstance(v, str) and v.strip():
            return v
        if allow_list and isinstance(v, list) and any(isinstance(x, str) and x.strip() for x in v):
            return v
    return None


def _source(obj: Mapping[str, Any]) -> str | None:
    nested = obj.get("source")
    if isinstance(nested, Mapping):  # NewsAPI-style {"source": {"id": ..., "name": ...}}
        return clean_str(nested.get("name"))
    return clean_str(_first(obj, SOURCE_KEYS))


def _plain(text: str) -> str:
    return normalise_text(text).strip()


def _short(exc: BaseException) -> str:
    return str(exc).split("\n")[0][:120] or type(exc).__name__
