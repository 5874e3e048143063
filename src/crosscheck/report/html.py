"""Self-contained HTML report: each article's text with furniture and claims highlighted.

Built with the standard library's ``html.escape`` rather than a template engine: one page, no
user-controlled markup ever reaches it unescaped, and no extra dependency.
"""

from __future__ import annotations

from html import escape
from typing import Any

from crosscheck.report.format import attribution_chain, claim_counts, factcheck_html, quantity_range
from crosscheck.report.story_html import STORY_CSS, render_story, render_story_index

__all__ = ["render_html"]

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
article{border-top:2px solid #444;margin-top:2rem;padding-top:.5rem}
.meta{color:#555;font-size:13px}.text{white-space:pre-wrap;background:#fafafa;padding:1rem;border:1px solid #ddd}
.furniture{background:#eee;color:#888;text-decoration:line-through}
.factcheck{font-size:.9em;margin:.3em 0;padding:.2em .4em;border-left:3px solid #c33}.claim{background:#fff3b0;border-bottom:2px solid #e0b000}.claim.hi{background:#ffd27a}
.hedge{font-style:italic;border-bottom:2px dotted #c00}.quantity{font-weight:600}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:2px 6px;vertical-align:top}
"""


def _marks(a: dict[str, Any], claims: list[dict[str, Any]]) -> list[tuple[int, int, str, str]]:
    marks = [(b["start"], b["end"], "furniture", b["reason"]) for b in a["boilerplate"]]
    for c in claims:
        cls = "claim hi" if c["checkworthiness"] >= 0.5 else "claim"
        marks.append((c["start"], c["end"], cls, f"claim {c['id']} check-worthiness {c['checkworthiness']:.2f}"))
    return marks


def _highlight(text: str, marks: list[tuple[int, int, str, str]], inner: list[tuple[int, int, str, str]]) -> str:
    """Wrap non-overlapping outer marks; inner marks (hedges, quantities) nest inside them."""
    out, pos = [], 0
    for start, end, cls, title in sorted(marks):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        body = _highlight_inner(text, start, end, [m for m in inner if start <= m[0] and m[1] <= end])
        out.append(f'<span class="{cls}" title="{escape(title)}">{body}</span>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _highlight_inner(text: str, start: int, end: int, inner: list[tuple[int, int, str, str]]) -> str:
    out, pos = [], start
    for s, e, cls, title in sorted(inner):
        if s < pos:
            continue
        out.append(escape(text[pos:s]))
        out.append(f'<span class="{cls}" title="{escape(title)}">{escape(text[s:e])}</span>')
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def _claim_rows(claims: list[dict[str, Any]]) -> str:
    rows = []
    for c in sorted(claims, key=lambda c: -c["checkworthiness"]):
        attr = c.get("attribution")
        who = escape(attribution_chain(attr)) if attr else "<em>none</em>"
        hedges = escape(", ".join(h["cue"] for h in c["hedges"])) or "—"
        qs = escape("; ".join(f"{q['text']} = {quantity_range(q)}" for q in c["quantities"])) or "—"
        ts = escape("; ".join(f"{t['text']} = {t['start_date']}…{t['end_date']}" for t in c["times"])) or "—"
        rows.append(
            f"<tr><td>{c['checkworthiness']:.2f}</td><td>{escape(c['text'])}"
            f"{''.join(factcheck_html(f) for f in c.get('factchecks', []))}</td><td>{who}</td>"
            f"<td>{hedges}</td><td>{qs}</td><td>{ts}</td></tr>"
        )
    if not rows:
        return ""
    return ("<table><tr><th>worth</th><th>claim</th><th>attribution</th><th>hedges</th><th>quantities</th>"
            "<th>times</th></tr>" + "".join(rows) + "</table>")


def _version_trail(a: dict[str, Any]) -> str:
    items = []
    for v in a["versions"]:
        for ch in v.get("changes", []):
            old, new = escape(ch["old_focus"]), escape(ch["new_focus"])
            what = {"replace": f"<del>{old}</del> → <ins>{new}</ins>", "insert": f"added <ins>{new}</ins>",
                    "delete": f"removed <del>{old}</del>"}[ch["op"]]
            items.append(f"<li>version {v['version']} ({escape(v['ingested_at'])}): {what}</li>")
    return f"<h3>Corrections trail</h3><ul>{''.join(items)}</ul>" if items else ""


def render_html(report: dict[str, Any]) -> str:
    by_article: dict[str, list[dict[str, Any]]] = {}
    for c in report.get("claims", []):
        by_article.setdefault(c["article_id"], []).append(c)
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<title>crosscheck report</title>",
        f"<style>{_CSS}{STORY_CSS}</style></head><body>",
        f"<h1>crosscheck report</h1><p class=meta>{len(report['articles'])} article(s), "
        f"{len(report.get('claims', []))} claim(s); generated {escape(report['generated_at'])}; "
        f"config {escape(report['config_hash'])}</p>",
    ]
    parts.append(render_story_index(report))
    parts.extend(render_story(s, report) for s in report.get("stories", []))
    if report.get("stories"):
        parts.append("<h2>Articles</h2>")
    for a in report["articles"]:
        claims = by_article.get(a["id"], [])
        inner = [(h["start"], h["end"], "hedge", f"hedge: {h['cue']}") for c in claims for h in c["hedges"]]
        inner += [(q["start"], q["end"], "quantity", quantity_range(q))
                  for c in claims for q in c["quantities"] if "start" in q]
        title = escape(a["title"] or "(untitled)")
        where = escape(a["url"] or a["path"] or "")
        parts.append(
            f'<article id="a-{a["id"]}"><h2>{title}</h2><p class=meta>{escape(a["source"])} · published '
            f'{escape(a["published"] or "unknown")} · version {a.get("version", 1)} of {len(a["versions"])} · '
            f'<code>{a["id"]}</code><br>{where}</p>'
        )
        if claims:
            parts.append(f"<p class=meta><strong>{escape(claim_counts(claims))}</strong></p>")
        parts.append(_version_trail(a))
        parts.append(_claim_rows(claims))
        parts.append(f'<div class=text>{_highlight(a["text"], _marks(a, claims), inner)}</div></article>')
    parts.append("</body></html>\n")
    return "".join(parts)
