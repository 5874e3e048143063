"""``crosscheck bench factcheck-import``: what importing 1,000 fact-checks costs once many claims are stored.

Synthetic (no data needed; words and vectors as in ``factcheck-scale``): a SQLite store holding
20,000 fact-checks and 100,000 check-worthy claims (10,000 articles of 10 claims, each claim with its
stored float16 vector), then one import of a ClaimReview feed of 1,000 new fact-checks. For each new
fact-check, ``NEAR`` stored claims are noisy copies of its vector (cosine about 0.7, above the reverse
search's floor), so 5,000 claims are found and judged by the shipped matcher; the other claims' vectors
are random (cosines near 0). Real claims cluster by topic, so the number found per fact-check depends
on the corpus; on the CLEF dev pool it was 3 (2A) and 7.5 (2B) on average at the same floor, per
1,787 stored claims (README).

With the CLEF data present (``../shared/data/claimretrieval``), the reverse search itself is measured
on the **dev** splits (never test): the stored claims are every train and dev query of 2A and 2B; for
each pair the forward matcher accepts for a dev query, where that query ranks among the stored claims
by cosine to the accepted fact-check, and the lowest such cosine (``reverse_*`` keys).

The import's embedder is a stand-in returning each record's planned vector, so the timings are the
store, the index and the matcher; what MiniLM takes to embed 1,000 fact-checks of the same length is
measured on its own (``embed_s_1000``) and is part of every import, claims stored or not.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.bench import peak_mb

__all__ = ["run"]

DIM = 384
EXISTING = 20_000
ARTICLES = 10_000
PER_ARTICLE = 10
NEW = 1_000
NEAR = 5


class _Planned:
    """Returns the vector planned for each text (the fact-checks' own, made by the bench)."""

    name = "embed.minilm.v1"
    dim = DIM

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.vectors[t] for t in texts])


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None) -> dict[str, Any]:
    from crosscheck.bench.factcheck_scale import VOCAB, _texts, _vectors
    from crosscheck.config import load_config
    from crosscheck.factchecks.importer import import_factchecks
    from crosscheck.factchecks.matcher import Reranker
    from crosscheck.factchecks.rematch import rematch_after_import
    from crosscheck.factchecks.service import StoreMatcher
    from crosscheck.model import Article, Claim, FactCheck
    from crosscheck.store import open_store

    articles = (limit or ARTICLES * PER_ARTICLE) // PER_ARTICLE
    rng = np.random.default_rng(17)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(letters[c] for c in rng.integers(0, 26, size=int(rng.integers(3, 10)))) for _ in range(VOCAB)]
    config = load_config()
    out: dict[str, Any] = {"claims_stored": articles * PER_ARTICLE, "factchecks_stored": EXISTING, "factchecks_imported": NEW}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "import.db"
        store = open_store(db)
        t0 = time.perf_counter()
        fc_texts = _texts(rng, EXISTING, words)
        fc_vecs = _vectors(rng, EXISTING).astype(np.float16)
        new_texts = [f"{t} n{i}" for i, t in enumerate(_texts(rng, NEW, words))]
        new_vecs = _vectors(rng, NEW)
        with store.transaction():
            batch = store.begin_batch("bench", "synthetic")
            store.set_meta("factchecks.embedder", "embed.minilm.v1")
            for i, t in enumerate(fc_texts):
                url = f"https://factchecks.example/{i}"
                store.add_factcheck(FactCheck(f"{i:024x}", url, 1, t, "False", "Example Checks", "2024-01-01", url,
                                              origin="synthetic", imported_at="2024-01-01T00:00:00+00:00"),
                                    batch, fc_vecs[i].tobytes())
            vectors: dict[str, bytes] = {}
            near_of = rng.permutation(articles * PER_ARTICLE)[: NEW * NEAR]  # claim number -> a new fact-check
            planned = {int(c): j // NEAR for j, c in enumerate(near_of)}
            for a in range(articles):
                sentences = [s + "." for s in _texts(rng, PER_ARTICLE, words)]
                text = " ".join(sentences)
                art = Article(id=f"a{a:023x}", key=f"https://news.example/{a}", version=1, supersedes=None,
                              source="news.example", format="txt", text=text, path=None, title="T",
                              published="2024-06-01", ingested_at="2024-06-01T00:00:00+00:00")
                store.add_article(art, batch)
                claims, at = [], 0
                cv = _vectors(rng, PER_ARTICLE)
                for s, sentence in enumerate(sentences):
                    n = a * PER_ARTICLE + s
                    cid = f"c{n:023x}"
                    claims.append(Claim(cid, art.id, at, at + len(sentence), 0.9, "check-worthy", "certain"))
                    at += len(sentence) + 1
                    v = cv[s]
                    if n in planned:  # a noisy copy of one new fact-check's vector: cosine about 0.7
                        v = new_vecs[planned[n]] + 1.0 * v
                        v = v / np.linalg.norm(v)
                    vectors[cid] = v.astype(np.float16).tobytes()
                store.put_claims(art.id, claims)
            store.set_claim_vectors(vectors)
        build_s = time.perf_counter() - t0
        log(f"store built: {EXISTING:,} fact-checks, {articles * PER_ARTICLE:,} claims with vectors ({build_s:.1f} s)")
        feed = Path(tmp) / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as fh:
            for i, t in enumerate(new_texts):
                fh.write(json.dumps({"@type": "ClaimReview", "url": f"https://factchecks.example/new/{i}",
                                     "claimReviewed": t, "datePublished": "2024-07-01",
                                     "author": {"name": "Example Checks"},
                                     "reviewRating": {"alternateName": "False"}}) + "\n")
        embedder = _Planned({t: new_vecs[i] for i, t in enumerate(new_texts)})
        reranker = Reranker.load()
        t0 = time.perf_counter()
        with store.run_lock():
            since = store.factcheck_seq()
            service = StoreMatcher(config, embedder, reranker)
            summary = import_factchecks([feed], store, config, embedder=embedder)
            t1 = time.perf_counter()
            got = rematch_after_import(store, service, since, service.settings.labels, service.settings.top)
        t2 = time.perf_counter()
        store.close()
        assert summary.new == NEW, summary.line()
        out.update({
            "import_s": round(t1 - t0, 2), "rematch_s": round(t2 - t1, 2), "total_s": round(t2 - t0, 2),
            "claims_rejudged": got.rejudged, "claims_gained": got.gained,
            "ms_per_rejudged_claim": round((t2 - t1) * 1000 / max(got.rejudged, 1), 2),
        })
        log(f"import of {NEW:,} fact-checks: {t1 - t0:.2f} s to store them; matching stored claims again: "
            f"{t2 - t1:.2f} s (load the index of {EXISTING + NEW:,} fact-checks, reverse search over "
            f"{got.claims:,} claims, {got.rejudged:,} claims judged, {got.gained:,} gained matches)")
    from crosscheck.embed import get_embedder

    minilm = get_embedder("embed.minilm.v1")
    minilm.encode(new_texts[:8])  # load the model outside the timing
    t0 = time.perf_counter()
    minilm.encode(new_texts)
    out["embed_s_1000"] = round(time.perf_counter() - t0, 2)
    log(f"MiniLM embedding the 1,000 fact-checks' texts (every import does this): {out['embed_s_1000']:.2f} s")
    out.update(_reverse_on_dev(data_dir, log))
    import os

    out["load_average_1min"] = round(os.getloadavg()[0], 2)
    out["peak_mb"] = peak_mb()
    return out


def _reverse_on_dev(data_dir: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """How often the reverse search finds the claim the forward matcher accepts (CLEF dev splits)."""
    from crosscheck.embed import get_embedder
    from crosscheck.factchecks import claimretrieval as cr
    from crosscheck.factchecks.matcher import Matcher, Reranker
    from crosscheck.factchecks.rematch import REVERSE_FLOOR, REVERSE_K

    if not (data_dir / "claimretrieval" / "queries.jsonl").is_file():
        log("CLEF claim-retrieval data not found: reverse search recall not measured")
        return {}
    embedder, reranker = get_embedder("embed.minilm.v1"), Reranker.load()
    pool_ids: list[str] = []
    pool: list[np.ndarray] = []
    dev: dict[str, tuple[Any, list[tuple[str, str]], np.ndarray, Any]] = {}
    for name in ("2a", "2b"):
        coll = cr.load_set(data_dir, name)
        index = cr.build_index(coll, embedder, log)
        for split in ("train", "dev"):
            items = cr.queries(coll, split)
            vecs = cr.query_vectors(embedder, items, log)
            pool_ids += [f"{name}:{split}:{q}" for q, _ in items]
            pool.append(vecs)
            if split == "dev":
                dev[name] = (Matcher(index, reranker), items, vecs, index)
    claims = np.concatenate(pool)
    at = {k: i for i, k in enumerate(pool_ids)}
    out: dict[str, Any] = {"reverse_pool_claims": len(pool_ids)}
    for name, (matcher, items, vecs, index) in dev.items():
        ranks, cosines, near = [], [], []
        for (qid, text), vec in zip(items, vecs):
            for m in matcher.match(text, vec):
                sims = claims @ index.vectors.reconstruct(index._slot_of_key[m.check.key])
                own = sims[at[f"{name}:dev:{qid}"]]
                ranks.append(int((sims > own).sum()) + 1)
                cosines.append(float(own))
        for slot in range(0, len(index.checks), 20):  # claims above the floor per fact-check (every 20th)
            near.append(int((claims @ index.vectors.reconstruct(slot) >= REVERSE_FLOOR).sum()))
        r = np.asarray(ranks)
        found = float(((r <= REVERSE_K) & (np.asarray(cosines) >= REVERSE_FLOOR)).mean()) if ranks else 0.0
        out.update({f"reverse_accepted_pairs_{name}": len(ranks), f"reverse_found_{name}": round(found, 4),
                    f"reverse_within_10_{name}": round(float((r <= 10).mean()), 4) if ranks else 0.0,
                    f"reverse_min_cosine_{name}": round(min(cosines), 3) if cosines else None,
                    f"reverse_claims_above_floor_{name}": round(float(np.mean(near)), 2)})
        log(f"{name} dev: {len(ranks)} pairs accepted by the matcher; the reverse search (nearest {REVERSE_K}, cosine >= "
            f"{REVERSE_FLOOR}) finds {found:.1%} of them among {len(pool_ids):,} stored claims; lowest cosine "
            f"{min(cosines) if cosines else float('nan'):.3f}; {np.mean(near):.2f} stored claims per fact-check above the floor")
    return out
