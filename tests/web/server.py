"""A real desk server for tests: uvicorn on a free loopback port, in a thread of the test process
(``serve_in_thread``) or as ``crosscheck serve`` in a subprocess (``serve_subprocess``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from crosscheck.web.serve import free_port, serve_subprocess

__all__ = ["serve_in_thread", "serve_subprocess", "sign_in_http"]


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the desk server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


def sign_in_http(client: Any, base: str, name: str, password: str) -> str:
    """Sign an httpx client in through the login form; returns the session's CSRF token."""
    client.get(base + "/login")
    r = client.post(base + "/login", data={"username": name, "password": password,
                                           "csrf_token": client.cookies.get("cc_login"), "next": "/"})
    assert r.status_code in (200, 303), r.text
    me = client.get(base + "/api/me")
    assert me.status_code == 200, me.text
    return str(me.json()["csrf_token"])
