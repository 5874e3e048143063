"""Desk accounts: who may sign in, with which role, and their Argon2 password hashes.

Library functions over a ``Store``: the CLI (``crosscheck user ...``) and the web app's users page
call the same ones, so the rules (valid names, roles, password length, the last active admin)
live here once. Every change is written through the store, which appends the audit entry.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from crosscheck.errors import InvalidInput, NotFound
from crosscheck.model import ROLES, User
from crosscheck.store.base import Store

__all__ = [
    "MIN_PASSWORD", "role_at_least", "hash_password", "verify_password", "add_user", "set_role",
    "set_active", "check_name", "valid_name", "existing_user",
]

# NIST SP 800-63B asks at least 8 characters of a user-chosen secret; a newsroom account that can
# approve published verdicts gets a little more.
MIN_PASSWORD = 10
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def role_at_least(role: str, needed: str) -> bool:
    """Roles are ordered (reviewer < editor < admin): each may do everything the ones before may."""
    if role not in ROLES or needed not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


def _hasher():  # type: ignore[no-untyped-def]
    # argon2-cffi's defaults follow RFC 9106's second recommended option (64 MiB, t=3, p=4)
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"the password is too short: at least {MIN_PASSWORD} characters, please")
    return str(_hasher().hash(password))


def verify_password(user: User | None, password: str) -> bool:
    """True when ``password`` matches; an unknown or disabled user is verified against a dummy hash
    anyway, so the answer takes the same time whether or not the name exists."""
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = _hasher()
    target = user.password_hash if user is not None and user.active else _DUMMY_HASH
    try:
        ok = bool(hasher.verify(target, password))
    except (VerificationError, InvalidHashError):
        return False
    return ok and user is not None and user.active


# the hash of a random string nobody knows (made once with argon2-cffi's default parameters)
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$y4sjMuK9RCIAjJwfCBMe0Q$AOXpiPmmNwKIzYylCJaW9ai2+AdB6M2V9zkiqJWruCA"


def valid_name(name: str) -> bool:
    return bool(_NAME.fullmatch(name))


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise InvalidInput(f"user name {name!r}: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}; choose one of: {', '.join(ROLES)}")
    return role


def add_user(store: Store, name: str, role: str, password: str, *, actor: str) -> User:
    user = User(check_name(name), _check_role(role), hash_password(password),
                datetime.now(timezone.utc).isoformat(timespec="seconds"))
    with store.transaction():
        store.add_user(user, actor=actor)
    return user


def existing_user(store: Store, name: str) -> User:
    user = store.get_user(name)
    if user is None:
        raise NotFound(f"no user named {name!r}; `crosscheck user list` shows them")
    return user


def _keeps_an_admin(store: Store, name: str) -> None:
    others = [u for u in store.list_users() if u.role == "admin" and u.active and u.name != name]
    if not others:
        raise InvalidInput(f"{name!r} is the last active admin; make someone else admin first")


def set_role(store: Store, name: str, role: str, *, actor: str) -> User:
    user = existing_user(store, name)
    _check_role(role)
    with store.transaction():
        if user.role == "admin" and role != "admin" and user.active:
            _keeps_an_admin(store, name)
        return store.update_user(name, actor=actor, role=role)


def set_active(store: Store, name: str, active: bool, *, actor: str) -> User:
    user = existing_user(store, name)
    with store.transaction():
        if not active and user.role == "admin" and user.active:
            _keeps_an_admin(store, name)
        return store.update_user(name, actor=actor, active=active)
