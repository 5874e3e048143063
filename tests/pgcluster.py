"""A throwaway PostgreSQL cluster for the tests, or the one named by ``CROSSCHECK_TEST_PG``.

``CROSSCHECK_TEST_PG`` is a URL to a database whose role may CREATE DATABASE (CI sets it, see
.ci/run); each test then gets a database of its own, dropped afterwards. Without it, the first test
that needs PostgreSQL starts a private cluster from the server binaries (Debian's
/usr/lib/postgresql/*/bin): a data folder in a temporary directory, trust authentication on
127.0.0.1 and a unix socket in the same directory, fsync off; it stops when the session ends. As
root the server runs as the ``postgres`` user (the server refuses root).

When neither is possible the PostgreSQL tests skip, except with ``CI=true``: there they fail, so
a CI machine without PostgreSQL cannot pass by skipping the backend.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

ENV_URL = "CROSSCHECK_TEST_PG"


def unavailable(reason: str) -> None:
    """Skip, or fail under CI=true."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def server_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin folder (Debian lays them out by version)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayCluster:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            import pwd

            pw = pwd.getpwnam("postgres")  # KeyError: no postgres user, reported by start()
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        proc = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {proc.stdout[-800:]}{proc.stderr[-800:]}")

    def start(self) -> str:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--no-sync", "--no-instructions")
        opts = f"-F -k {self.root} -p {self.port} -c listen_addresses=127.0.0.1 -c max_connections=60"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
                  "-o", opts, "-w", "-t", "60", "start")
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except (RuntimeError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.root, ignore_errors=True)


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead (the query string, if any, is kept)."""
    head, sep, query = url.partition("?")
    scheme, _, rest = head.partition("://")
    authority = rest.split("/", 1)[0]
    return f"{scheme}://{authority}/{name}{sep}{query}"


class Databases:
    """Creates a fresh database per test on the server at ``url`` and drops it afterwards."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(self.url, autocommit=True, connect_timeout=10)

    def create(self) -> str:
        name = f"cc_test_{uuid.uuid4().hex[:12]}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return with_database(self.url, name)

    def drop(self, url: str) -> None:
        name = url.partition("?")[0].rsplit("/", 1)[1]
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
