"""``crosscheck bench factcheck-scale``: what the fact-check index costs at 20k, 100k and 1M fact-checks.

Synthetic collections (no data needed): each fact-check is 10-25 words drawn from a Zipf-like
vocabulary of 50,000 invented words, and a random unit vector of the embedder's 384 dimensions.
Random vectors are the hard case for search speed (no clusters to exploit) and the same size as
real ones, so memory and time are representative; ranking quality is not measured here.

Measured at each size: resident memory of the loaded index (float32 and float16 vector storage),
ms per claim (candidates + features + the shipped re-ranker, best of 3 passes over 50 claims), and
ms to add one fact-check to a built index (the incremental import path). Disk, and the seconds a
fresh process takes to load the matching index from the stored vectors: the SQLite store
holding the fact-check rows with their float16 vectors is written and measured at 20k and 100k;
the 1M disk figure is extrapolated linearly from those and labelled so.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.bench import peak_mb

__all__ = ["run"]

DIM = 384
VOCAB = 50_000


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _texts(rng: np.random.Generator, n: int, words: list[str]) -> list[str]:
    ranks = np.minimum(rng.zipf(1.2, size=n * 25), VOCAB) - 1
    lengths = rng.integers(10, 26, size=n)
    out, at = [], 0
    for length in lengths:
        out.append(" ".join(words[i] for i in ranks[at : at + length]))
        at += length
    return out


def _vectors(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM), dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def _index(n: int, storage: str, rng: np.random.Generator, words: list[str]) -> tuple[Any, list[str], float]:
    from crosscheck.factchecks.index import FactCheckIndex, IndexedCheck

    gc.collect()
    before = _rss_mb()
    index = FactCheckIndex(DIM, storage)
    texts: list[str] = []
    for start in range(0, n, 50_000):
        chunk = _texts(rng, min(50_000, n - start), words)
        texts_chunk = [IndexedCheck(f"fc{start + i}", f"k{start + i}", t, None, None) for i, t in enumerate(chunk)]
        index.add_many(texts_chunk, _vectors(rng, len(chunk)))
        texts.extend(chunk[:100])  # queries are drawn from the first ones
    gc.collect()
    return index, texts, _rss_mb() - before


def _time_queries(matcher: Any, queries: list[str], vectors: np.ndarray) -> tuple[float, float]:
    """(wall, CPU) ms per claim, the best of 3 passes."""
    wall = cpu = float("inf")
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        for q, v in zip(queries, vectors):
            matcher.rank(q, v)
        wall = min(wall, (time.perf_counter() - t0) * 1000 / len(queries))
        cpu = min(cpu, (time.process_time() - c0) * 1000 / len(queries))
    return wall, cpu


class _StoredVectorsOnly:
    """An embedder that is never asked to embed: every synthetic fact-check has its vector stored."""

    name = "embed.minilm.v1"
    dim = DIM

    def encode(self, texts: list[str]) -> np.ndarray:
        raise AssertionError("a stored vector was missing")


def _disk_mb(n: int, rng: np.random.Generator, words: list[str], reranker: Any) -> tuple[float, float]:
    """(MB on disk, seconds to load the matching index from the store in a fresh StoreMatcher)."""
    from crosscheck.config import load_config
    from crosscheck.factchecks.service import StoreMatcher

    from crosscheck.model import FactCheck
    from crosscheck.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "scale.db")
        texts = _texts(rng, n, words)
        vecs = _vectors(rng, n).astype(np.float16)
        with store.transaction():
            batch = store.begin_batch("bench", "synthetic")
            for i, t in enumerate(texts):
                url = f"https://factchecks.example/{i}"
                store.add_factcheck(FactCheck(f"{i:024x}", url, 1, t, "False", "Example Checks", "2024-01-01", url,
                                              origin="synthetic", imported_at="2024-01-01T00:00:00+00:00"),
                                    batch, vecs[i].tobytes())
        store.close()
        disk = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
        store = open_store(Path(tmp) / "scale.db")
        t0 = time.perf_counter()
        StoreMatcher(load_config(), embedder=_StoredVectorsOnly(), reranker=reranker).refresh(store)
        load_s = time.perf_counter() - t0
        store.close()
        return disk, load_s


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None) -> dict[str, Any]:
    from crosscheck.factchecks.matcher import Matcher, Reranker

    rng = np.random.default_rng(13)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(letters[c] for c in rng.integers(0, 26, size=int(rng.integers(3, 10)))) for _ in range(VOCAB)]
    reranker = Reranker.load()
    sizes = [20_000, 100_000, 1_000_000] if not limit else [limit]
    out: dict[str, Any] = {}
    for n in sizes:
        for storage in ("float16", "float32"):  # float16 first: its memory figure is the one to plan with
            if n == 1_000_000 and storage == "float32":
                continue  # 1.5 GB of vectors: the float16 figure is the one to plan with; float32 is 2x its vectors
            index, texts, mem = _index(n, storage, rng, words)
            matcher = Matcher(index, reranker)
            queries = texts[:50]
            qv = np.asarray([index.vectors.reconstruct(i) for i in range(50)]) + 0.05 * _vectors(rng, 50)
            ms, cpu = _time_queries(matcher, queries, qv)
            t0 = time.perf_counter()
            from crosscheck.factchecks.index import IndexedCheck

            extra = _texts(rng, 1000, words)
            ev = _vectors(rng, 1000)
            for i, (t, v) in enumerate(zip(extra, ev)):
                index.add(IndexedCheck(f"new{i}", f"new{i}", t, None, None), v)
            add_ms = (time.perf_counter() - t0) * 1000 / 1000
            tag = f"{n // 1000}k_{storage}"
            out[f"memory_mb_{tag}"] = round(mem, 1)
            out[f"ms_per_query_{tag}"] = round(ms, 2)
            out[f"cpu_ms_per_query_{tag}"] = round(cpu, 2)
            out[f"ms_add_one_{tag}"] = round(add_ms, 3)
            log(f"{n:>9,} fact-checks, {storage} vectors: index memory {mem:,.0f} MB, {ms:.2f} ms per claim ({cpu:.2f} CPU), "
                f"{add_ms:.3f} ms to add one")
            del index, matcher
            gc.collect()
    disk = {}
    for n in ([20_000, 100_000] if not limit else [limit]):
        disk[n], load_s = _disk_mb(n, rng, words, reranker)
        out[f"disk_mb_{n // 1000}k"] = round(disk[n], 1)
        out[f"load_s_{n // 1000}k"] = round(load_s, 2)
        log(f"{n:>9,} fact-checks in the SQLite store (text, fields, float16 vector): {disk[n]:,.1f} MB on disk; "
            f"loading the matching index from it: {load_s:.2f} s")
    if len(disk) == 2:
        (n1, d1), (n2, d2) = sorted(disk.items())
        per = (d2 - d1) / (n2 - n1)
        out["disk_mb_1m_extrapolated"] = round(d2 + per * (1_000_000 - n2), 0)
        log(f"1,000,000 fact-checks on disk: about {out['disk_mb_1m_extrapolated']:,.0f} MB (EXTRAPOLATED linearly from 20k and 100k)")
    out["load_average_1min"] = round(os.getloadavg()[0], 2)
    out["peak_mb"] = peak_mb()
    return out
