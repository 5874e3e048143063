"""Sign-in for the desk: sessions, CSRF tokens, and the login rate limit.

The cookie holds a random token; the store keeps only its sha256, so a copy of the database
cannot be used to sign in. Each session has its own CSRF token: every form carries it as a hidden
field and every API write as the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from crosscheck.model import User
from crosscheck.store.base import Store

__all__ = ["SESSION_COOKIE", "LOGIN_COOKIE", "Session", "open_session", "find_session", "close_session",
           "same_token", "LoginLimiter", "safe_next"]

SESSION_COOKIE = "cc_session"
LOGIN_COOKIE = "cc_login"  # double-submit token of the login form, which has no session yet


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str
    token_hash: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(store: Store, user: User, hours: float) -> tuple[str, Session]:
    """A new session for ``user``: (the cookie's token, the session)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (datetime.now(timezone.utc) + timedelta(hours=hours)).isoformat(timespec="seconds")
    with store.transaction():
        # every sign-in also clears sessions that have run out, so the table holds live ones only
        store.purge_sessions(datetime.now(timezone.utc).isoformat(timespec="seconds"))
        store.add_session(_hash(token), user.name, csrf, expires)
    return token, Session(user, csrf, _hash(token))


def find_session(store: Store, token: str | None) -> Session | None:
    """The live session of a cookie token: None when unknown, expired, or its user is disabled."""
    if not token or len(token) > 200:
        return None
    found = store.get_session(_hash(token))
    if found is None:
        return None
    name, csrf, expires_at = found
    if datetime.fromisoformat(expires_at) <= datetime.now(timezone.utc):
        return None
    user = store.get_user(name)
    if user is None or not user.active:
        return None
    return Session(user, csrf, _hash(token))


def close_session(store: Store, session: Session) -> None:
    with store.transaction():
        store.delete_session(session.token_hash)


def same_token(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given).encode("utf-8"), expected.encode("utf-8"))


def safe_next(target: str | None, default: str = "/") -> str:
    """Where to go after signing in: only a path on this site ("/queue?story=x"), never another
    host ("//evil.example", "https://...", "/\\evil")."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(ch) < 32 for ch in target):
        return default
    return target


class LoginLimiter:
    """Failed sign-ins per user name and per client address in a sliding window; past the limit,
    every attempt on that name or from that address is refused until the window has moved on
    (a right password too, so guessing cannot continue at the limit's pace)."""

    def __init__(self, attempts: int, window_s: float) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] <= now - self.window_s:
            q.popleft()
        return q

    def blocked(self, name: str, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.attempts for k in (f"user:{name.lower()}", f"addr:{address}"))

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (f"user:{name.lower()}", f"addr:{address}"):
                self._recent(key, now).append(now)
            if len(self._failures) > 10_000:  # forget idle keys, so a flood of names cannot grow memory
                for key in [k for k, q in self._failures.items() if not q or q[-1] <= now - self.window_s]:
                    del self._failures[key]
