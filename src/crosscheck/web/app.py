"""The desk's ASGI app: ``create_app(store_or_db, config)`` builds one, with no global state, so a
test builds as many as it likes on temporary stores.

Every request passes one gate (``_gate``): the login page and static files are public; anything
else without a live session gets 401 (``/api/...``) or a redirect to the login page; every
answer carries the security headers. Writes are checked for the session's CSRF token by the
app-wide dependency ``_csrf``, so a route added later cannot forget it.
"""

from __future__ import annotations

import queue
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders

from crosscheck.errors import DeskError, InvalidInput, NotFound, PermissionDenied, ReviewConflict, StoreError
from crosscheck.store.base import Store
from crosscheck.web.auth import SESSION_COOKIE, LoginLimiter, Session, find_session, same_token

__all__ = ["DeskConfig", "StorePool", "create_app", "PUBLIC_PATHS", "SECURITY_HEADERS"]

HERE = Path(__file__).resolve().parent
PUBLIC_PATHS = ("/login",)
PUBLIC_PREFIXES = ("/static/",)
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECURITY_HEADERS = {
    # no inline script or style anywhere: article text can never become code
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass(frozen=True, slots=True)
class DeskConfig:
    """The server's settings: ``[desk]`` of the configuration (``from_settings``) plus how it is served."""

    session_hours: float = 12.0
    login_attempts: int = 5  # failed sign-ins per name and per address ...
    login_window_s: float = 60.0  # ... in this window, then 429 until it has passed
    secure_cookies: bool = False  # True when served over HTTPS (behind a proxy): cookies then need it
    page_size: int = 50
    # connections kept open: one per worker thread that may hold one at a time (uvicorn's threadpool
    # runs 40; the desk's requests are short, so a few connections serve many threads)
    pool_size: int = 4

    @classmethod
    def from_settings(cls, config: Mapping[str, Any] | None, *, secure_cookies: bool = False) -> DeskConfig:
        from crosscheck.config import DeskSettings

        d = DeskSettings.from_config(config)  # every field but secure_cookies is a [desk] setting of the same name
        return cls(secure_cookies=secure_cookies,
                   **{f.name: getattr(d, f.name) for f in fields(cls) if f.name != "secure_cookies"})


class StorePool:
    """Stores lent to one request at a time. A SQLite connection must not be used by two threads at
    once, so each request borrows its own store; with one store given (a test's), it is lent to one
    request at a time."""

    def __init__(self, opener: Callable[[], Store], size: int) -> None:
        self._opener = opener
        self._free: queue.LifoQueue[Store] = queue.LifoQueue()
        self._slots = queue.Queue[None]()
        self._all: list[Store] = []
        for _ in range(max(1, size)):
            self._slots.put(None)

    @classmethod
    def of(cls, store: Store) -> StorePool:
        pool = cls(lambda: store, 1)
        return pool

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        self._slots.get()
        try:
            try:
                store = self._free.get_nowait()
            except queue.Empty:
                store = self._opener()
                self._all.append(store)
            try:
                yield store
            finally:
                self._free.put(store)
        finally:
            self._slots.put(None)

    def close(self) -> None:
        for store in {id(s): s for s in self._all}.values():
            store.close()
        self._all.clear()


class _Gate:
    """The one door (pure ASGI, so it costs no extra task per request): public paths pass; any other
    request needs a live session (401 for the API, a redirect to the login page otherwise), which it
    hands on as ``request.state.session``; every answer gets the security headers."""

    def __init__(self, app: Any, pool: StorePool) -> None:
        self.app = app
        self.pool = pool

    def _lookup(self, token: str | None) -> Session | None:
        with self.pool.borrow() as store:
            return find_session(store, token)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        static = path.startswith(PUBLIC_PREFIXES)

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if not static:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        if not (static or path in PUBLIC_PATHS):
            request = Request(scope)
            session = await run_in_threadpool(self._lookup, request.cookies.get(SESSION_COOKIE))
            if session is None:
                response: Any
                if path.startswith("/api/") or path == "/api":
                    response = JSONResponse({"error": "E605", "message": "sign in first (POST /login)"}, status_code=401)
                else:
                    query = scope.get("query_string", b"").decode("latin-1")
                    target = path + (f"?{query}" if query else "")
                    response = RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
                await response(scope, receive, send_with_headers)
                return
            scope.setdefault("state", {})["session"] = session
        await self.app(scope, receive, send_with_headers)


def _opener(db: str | Path) -> Callable[[], Store]:
    from crosscheck.store import open_store

    return lambda: open_store(db)


async def _csrf(request: Request) -> None:
    """App-wide dependency: a write needs its session's CSRF token (header, or the form's hidden field
    on pages), so a route added later cannot forget it."""
    if request.method not in UNSAFE_METHODS or request.url.path in PUBLIC_PATHS:
        return
    session: Session | None = getattr(request.state, "session", None)
    given = request.headers.get("x-csrf-token")
    if given is None and not request.url.path.startswith("/api/"):
        form = await request.form()
        value = form.get("csrf_token")
        given = value if isinstance(value, str) else None
    if session is None or not same_token(given, session.csrf):
        raise PermissionDenied("the form or request is missing its CSRF token, or it is stale: reload the page "
                               "(API clients send the X-CSRF-Token header from GET /api/me)", code="E604")


_STATUS = {PermissionDenied: 403, NotFound: 404, InvalidInput: 422}


def _error_page(request: Request, status: int, message: str, code: str) -> Any:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": code, "message": message}, status_code=status)
    return request.app.state.render.page(request, "error.html", {"status": status, "message": message}, status=status)


async def _desk_error(request: Request, exc: Exception) -> Any:
    assert isinstance(exc, DeskError)
    status = next((code for cls, code in _STATUS.items() if isinstance(exc, cls)), 400)
    return _error_page(request, status, str(exc), exc.code)


async def _conflict(request: Request, exc: Exception) -> Any:
    from crosscheck.web.views import review_json

    assert isinstance(exc, ReviewConflict)
    return JSONResponse({"error": exc.code, "message": str(exc), "current": review_json(exc.current)},  # type: ignore[arg-type]
                        status_code=409)


async def _store_error(request: Request, exc: Exception) -> Any:
    assert isinstance(exc, StoreError)
    return _error_page(request, 400, str(exc), exc.code)


def create_app(store: Store | str | Path, config: DeskConfig | None = None) -> Any:
    """The desk app over ``store`` (a Store, lent to one request at a time) or a database path (a
    pool of connections to it)."""
    from crosscheck.web import api, pages
    from crosscheck.web.render import Renderer
    from crosscheck.web.views import ArticleTexts

    config = config or DeskConfig()
    pool = StorePool.of(store) if not isinstance(store, (str, Path)) else StorePool(_opener(store), config.pool_size)

    @asynccontextmanager
    async def _lifespan(_app: Any) -> AsyncIterator[None]:
        yield
        pool.close()

    # docs pages off: FastAPI's Swagger page loads its script from a CDN (and the CSP forbids it).
    # Telemetry off, exporters never configured from the environment: the desk sends nothing anywhere.
    app = FastAPI(title="crosscheck review desk", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", dependencies=[Depends(_csrf)], lifespan=_lifespan,
                  telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False,
                             "auto_configure": False})
    app.state.pool = pool
    app.state.config = config
    app.state.limiter = LoginLimiter(config.login_attempts, config.login_window_s)
    app.state.render = Renderer(HERE / "templates")
    app.state.texts = ArticleTexts()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(_Gate, pool=pool)
    # ReviewConflict is a StoreError: the more specific handler is found first (by the class's MRO)
    app.add_exception_handler(DeskError, _desk_error)
    app.add_exception_handler(ReviewConflict, _conflict)
    app.add_exception_handler(StoreError, _store_error)
    app.include_router(pages.router)
    app.include_router(api.router)
    return app
