"""HTML rendering: one Jinja environment per app, autoescape always on (every value a template
prints is escaped unless a template says otherwise, and none does)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

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


class Renderer:
    def __init__(self, folder: Path) -> None:
        import jinja2

        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(STATUS_LABELS=STATUS_LABELS, NO_STATUS=NO_STATUS, VERDICTS=VERDICTS,
                                VERDICT_LABELS=VERDICT_LABELS, ROLES=ROLES, status_class=_status_class,
                                role_at_least=role_at_least, shown=_shown)
        self.env.filters["when"] = _when

    def page(self, request: Any, name: str, context: dict[str, Any], status: int = 200) -> Any:
        from fastapi.responses import HTMLResponse

        session = getattr(request.state, "session", None)
        html = self.env.get_template(name).render(
            request_path=request.url.path, user=session.user if session else None,
            csrf=session.csrf if session else "", **context)
        return HTMLResponse(html, status_code=status)
