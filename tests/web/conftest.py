"""Fixtures of the desk tests: a small store built through the store API from sentences we wrote
(no models run), an app over it, and signed-in clients for each role."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

from crosscheck.model import Article, Claim, ClaimRelation, Sentence, Story, StoryMember, User, article_id

PASSWORD = "a long enough passphrase"

TEXT_A = ("Dam breach floods valley town\n"
          "The dam above Kessel burst at dawn on Monday, killing 12 people, the mayor said.\n"
          "Officials reportedly expect the toll to rise.")
TEXT_B = ("Kessel flood toll climbs\n"
          "The dam above Kessel burst on Monday and 14 people died, police said.\n"
          "Rescue crews worked through the night.")


def add_article(store, text: str, source: str, key: str, title: str, **extra) -> Article:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1
    art = Article(id=article_id(source, text), key=key, version=extra.pop("version", 1), source=source, format="txt",
                  text=text, title=title, published="2025-03-03", ingested_at="2025-03-03T08:00:00+00:00",
                  sentences=tuple(spans), **extra)
    with store.transaction():
        store.add_article(art, store.begin_batch("test", "cfg"))
    return art


def claim_on(art: Article, line: int, cw: float, cid: str, label: str = "check-worthy", **fields) -> Claim:
    s = art.sentences[line]
    return Claim(cid, art.id, s.start, s.end, cw, label, "certain", fields)


@functools.lru_cache(maxsize=1)
def password_hash() -> str:
    """PASSWORD hashed once per test session (Argon2 is slow on purpose)."""
    from crosscheck.desk.accounts import hash_password

    return hash_password(PASSWORD)


@dataclass
class Desk:
    store: object
    path: Path | str  # a SQLite file or a postgresql:// URL
    a: Article
    b: Article
    claim_ids: list[str]
    story_id: str


def build_desk(path: Path | str) -> Desk:
    from crosscheck.store import open_store

    store = open_store(path)
    a = add_article(store, TEXT_A, "valley-times.example", "https://valley-times.example/dam", "Dam breach floods valley town")
    b = add_article(store, TEXT_B, "river-post.example", "https://river-post.example/flood", "Kessel flood toll climbs")
    ca = [claim_on(a, 1, 0.91, "c_a1", attribution={"source": "the mayor", "cue": "said", "anonymous": False}),
          claim_on(a, 2, 0.55, "c_a2", hedges=[{"cue": "reportedly", "start": a.text.index("reportedly"),
                                                "end": a.text.index("reportedly") + 10, "strength": 1}]),
          claim_on(a, 0, 0.10, "c_a0", label="non-factual")]
    cb = [claim_on(b, 1, 0.88, "c_b1"), claim_on(b, 2, 0.40, "c_b2")]
    with store.transaction():
        store.put_claims(a.id, ca)
        store.put_claims(b.id, cb)
        store.set_claim_status("c_a1", "conflicting", 2, {"reason": "12 vs 14 people", "evidence": []})
        store.set_claim_status("c_b1", "conflicting", 2, {"reason": "14 vs 12 people", "evidence": []})
        store.set_claim_status("c_a2", "hedged-only", 1, {"reason": "hedged"})
        store.set_claim_status("c_b2", "single-source", 1, {"reason": "one source"})
        store.put_relations([ClaimRelation("c_a1", "c_b1", "conflicts", '"12 people" vs "14 people"', ())])
        store.add_story(Story("story_kessel", "Dam breach floods valley town", (), "2025-03-03", "2025-03-03"))
        store.add_story_member(StoryMember(a.id, "story_kessel", 0.0, "new story"))
        store.add_story_member(StoryMember(b.id, "story_kessel", 0.9, "joined", a.id))
    for name, role in (("rita", "reviewer"), ("rob", "reviewer"), ("eddie", "editor"), ("ada", "admin")):
        store.add_user(User(name, role, password_hash(), "2025-03-03T00:00:00+00:00"), actor="test")
    return Desk(store, path, a, b, ["c_a1", "c_a2", "c_b1", "c_b2"], "story_kessel")


@pytest.fixture(params=["sqlite", "postgres"])
def desk(request, tmp_path) -> Desk:
    """The desk's store on each backend: every web test runs on SQLite and on PostgreSQL."""
    target = tmp_path / "desk.db" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    d = build_desk(target)
    yield d
    d.store.close()


@pytest.fixture
def app(desk):
    from crosscheck.web.app import create_app

    return create_app(desk.store)


def sign_in(client, name: str, password: str = PASSWORD, next_path: str = "/"):
    """Sign ``client`` in through the login form, as a browser does; returns the response."""
    client.get("/login")
    token = client.cookies.get("cc_login")
    return client.post("/login", data={"username": name, "password": password, "csrf_token": token, "next": next_path},
                       follow_redirects=False)


def csrf_of(client) -> str:
    return client.get("/api/me").json()["csrf_token"]


@pytest.fixture
def client_for(app):
    from fastapi.testclient import TestClient

    made = []

    def make(name: str | None = None):
        client = TestClient(app)
        made.append(client)
        if name is not None:
            r = sign_in(client, name)
            assert r.status_code == 303, r.text
        return client

    yield make
    for c in made:
        c.close()
