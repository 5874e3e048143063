"""Assemble the report dictionary from the store."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from importlib import resources
from typing import Any

import crosscheck
from crosscheck.errors import CrosscheckError
from crosscheck.model import Article, Claim, EntityMention, IngestSummary
from crosscheck.store import Store
from crosscheck.versions import diff_versions

__all__ = ["SCHEMA_VERSION", "build_report", "load_schema", "validate_report", "claim_json", "factchecks_of"]

SCHEMA_VERSION = "1.2"  # 1.1: stories; entities' merged spellings with reasons; claims from their own table
# 1.2: claims[].factchecks (published fact-checks about the claim)


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
    articles_by_id = {a.id: a for a in articles}
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
    ids = [a.id for a in articles]
    mentions = store.mentions_for(ids)
    entity_of = store.resolve_names({m.link_key for m in mentions})
    mentions_of: dict[str, list[EntityMention]] = {}
    for m in mentions:
        mentions_of.setdefault(m.article_id, []).append(m)
    order = {aid: k for k, aid in enumerate(ids)}
    report["claims"] = [claim_json(c, articles_by_id[c.article_id].text, mentions_of.get(c.article_id, []), entity_of)
                        for c in sorted(store.claims_for(ids), key=lambda c: (order[c.article_id], c.start))]
    _add_factchecks(store, report["claims"])
    report["entities"] = _entities(store, mentions, entity_of)
    report["stories"] = _stories(store, ids)
    claim_ids = [c["id"] for c in report["claims"]]
    report["relations"] = [{"claim_a": r.claim_a, "claim_b": r.claim_b, "type": r.type, "reason": r.reason,
                            "evidence": list(r.evidence)} for r in store.relations_for(claim_ids)]
    report["reuse"] = [{"source_article": x.source_article, "derived_article": x.derived_article, "score": x.score,
                        "direction": x.direction, "strength": x.strength, "passages": list(x.passages)}
                       for x in store.reuse_links_for(ids)]
    report["independence_groups"] = _independence(store, report["stories"])
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


def claim_json(claim: Claim, text: str, mentions: Sequence[EntityMention], entity_of: dict[tuple[str, str], str]) -> dict[str, Any]:
    """A claim record in the report's shape; its entity ids are those of the mentions (of its
    article) inside it."""
    inside = {entity_of[k] for m in mentions
              if m.article_id == claim.article_id and claim.start <= m.start and m.end <= claim.end
              and (k := m.link_key) in entity_of}
    out: dict[str, Any] = {
        "id": claim.id, "article_id": claim.article_id, "start": claim.start, "end": claim.end,
        "text": text[claim.start:claim.end], "checkworthiness": claim.checkworthiness, "label": claim.label,
        "certainty": claim.certainty, **claim.fields, "entity_ids": sorted(inside),
    }
    if claim.status is not None:
        out["status"] = claim.status
        out["independent_sources"] = claim.independent_sources
        out["status_detail"] = claim.status_detail
    return out


def factchecks_of(store: Store, claim_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Each claim's matched fact-checks, best first, in the report's shape (claims with none left out).
    The desk's claim page and API use the same records."""
    matches = store.factcheck_matches(claim_ids) if claim_ids else []
    checks = {f.id: f for f in store.get_factchecks({m.factcheck_id for m in matches})} if matches else {}
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for m in matches:
        f = checks.get(m.factcheck_id)
        if f is None:
            continue
        by_claim.setdefault(m.claim_id, []).append({
            "id": f.id, "claim": f.claim, "publisher": f.publisher, "rating": f.rating, "rating_value": f.rating_value,
            "best_rating": f.best_rating, "worst_rating": f.worst_rating, "date": f.published, "url": f.url,
            "score": m.score, "reason": m.reason, "later": m.later,
        })
    return by_claim


def _add_factchecks(store: Store, claims: list[dict[str, Any]]) -> None:
    """Each claim's matched fact-checks (the current version of each), best first; [] when none."""
    by_claim = factchecks_of(store, [c["id"] for c in claims])
    for c in claims:
        c["factchecks"] = by_claim.get(c["id"], [])


def _entities(store: Store, mentions: Sequence[EntityMention], entity_of: dict[tuple[str, str], str]) -> list[dict[str, Any]]:
    """People, organisations and places, each with every mention in the reported articles and,
    when several names were linked, each name with the reason it was linked."""
    grouped: dict[str, list[EntityMention]] = {}
    for m in mentions:
        eid = entity_of.get(m.link_key)
        if eid is not None:
            grouped.setdefault(eid, []).append(m)
    out = []
    for ent in store.get_entities(grouped):
        ms = grouped[ent.id]
        confident = [m.label for m in ms if not m.doubtful] or [m.label for m in ms]
        out.append({
            "id": ent.id, "name": ent.name, "label": Counter(confident).most_common(1)[0][0],
            "mentions": [{"article_id": m.article_id, "start": m.start, "end": m.end, "text": m.text,
                          "label": m.label, "doubtful": m.doubtful} for m in ms],
            "names": [{"spelling": n.spelling, "label": n.kind, "linked_because": n.reason} for n in ent.names],
        })
    return sorted(out, key=lambda e: (-len(e["mentions"]), e["name"]))


def _stories(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The stories of the reported articles, each with all its articles in the store (links into
    the whole corpus, not only this run) and why each article joined."""
    members = store.story_members(article_ids)
    stories = store.get_stories({m.story_id for m in members.values()})
    everyone = store.story_members(a for s in stories for a in s.article_ids)
    return [
        {"id": s.id, "title": s.title, "article_ids": list(s.article_ids), "first_seen": s.first_seen,
         "last_seen": s.last_seen,
         "members": [{"article_id": a, "score": round(everyone[a].score, 4), "reason": everyone[a].reason,
                      "nearest_article": everyone[a].nearest_article} for a in s.article_ids if a in everyone]}
        for s in stories
    ]


def _independence(store: Store, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per story, the groups of articles that count as one source, and why."""
    from crosscheck.reuse import ReuseDoc, independence_groups

    out = []
    for st in stories:
        arts = [a for a in (store.get_article(i) for i in st["article_ids"]) if a is not None]
        links = store.reuse_links_for(a.id for a in arts)
        for g in independence_groups([ReuseDoc.from_article(a) for a in arts], links):  # type: ignore[arg-type]
            out.append({"story_id": st["id"], "article_ids": list(g.article_ids), "reasons": list(g.reasons)})
    return out


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
