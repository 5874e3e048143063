"""The library functions behind the CLI commands; a Python user calls these directly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.config import StoreSettings, config_hash, load_config
from crosscheck.model import IngestSummary

__all__ = ["ingest_paths", "run_check", "CheckResult", "analysis_stages", "REPORT_FILES"]

REPORT_FILES = {"report.json": "json", "report.html": "html", "report.txt": "table"}


def _open(db: Path | str, config: dict[str, Any]):  # type: ignore[no-untyped-def]
    from crosscheck.store import open_store

    return open_store(db, StoreSettings.from_config(config).backend)


def ingest_paths(
    paths: list[Path],
    db: Path | str,
    config_path: Path | None = None,
    progress: bool = False,
) -> IngestSummary:
    from crosscheck.pipeline import Ingestor

    config = load_config(config_path)
    store = _open(db, config)
    try:
        with store.run_lock():
            return Ingestor(store, config, progress=progress).run(paths)
    finally:
        store.close()


@dataclass
class CheckResult:
    summary: IngestSummary
    report: dict[str, Any]
    rendered: str


def analysis_stages(config: dict[str, Any]) -> list[Any]:
    """Every analysis stage that exists, in order: article stages, then corpus stages."""
    from crosscheck.claims.stage import ClaimStage
    from crosscheck.corpus.crosscheck import CrossCheckStage
    from crosscheck.corpus.entities import EntityStage
    from crosscheck.corpus.stories import StoryStage
    from crosscheck.factchecks.stage import FactCheckStage

    return [ClaimStage(config), EntityStage(), StoryStage(config), CrossCheckStage(config), FactCheckStage(config)]


def run_check(
    paths: list[Path],
    db: Path | str,
    config_path: Path | None = None,
    out_dir: Path | None = None,
    fmt: str = "table",
    progress: bool = False,
) -> CheckResult:
    from crosscheck.pipeline import Ingestor, Pipeline
    from crosscheck.report import build_report, render, validate_report

    config = load_config(config_path)
    store = _open(db, config)
    try:
        with store.run_lock():
            if paths:
                # the report files this run writes are not input for the next run over the same folder
                written = [out_dir / name for name in REPORT_FILES] if out_dir is not None else []
                summary = Ingestor(store, config, progress=progress).run(paths, command="check", exclude=written)
                ids: list[str] | None = summary.article_ids
            else:
                summary, ids = IngestSummary(), None
            if ids is None:  # every current article, each read once
                articles = list(store.iter_articles(current_only=True))
            else:
                articles = [a for a in (store.get_article(i) for i in dict.fromkeys(ids)) if a is not None]
            Pipeline(analysis_stages(config)).run(articles, store)
            report = build_report(store, ids, summary if paths else None, config_hash(config))
        validate_report(report)
    finally:
        store.close()
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, f in REPORT_FILES.items():
            (out_dir / name).write_text(render(report, f), encoding="utf-8")
    return CheckResult(summary, report, render(report, fmt))
