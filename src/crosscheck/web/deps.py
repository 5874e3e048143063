"""What the routes of pages and API share: the borrowed store, the session, role checks, the
queue's filters and paging read from the query string."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import Request

from crosscheck.desk.accounts import role_at_least
from crosscheck.errors import InvalidInput, PermissionDenied
from crosscheck.model import VERDICTS
from crosscheck.store.base import Store
from crosscheck.web.auth import Session
from crosscheck.web.views import STATUS_LABELS, QueueFilters

__all__ = ["desk_store", "session_of", "require_role", "queue_filters", "page_number", "MAX_PAGE_SIZE"]

MAX_PAGE_SIZE = 200


def desk_store(request: Request) -> Iterator[Store]:
    with request.app.state.pool.borrow() as store:
        yield store


def session_of(request: Request) -> Session:
    session: Session = request.state.session  # set by the app's gate; no route runs without one
    return session


def require_role(session: Session, role: str, what: str) -> None:
    if not role_at_least(session.user.role, role):
        raise PermissionDenied(f"{session.user.name} ({session.user.role}) may not {what}: that needs the {role} role")


def _opt(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


async def queue_filters(story: str | None = None, source: str | None = None, status: str | None = None,
                  assignee: str | None = None, verdict: str | None = None, reviewed: str | None = "no") -> QueueFilters:
    """Filters from the query string. Values are passed to the store as bound parameters, never
    into SQL text; a status or verdict outside the vocabulary is refused with the valid choices.
    (``async`` only so that FastAPI runs this pure check on the event loop, not in a worker thread.)"""
    status, verdict = _opt(status), _opt(verdict)
    if status is not None and status not in STATUS_LABELS:
        raise InvalidInput(f"unknown status {status!r}; choose one of: {', '.join(STATUS_LABELS)}")
    if verdict is not None and verdict not in VERDICTS:
        raise InvalidInput(f"unknown verdict {verdict!r}; choose one of: {', '.join(VERDICTS)}")
    flags: dict[str, bool | None] = {"no": False, "yes": True, "any": None, "": False}
    if (reviewed or "") not in flags:
        raise InvalidInput(f"reviewed must be one of: no, yes, any (not {reviewed!r})")
    return QueueFilters(_opt(story), _opt(source), status, _opt(assignee), verdict, flags[reviewed or ""])


def page_number(value: Any, default: int = 1) -> int:
    try:
        n = int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        raise InvalidInput(f"page {value!r} is not a number") from None
    if n < 1 or n > 1_000_000:
        raise InvalidInput(f"page {n} is out of range")
    return n


def form_int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{name} {value!r} is not a number") from None
