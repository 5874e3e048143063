"""The HTML story view: a story's articles side by side, each claim coloured by what cross-checking
found, with links from a claim to the passages that corroborate or contradict it, the independence
groups (copies count once) and the entity spellings that were merged, each with its reason.

Everything shown comes from the report JSON; nothing is computed here but layout.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from crosscheck.report.format import factcheck_html

__all__ = ["STORY_CSS", "render_story_index", "render_story"]

STORY_CSS = """
.stories li{margin:.3rem 0}.story{border-top:3px solid #224;margin-top:2rem;padding-top:.5rem}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem;align-items:start}
.col{border:1px solid #ccc;background:#fff;padding:.5rem;font-size:14px}
.col h4{margin:.2rem 0;font-size:15px}.col .meta{margin:0 0 .4rem}
.c{display:block;margin:.25rem 0;padding:.15rem .3rem;border-left:4px solid #bbb}
.c:target{outline:3px solid #36c}
.st-corroborated{border-color:#2a8a3a;background:#e9f7ec}.st-conflicting{border-color:#c0392b;background:#fdecea}
.st-single-source{border-color:#c9a000;background:#fff8dc}.st-hedged-only{border-color:#8e44ad;background:#f4ecf7}
.st-unattributed{border-color:#777;background:#f2f2f2}.st-none{border-color:#bbb}
.why{display:block;font-size:12px;color:#444}.why a{color:#245}
.legend span{display:inline-block;padding:0 .4rem;margin-right:.3rem;border-left:4px solid}
.groups li,.merged li{font-size:13px}
"""

_STATUS_WORDS = {
    "corroborated": "corroborated",
    "conflicting": "conflicting",
    "single-source": "one source",
    "hedged-only": "hedged only",
    "unattributed": "unattributed",
}


def _article_label(a: dict[str, Any]) -> str:
    return f"{a['source']}: {a['title'] or a['id']}"


def render_story_index(report: dict[str, Any]) -> str:
    stories = report.get("stories") or []
    if not stories:
        return ""
    arts = {a["id"]: a for a in report["articles"]}
    items = []
    for s in stories:
        outlets = sorted({arts[a]["source"] for a in s["article_ids"] if a in arts})
        elsewhere = sum(1 for a in s["article_ids"] if a not in arts)
        more = f", and {elsewhere} earlier article(s) in the store" if elsewhere else ""
        dates = " to ".join(dict.fromkeys(d for d in (s["first_seen"], s["last_seen"]) if d)) or "undated"
        items.append(
            f'<li><a href="#{escape(s["id"])}">{escape(s["title"] or s["id"])}</a> '
            f'<span class=meta>{len(s["article_ids"])} article(s) from {escape(", ".join(outlets) or "—")}{more}; '
            f"{escape(dates)}</span></li>"
        )
    legend = "".join(f'<span class="st-{k}">{escape(v)}</span>' for k, v in _STATUS_WORDS.items())
    return (f"<h2>Stories</h2><p class=meta>Reports of the same real-world event are grouped into one story. "
            f"Claim colours: <span class=legend>{legend}</span></p><ul class=stories>{''.join(items)}</ul>")


def _claim_line(c: dict[str, Any], relations: list[dict[str, Any]], claim_article: dict[str, str],
                arts: dict[str, dict[str, Any]]) -> str:
    status = c.get("status") or "none"
    n = c.get("independent_sources")
    badge = _STATUS_WORDS.get(status, "not cross-checked")
    if status == "corroborated" and n:
        badge += f" by {n} independent sources"
    why, related = [], 0
    for r in sorted(relations, key=lambda r: r["type"] != "conflicts"):
        if r["type"] == "elaborates":
            related += 1  # same matter, other details: counted, not listed (they drown the links that matter)
            continue
        other = r["claim_b"] if r["claim_a"] == c["id"] else r["claim_a"]
        where = arts.get(claim_article.get(other, ""), {})
        src = escape(where.get("source", "another article"))
        why.append(f'<a href="#{escape(other)}">{escape(r["type"])}: {src}</a>'
                   + (f" — {escape(r['reason'])}" if r.get("reason") and r["type"] == "conflicts" else ""))
    if related:
        why.append(f"{related} more claim(s) on the same matter with other details")
    hedge = f" · hedged: {escape(', '.join(h['cue'] for h in c['hedges']))}" if c.get("hedges") else ""
    attr = c.get("attribution")
    who = f" · according to {escape(attr['source'])}" if attr and attr.get("source") else ""
    return (f'<span class="c st-{escape(status)}" id="{escape(c["id"])}">{escape(c["text"])}'
            f'<span class=why>{escape(badge)} · check-worthiness {c["checkworthiness"]:.2f}{who}{hedge}'
            + "".join(f"<br>{w}" for w in why) + "".join(factcheck_html(f) for f in c.get("factchecks", []))
            + "</span></span>")


def render_story(story: dict[str, Any], report: dict[str, Any]) -> str:
    arts = {a["id"]: a for a in report["articles"]}
    claim_article = {c["id"]: c["article_id"] for c in report.get("claims", [])}
    rel_of: dict[str, list[dict[str, Any]]] = {}
    for r in report.get("relations", []):
        rel_of.setdefault(r["claim_a"], []).append(r)
        rel_of.setdefault(r["claim_b"], []).append(r)
    members = {m["article_id"]: m for m in story.get("members", [])}
    cols = []
    for aid in story["article_ids"]:
        a = arts.get(aid)
        if a is None:
            continue
        claims = [c for c in report.get("claims", []) if c["article_id"] == aid and c.get("label") == "check-worthy"]
        joined = members.get(aid, {}).get("reason", "")
        cols.append(
            f'<div class=col><h4><a href="#a-{escape(aid)}">{escape(_article_label(a))}</a></h4>'
            f'<p class=meta>published {escape(a["published"] or "unknown")} · {escape(joined)}</p>'
            + "".join(_claim_line(c, rel_of.get(c["id"], []), claim_article, arts) for c in claims)
            + "</div>"
        )
    elsewhere = [a for a in story["article_ids"] if a not in arts]
    note = (f"<p class=meta>{len(elsewhere)} more article(s) of this story are in the store but not in this "
            f"report (run <code>crosscheck check</code> without paths to see all).</p>") if elsewhere else ""
    return (f'<section class=story id="{escape(story["id"])}"><h2>Story: {escape(story["title"] or story["id"])}</h2>'
            f"{note}{_disagreements(story, report, arts)}{_groups(story, report, arts)}{_merged(story, report)}"
            f"<div class=cols>{''.join(cols)}</div></section>")


def _disagreements(story: dict[str, Any], report: dict[str, Any], arts: dict[str, dict[str, Any]]) -> str:
    """What an editor asks first: where do the outlets disagree? One line per disagreement, each
    side with the outlets that say it ("14 people": three outlets; "at least 20 people": one)."""
    members = set(story["article_ids"])
    claims = {c["id"]: c for c in report.get("claims", []) if c["article_id"] in members}
    sides: dict[Any, dict[str, dict[str, str]]] = {}  # disagreement -> side text -> outlet -> claim id
    for r in report.get("relations", []):
        if r["type"] != "conflicts" or r["claim_a"] not in claims or r["claim_b"] not in claims:
            continue
        pair = _VERSUS.match(r["reason"])
        values = (pair[1], pair[2]) if pair else (r["reason"], r["reason"])
        key = frozenset(v.lower() for v in values) if pair else r["reason"]
        entry = sides.setdefault(key, {})
        for value, cid in zip(values, (r["claim_a"], r["claim_b"])):
            label = value if pair else "—"
            entry.setdefault(label.lower(), {"_text": label}).setdefault(arts[claims[cid]["article_id"]]["source"], cid)
    if not sides:
        return "<p class=meta>No outlet contradicts another on a number, date, place or person.</p>"
    items = []
    for key, entry in sides.items():
        parts = []
        for side in entry.values():
            text = side.pop("_text")
            links = ", ".join(f'<a href="#{escape(cid)}">{escape(src)}</a>' for src, cid in sorted(side.items()))
            parts.append(f"“{escape(text)}” ({links})" if text != "—" else links)
        head = "" if isinstance(key, frozenset) else f"{escape(str(key))}: "
        items.append(f"<li>{head}{' vs '.join(parts)}</li>")
    return f"<h3>Where the outlets disagree ({len(items)})</h3><ul class=conflicts>{''.join(items)}</ul>"


_VERSUS = re.compile(r'^"(.+)" vs "(.+)"$')


def _groups(story: dict[str, Any], report: dict[str, Any], arts: dict[str, dict[str, Any]]) -> str:
    groups = [g for g in report.get("independence_groups", []) if set(g["article_ids"]) & set(story["article_ids"])]
    multi = [g for g in groups if len(g["article_ids"]) > 1]
    if not groups:
        return ""
    def readable(text: str) -> str:  # article ids in the reasons, as the outlets a reader knows
        for aid, a in arts.items():
            text = text.replace(aid, a["source"])
        return text

    items = [f"<li>{escape(', '.join(_article_label(arts[a]) if a in arts else a for a in g['article_ids']))}: "
             f"count once — {escape(readable('; '.join(g.get('reasons', []))))}</li>" for g in multi]
    head = f"<p class=meta>{len(groups)} independent source(s) among {len(story['article_ids'])} article(s).</p>"
    return head + (f"<ul class=groups>{''.join(items)}</ul>" if items else "")


def _merged(story: dict[str, Any], report: dict[str, Any]) -> str:
    members = set(story["article_ids"])
    items = []
    for e in report.get("entities", []):
        if not {m["article_id"] for m in e["mentions"]} & members:
            continue
        linked = [n for n in e.get("names", []) if n.get("linked_because")]
        if linked:
            why = "; ".join(f"“{n['spelling']}”: {n['linked_because']}" for n in linked)
            items.append(f"<li><strong>{escape(e['name'])}</strong> — {escape(why)}</li>")
    return f"<details><summary>Names linked across spellings ({len(items)})</summary><ul class=merged>{''.join(items)}</ul></details>" if items else ""
