"""``crosscheck bench scale``: the cost of adding one more article to corpora of 1k, 10k and 100k.

The corpora are FNC-1 bodies (training and competition-test bodies, 2,587 texts) repeated as
perturbed copies: copy *k* of a body is printed by outlet *k* with one sentence after the lead
dropped and a furniture line appended, so stories of many reports, near-copies and learned
furniture all exist, as in a real crawl of many outlets.

Building 100k articles through every model would take most of an hour on two cores, so the bulk
is built with the real ingest, the real entity-linking and story stages and the real indexes,
but each copy's claims and mentions are the analysis of its original body carried over sentence
by sentence (offsets shifted to the copy's text), and each copy's story vector is its original
body's vector (the lead it is computed from is unchanged by the perturbation). The measured part
is real: each added article is a body held out of the corpus, ingested from a file and analysed
by every stage (claims with spaCy and the check-worthiness model, entities, stories) with the
models already loaded, as in a long-running process. ``add_ms`` is the median over the held-out
articles at each size; ``cold_index_ms`` is what a fresh process pays once to load the store's
story vectors into its nearest-neighbour index at that size.

Target (issue #8): per-article time at 100k within 3x of 1k.
"""

from __future__ import annotations

import csv
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.bench import peak_mb

__all__ = ["run"]

HELD_OUT = 7  # bodies kept out of the corpus and added one at a time at each size
CHUNK = 2000  # articles per bulk ingest file
POOL = 1000  # original bodies analysed with every model; the first corpus size is at least this



def _bodies(data_dir: Path) -> list[str]:
    out = []
    for name in ("train_bodies.csv", "competition_test_bodies.csv"):
        with (data_dir / "fnc1" / name).open(encoding="utf-8", newline="") as fh:
            out += [r["articleBody"] for r in csv.DictReader(fh)]
    return [b for b in out if len(b.split()) >= 80]


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None,
        sizes: tuple[int, ...] = (1000, 10_000, 100_000)) -> dict[str, Any]:
    from crosscheck.api import analysis_stages
    from crosscheck.config import load_config
    from crosscheck.pipeline import Ingestor, Pipeline
    from crosscheck.store import open_store

    if limit:
        sizes = tuple(s for s in sizes if s <= limit) or (limit,)
    bodies = _bodies(data_dir)
    rng = random.Random(8)
    rng.shuffle(bodies)
    held = bodies[:HELD_OUT * len(sizes) + 1]
    pool = bodies[HELD_OUT * len(sizes) + 1:][:min(POOL, sizes[0])]  # the originals, analysed for real
    config = load_config()
    result: dict[str, Any] = {"add_ms": {}, "cold_index_ms": {}, "sizes": list(sizes)}
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        store = open_store(tmp / "scale.db")
        ingestor = Ingestor(store, config)
        stages = analysis_stages(config)
        pipeline = Pipeline(stages)
        _cache_embeddings(stages)
        log(f"analysing the {len(pool)} original bodies once (real models) ...")
        t0 = time.perf_counter()
        bulk = Pipeline([st for st in stages if st.name != "crosscheck"])
        base = _analyse_pool(pool, tmp, ingestor, bulk, store)
        vectors = _claim_vectors(base, store, stages)
        log(f"  {time.perf_counter() - t0:.0f} s")
        built = len(base)
        warm = _add(held[-1], tmp / "warm", ingestor, pipeline, store)  # loads every model
        log(f"models warm (first add {warm:.0f} ms)")
        for n, size in enumerate(sizes):
            t0 = time.perf_counter()
            built = _grow(store, ingestor, stages, base, built, size, tmp, vectors)
            log(f"corpus at {built} articles (built in {time.perf_counter() - t0:.0f} s)")
            times = [_add(text, tmp / f"add{n}_{k}", ingestor, pipeline, store)
                     for k, text in enumerate(held[n * HELD_OUT:(n + 1) * HELD_OUT])]
            result["add_ms"][str(size)] = round(statistics.median(times), 1)
            result["cold_index_ms"][str(size)] = round(_cold_index_ms(store, config), 1)
            log(f"  add one article: median {statistics.median(times):.0f} ms (each: {', '.join(f'{t:.0f}' for t in times)}); "
                f"cold vector index {result['cold_index_ms'][str(size)]:.0f} ms")
        store.close()
        result["disk_mb"] = round(sum(f.stat().st_size for f in tmp.glob("scale.db*")) / 2**20, 1)
    first, last = result["add_ms"][str(sizes[0])], result["add_ms"][str(sizes[-1])]
    result["ratio_last_to_first"] = round(last / first, 2) if first else None
    result["peak_mb"] = peak_mb()
    return result


class _CachedEmbedder:
    """The real embedder, remembering each text's vector: a copy's lead is its original's lead, so
    the bulk pays for each distinct text once. Measured adds are new texts: real encodes."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.seen: dict[str, Any] = {}

    def warm_up(self) -> None:
        self.inner.warm_up()

    def encode(self, texts: list[str]) -> Any:
        import numpy as np

        todo = list(dict.fromkeys(t for t in texts if t not in self.seen))
        if todo:
            self.seen.update(zip(todo, self.inner.encode(todo)))
        return np.stack([self.seen[t] for t in texts]) if texts else self.inner.encode([])


def _cache_embeddings(stages: list[Any]) -> None:
    for stage in stages:
        if stage.name == "stories":
            clusterer = stage.clusterer
            clusterer.embedder = _CachedEmbedder(clusterer.embedder)


def _analyse_pool(pool: list[str], tmp: Path, ingestor: Any, pipeline: Any, store: Any) -> list[dict[str, Any]]:
    """Ingest and analyse the original bodies with every real stage; return, per body, its
    sentences with the claims and mentions inside each (offsets relative to the sentence)."""
    path = tmp / "pool.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(pool):
            out.write(json.dumps({"url": f"https://origin.example/{i}", "maintext": text, "title": text.split(".")[0][:90]}) + "\n")
    summary = ingestor.run([path])
    articles = [a for a in (store.get_article(i) for i in dict.fromkeys(summary.article_ids)) if a is not None]
    pipeline.run(articles, store)
    out_rows = []
    for a in articles:
        claims = store.claims_for([a.id])
        mentions = store.mentions_for([a.id])
        sents = []
        for s in a.sentences:
            if s.boilerplate:
                continue
            sents.append({
                "text": a.text[s.start:s.end],
                "claims": [(c, c.start - s.start, c.end - s.start) for c in claims if s.start <= c.start and c.end <= s.end],
                "mentions": [(m, m.start - s.start, m.end - s.start) for m in mentions if s.start <= m.start and m.end <= s.end],
            })
        out_rows.append({"id": a.id, "title": a.title, "sentences": sents})
    return out_rows


def _copy_text(body: dict[str, Any], k: int) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    sents = list(body["sentences"])
    words, first_after_lead = 0, len(sents)
    for i, s in enumerate(sents):  # the lead (the story embedder's first 120 words) stays intact
        words += len(s["text"].split())
        if words > 150:
            first_after_lead = i + 1
            break
    if len(sents) > first_after_lead + 1:
        del sents[first_after_lead + k % (len(sents) - first_after_lead)]
    parts, placed, pos = [], [], 0
    for s in sents:
        placed.append((pos, s))
        parts.append(s["text"])
        pos += len(s["text"]) + 2
    text = "\n\n".join(parts) + f"\n\nRead more stories like this at Outlet {k} Daily."
    return text, placed


def _claim_vectors(base: list[dict[str, Any]], store: Any, stages: list[Any]) -> dict[str, bytes]:
    """The stored embedding of each check-worthy claim text of the originals (cross-checking stores
    one per claim; the bulk copies carry their original's), set on the originals' claims too."""
    import numpy as np

    embedder = next(st for st in stages if st.name == "crosscheck").embedder
    claims = {c.id: c for b in base for s in b["sentences"] for c, _, _ in s["claims"] if c.label == "check-worthy"}
    texts = {cid: store.get_article(c.article_id).text[c.start:c.end] for cid, c in claims.items()}
    unique = list(dict.fromkeys(texts.values()))
    by_text = {t: np.asarray(v, dtype=np.float16).tobytes() for t, v in zip(unique, embedder.encode(unique))}
    with store.transaction():
        store.set_claim_vectors({cid: by_text[t] for cid, t in texts.items()})
    return {cid: by_text[t] for cid, t in texts.items()}


def _grow(store: Any, ingestor: Any, stages: list[Any], base: list[dict[str, Any]], built: int, size: int,
          tmp: Path, vectors: dict[str, bytes]) -> int:
    from dataclasses import replace

    from crosscheck.claims.analyse import VERSION, claim_id
    from crosscheck.model import EntityMention

    while built < size:
        n = min(CHUNK, size - built)
        path = tmp / f"bulk{built}.jsonl"
        layouts: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        with path.open("w", encoding="utf-8") as out:
            for i in range(built, built + n):
                body, k = base[i % len(base)], i // len(base) + 1
                text, placed = _copy_text(body, k)
                url = f"https://outlet{k}.example/{i}"
                layouts[url] = placed
                out.write(json.dumps({"url": url, "maintext": text, "title": body["title"]}) + "\n")
        summary = ingestor.run([path])
        articles = [a for a in (store.get_article(i) for i in dict.fromkeys(summary.article_ids)) if a is not None]
        with store.transaction():
            for a in articles:
                claims, mentions, carried = [], [], {}
                for pos, s in layouts.get(a.url or "", []):
                    for c, cs, ce in s["claims"]:
                        claims.append(replace(c, id=claim_id(a.id, pos + cs, pos + ce), article_id=a.id,
                                              start=pos + cs, end=pos + ce, fields=_shift(c.fields, pos + cs - c.start)))
                        if c.id in vectors:
                            carried[claims[-1].id] = vectors[c.id]
                    for m, ms, me in s["mentions"]:
                        mentions.append(EntityMention(a.id, pos + ms, pos + me, m.text, m.label, m.doubtful, m.name_key))
                store.put_claims(a.id, claims)
                store.put_mentions(a.id, mentions)
                store.set_claim_vectors(carried)
                store.put_stage_output("claims.notes", a.id, [{"version": VERSION, "sentences_skipped": []}])
        for stage in stages:
            # cross-checking costs what a story costs, not what the corpus costs (it reads only
            # the new article's story), so the bulk skips it; every measured add runs it
            if stage.scope == "corpus" and stage.name != "crosscheck":
                with store.transaction():
                    stage.run(articles, store)
        built += n
    return built


def _shift(value: Any, by: int) -> Any:
    """Move every offset in a claim's annotation JSON by ``by`` characters."""
    if isinstance(value, dict):
        return {k: (v + by if k.endswith(("start", "end")) and isinstance(v, int) and k not in ("start_date", "end_date")
                    else _shift(v, by)) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, by) for v in value]
    return value


def _add(text: str, folder: Path, ingestor: Any, pipeline: Any, store: Any) -> float:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "new.txt"
    path.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    summary = ingestor.run([path], command="check")
    articles = [a for a in (store.get_article(i) for i in dict.fromkeys(summary.article_ids)) if a is not None]
    pipeline.run(articles, store)
    return (time.perf_counter() - t0) * 1000


def _cold_index_ms(store: Any, config: dict[str, Any]) -> float:
    from crosscheck.corpus.stories import VECTOR_DIM, StoreStoryIndex
    from crosscheck.stories.ann import get_vector_index

    index = StoreStoryIndex(store, int(config["stories"]["posting_cap"]),
                            get_vector_index(config["stories"]["store_ann"], dim=VECTOR_DIM))
    t0 = time.perf_counter()
    index._sync()
    return (time.perf_counter() - t0) * 1000
