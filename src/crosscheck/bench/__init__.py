"""Benchmarks: ``crosscheck bench NAME``.

Each benchmark is a module with ``run(data_dir: Path, log: Callable[[str], None], **opts) -> dict``
that logs human-readable lines and returns its headline numbers; the CLI prints those as the
last line, one JSON object, under the key names the issue gives. Modules are imported only when
their benchmark runs, so ``crosscheck --help`` stays light.

Benchmarks never tune on a test split: anything tuned is tuned on a dev split carved from train
(each module says which), and the test split is scored once per run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.registry import Registry

__all__ = ["BENCHMARKS", "benchmark_module", "run_benchmark", "describe", "peak_mb"]

# name -> (module, one-line description)
BENCHMARKS: Registry[tuple[str, str]] = Registry.table("benchmark", {
    "claimbuster": ("crosscheck.bench.claimbuster", "check-worthiness: CFS P/R/F1 and macro-F1 on ClaimBuster groundtruth.csv"),
    "checkthat2019": ("crosscheck.bench.checkthat2019", "check-worthiness ranking: MAP, P@k on CLEF-2019 CheckThat! Task 1 test debates"),
    "ingest": ("crosscheck.bench.ingest", "ingest speed and peak memory on the 1,683 FNC-1 training bodies"),
    "speed": ("crosscheck.bench.speed", "end-to-end analysis speed (ingest, claims, entities, stories, cross-checking) and peak memory on the 1,683 FNC-1 training bodies"),
    "annotations": ("crosscheck.bench.annotations", "claim annotators (attribution with scope/channel, hedges, quantities, times) and news check-worthiness: precision/recall on hand-labelled news sentences, dev and test halves"),
    "scale": ("crosscheck.bench.scale", "time to add one article to corpora of 1k, 10k and 100k articles (ingest, claims, entities, stories, cross-checking), peak memory, disk"),
    "furniture": ("crosscheck.bench.furniture", "furniture decision on repeated lines of real pages (FNC-1 bodies): precision/recall, dev and test halves"),
    "fnc1": ("crosscheck.bench.fnc1", "stance judge on the FNC-1 competition test set: FNC score, macro-F1, pairs/s"),
    "reuse": ("crosscheck.bench.reuse", "copies and rewrites: P/R of 'is derived' per strength on seeded derivatives of ECB+ and FNC-1 texts, hard negatives from one ECB+ sub-topic"),
    "ecbplus": ("crosscheck.bench.ecbplus", "stories: ECB+ test topics fed one document at a time in five orders, B3/ARI/V against gold sub-topics and topics"),
    "emergent": ("crosscheck.bench.emergent", "stance judge (headline variant) on the Emergent test split: accuracy, macro-F1"),
    "desk": ("crosscheck.bench.desk", "review desk under load on loopback: 8 clients on a 10,000-article store (queue page, story page, verdict writes through the API): p95 latencies, requests/s, errors, lost verdicts"),
    "factchecked": ("crosscheck.bench.factchecked", "previously fact-checked claims: MAP@1/3/5 and MRR on CLEF CheckThat! 2022 2A (tweets -> Snopes) and 2021 2B (debates -> PolitiFact) test sets; ms per claim"),
    "factcheck-scale": ("crosscheck.bench.factcheck_scale", "fact-check index on synthetic collections up to 1M: memory, disk, ms per claim, incremental add"),
    "factcheck-import": ("crosscheck.bench.factcheck_import", "importing 1,000 fact-checks into a store already holding 100k (synthetic) checked claims: seconds to import and to match the stored claims again"),
    "corrections": ("crosscheck.bench.corrections", "corrections log: planted edits of FNC-1 bodies (a figure changed, with and without a note; a sentence split, moved, removed, added), share of versions whose claim changes are exactly right"),
    "store": ("crosscheck.bench.store", "review queue on a 10,000-article store: load time and p95 of the queue query per filter, on SQLite and (with CROSSCHECK_BENCH_PG) PostgreSQL"),
    "conflicts": ("crosscheck.bench.conflicts", "claim relations: recall of conflicts planted in ECB+ test documents (number, date, place, person) and precision, per kind"),
})


def register(name: str, module: str, description: str) -> None:
    BENCHMARKS.add(name, lambda: (module, description))


def benchmark_module(name: str) -> str:
    """The module of benchmark ``name``; an unknown name is a usage error listing the known ones."""
    return BENCHMARKS.create(name)[0]


def describe(name: str) -> str:
    """The one-line description of benchmark ``name``."""
    return BENCHMARKS.create(name)[1]


def run_benchmark(name: str, data_dir: Path, log: Callable[[str], None], **opts: Any) -> dict[str, Any]:
    module = importlib.import_module(benchmark_module(name))
    result: dict[str, Any] = module.run(data_dir, log, **opts)
    return result


def peak_mb() -> float:
    """This process's peak resident memory in MB, rounded to 0.1 (Linux reports KiB)."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)
