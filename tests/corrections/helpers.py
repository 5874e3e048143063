"""Versions and their claims built by hand: a naive sentence split is enough for these texts."""

from __future__ import annotations

import re
from dataclasses import asdict

from crosscheck.annotate.quantities import find_quantities
from crosscheck.model import Article, Claim, article_id

KEY = "https://ledger.example/world/dam"
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.M)


def version(text: str, n: int = 1, *, at: str = "2025-03-05T08:00:00+00:00", minor: tuple[str, ...] = (),
            supersedes: str | None = None, key: str = KEY) -> tuple[Article, list[Claim]]:
    """An article version and one claim per sentence; sentences containing a word of ``minor``
    are labelled not check-worthy."""
    aid = article_id("ledger.example", text)
    art = Article(aid, key, n, "ledger.example", "txt", text, url=key, title=text.split("\n")[0], published="2025-03-04",
                  ingested_at=at, supersedes=supersedes)
    claims = []
    for m in SENTENCE.finditer(text):
        s = m.start() + len(m.group()) - len(m.group().lstrip())
        e = m.end()
        if s >= e:
            continue
        worthy = not any(w in text[s:e] for w in minor)
        quantities = [asdict(q) for q in find_quantities(text, s, e)]
        claims.append(Claim(f"c_{aid[:6]}_{s}_{e}", aid, s, e, 0.8 if worthy else 0.2,
                            "check-worthy" if worthy else "unimportant factual", "certain",
                            {"quantities": quantities, "attribution": None}))
    return art, claims


def store_with_versions(path, *texts: str, key: str = KEY, minor: tuple[str, ...] = ()):
    """A SQLite store holding ``texts`` as successive versions of one document, with their claims."""
    from crosscheck.store import open_store

    store = open_store(path)
    previous = None
    for n, text in enumerate(texts, 1):
        art, claims = version(text, n, at=f"2025-03-0{n + 3}T08:00:00+00:00", minor=minor, supersedes=previous, key=key)
        with store.transaction():
            store.add_article(art, store.begin_batch("test", "cfg"))
            store.put_claims(art.id, claims)
        previous = art.id
    return store
