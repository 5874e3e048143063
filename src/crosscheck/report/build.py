"""Assemble the report dictionary from the store."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timezone
from importlib import resources
from typing import Any

import crosscheck
from crosscheck.errors import CrosscheckError
from crosscheck.model import Article, IngestSummary
from crosscheck.store import Store
from crosscheck.versions import diff_versions

__all__ = ["SCHEMA_VERSION", "build_report", "load_schema", "validate_report", "REPORT_STAGES"]

SCHEMA_VERSION = "1.0"

# Stage outputs gathered into top-level lists of the report (stage name -> report key).
REPORT_STAGES: dict[str, str] = {"claims": "claims"}


def _article_json(article: Article, store: Store) -> dict[str, Any]:
    versions = store.versions(article.key)
    latest = versions[-1].id if versions else article.id
    texts = {v.id: (article.text if v.id == article.id else _text_of(store, v.id)) for v in versions} if len(versions) > 1 else {}
    return {
        "id": article.id,
        "source": article.source,
        "path": article.path,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "author": article.author,
        "language": article.language,
        "format": article.format,
        "dateline": (
            {"start": article.dateline.start, "end": article.dateline.end, "date": article.dateline.date,
             "place": article.dateline.place, "credit": article.dateline.credit}
            if article.dateline else None
        ),
        "text": article.text,
        "boilerplate": [{"start": b.start, "end": b.end, "reason": b.reason} for b in article.boilerplate],
        "sentences": [{"start": s.start, "end": s.end, "boilerplate": s.boilerplate} for s in article.sentences],
        "version": article.version,
        "current": article.id == latest,
        "versions": [
            {"id": v.id, "version": v.version, "ingested_at": v.ingested_at, "text_sha256": v.text_sha256,
             "supersedes": v.supersedes,
             "changes": [c.to_json() for c in diff_versions(texts[v.supersedes], texts[v.id])] if v.supersedes else []}
            for v in versions
        ],
    }


def _english_by_test(text: str) -> str | None:
    """"en" when the input declared no language and the claims stage's stop-word test found the
    text English (not merely too short to tell); otherwise the language is not known."""
    from crosscheck.annotate.language import MIN_WORDS, english_verdict

    verdict = english_verdict(text)
    return "en" if verdict.is_english and verdict.words >= MIN_WORDS else None


def _text_of(store: Store, article_id: str) -> str:
    found = store.get_article(article_id)
    return found.text if found else ""


def build_report(
    store: Store,
    article_ids: Sequence[str] | None,
    summary: IngestSummary | None,
    config_hash: str,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Report on the given articles (all current articles when ``article_ids`` is None)."""
    if article_ids is None:
        articles = list(store.iter_articles(current_only=True))
    else:
        unique = list(dict.fromkeys(article_ids))
        articles = [a for a in (store.get_article(i) for i in unique) if a is not None]
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "crosscheck_version": crosscheck.__version__,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "config_hash": config_hash,
        "summary": (
            {"read": summary.read, "new": summary.new, "new_versions": summary.new_versions,
             "duplicates": summary.duplicates,
             "skipped": [{"place": p.place, "reason": p.reason, "code": p.code} for p in summary.skipped]}
            if summary is not None else None
        ),
        "articles": [_article_json(a, store) for a in articles],
    }
    for stage, key in REPORT_STAGES.items():
        records: list[dict[str, Any]] = []
        for a in articles:
            records.extend(store.get_stage_output(stage, a.id) or [])
        report[key] = records
    report["entities"] = _entities(articles, store)
    notes = {a.id: store.get_stage_output("claims.notes", a.id) for a in articles}
    for art in report["articles"]:
        note = (notes.get(art["id"]) or [{}])[0]
        # notes cached by an older claims stage read "not English: not English: ..."; say it once
        art["analysis_notes"] = [note["skipped"].replace("not English: not English:", "not English:")] if note.get("skipped") else []
        if art["language"] is None and note and not note.get("skipped"):
            art["language"] = _english_by_test(art["text"])
    if extra:
        report.update(extra)
    return report


def _entities(articles: Sequence[Article], store: Store) -> list[dict[str, Any]]:
    """People, organisations and places, each with every mention in the reported articles."""
    grouped: dict[str, dict[str, Any]] = {}
    for a in articles:
        for m in store.get_stage_output("mentions", a.id) or []:
            if "entity_id" not in m:
                continue
            ent = grouped.setdefault(m["entity_id"], {"id": m["entity_id"], "name": m["entity_name"], "label": m["entity_label"], "mentions": []})
            ent["mentions"].append({"article_id": a.id, "start": m["start"], "end": m["end"], "text": m["text"],
                                    "label": m["label"], "doubtful": bool(m.get("doubtful"))})
    return sorted(grouped.values(), key=lambda e: (-len(e["mentions"]), e["name"]))


def load_schema() -> dict[str, Any]:
    text = (resources.files("crosscheck") / "schema" / "report.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_report(report: dict[str, Any]) -> None:
    import jsonschema

    try:
        jsonschema.validate(report, load_schema())
    except jsonschema.ValidationError as exc:
        path = "/".join(str(p) for p in exc.absolute_path)
        raise CrosscheckError(f"report does not match its schema at '{path}': {exc.message}", code="E500") from exc
