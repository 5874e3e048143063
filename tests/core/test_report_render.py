"""Renderers escape hostile text and never compute anything the JSON lacks."""

from __future__ import annotations

from crosscheck.report import render
from crosscheck.report.format import quantity_range

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def _report():
    text = f"Headline\n{HOSTILE}\nWatch the video below."
    return {
        "schema_version": "1.0", "crosscheck_version": "t", "generated_at": "now", "config_hash": "h", "summary": None,
        "articles": [{
            "id": "a" * 24, "source": "<b>outlet</b>", "path": None, "url": "javascript:alert(1)", "title": HOSTILE,
            "published": None, "text": text, "boilerplate": [{"start": len(text) - 22, "end": len(text), "reason": "lexicon: <x>"}],
            "sentences": [], "version": 1, "current": True, "versions": [],
        }],
        "claims": [{"id": "c1", "article_id": "a" * 24, "start": 9, "end": 9 + len(HOSTILE), "text": HOSTILE,
                    "checkworthiness": 0.7, "label": "check-worthy", "attribution": None, "hedges": [], "quantities": [],
                    "times": [], "entity_ids": []}],
        "entities": [],
    }


def test_html_escapes_everything():
    html = render(_report(), "html")
    assert "<script" not in html and "<img" not in html and "<b>outlet" not in html
    assert "&lt;script&gt;" in html


def test_table_renders():
    out = render(_report(), "table")
    assert "1 article(s), 1 claim(s)" in out and "(no attribution)" in out


def test_quantity_ranges():
    assert quantity_range({"low": 5000, "high": 13000, "unit": "inmates"}) == "5,000–13,000 inmates"
    assert quantity_range({"low": 20, "high": None, "unit": "people"}) == "≥ 20 people"
    assert quantity_range({"low": 14, "high": 14, "unit": None}) == "14"
    assert quantity_range({"low": 1.5, "high": 1.5, "unit": "m", "approximate": True}) == "~1.5 m"
