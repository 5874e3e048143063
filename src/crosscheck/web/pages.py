"""The desk's HTML pages: server-rendered, readable without JavaScript. Writes are HTML forms that
post back and redirect (post/redirect/get); a stale review form is answered 409 with the other
reviewer's verdict beside the user's own unsaved input."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from crosscheck.desk import accounts, reviews
from crosscheck.desk.notes import record_correction_note
from crosscheck.errors import InvalidInput, ReviewConflict
from crosscheck.store.base import Store
from crosscheck.web import views
from crosscheck.web.auth import (
    LOGIN_COOKIE, SESSION_COOKIE, close_session, open_session, safe_next, same_token,
)
from crosscheck.web.deps import desk_store, form_int, page_number, queue_filters, require_role, session_of
from crosscheck.web.views import QueueFilters

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Any:
    return request.app.state.render.page(request, name, context, status)


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# -- signing in and out ------------------------------------------------------------------------
def _login_form(request: Request, *, error: str | None = None, status: int = 200, name: str = "") -> Any:
    import secrets

    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    response = _render(request, "login.html", {"login_token": token, "error": error, "name": name,
                                               "next": safe_next(request.query_params.get("next"))}, status)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", path="/login",
                        secure=request.app.state.config.secure_cookies)
    return response


@router.get("/login")
def login_page(request: Request) -> Any:
    return _login_form(request)


@router.post("/login")
async def login(request: Request) -> Any:
    form = await request.form()
    name, password = str(form.get("username", "")), str(form.get("password", ""))
    target = safe_next(str(form.get("next", "")) or None)
    if not same_token(str(form.get("csrf_token", "")), request.cookies.get(LOGIN_COOKIE) or ""):
        return _login_form(request, error="The sign-in form had expired. Please try again.", status=403, name=name)
    address = request.client.host if request.client else "unknown"
    limiter = request.app.state.limiter
    if limiter.blocked(name, address):
        return _login_form(request, error="Too many failed sign-ins. Wait a minute and try again.", status=429, name=name)

    def check() -> tuple[str, Any] | None:
        with request.app.state.pool.borrow() as store:
            user = store.get_user(name) if accounts.valid_name(name) else None
            if user is None or not accounts.verify_password(user, password):
                return None
            return open_session(store, user, request.app.state.config.session_hours)

    opened = await run_in_threadpool(check)
    if opened is None:
        limiter.failed(name, address)
        return _login_form(request, error="Wrong user name or password.", status=401, name=name)
    token, _ = opened
    response = _back(target)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", path="/",
                        secure=request.app.state.config.secure_cookies,
                        max_age=int(request.app.state.config.session_hours * 3600))
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, store: Store = Depends(desk_store)) -> Any:
    close_session(store, session_of(request))
    response = _back("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# -- reading -----------------------------------------------------------------------------------
@router.get("/")
def stories(request: Request, page: str | None = None, store: Store = Depends(desk_store)) -> Any:
    size = request.app.state.config.page_size
    return _render(request, "stories.html", {"data": views.stories_view(store, page=page_number(page), size=size)})


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str, store: Store = Depends(desk_store)) -> Any:
    return _render(request, "story.html", {"story": views.story_view(store, story_id)})


@router.get("/queue")
def queue(request: Request, page: str | None = None, filters: QueueFilters = Depends(queue_filters),
          store: Store = Depends(desk_store)) -> Any:
    size = request.app.state.config.page_size
    data = views.queue_view(store, filters, page=page_number(page), size=size, texts=request.app.state.texts)
    users = [u.name for u in store.list_users() if u.active]
    return _render(request, "queue.html", {"data": data, "sources": store.sources(), "users": users})


def _claim_page(request: Request, store: Store, claim_id: str, *, conflict: Any = None,
                draft: dict[str, Any] | None = None, error: str | None = None, status: int = 200) -> Any:
    data = views.claim_view(store, claim_id)
    users = [u.name for u in store.list_users() if u.active]
    return _render(request, "claim.html", {"c": data, "users": users, "conflict": conflict, "draft": draft,
                                           "error": error}, status)


@router.get("/claims/{claim_id}")
def claim(request: Request, claim_id: str, store: Store = Depends(desk_store)) -> Any:
    return _claim_page(request, store, claim_id)


@router.get("/corrections")
def corrections(request: Request, store: Store = Depends(desk_store)) -> Any:
    return _render(request, "corrections.html", {"data": views.corrections_view(store)})


@router.post("/corrections/notes")
async def correction_note(request: Request, store: Store = Depends(desk_store)) -> Any:
    form = await request.form()
    await run_in_threadpool(
        record_correction_note, store, session_of(request).user, doc_key=str(form.get("doc_key", "")),
        article_id=str(form.get("article_id", "")), change_id=str(form.get("change_id", "")),
        note=str(form.get("note", "")), published=form.get("published") == "1")
    return _back("/corrections")


# -- reviewing ---------------------------------------------------------------------------------
@router.post("/claims/{claim_id}/review")
async def save_review(request: Request, claim_id: str, store: Store = Depends(desk_store)) -> Any:
    form = await request.form()
    verdict = str(form.get("verdict", "")) or None
    note, sources = str(form.get("note", "")), str(form.get("sources", ""))
    draft = {"verdict": verdict, "note": note, "sources": sources}

    def run() -> Any:
        try:
            reviews.save_verdict(store, session_of(request).user, claim_id, verdict=verdict, note=note,
                                 sources=sources, version=form_int(form.get("version"), "version"))
        except ReviewConflict as exc:
            return _claim_page(request, store, claim_id, conflict=views.review_json(exc.current),  # type: ignore[arg-type]
                               draft=draft, status=409)
        except InvalidInput as exc:
            return _claim_page(request, store, claim_id, draft=draft, error=str(exc), status=422)
        return _back(f"/claims/{claim_id}#review")

    return await run_in_threadpool(run)


def _editor_action(request: Request, store: Store, claim_id: str, form: Any, action: str) -> Any:
    user, version = session_of(request).user, form_int(form.get("version"), "version")
    try:
        if action == "assign":
            reviews.assign(store, user, claim_id, assignee=str(form.get("assignee", "")) or None, version=version)
        elif action == "approve":
            reviews.approve(store, user, claim_id, version=version)
        else:
            reviews.set_lock(store, user, claim_id, locked=action == "lock", version=version)
    except ReviewConflict as exc:
        return _claim_page(request, store, claim_id, conflict=views.review_json(exc.current), status=409)  # type: ignore[arg-type]
    return _back(f"/claims/{claim_id}#review")


def _editor_route(action: str) -> Any:
    async def route(request: Request, claim_id: str, store: Store = Depends(desk_store)) -> Any:
        form = await request.form()
        return await run_in_threadpool(_editor_action, request, store, claim_id, form, action)

    route.__name__ = f"{action}_claim"
    return route


for _action in ("assign", "approve", "lock", "unlock"):
    router.add_api_route(f"/claims/{{claim_id}}/{_action}", _editor_route(_action), methods=["POST"])


# -- accounts (admin) --------------------------------------------------------------------------
@router.get("/users")
def users(request: Request, store: Store = Depends(desk_store)) -> Any:
    require_role(session_of(request), "admin", "manage accounts")
    return _render(request, "users.html", {"users": store.list_users()})


@router.post("/users")
async def add_user(request: Request, store: Store = Depends(desk_store)) -> Any:
    require_role(session_of(request), "admin", "manage accounts")
    form = await request.form()
    name, role, password = str(form.get("name", "")), str(form.get("role", "")), str(form.get("password", ""))
    await run_in_threadpool(accounts.add_user, store, name, role, password, actor=session_of(request).user.name)
    return _back("/users")


@router.post("/users/{name}")
async def update_user(request: Request, name: str, store: Store = Depends(desk_store)) -> Any:
    require_role(session_of(request), "admin", "manage accounts")
    form = await request.form()
    actor = session_of(request).user.name

    def change() -> None:
        if form.get("role"):
            accounts.set_role(store, name, str(form.get("role")), actor=actor)
        if form.get("active") in ("0", "1"):
            accounts.set_active(store, name, form.get("active") == "1", actor=actor)

    await run_in_threadpool(change)
    return _back("/users")
