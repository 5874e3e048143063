"""Plain-text rendering for the terminal: one block per article, furniture listed with reasons."""

from __future__ import annotations

import textwrap
from typing import Any

from crosscheck.report.format import attribution_chain, claim_counts, quantity_range

__all__ = ["render_table"]


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(report: dict[str, Any]) -> str:
    lines: list[str] = []
    arts = report["articles"]
    claims_by_article: dict[str, list[dict[str, Any]]] = {}
    for c in report.get("claims", []):
        claims_by_article.setdefault(c["article_id"], []).append(c)
    lines.append(f"crosscheck report: {len(arts)} article(s), {len(report.get('claims', []))} claim(s)")
    s = report.get("summary")
    if s:
        lines.append(
            f"ingest: read {s['read']}, new {s['new']}, new versions {s['new_versions']}, "
            f"duplicates {s['duplicates']}, skipped {len(s['skipped'])}"
        )
    story_of = {aid: st for st in report.get("stories", []) for aid in st["article_ids"]}
    arts = sorted(arts, key=lambda a: [st["id"] for st in report.get("stories", [])].index(story_of[a["id"]]["id"])
                  if a["id"] in story_of else len(story_of))
    shown: str | None = None
    for a in arts:
        story = story_of.get(a["id"])
        if story is not None and story["id"] != shown:
            shown = story["id"]
            lines.extend(["", *_story_summary(story, report)])
        lines.append("")
        title = a["title"] or _short(a["text"], 70)
        lines.append(f"■ {_short(title, 100)}")
        where = a["url"] or a["path"] or ""
        nversions = len(a["versions"])
        vnote = f"version {a.get('version', 1)} of {nversions}" + ("" if a.get("current", True) else " (superseded)")
        lines.append(f"  id {a['id']}  source {a['source']}  published {a['published'] or '—'}  {vnote}")
        if where:
            lines.append(f"  from {where}")
        if a.get("dateline"):
            dl = a["dateline"]
            parts = [dl.get("place"), dl.get("date"), f"({dl['credit']})" if dl.get("credit") else None]
            lines.append("  dateline " + " ".join(p for p in parts if p))
        for v in a["versions"]:
            for ch in v.get("changes", []):
                old, new = _short(ch["old_focus"], 70), _short(ch["new_focus"], 70)
                what = {"replace": f"{old!r} → {new!r}", "insert": f"added {new!r}", "delete": f"removed {old!r}"}[ch["op"]]
                lines.append(f"  version {v['version']} ({v['ingested_at']}): {what}")
        if a.get("analysis_notes"):
            lines.append(f"  not analysed: {'; '.join(a['analysis_notes'])}")
        nsent = len(a.get("sentences", []))
        lines.append(f"  {len(a['text'])} chars, {nsent} sentences, {len(a['boilerplate'])} furniture span(s)")
        for b in a["boilerplate"]:
            lines.append(f"    furniture [{b['start']}:{b['end']}] {_short(a['text'][b['start']:b['end']], 60)!r} — {b['reason']}")
        if claims_by_article.get(a["id"]):
            lines.append(f"  {claim_counts(claims_by_article[a['id']])}")
        # every claim: a table that silently dropped some would read as a complete check
        for c in sorted(claims_by_article.get(a["id"], []), key=lambda c: -c["checkworthiness"]):
            who = f" ← {attribution_chain(c.get('attribution'))}"
            hedge = f" [hedged: {', '.join(h['cue'] for h in c['hedges'])}]" if c["hedges"] else ""
            lines.append(f"    claim {c['checkworthiness']:.2f} {_short(c['text'], 90)!r}{who}{hedge}")
            for q in c.get("quantities", []):
                lines.append(f"      quantity {q['text']!r} = {quantity_range(q)}")
            for f in c.get("factchecks", []):
                later = " (published after the article)" if f["later"] else ""
                lines.append(f"      fact-checked: {f['rating'] or '?'!r} by {f['publisher'] or '?'} {f['date'] or 'undated'}{later}"
                             f" {f['url'] or ''} score {f['score']:.2f}")
                lines.append(f"        {_short(f['claim'], 90)!r}: {f['reason']}")
    if s and s["skipped"]:
        lines.append("")
        lines.append("skipped inputs:")
        for p in s["skipped"]:
            lines.extend(textwrap.wrap(f"{p['place']}: {p['reason']} [{p['code']}]", 100, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(lines) + "\n"


def _story_summary(story: dict[str, Any], report: dict[str, Any]) -> list[str]:
    """The head of a story's block: its articles' outlets, dates and how its claims stand."""
    here = {a["id"]: a for a in report["articles"]}
    outlets = sorted({here[a]["source"] for a in story["article_ids"] if a in here})
    elsewhere = sum(1 for a in story["article_ids"] if a not in here)
    dates = " to ".join(dict.fromkeys(d for d in (story["first_seen"], story["last_seen"]) if d)) or "undated"
    out = [f"══ story {_short(story['title'] or story['id'], 90)}",
           f"   {story['id']}  {len(story['article_ids'])} article(s) from {', '.join(outlets) or '—'}"
           + (f" (+{elsewhere} earlier in the store)" if elsewhere else "") + f"  {dates}"]
    statuses: dict[str, int] = {}
    for c in report.get("claims", []):
        if c["article_id"] in story["article_ids"] and c.get("status") and c.get("label") == "check-worthy":
            statuses[c["status"]] = statuses.get(c["status"], 0) + 1
    if statuses:
        out.append("   check-worthy claims: " + ", ".join(f"{n} {k}" for k, n in sorted(statuses.items())))
    return out
