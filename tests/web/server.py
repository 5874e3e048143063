"""A real desk server for tests: uvicorn on a free loopback port, in a thread of the test process
(``serve_in_thread``) or as ``crosscheck serve`` in a subprocess (``serve_subprocess``)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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


@contextmanager
def serve_subprocess(db: Path, *extra: str) -> Iterator[str]:
    """``python -m crosscheck serve --db DB`` as a user starts it; stopped (SIGTERM) afterwards."""
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "crosscheck", "serve", "--db", str(db), "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"crosscheck serve exited {proc.returncode}: {proc.stdout.read() if proc.stdout else ''}")
            try:
                httpx.get(base + "/login", timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("crosscheck serve did not answer within 60 s") from None
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


def sign_in_http(client: Any, base: str, name: str, password: str) -> str:
    """Sign an httpx client in through the login form; returns the session's CSRF token."""
    client.get(base + "/login")
    r = client.post(base + "/login", data={"username": name, "password": password,
                                           "csrf_token": client.cookies.get("cc_login"), "next": "/"})
    assert r.status_code in (200, 303), r.text
    me = client.get(base + "/api/me")
    assert me.status_code == 200, me.text
    return str(me.json()["csrf_token"])
