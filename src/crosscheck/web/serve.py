"""``crosscheck serve``: the desk app under uvicorn."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crosscheck.errors import UsageError

__all__ = ["serve_desk", "serve_subprocess", "free_port", "app_from_environment"]


def serve_desk(db: Path | str, *, host: str = "127.0.0.1", port: int = 8000, secure_cookies: bool = False,
               log_level: str = "info", workers: int = 1, config_path: Path | None = None) -> None:
    """Serve the desk. ``workers`` > 1 runs that many processes (each with its own connections);
    sessions, CSRF tokens and reviews live in the store, so any process answers any request, but
    the login rate limit is counted per process."""
    if not (isinstance(db, str) and "://" in db) and not Path(db).exists():
        raise UsageError(f"{db}: no such store; build one with `crosscheck check PATH --db {db}` first")
    import uvicorn

    from crosscheck.store import open_store
    from crosscheck.web.app import DeskConfig, create_app

    from crosscheck.config import load_config

    desk_config = DeskConfig.from_settings(load_config(config_path), secure_cookies=secure_cookies)  # checked up front
    open_store(db).close()  # migrate once before the workers open their connections
    if workers > 1:
        os.environ[_ENV_DB] = str(db)
        os.environ[_ENV_SECURE] = "1" if secure_cookies else ""
        os.environ[_ENV_CONFIG] = str(config_path or "")
        uvicorn.run("crosscheck.web.serve:app_from_environment", factory=True, host=host, port=port,
                    log_level=log_level, proxy_headers=False, workers=workers)
        return
    app = create_app(db if isinstance(db, str) else Path(db), desk_config)
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False)


_ENV_DB, _ENV_SECURE, _ENV_CONFIG = "CROSSCHECK_DESK_DB", "CROSSCHECK_DESK_SECURE_COOKIES", "CROSSCHECK_DESK_CONFIG"


def app_from_environment() -> Any:
    """The app each worker process builds (uvicorn imports it by name when it runs several)."""
    from crosscheck.config import load_config
    from crosscheck.web.app import DeskConfig, create_app

    config = load_config(Path(os.environ[_ENV_CONFIG]) if os.environ.get(_ENV_CONFIG) else None)
    return create_app(os.environ[_ENV_DB], DeskConfig.from_settings(config, secure_cookies=bool(os.environ.get(_ENV_SECURE))))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_subprocess(db: Path | str, *extra: str, timeout_s: float = 60.0) -> Iterator[str]:
    """``python -m crosscheck serve --db DB`` on a free loopback port, as a user starts it; yields its
    base URL once it answers, and stops it (SIGTERM, then SIGKILL) afterwards."""
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "crosscheck", "serve", "--db", str(db), "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read() if proc.stdout else ""
                raise RuntimeError(f"crosscheck serve exited {proc.returncode}: {out[-2000:]}")
            try:
                httpx.get(base + "/login", timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"crosscheck serve did not answer within {timeout_s:.0f} s") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        if proc.stdout:
            proc.stdout.close()
