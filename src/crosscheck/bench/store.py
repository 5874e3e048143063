"""``crosscheck bench store``: the review queue on a 10,000-article store, per backend.

Fills a new store with synthetic articles (12 claims each, every third check-worthy, 50 articles
to a story, 40 outlets, one article in ten corrected by a second version, one check-worthy claim in
seven reviewed), then times ``Store.review_queue`` as the desk asks it: the first page of
unreviewed claims, filtered by story, by outlet, by assignee, and a deep page. SQLite always (a
temporary file); PostgreSQL when ``CROSSCHECK_BENCH_PG`` names a server whose role may create
databases (the bench creates its own database there and drops it afterwards; it never touches
``CROSSCHECK_DB``). Numbers are per backend: ``<backend>_load_s``, ``<backend>_<query>_p95_ms`` as
loaded, and ``<backend>_analyzed_<query>_p95_ms`` after ANALYZE.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crosscheck.bench import peak_mb

__all__ = ["run", "ENV_PG"]

ENV_PG = "CROSSCHECK_BENCH_PG"
ARTICLES = 10_000  # the desk's load-test size (issue #13)
REPEATS = 30  # timings per query; p95 is the 29th of 30


def _fill(store: Any, n: int) -> None:
    from crosscheck.model import Article, Claim, Review, Sentence, Story, StoryMember, article_id

    rng = random.Random(13)
    with store.transaction():
        batch = store.begin_batch("bench store", "synthetic")
        for i in range(n):
            source = f"outlet{i % 40}.example"
            text = f"Report {i}. The dam held for {i % 24} hours, officials said. " * 4
            art = Article(article_id(source, text), f"doc{i}", 1, source, "txt", text, url=f"https://{source}/{i}",
                          title=f"Dam report {i}", published="2025-03-04", ingested_at="2025-03-04T00:00:00+00:00",
                          sentences=(Sentence(0, len(text), False),))
            store.add_article(art, batch)
            if i % 10 == 9:  # a corrected version: the queue shows only the current one
                fixed = text + "Correction: an earlier version misstated the hours."
                new = Article(article_id(source, fixed), art.key, 2, source, "txt", fixed, url=art.url,
                              title=art.title, ingested_at=art.ingested_at, supersedes=art.id)
                store.add_article(new, batch)
                art = new
            if i % 50 == 0:
                store.add_story(Story(f"story{i // 50}", f"Dam {i // 50}", (), None, None))
            store.add_story_member(StoryMember(art.id, f"story{i // 50}", 0.5, "joined"))
            store.put_claims(art.id, [
                Claim(f"c{i}-{j}", art.id, 0, 10, rng.random(), "check-worthy" if j % 3 == 0 else "not check-worthy",
                      "certain", {"hedges": []}) for j in range(12)
            ])
    for i in range(0, n, 7):
        store.save_review(Review(f"c{i}-0", "accurate", "", (), "ana", assignee="bob"), expected_version=0,
                          actor="ana", action="review.save")


QUERIES: dict[str, dict[str, Any]] = {
    "queue": {},
    "queue_story": {"story_id": "story3"},
    "queue_source": {"source": "outlet3.example"},
    "queue_assignee": {"assignee": "bob", "reviewed": None},
    "queue_deep_page": {"offset": 5000},
}


def _p95(store: Any, kwargs: dict[str, Any]) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        store.review_queue(**kwargs)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return round(times[int(0.95 * REPEATS) - 1], 1)


@contextmanager
def _targets() -> Iterator[Iterator[tuple[str, str]]]:
    with tempfile.TemporaryDirectory() as tmp:
        made: list[str] = []
        server = os.environ.get(ENV_PG)

        def gen() -> Iterator[tuple[str, str]]:
            yield "sqlite", str(Path(tmp) / "bench.db")
            if server:
                made.append(_create_database(server))
                yield "postgres", made[-1]

        try:
            yield gen()
        finally:
            for url in made:
                _drop_database(server or "", url)


def _create_database(server: str) -> str:
    import psycopg

    name = f"cc_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, sep, query = server.partition("?")
    scheme, _, rest = head.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}/{name}{sep}{query}"


def _drop_database(server: str, url: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.partition("?")[0].rsplit("/", 1)[1]}" WITH (FORCE)')


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None) -> dict[str, Any]:
    from crosscheck.store import open_store

    n = limit or ARTICLES
    out: dict[str, Any] = {"articles": n}
    if not os.environ.get(ENV_PG):
        log(f"{ENV_PG} is unset: SQLite only")
    with _targets() as targets:
        for backend, target in targets:
            store = open_store(target)
            try:
                t0 = time.perf_counter()
                _fill(store, n)
                out[f"{backend}_load_s"] = round(time.perf_counter() - t0, 1)
                total = store.review_queue()[1]
                log(f"{backend}: {n} articles in {out[f'{backend}_load_s']} s, {total} claims waiting")
                # first as loaded, then with fresh planner statistics (PostgreSQL's autovacuum gathers
                # them within minutes of a big load; SQLite only when ANALYZE or PRAGMA optimize runs)
                for stage in ("", "analyzed_"):
                    if stage:
                        store._db.execute("ANALYZE")  # type: ignore[attr-defined]
                    for name, kwargs in QUERIES.items():
                        key = f"{backend}_{stage}{name}_p95_ms"
                        out[key] = _p95(store, kwargs)
                        log(f"  {stage + name:<25} p95 {out[key]} ms")
            finally:
                store.close()
    out["peak_mb"] = peak_mb()
    return out
