"""HTML pages: main text and metadata through trafilatura; fragments (feed entries) through lxml.

trafilatura finds the article in a page (main text, title, author, date, site name, canonical
URL) far better than anything we would write, so pages go to it whole. It never fetches: we hand
it markup only. Feed entries are *fragments* (a few paragraphs with no page around them) and
trafilatura's page heuristics (a 250-character minimum, boilerplate scoring) are built for whole
pages; a fragment needs no article-finding, only flattening, so ``fragment_text`` does that with
lxml by hand, one block per line, with scripts and styles dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crosscheck.ingest.base import E_NO_TEXT, Source, clean_str, iso_date, problem, url_host
from crosscheck.ingest.decode import normalise_text
from crosscheck.ingest.text import find_dateline
from crosscheck.model import Problem, RawDocument

__all__ = [
    "PageExtract",
    "extract_page",
    "fragment_text",
    "read_page",
    "MAX_TREE_SIZE",
    "MIN_ARTICLE_WORDS",
]

# Nodes beyond which trafilatura gives up on a page instead of walking it: a long news page has
# ~2-5k elements; 200k still reads any real page and stops generated markup bombs early.
MAX_TREE_SIZE = 200_000
# Fewer words than this is page furniture that trafilatura's fallbacks kept ("Home", a menu), not
# an article: the shortest FNC-1 body has 6 words, and nav-only test pages came out with 1-3.
MIN_ARTICLE_WORDS = 5
_WORD = re.compile(r"[^\W\d_]{2,}")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_BLANKS = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True, slots=True)
class PageExtract:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None


def extract_page(markup: str, url: str | None = None) -> PageExtract | None:
    """The article in a page, or None when the page holds no article text."""
    doc = _bare_extraction(_XML_DECL.sub("", markup, count=1), url)
    if doc is None:
        return None
    text = _paragraphs(getattr(doc, "text", None) or "")
    if len(_WORD.findall(text, 0, 2000)) < MIN_ARTICLE_WORDS:
        return None
    return PageExtract(
        text=text,
        title=_safe_title(getattr(doc, "title", None), markup),
        author=clean_str(getattr(doc, "author", None)),
        published=iso_date(getattr(doc, "date", None)),
        sitename=clean_str(getattr(doc, "sitename", None)),
        url=clean_str(getattr(doc, "url", None)),
        language=clean_str(getattr(doc, "language", None)) or _declared_language(markup),
        description=clean_str(getattr(doc, "description", None)),
    )


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_CODE = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]{0,500}>")
_HTML_LANG = re.compile(r"<html\b[^>]{0,500}?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)", re.I)


def _safe_title(title: str | None, markup: str) -> str | None:
    """The title without markup: a ``<title>`` holds text only, so ``<script>`` in it is code a
    browser would show literally and an extractor may keep; neither the tag nor its code is title."""
    if not title:
        return None
    raw = _TITLE.search(markup, 0, 200_000)
    for _, code in _CODE.findall(raw.group(1)) if raw else ():
        if code.strip():
            title = title.replace(code.strip(), " ")
    title = _TAG.sub(" ", _CODE.sub(" ", title))
    return clean_str(html.unescape(" ".join(title.split())))


def _declared_language(markup: str) -> str | None:
    """The ``<html lang="...">`` of the page, when the extractor found no language."""
    m = _HTML_LANG.search(markup, 0, 20_000)
    return m.group(1).lower() if m else None


@lru_cache(maxsize=1)
def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "max_tree_size", str(MAX_TREE_SIZE))
    return config


def _bare_extraction(markup: str, url: str | None) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            # Dates from the page's metadata only: the extensive search also guesses from dates
            # written in the body (on FNC-1 bodies it returned dates the stories mention), and a
            # wrong publication date misleads a checker more than a missing one.
            date_extraction_params={"extensive_search": False, "original_date": True},
            config=_trafilatura_config(),
        )
    except (ValueError, TypeError, RecursionError, MemoryError, AttributeError):
        # lxml and trafilatura raise these on markup they cannot build a tree from (hostile
        # nesting, broken encodings): the page has no readable article, which the caller reports.
        return None


def _paragraphs(text: str) -> str:
    """Normalised text, one paragraph per line, no blank lines or edge whitespace."""
    text = normalise_text(text)
    lines = (_BLANKS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer "
    "figure figcaption dd dt hr".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg")


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, one block per line; plain text passes through normalised."""
    if "<" not in fragment:
        import html as stdlib_html

        return _paragraphs(stdlib_html.unescape(fragment))
    try:
        import lxml.html
        from lxml import etree

        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
        etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)  # keeps their tails
    except (ValueError, TypeError, etree.ParserError, RecursionError):
        return ""
    parts: list[str] = []
    for event, node in etree.iterwalk(root, events=("start", "end")):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""  # comments have no tag
        if event == "start":
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.text and tag:
                parts.append(node.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if node is not root and node.tail:
                parts.append(node.tail)
    return _paragraphs(_MANY_NEWLINES.sub("\n", "".join(parts)))


def read_page(
    markup: str,
    src: Source,
    *,
    locator: str | None = None,
    url: str | None = None,
    fallback_date: str | None = None,
    fmt: str = "html",
) -> RawDocument | Problem:
    """One page as a document; ``url`` and ``fallback_date`` come from a WARC record if any."""
    page = extract_page(markup, url)
    if page is None:
        return problem(src.place(locator), E_NO_TEXT, "no article text found in the HTML")
    canonical = page.url or url
    dateline = find_dateline(page.text)
    published = page.published or (dateline.date if dateline else None) or iso_date(fallback_date)
    extra = {"description": page.description} if page.description else {}
    if url and canonical != url:
        extra["fetched_url"] = url
    return RawDocument(
        key=canonical or src.key(locator),
        place=src.place(locator),
        format=fmt,
        text=page.text,
        source=page.sitename or url_host(canonical),
        url=canonical,
        path=src.resolved,
        title=page.title,
        published=published,
        author=page.author,
        language=page.language,
        dateline=dateline,
        extra=extra,
    )
