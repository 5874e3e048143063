"""The corrections log as terminal text, JSON, or one self-contained HTML page an outlet can
publish as its corrections page (inline CSS, no script, nothing fetched, every text escaped)."""

from __future__ import annotations

import difflib
import json
import textwrap
from html import escape
from importlib import resources
from typing import Any

from crosscheck.errors import CrosscheckError
from crosscheck.report.format import quantity_range

__all__ = ["render_log", "validate_log"]

_KIND = {"changed": "Changed", "removed": "Removed", "added": "Added"}


def render_log(entries: list[dict[str, Any]], fmt: str, *, outlet: str = "") -> str:
    if fmt == "json":
        log = {"corrections": entries}
        validate_log(log)
        return json.dumps(log, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if fmt == "html":
        return _html(entries, outlet)
    return _table(entries)


def _counts(entries: list[dict[str, Any]]) -> tuple[int, int, int]:
    changes = sum(len(e["changes"]) for e in entries)
    return len(entries), changes, sum(e["silent_edits"] for e in entries)


def _quantity(q: dict[str, Any]) -> str:
    return quantity_range(q) if q else "no figure"


def validate_log(log: dict[str, Any]) -> None:
    """The JSON form is a public contract: ``schema/corrections.schema.json``."""
    import jsonschema

    schema = json.loads((resources.files("crosscheck") / "schema" / "corrections.schema.json").read_text(encoding="utf-8"))
    try:
        jsonschema.validate(log, schema)
    except jsonschema.ValidationError as exc:
        path = "/".join(str(p) for p in exc.absolute_path)
        raise CrosscheckError(f"corrections log does not match its schema at '{path}': {exc.message}", code="E501") from exc


# -- terminal ---------------------------------------------------------------------------------
def _table(entries: list[dict[str, Any]]) -> str:
    n, changes, silent = _counts(entries)
    lines = [f"corrections log: {n} updated version(s), {changes} claim change(s), {silent} silent edit(s)"]
    for e in entries:
        doc, v = e["doc"], e["versions"]
        lines += ["", f"■ {doc['title'] or doc['key']}",
                  f"  {doc['source']}  version {v['old']['version']} → {v['new']['version']}  noticed {e['noticed_at']}"]
        if doc["url"]:
            lines.append(f"  {doc['url']}")
        for c in e["changes"]:
            flag = "  SILENT EDIT" if c["silent"] else ""
            worth = "" if c["checkworthy"] else " (not check-worthy)"
            lines.append(f"  {c['kind'].upper()}{worth}{flag}  [{c['id']}]")
            if c["kind"] != "added":
                lines += textwrap.wrap(c["focus"][0], 96, initial_indent="    − ", subsequent_indent="      ")
            if c["kind"] != "removed":
                lines += textwrap.wrap(c["focus"][1], 96, initial_indent="    + ", subsequent_indent="      ")
            if c["quantities"]:
                before, after = c["quantities"]
                lines.append(f"    figures: {_quantity(before)} → {_quantity(after)}")
        for note in e["text_notes"]:
            lines += textwrap.wrap(note["text"], 96, initial_indent="  note in the text: ", subsequent_indent="    ")
        for note in e["notes"]:
            said = "published note" if note["published"] else "note that should have been published"
            lines += textwrap.wrap(f"{note['note']} ({note['author']}, {note['at']})", 96,
                                   initial_indent=f"  desk: {said}: ", subsequent_indent="    ")
    return "\n".join(lines) + "\n"


# -- the publishable page -----------------------------------------------------------------------
_CSS = """
:root{--ink:#1d1d1f;--muted:#5f6368;--rule:#e3e1dc;--paper:#fffdf8;--del:#fde8e6;--del-ink:#8a1c12;
--ins:#e5f4ea;--ins-ink:#14532d;--silent:#b3261e;--accent:#1a4d7a}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);font:17px/1.55 Georgia,'Times New Roman',serif}
main{max-width:46rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}
header h1{font-size:2.2rem;line-height:1.15;margin:0 0 .4rem;letter-spacing:-.01em}
.lede{color:var(--muted);margin:.2rem 0 1rem}
.sans,.summary,.meta,.badge,.figures,.note-label,footer,.legend{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
.summary{display:flex;gap:1.5rem;flex-wrap:wrap;border-top:3px solid var(--ink);border-bottom:1px solid var(--rule);
padding:.7rem 0;margin:1.2rem 0 2rem;font-size:.9rem;color:var(--muted)}
.summary b{display:block;font-size:1.5rem;color:var(--ink)}
.summary .warn b{color:var(--silent)}
.entry{border-bottom:1px solid var(--rule);padding:0 0 1.6rem;margin:0 0 1.8rem}
.entry h2{font-size:1.35rem;line-height:1.25;margin:0 0 .3rem}
.entry h2 a{color:inherit;text-decoration:none;border-bottom:1px solid var(--rule)}
.meta{font-size:.82rem;color:var(--muted);margin:0 0 1rem}
.change{border-left:4px solid var(--rule);padding:.2rem 0 .2rem 1rem;margin:1.1rem 0}
.change.silent{border-left-color:var(--silent)}
.badge{display:inline-block;font-size:.72rem;font-weight:600;letter-spacing:.04em;text-transform:uppercase;
padding:.12rem .5rem;border-radius:3px;background:#eceae4;color:#3c3c3c;margin-right:.35rem}
.badge.silent{background:var(--silent);color:#fff}
.badge.minor{background:transparent;border:1px solid var(--rule);color:var(--muted);font-weight:500}
.was,.now{margin:.45rem 0;padding:.45rem .7rem;border-radius:4px}
.was{background:#faf6f5}.now{background:#f4faf6}
.was .label,.now .label{font:600 .7rem system-ui,sans-serif;text-transform:uppercase;letter-spacing:.05em;
color:var(--muted);display:block}
del{background:var(--del);color:var(--del-ink);text-decoration:line-through;padding:0 .1em}
ins{background:var(--ins);color:var(--ins-ink);text-decoration:none;font-weight:600;padding:0 .1em}
.figures{font-size:.85rem;color:var(--muted);margin:.3rem 0 0}
.outlet-note{margin:0 0 1rem;padding:.7rem 1rem;background:#f3f1ea;border-radius:4px}
.unnoted{font:600 .85rem system-ui,sans-serif;color:var(--silent);margin:.3rem 0 .6rem}
.note-label{display:block;font-size:.72rem;font-weight:600;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
blockquote{margin:.2rem 0 0;font-style:italic}
.legend{font-size:.82rem;color:var(--muted)}
footer{font-size:.8rem;color:var(--muted);margin-top:3rem}
"""


def _mark(old: str, new: str) -> tuple[str, str]:
    """Both sentences escaped, with the words that differ marked as deleted / inserted."""
    a, b = old.split(), new.split()
    out_a: list[str] = []
    out_b: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        left, right = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if op == "equal":
            out_a.append(left)
            out_b.append(right)
            continue
        if left:
            out_a.append(f"<del>{left}</del>")
        if right:
            out_b.append(f"<ins>{right}</ins>")
    return " ".join(out_a), " ".join(out_b)


def _change_html(c: dict[str, Any], desk_notes: list[dict[str, Any]]) -> str:
    badges = [f'<span class="badge">{_KIND[c["kind"]]}</span>']
    if c["silent"]:
        badges.append('<span class="badge silent">Silent edit</span>')
    if not c["checkworthy"]:
        badges.append('<span class="badge minor">minor</span>')
    if c["kind"] == "changed":
        was, now = _mark(c["old_text"], c["new_text"])
    else:
        was, now = escape(c["old_text"] or ""), escape(c["new_text"] or "")
    body = []
    if c["kind"] != "added":
        body.append(f'<p class="was"><span class="label">Before</span>{was}</p>')
    if c["kind"] != "removed":
        body.append(f'<p class="now"><span class="label">After</span>{now}</p>')
    if c["quantities"]:
        before, after = c["quantities"]
        body.append(f'<p class="figures">Figure: {escape(_quantity(before))} → {escape(_quantity(after))}</p>')
    if c["silent"]:
        body.append('<p class="unnoted">The updated article carried no note about this change.</p>')
    body.extend(_desk_note_html(n) for n in desk_notes)
    cls = "change silent" if c["silent"] else "change"
    return f'<section class="{cls}" id="change-{escape(c["id"])}">{"".join(badges)}{"".join(body)}</section>'


def _desk_note_html(n: dict[str, Any]) -> str:
    # a note the outlet published, or one the editors add now: publishing this page publishes it
    label = "Correction note" if n["published"] else "Note from the editors"
    return (f'<div class="outlet-note"><span class="note-label">{label} · {escape(n["at"][:10])}</span>'
            f'<blockquote>{escape(n["note"])}</blockquote></div>')


def _entry_html(e: dict[str, Any]) -> str:
    doc, v = e["doc"], e["versions"]
    title = escape(doc["title"] or doc["key"])
    head = f'<a href="{escape(doc["url"])}">{title}</a>' if doc["url"] and doc["url"].startswith(("https://", "http://")) else title
    meta = [escape(doc["source"])]
    if doc["published"]:
        meta.append(f"published {escape(doc['published'][:10])}")
    meta.append(f"version {v['old']['version']} → {v['new']['version']}")
    meta.append(f"change noticed {escape(e['noticed_at'][:16].replace('T', ' '))} UTC")
    ids = {c["id"] for c in e["changes"]}
    top = [f'<div class="outlet-note"><span class="note-label">Note published with the article</span>'
           f'<blockquote>{escape(n["text"])}</blockquote></div>' for n in e["text_notes"]]
    top += [_desk_note_html(n) for n in e["notes"] if n["change_id"] not in ids]  # about the version as a whole
    changes = "".join(_change_html(c, [n for n in e["notes"] if n["change_id"] == c["id"]]) for c in e["changes"])
    return (f'<article class="entry"><h2>{head}</h2><p class="meta">{" · ".join(meta)}</p>'
            f'{"".join(top)}{changes}</article>')


def _html(entries: list[dict[str, Any]], outlet: str) -> str:
    n, changes, silent = _counts(entries)
    name = escape(outlet) if outlet else ""
    title = f"Corrections · {name}" if name else "Corrections"
    intro = (f"When {name} changes a published article, every claim that changed is listed here, "
             "with what it said before and what it says now.") if name else (
             "Every claim changed in a published article, with what it said before and what it says now.")
    body = "".join(_entry_html(e) for e in entries) or '<p class="lede">No article has been changed.</p>'
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{title}</title><style>{_CSS}</style></head><body><main>"
        f"<header><h1>Corrections</h1><p class=\"lede\">{intro}</p></header>"
        f'<div class="summary"><span><b>{n}</b>articles updated</span><span><b>{changes}</b>claim changes</span>'
        f'<span class="{"warn" if silent else ""}"><b>{silent}</b>changed without a note</span></div>'
        '<p class="legend">A <em>silent edit</em> is a change to a check-worthy claim that the updated article '
        "does not mention in a correction note.</p>"
        f"{body}<footer>Compiled with crosscheck from the versions of each article as published.</footer>"
        "</main></body></html>\n"
    )
