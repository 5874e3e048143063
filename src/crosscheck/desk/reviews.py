"""Reviewing claims: the actions of the desk and who may take them.

A reviewer sets a verdict (from ``VERDICTS``), a note and source links on an unlocked claim; an
editor may also assign claims, approve verdicts and lock or unlock them; an admin may do all of
that. Every action names the ``Review.version`` it was taken on: the store refuses a save on a
version someone else has meanwhile replaced (``ReviewConflict``), so no one's verdict is
overwritten unseen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone
from urllib.parse import urlsplit

from crosscheck.desk.accounts import role_at_least
from crosscheck.errors import InvalidInput, NotFound, PermissionDenied
from crosscheck.model import VERDICTS, Claim, Review, User
from crosscheck.store.base import Store

__all__ = [
    "ACTION_ROLES", "MAX_NOTE", "MAX_SOURCES", "may", "current_review", "parse_sources", "save_verdict",
    "assign", "approve", "set_lock",
]

# the least role that may take each action (roles are ordered, see accounts.role_at_least)
ACTION_ROLES = {
    "review.save": "reviewer",
    "review.assign": "editor",
    "review.approve": "editor",
    "review.lock": "editor",
    "review.unlock": "editor",
}
MAX_NOTE = 5000  # a verdict note is a paragraph or two, not an article
MAX_SOURCES = 20
MAX_URL = 2000  # longer URLs are refused by common browsers and servers alike


def may(user: User, action: str) -> bool:
    return user.active and role_at_least(user.role, ACTION_ROLES[action])


def _require(user: User, action: str) -> None:
    if not may(user, action):
        raise PermissionDenied(f"{user.name} ({user.role}) may not {action.split('.')[1]} reviews: "
                               f"that needs the {ACTION_ROLES[action]} role or above")


def _claim(store: Store, claim_id: str) -> Claim:
    found = store.get_claims([claim_id])
    if not found:
        raise NotFound(f"no claim with id {claim_id!r}")
    return found[0]


def current_review(store: Store, claim_id: str) -> Review:
    """The stored review of a claim, or an empty one at version 0."""
    return store.get_reviews([claim_id]).get(claim_id) or Review(claim_id)


def parse_sources(sources: str | Iterable[str]) -> tuple[str, ...]:
    """Source links, one per line (or a list): only absolute http(s) URLs with a host are accepted;
    blank lines are dropped, duplicates kept once."""
    items = sources.splitlines() if isinstance(sources, str) else list(sources)
    out: list[str] = []
    for raw in items:
        url = str(raw).strip()
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname or len(url) > MAX_URL \
                or any(ch.isspace() or ord(ch) < 32 for ch in url):
            raise InvalidInput(f"source link {url[:80]!r} is not an http(s) address; give links like https://example.org/page")
        if url not in out:
            out.append(url)
    if len(out) > MAX_SOURCES:
        raise InvalidInput(f"{len(out)} source links: at most {MAX_SOURCES}, please")
    return tuple(out)


def _save(store: Store, user: User, review: Review, version: int, action: str) -> Review:
    return store.save_review(review, expected_version=version, actor=user.name, action=action)


def save_verdict(store: Store, user: User, claim_id: str, *, verdict: str | None, note: str,
                 sources: str | Iterable[str], version: int) -> Review:
    _require(user, "review.save")
    if verdict is not None and verdict not in VERDICTS:
        raise InvalidInput(f"unknown verdict {verdict!r}; choose one of: {', '.join(VERDICTS)}")
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"the note has {len(note)} characters: at most {MAX_NOTE}, please")
    links = parse_sources(sources)
    _claim(store, claim_id)
    review = current_review(store, claim_id)
    if review.locked and not role_at_least(user.role, "editor"):
        raise PermissionDenied(f"claim {claim_id} is locked by an editor; ask an editor to unlock it")
    changed = (verdict, note, links) != (review.verdict, review.note, review.sources)
    new = replace(review, verdict=verdict, note=note, sources=links, reviewer=user.name)
    if changed and review.approved_by:
        # an approval is of one verdict: a changed verdict, note or sources needs approving again
        new = replace(new, approved_by=None, approved_at=None)
    return _save(store, user, new, version, "review.save")


def assign(store: Store, user: User, claim_id: str, *, assignee: str | None, version: int) -> Review:
    _require(user, "review.assign")
    if assignee:
        target = store.get_user(assignee)
        if target is None or not target.active:
            raise InvalidInput(f"cannot assign to {assignee!r}: no active user by that name")
    _claim(store, claim_id)
    review = replace(current_review(store, claim_id), assignee=assignee or None)
    return _save(store, user, review, version, "review.assign")


def approve(store: Store, user: User, claim_id: str, *, version: int) -> Review:
    _require(user, "review.approve")
    _claim(store, claim_id)
    review = current_review(store, claim_id)
    if review.verdict is None:
        raise InvalidInput(f"claim {claim_id} has no verdict yet: there is nothing to approve")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return _save(store, user, replace(review, approved_by=user.name, approved_at=now), version, "review.approve")


def set_lock(store: Store, user: User, claim_id: str, *, locked: bool, version: int) -> Review:
    action = "review.lock" if locked else "review.unlock"
    _require(user, action)
    _claim(store, claim_id)
    return _save(store, user, replace(current_review(store, claim_id), locked=locked), version, action)
