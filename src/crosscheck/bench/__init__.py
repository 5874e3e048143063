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

from crosscheck.errors import UsageError

__all__ = ["BENCHMARKS", "benchmark_module", "run_benchmark"]

# name -> (module, one-line description)
BENCHMARKS: dict[str, tuple[str, str]] = {
    "claimbuster": ("crosscheck.bench.claimbuster", "check-worthiness: CFS P/R/F1 and macro-F1 on ClaimBuster groundtruth.csv"),
    "checkthat2019": ("crosscheck.bench.checkthat2019", "check-worthiness ranking: MAP, P@k on CLEF-2019 CheckThat! Task 1 test debates"),
    "ingest": ("crosscheck.bench.ingest", "ingest speed and peak memory on the 1,683 FNC-1 training bodies"),
    "speed": ("crosscheck.bench.speed", "end-to-end analysis speed (ingest + claims) and peak memory on the 1,683 FNC-1 training bodies"),
    "annotations": ("crosscheck.bench.annotations", "claim annotators (attribution, hedges, quantities, times): precision/recall on hand-labelled news sentences, dev and test halves"),
    "fnc1": ("crosscheck.bench.fnc1", "stance judge on the FNC-1 competition test set: FNC score, macro-F1, pairs/s"),
    "ecbplus": ("crosscheck.bench.ecbplus", "stories: ECB+ test topics fed one document at a time in five orders, B3/ARI/V against gold sub-topics and topics"),
    "emergent": ("crosscheck.bench.emergent", "stance judge (headline variant) on the Emergent test split: accuracy, macro-F1"),
}


def register(name: str, module: str, description: str) -> None:
    BENCHMARKS[name] = (module, description)


def benchmark_module(name: str) -> str:
    """The module of benchmark ``name``; an unknown name is a usage error listing the known ones."""
    try:
        return BENCHMARKS[name][0]
    except KeyError:
        raise UsageError(f"unknown benchmark '{name}'; available: {', '.join(sorted(BENCHMARKS))}") from None


def run_benchmark(name: str, data_dir: Path, log: Callable[[str], None], **opts: Any) -> dict[str, Any]:
    module = importlib.import_module(benchmark_module(name))
    result: dict[str, Any] = module.run(data_dir, log, **opts)
    return result
