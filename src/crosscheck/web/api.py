"""The JSON API under ``/api``: everything the pages do, under the same sign-in. Writes need the
session's CSRF token in the ``X-CSRF-Token`` header (``GET /api/me`` gives it). Errors are
``{"error": code, "message": ...}``; a stale review version is 409 with the stored review as
``current``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from crosscheck.desk import accounts, reviews
from crosscheck.desk.notes import record_correction_note
from crosscheck.store.base import Store
from crosscheck.web import views
from crosscheck.web.auth import close_session
from crosscheck.web.deps import MAX_PAGE_SIZE, desk_store, page_number, queue_filters, require_role, session_of
from crosscheck.web.views import QueueFilters

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["desk"])


class ReviewIn(BaseModel):
    verdict: str | None = Field(None, description="one of accurate, inaccurate, misleading, unverified, needs_context; null clears")
    note: str = ""
    sources: list[str] = Field(default_factory=list, description="http(s) links the verdict rests on")
    version: int = Field(description="the review version the change was made on (0: never saved)")


class VersionIn(BaseModel):
    version: int


class AssignIn(BaseModel):
    assignee: str | None = None
    version: int


class CorrectionNoteIn(BaseModel):
    doc_key: str
    article_id: str = Field(description="the later version the note is about")
    change_id: str = Field("", description="one claim-level change, or empty for the version as a whole")
    note: str
    published: bool = Field(description="true: the outlet published it; false: the desk records that it should have")


class UserIn(BaseModel):
    name: str
    role: str
    password: str


class UserPatch(BaseModel):
    role: str | None = None
    active: bool | None = None


def _size(size: int | None) -> int:
    return max(1, min(MAX_PAGE_SIZE, size or 50))


def _user_json(user: Any) -> dict[str, Any]:
    return {"name": user.name, "role": user.role, "active": user.active, "created_at": user.created_at}


@router.get("/me")
def me(request: Request) -> dict[str, Any]:
    """Who is signed in, and the CSRF token to send as X-CSRF-Token on writes."""
    session = session_of(request)
    return {"name": session.user.name, "role": session.user.role, "csrf_token": session.csrf}


@router.post("/logout")
def logout(request: Request, store: Store = Depends(desk_store)) -> dict[str, Any]:
    close_session(store, session_of(request))
    return {"signed_out": True}


@router.get("/stories")
def stories(page: int = 1, size: int = 50, store: Store = Depends(desk_store)) -> dict[str, Any]:
    return views.stories_view(store, page=page_number(page), size=_size(size))


@router.get("/stories/{story_id}")
def story(story_id: str, store: Store = Depends(desk_store)) -> dict[str, Any]:
    return views.story_view(store, story_id)


@router.get("/queue")
def queue(request: Request, page: int = 1, size: int = 50, filters: QueueFilters = Depends(queue_filters),
          store: Store = Depends(desk_store)) -> dict[str, Any]:
    """Check-worthy claims, most check-worthy first; ``reviewed`` no (default), yes or any."""
    return views.queue_view(store, filters, page=page_number(page), size=_size(size), texts=request.app.state.texts)


@router.get("/claims/{claim_id}")
def claim(claim_id: str, store: Store = Depends(desk_store)) -> dict[str, Any]:
    return views.claim_view(store, claim_id)


@router.put("/claims/{claim_id}/review")
def save_review(request: Request, claim_id: str, body: ReviewIn, store: Store = Depends(desk_store)) -> dict[str, Any]:
    review = reviews.save_verdict(store, session_of(request).user, claim_id, verdict=body.verdict, note=body.note,
                                  sources=body.sources, version=body.version)
    return views.review_json(review)


@router.post("/claims/{claim_id}/assign")
def assign(request: Request, claim_id: str, body: AssignIn, store: Store = Depends(desk_store)) -> dict[str, Any]:
    review = reviews.assign(store, session_of(request).user, claim_id, assignee=body.assignee, version=body.version)
    return views.review_json(review)


@router.post("/claims/{claim_id}/approve")
def approve(request: Request, claim_id: str, body: VersionIn, store: Store = Depends(desk_store)) -> dict[str, Any]:
    return views.review_json(reviews.approve(store, session_of(request).user, claim_id, version=body.version))


@router.post("/claims/{claim_id}/lock")
def lock(request: Request, claim_id: str, body: VersionIn, store: Store = Depends(desk_store)) -> dict[str, Any]:
    return views.review_json(reviews.set_lock(store, session_of(request).user, claim_id, locked=True,
                                              version=body.version))


@router.post("/claims/{claim_id}/unlock")
def unlock(request: Request, claim_id: str, body: VersionIn, store: Store = Depends(desk_store)) -> dict[str, Any]:
    return views.review_json(reviews.set_lock(store, session_of(request).user, claim_id, locked=False,
                                              version=body.version))


@router.get("/corrections")
def corrections(store: Store = Depends(desk_store)) -> dict[str, Any]:
    return views.corrections_view(store)


@router.post("/corrections/notes", status_code=201)
def correction_note(request: Request, body: CorrectionNoteIn, store: Store = Depends(desk_store)) -> dict[str, Any]:
    note = record_correction_note(store, session_of(request).user, doc_key=body.doc_key, article_id=body.article_id,
                                  change_id=body.change_id, note=body.note, published=body.published)
    return asdict(note)


@router.get("/users")
def users(request: Request, store: Store = Depends(desk_store)) -> dict[str, Any]:
    require_role(session_of(request), "admin", "manage accounts")
    return {"users": [_user_json(u) for u in store.list_users()]}


@router.post("/users", status_code=201)
def add_user(request: Request, body: UserIn, store: Store = Depends(desk_store)) -> dict[str, Any]:
    require_role(session_of(request), "admin", "manage accounts")
    return _user_json(accounts.add_user(store, body.name, body.role, body.password, actor=session_of(request).user.name))


@router.patch("/users/{name}")
def update_user(request: Request, name: str, body: UserPatch, store: Store = Depends(desk_store)) -> dict[str, Any]:
    require_role(session_of(request), "admin", "manage accounts")
    actor = session_of(request).user.name
    user = None
    if body.role is not None:
        user = accounts.set_role(store, name, body.role, actor=actor)
    if body.active is not None:
        user = accounts.set_active(store, name, body.active, actor=actor)
    if user is None:
        user = accounts.existing_user(store, name)
    return _user_json(user)
