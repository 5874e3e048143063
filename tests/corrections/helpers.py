"""Versions and their claims built by hand: a naive sentence split is enough for these texts."""

from __future__ import annotations

import re
from dataclasses import asdict

from crosscheck.annotate.quantities import find_quantities
from crosscheck.model import Article, Claim, article_id

KEY = "https://ledger.example/world/dam"
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def version(text: str, n: int = 1, *, at: str = "2025-03-05T08:00:00+00:00", minor: tuple[str, ...] = ()) -> tuple[Article, list[Claim]]:
    """An article version and one claim per sentence; sentences containing a word of ``minor``
    are labelled not check-worthy."""
    aid = article_id("ledger.example", text)
    art = Article(aid, KEY, n, "ledger.example", "txt", text, url=KEY, title=text.split("\n")[0], ingested_at=at)
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
