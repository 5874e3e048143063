"""``crosscheck bench desk``: the review desk under load, on loopback, against a 10,000-article store.

The store: FNC-1 bodies (training and competition-test, 2,587 texts of 80+ words) printed as
copies by several outlets (copy *k* of a body drops its k-th sentence after the lead, so every
copy is its own text), 10,000 articles in all; the copies of one body are one story. Claims are
**synthetic rows over the real sentence spans** (a plain sentence splitter; check-worthiness and
cross-check status drawn from a seeded generator), because building 10k articles through the
whole model pipeline takes about 25 minutes here and the desk's cost does not depend on how the
scores were made. The built store is cached under ``cache_dir("bench-desk")``, named by a hash of
this recipe and the data files, and copied afresh for every run (the load writes verdicts).

The load: ``crosscheck serve`` in a subprocess on a free loopback port; a fixed number of clients
(threads, one httpx client each, signed in as their own reviewer) each send a fixed sequence of
requests: the review-queue page (first pages, sometimes filtered by status), a story page, and a
verdict write through the API on a claim no other client writes, each client's mix out of step
with the others'. Each client first sends three untimed requests (the server's caches warm, as
in a desk that has been running). It stops when every client has sent its requests. Afterwards the store is opened and every verdict answered 200 must be there
(``lost_verdicts`` counts those that are not).

Targets (issue #13): p95 under 150 ms for pages and under 100 ms for writes, zero errors.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.bench import peak_mb

__all__ = ["run", "build_store"]

ARTICLES = 10_000
CLIENTS = 8
REQUESTS_PER_CLIENT = 60  # a third each: queue page, story page, verdict write
WORKERS = 2  # server processes: one per core of this machine
SEED = 13
RECIPE_VERSION = 1  # bump when the way the store is built changes (the cache key includes it)
STATUSES = ("corroborated", "single-source", "conflicting", "hedged-only", "unattributed")
CHECKWORTHY_SHARE = 0.4  # about the share of check-worthy sentences the shipped model finds in FNC-1 bodies
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|$)")


def _bodies(data_dir: Path) -> list[str]:
    out = []
    for name in ("train_bodies.csv", "competition_test_bodies.csv"):
        with (data_dir / "fnc1" / name).open(encoding="utf-8", newline="") as fh:
            out += [r["articleBody"] for r in csv.DictReader(fh)]
    return [b for b in dict.fromkeys(out) if len(b.split()) >= 80]  # a few bodies occur twice


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 20:
            spans.append((s, e))
    return spans


def _copy(body: str, k: int) -> str:
    """Copy k of a body: the k-th sentence after the lead left out (copy 0 is the body itself)."""
    if k == 0:
        return body
    spans = _sentences(body)
    if len(spans) <= k + 1:
        return body + f"\n\nReporting by desk {k}."
    s, e = spans[k]
    return body[:s] + body[e:].lstrip()


def _recipe(data_dir: Path, articles: int) -> str:
    from crosscheck.paths import file_sha256

    files = [file_sha256(data_dir / "fnc1" / n) for n in ("train_bodies.csv", "competition_test_bodies.csv")]
    key = json.dumps({"v": RECIPE_VERSION, "articles": articles, "seed": SEED, "files": files,
                      "claims": "synthetic rows over sentence spans"}, sort_keys=True)
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def build_store(data_dir: Path, path: Path, articles: int, log: Callable[[str], None]) -> dict[str, int]:
    """Build the bench store at ``path`` through the store API; returns its counts."""
    from crosscheck.model import Article, Claim, Sentence, Story, StoryMember, article_id
    from crosscheck.store import open_store

    rng = random.Random(SEED)
    bodies = _bodies(data_dir)
    store = open_store(path)
    counts = {"articles": 0, "claims": 0, "checkworthy": 0, "stories": 0}
    t0 = time.perf_counter()
    with store.transaction():
        batch = store.begin_batch("bench desk", "synthetic")
        n = 0
        for k in range(articles // len(bodies) + 1):
            for b, body in enumerate(bodies):
                if n >= articles:
                    break
                text = _copy(body, k)
                source = f"outlet-{k:02d}.example"
                spans = _sentences(text)
                first = text[spans[0][0] : spans[0][1]] if spans else text[:80]
                day = f"2025-{1 + b % 12:02d}-{1 + b % 28:02d}"
                art = Article(id=article_id(source, text), key=f"https://{source}/fnc1/{b}", version=1, source=source,
                              format="txt", text=text, title=first[:90], published=day, ingested_at=f"{day}T08:00:00+00:00",
                              sentences=tuple(Sentence(s, e) for s, e in spans))
                store.add_article(art, batch)
                claims = []
                for i, (s, e) in enumerate(spans):
                    cw = round(rng.random(), 4)
                    worthy = cw >= 1 - CHECKWORTHY_SHARE
                    claims.append(Claim(f"c_{art.id[:12]}_{i:03d}", art.id, s, e, cw,
                                        "check-worthy" if worthy else "unimportant factual", "certain", {}))
                store.put_claims(art.id, claims)
                for c in claims:
                    if c.label == "check-worthy":
                        store.set_claim_status(c.id, rng.choice(STATUSES), rng.randint(1, 4), {"reason": "synthetic"})
                        counts["checkworthy"] += 1
                story_id = f"story_fnc1_{b:05d}"
                if k == 0:
                    store.add_story(Story(story_id, first[:90], (), day, day))
                    counts["stories"] += 1
                store.add_story_member(StoryMember(art.id, story_id, 1.0 if k == 0 else 0.9,
                                                   "new story" if k == 0 else "copy of the same body"))
                counts["claims"] += len(claims)
                n += 1
                if n % 2000 == 0:
                    log(f"built {n}/{articles} articles ({time.perf_counter() - t0:.0f} s)")
        counts["articles"] = n
    store.close()
    return counts


def _p95(xs: list[float]) -> float:
    if not xs:
        return 0.0
    ordered = sorted(xs)
    return round(ordered[max(0, int(round(0.95 * len(ordered))) - 1)], 1)


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None, **_: Any) -> dict[str, Any]:
    from crosscheck.desk.accounts import hash_password
    from crosscheck.model import User
    from crosscheck.paths import cache_dir
    from crosscheck.store import open_store

    articles = limit or ARTICLES
    cached = cache_dir("bench-desk") / f"desk-{_recipe(data_dir, articles)}.db"
    if cached.exists():
        log(f"store: cached {cached}")
        counts = json.loads(cached.with_suffix(".json").read_text())
    else:
        log(f"store: building {articles} articles into {cached} (synthetic claim rows over real sentence spans)")
        part = cached.with_suffix(".part")
        for leftover in (part, Path(str(part) + "-wal"), Path(str(part) + "-shm")):
            leftover.unlink(missing_ok=True)
        counts = build_store(data_dir, part, articles, log)
        part.rename(cached)
        cached.with_suffix(".json").write_text(json.dumps(counts))
    log(f"store: {counts['articles']} articles, {counts['stories']} stories, {counts['claims']} claims "
        f"({counts['checkworthy']} check-worthy)")

    with tempfile.TemporaryDirectory(prefix="crosscheck-bench-desk-") as tmp:
        db = Path(tmp) / "desk.db"
        shutil.copyfile(cached, db)
        store = open_store(db)
        password = "bench-desk-password"
        hashed = hash_password(password)
        names = [f"reviewer{i}" for i in range(CLIENTS)]
        with store.transaction():
            for name in names:
                store.add_user(User(name, "reviewer", hashed, "2025-01-01T00:00:00+00:00"), actor="bench")
        items, _n = store.review_queue(limit=CLIENTS * REQUESTS_PER_CLIENT, reviewed=False)
        targets = [it.claim.id for it in items]
        stories = [s.story.id for s in store.list_stories(limit=500)[0]]
        store.close()
        result = _load(db, names, password, targets, stories, log)
        store = open_store(db)
        written = result.pop("written")
        stored = store.get_reviews(written.keys())
        store.close()
    lost = sum(1 for cid, verdict in written.items() if cid not in stored or stored[cid].verdict != verdict)
    result.update(lost_verdicts=lost, verdicts_written=len(written), articles=counts["articles"],
                  claims=counts["claims"], clients=CLIENTS, requests=CLIENTS * REQUESTS_PER_CLIENT,
                  claims_kind="synthetic rows over real FNC-1 sentence spans", peak_mb=peak_mb(),
                  load_avg_1m=round(os.getloadavg()[0], 2))  # other work on the machine shows in the latencies
    log(f"queue p95 {result['queue_p95_ms']} ms, story p95 {result['story_p95_ms']} ms, write p95 "
        f"{result['write_p95_ms']} ms, {result['requests_per_s']} requests/s, {result['errors']} errors, "
        f"{lost} lost verdicts of {len(written)}")
    return result


def _load(db: Path, names: list[str], password: str, targets: list[str], stories: list[str],
          log: Callable[[str], None]) -> dict[str, Any]:
    import httpx

    from crosscheck.web.serve import serve_subprocess

    lat: dict[str, list[float]] = {"queue": [], "story": [], "write": []}
    errors: list[str] = []
    written: dict[str, str] = {}
    lock = threading.Lock()
    verdicts = ("accurate", "inaccurate", "misleading", "unverified", "needs_context")

    with serve_subprocess(db, "--log-level", "warning", "--workers", str(WORKERS)) as base:
        clients = []
        for name in names:
            client = httpx.Client(base_url=base, timeout=30.0)
            client.get("/login")
            client.post("/login", data={"username": name, "password": password, "csrf_token": client.cookies.get("cc_login")})
            token = client.get("/api/me").json()["csrf_token"]
            clients.append((client, token))
        barrier = threading.Barrier(len(clients))

        def work(i: int, client: httpx.Client, token: str) -> None:
            rng = random.Random(SEED + i)
            mine = targets[i::len(names)]
            for warm in ("/queue", f"/stories/{stories[i]}", "/api/queue"):  # warm-up, not timed
                client.get(warm)
            barrier.wait()
            for j in range(REQUESTS_PER_CLIENT):
                kind = ("queue", "story", "write")[(i + j) % 3]  # the clients' mixes are out of step
                if kind == "queue":
                    params = {"page": str(1 + rng.randrange(5))}
                    if rng.random() < 0.3:
                        params["status"] = rng.choice(STATUSES)
                    method, url, body = "GET", "/queue", None
                elif kind == "story":
                    method, url, body, params = "GET", f"/stories/{rng.choice(stories)}", None, {}
                else:
                    cid = mine.pop()
                    verdict = rng.choice(verdicts)
                    body = {"verdict": verdict, "note": f"bench note {i}-{j}", "sources": ["https://example.org/src"], "version": 0}
                    method, url, params = "PUT", f"/api/claims/{cid}/review", {}
                t = time.perf_counter()
                try:
                    r = client.request(method, url, params=params, json=body, headers={"X-CSRF-Token": token})
                    ok = r.status_code == 200
                except httpx.HTTPError as exc:
                    ok, r = False, None
                    with lock:
                        errors.append(f"{kind}: {exc}")
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    lat[kind].append(ms)
                    if r is not None and not ok:
                        errors.append(f"{kind} {url}: {r.status_code}")
                    if kind == "write" and ok:
                        written[cid] = verdict

        threads = [threading.Thread(target=work, args=(i, c, tok)) for i, (c, tok) in enumerate(clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        for client, _ in clients:
            client.close()
    for e in errors[:5]:
        log(f"error: {e}")
    for kind, xs in lat.items():
        log(f"{kind}: {len(xs)} requests, median {statistics.median(xs):.1f} ms, p95 {_p95(xs)} ms, max {max(xs):.1f} ms")
    total = sum(len(v) for v in lat.values())
    return {"queue_p95_ms": _p95(lat["queue"]), "story_p95_ms": _p95(lat["story"]), "write_p95_ms": _p95(lat["write"]),
            "requests_per_s": round(total / wall, 1), "errors": len(errors), "written": dict(written)}
