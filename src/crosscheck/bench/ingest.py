"""``crosscheck bench ingest``: articles per second and peak memory for ingesting the 1,683 FNC-1
training bodies (written to a news-crawler JSONL file first, as a user's export would be), through
the whole ingest stage: decode, identity, furniture marking, spaCy sentence segmentation, SQLite.
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
    from crosscheck.config import load_config
    from crosscheck.pipeline import Ingestor
    from crosscheck.store import open_store

    bodies_csv = data_dir / "fnc1" / "train_bodies.csv"
    with bodies_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if limit:
        rows = rows[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "fnc1_train_bodies.jsonl"
        with export.open("w", encoding="utf-8") as out:
            for r in rows:
                out.write(json.dumps({"url": f"https://fnc1.example/body/{r['Body ID']}", "maintext": r["articleBody"]}) + "\n")
        config = load_config()
        store = open_store(Path(tmp) / "bench.db")
        ingestor = Ingestor(store, config)
        ingestor.segmenter.warm_up()  # model loading is not ingest throughput; reported apart
        t0 = time.perf_counter()
        summary = ingestor.run([export])
        elapsed = time.perf_counter() - t0
        sentences = sum(len(a.sentences) for a in store.iter_articles())
        store.close()
    log(f"bodies: {len(rows)} from {bodies_csv}")
    log(f"ingest: {summary.line()} in {elapsed:.1f} s; {sentences} sentences")
    for p in summary.skipped[:10]:
        log(f"  skipped: {p}")
    return {
        "articles": summary.new + summary.new_versions,
        "articles_per_s": round(summary.read / elapsed, 2) if elapsed else None,
        "peak_mb": peak_mb(),
        "seconds": round(elapsed, 2),
        "sentences": sentences,
        "skipped": len(summary.skipped),
    }
