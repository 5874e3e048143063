"""HTML rendering: one Jinja environment per app, autoescape always on (every value a template
prints is escaped unless a template says otherwise, and none does)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

from markupsafe import Markup, escape

from crosscheck.desk.accounts import role_at_least
from crosscheck.model import ROLES, VERDICTS
from crosscheck.web.views import NO_STATUS, STATUS_LABELS, VERDICT_LABELS

__all__ = ["Renderer"]


def _status_class(status: str | None) -> str:
    return f"st-{status}" if status in STATUS_LABELS else "st-none"


def _when(iso: str | None) -> str:
    """An ISO timestamp as a newsroom writes it: "2 Dec 2026 19:55 UTC"."""
    if not iso:
        return ""
    try:
        t = datetime.fromisoformat(iso).astimezone(timezone.utc)
    except ValueError:
        return iso
    return f"{t.day} {t:%b %Y %H:%M} UTC"


def _shown(value: Any) -> str:
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


# The three badges every row shows, as Python: a Jinja macro call per badge cost a third of a
# queue page's rendering, and Markup.format another third. Every value is escaped here.
def _status_badge(status: str | None, label: str | None = None) -> Markup:
    text = escape(label or STATUS_LABELS.get(status or "", NO_STATUS))
    return Markup(f'<span class="badge {_status_class(status)}" title="cross-check status">{text}</span>')


def _verdict_badge(review: dict[str, Any] | None) -> Markup:
    review = review or {}
    verdict = review.get("verdict")
    if verdict in VERDICT_LABELS:
        out = f'<span class="verdict v-{verdict}">{escape(VERDICT_LABELS[verdict])}</span>'
        if review.get("approved_by"):
            out += f' <span class="tag tag-ok" title="approved by {escape(review["approved_by"])}">approved</span>'
    else:
        out = '<span class="verdict v-none">Not reviewed</span>'
    if review.get("locked"):
        out += ' <span class="tag tag-lock">locked</span>'
    return Markup(out)


def _worth(x: float) -> Markup:
    x = float(x)
    return Markup(f'<span class="cw" title="check-worthiness {x:.2f}"><span class="cw-bar cw-{int(round(x * 10))}">'
                  f'</span><span class="cw-num">{x:.2f}</span></span>')


def _web_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: an article's URL comes from the page that
    was ingested, and a ``javascript:`` link must never become an href."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.hostname else None


class Renderer:
    def __init__(self, folder: Path) -> None:
        import jinja2

        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(STATUS_LABELS=STATUS_LABELS, NO_STATUS=NO_STATUS, VERDICTS=VERDICTS,
                                VERDICT_LABELS=VERDICT_LABELS, ROLES=ROLES, status_class=_status_class,
                                role_at_least=role_at_least, shown=_shown, status_badge=_status_badge,
                                verdict_badge=_verdict_badge, worth=_worth, web_link=_web_link)
        self.env.filters["when"] = _when

    def page(self, request: Any, name: str, context: dict[str, Any], status: int = 200) -> Any:
        from fastapi.responses import HTMLResponse

        session = getattr(request.state, "session", None)
        html = self.env.get_template(name).render(
            request_path=request.url.path, user=session.user if session else None,
            csrf=session.csrf if session else "", **context)
        return HTMLResponse(html, status_code=status)
