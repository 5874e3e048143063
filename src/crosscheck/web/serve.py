"""``crosscheck serve``: the desk app under uvicorn."""

from __future__ import annotations

from pathlib import Path

from crosscheck.errors import UsageError

__all__ = ["serve_desk"]


def serve_desk(db: Path | str, *, host: str = "127.0.0.1", port: int = 8000, secure_cookies: bool = False,
               log_level: str = "info") -> None:
    if not (isinstance(db, str) and "://" in db) and not Path(db).exists():
        raise UsageError(f"{db}: no such store; build one with `crosscheck check PATH --db {db}` first")
    import uvicorn

    from crosscheck.store import open_store
    from crosscheck.web.app import DeskConfig, create_app

    open_store(db).close()  # migrate once before the workers open their connections
    app = create_app(db if isinstance(db, str) else Path(db), DeskConfig(secure_cookies=secure_cookies))
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False)
