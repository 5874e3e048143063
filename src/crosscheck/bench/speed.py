"""``crosscheck bench speed``: the whole analysis over the 1,683 FNC-1 training bodies.

Times ingest (decode, furniture, sentences, store) and the analysis (the claims stage:
check-worthiness, attribution, hedges, quantities, times, entity mentions; then the corpus stages:
entity linking, stories, cross-checking) separately and end to end, on this machine's
cores. The segmenter is loaded before the clock starts (reported apart); the claim models load
inside the timed run, in the worker processes that use them, as they do for a user. The issue's bar:
at least 20 articles/s end to end for 500-word articles on 2 cores; FNC-1 bodies average about
370 words, so ``words_per_s`` is reported too and the 500-word figure is derived from it.
"""

from __future__ import annotations

import csv
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.bench import peak_mb

__all__ = ["run"]



def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None) -> dict[str, Any]:
    from crosscheck.api import analysis_stages
    from crosscheck.config import load_config
    from crosscheck.pipeline import Ingestor, Pipeline
    from crosscheck.store import open_store

    with (data_dir / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[: limit or None]
    config = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "bodies.jsonl"
        with export.open("w", encoding="utf-8") as out:
            for r in rows:
                out.write(json.dumps({"url": f"https://fnc1.example/body/{r['Body ID']}", "maintext": r["articleBody"]}) + "\n")
        store = open_store(Path(tmp) / "speed.db")
        ingestor = Ingestor(store, config)
        stages = analysis_stages(config)
        t0 = time.perf_counter()
        ingestor.segmenter.warm_up()
        load_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        summary = ingestor.run([export])
        t2 = time.perf_counter()
        articles = list(store.iter_articles())
        Pipeline(stages).run(articles, store)
        t3 = time.perf_counter()
        words = sum(len(a.text.split()) for a in articles)
        claims = len(store.claims_for(a.id for a in articles))
        store.close()
    n = len(articles)
    ingest_s, claims_s, total_s = t2 - t1, t3 - t2, t3 - t1
    log(f"{n} articles ({summary.read} read), {words} words ({words / max(n, 1):.0f} per article), {claims} claims")
    log(f"segmenter loading {load_s:.1f} s (not counted); ingest {ingest_s:.1f} s; analysis {claims_s:.1f} s; total {total_s:.1f} s")
    wps = words / total_s
    return {
        "articles": n,
        "articles_per_s": round(n / total_s, 2),
        "claims_articles_per_s": round(n / claims_s, 2),
        "ingest_articles_per_s": round(n / ingest_s, 2),
        "words_per_s": round(wps, 1),
        "articles_per_s_at_500_words": round(wps / 500, 2),
        "claims": claims,
        "peak_mb": peak_mb(),
        "load_s": round(load_s, 2),
    }
