"""``crosscheck bench conflicts``: planted conflicts between ECB+ reports of one event.

Pairs of documents of one ECB+ sub-topic (unordered, up to ``pairs_per_subtopic`` per sub-topic,
drawn with a fixed seed) are run through the claims analyser and related (``relate.link_claims``,
A's claims against B's). Then one fact that both state is changed in A (see ``conflicts_plant``:
a number, a date, a place or a person, the kind taken in turn so that each is tried equally often;
what was changed where is logged), A is analysed again and related to B again.

Counting:
- **recall**: a plant is found when A's changed claim and B's claim stating the same fact are
  labelled ``conflicts`` with the planted kind. A conflict of another kind on that pair is a miss.
- **precision** = found / (found + false conflicts). False conflicts are every conflict reported on
  the *unchanged* pairs (ECB+ reports of one event rarely disagree, so all count as false, which
  may understate precision slightly), plus, on the changed pairs, every conflict involving the
  changed claim that is not the found plant. Conflicts between unchanged claims of a changed pair
  are the unchanged pair's and are counted there once.
- ``per_kind``: recall over the plants of that kind; precision over conflicts reported with that kind.

Splits: ``test`` (topics 36-45) is the reported number, scored once after the settings were fixed;
``dev`` (topics 2, 5, 12, 18, 21, 23, 34, 35) is what ``slot_similarity`` was tuned on.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

from crosscheck.bench.conflicts_plant import KINDS, Plant, apply_plant, choose_plant, replacement
from crosscheck.relate import CONFLICTS, ClaimView, RelateSettings, link_claims

__all__ = ["run"]

SEED = 13


def load_documents(data_dir: Path, split: str) -> dict[str, dict[str, Any]]:
    """ECB+ documents of ``split`` as {doc_id: {text, spans, subtopic, topic}}; the source-URL line
    of ecbplus documents is left out."""
    out = {}
    with open(data_dir / "ecbplus" / "documents.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["split"] != split:
                continue
            sents = [" ".join(s["tokens"]) for s in d["sentences"] if not (d["corpus_part"] == "ecbplus" and s["n"] == 0)]
            spans, pos = [], 0
            for s in sents:
                spans.append((pos, pos + len(s)))
                pos += len(s) + 1
            out[d["doc_id"]] = {"text": "\n".join(sents), "spans": tuple(spans), "subtopic": d["subtopic"], "topic": d["topic"]}
    return out


def _analyse(docs: dict[str, dict[str, Any]], analyser: Any) -> dict[str, Any]:
    from crosscheck.claims.analyse import ArticleJob

    jobs = [ArticleJob(i, d["text"], d["spans"], None) for i, d in docs.items()]
    return {r.id: r for r in analyser.analyse(jobs)}


def _views(docs: dict[str, dict[str, Any]], results: dict[str, Any], embed: Callable[[list[str]], Any]) -> dict[str, list[ClaimView]]:
    from crosscheck.annotate import Mention, link_entities

    pairs = [(i, Mention(m["text"], m["start"], m["end"], m["label"], bool(m.get("doubtful")))) for i, r in results.items() for m in r.mentions]
    ent = {(aid, m.start, m.end): e.id for e in link_entities(pairs) for aid, m in e.mentions}
    views: dict[str, list[ClaimView]] = {}
    for i, r in results.items():
        mentions = [{**m, "entity_id": ent[(i, m["start"], m["end"])]} for m in r.mentions]
        views[i] = [ClaimView.from_record(c, docs[i]["text"], source=i, mentions=mentions) for c in r.claims]
    flat = [v for vs in views.values() for v in vs]
    vecs = embed([v.text for v in flat])
    it = iter(vecs)
    return {i: [replace(v, vector=next(it)) for v in vs] for i, vs in views.items()}


def _pairs(docs: dict[str, dict[str, Any]], per_subtopic: int, rng: random.Random) -> list[tuple[str, str]]:
    by_sub: dict[str, list[str]] = {}
    for i, d in sorted(docs.items()):
        by_sub.setdefault(d["subtopic"], []).append(i)
    out = []
    for sub in sorted(by_sub):
        pairs = list(combinations(by_sub[sub], 2))
        for a, b in rng.sample(pairs, min(per_subtopic, len(pairs))):
            out.append((a, b) if rng.random() < 0.5 else (b, a))
    return out


def _names(docs: dict[str, dict[str, Any]], results: dict[str, Any]) -> dict[int, dict[str, list[str]]]:
    """Per topic: place and person names of the OTHER topics, to plant."""
    from crosscheck.relate.views import PERSON_LABELS, PLACE_LABELS

    seen: Counter[tuple[int, str, str]] = Counter()
    for i, r in results.items():
        for m in r.mentions:
            kind = "place" if m["label"] in PLACE_LABELS else "person" if m["label"] in PERSON_LABELS else None
            if kind and not m.get("doubtful") and m["text"][:1].isupper() and m["text"].replace(" ", "").isalpha():
                seen[(docs[i]["topic"], kind, m["text"])] += 1
    # names the recogniser gave the same label at least twice (fewer mislabelled fragments)
    found: dict[int, dict[str, set[str]]] = {}
    for (topic, kind, text), n in seen.items():
        if n >= 2 and (kind == "place" or " " in text):
            found.setdefault(topic, {"place": set(), "person": set()})[kind].add(text)
    return {t: {k: sorted(n for u, ns in found.items() if u != t for n in ns[k]) for k in ("place", "person")} for t in found}


def _plants(pairs: Sequence[tuple[str, str]], docs: dict[str, dict[str, Any]], views: dict[str, list[ClaimView]],
            names: dict[int, dict[str, list[str]]], rng: random.Random) -> list[Plant | None]:
    plants: list[Plant | None] = []
    for k, (a, b) in enumerate(pairs):
        plant = None
        for kind in KINDS[k % 4 :] + KINDS[: k % 4]:  # each kind tried first equally often
            chosen = choose_plant(kind, views[a], views[b], rng)
            if chosen is None:
                continue
            ca, cb, (s, e, before) = chosen
            after = replacement(kind, before, rng, names.get(docs[a]["topic"], {"place": [], "person": []}))
            if after:
                plant = Plant(a, b, kind, ca.claim_id, cb.claim_id, s, e, before, after)
                break
        plants.append(plant)
    return plants


def _planted_doc(doc: dict[str, Any], p: Plant) -> dict[str, Any]:
    shift = len(p.after) - (p.end - p.start)
    spans = tuple((s if s <= p.start else s + shift, e + shift if e >= p.end else e) for s, e in doc["spans"])
    return {**doc, "text": apply_plant(doc["text"], p.start, p.end, p.after), "spans": spans}


def _score(pairs: Sequence[tuple[str, str]], plants: Sequence[Plant | None], views: dict[str, list[ClaimView]],
           settings: RelateSettings, judge: Any, log: Callable[[str], None]) -> dict[str, Any]:
    found, planted, false = Counter[str](), Counter[str](), Counter[str]()
    unchanged_false, n_related, t_relate = 0, 0, 0.0
    for k, ((a, b), p) in enumerate(zip(pairs, plants)):
        t0 = time.perf_counter()
        before = link_claims(views[a], views[b], settings, judge, keep_unrelated=True)
        t_relate += time.perf_counter() - t0
        n_related += len(before)
        for r in before:
            if r.type == CONFLICTS:
                false[r.kind or "?"] += 1
                unchanged_false += 1
                log(f"  false conflict (unchanged {a} / {b}): {r.reason}")
        if p is None:
            continue
        planted[p.kind] += 1
        changed = f"{a}~{k}"
        target = next((v for v in views[changed] if v.start <= p.start < v.end), None)
        after = [r for r in link_claims(views[changed], views[b], settings, judge) if r.type == CONFLICTS and target and r.involves(target.claim_id)]
        hit = [r for r in after if r.claim_b == p.claim_b and r.kind == p.kind]
        found[p.kind] += bool(hit)
        for r in after:
            if r not in hit[:1]:
                false[r.kind or "?"] += 1
        log(f"plant {p.kind} {a} [{p.start}:{p.end}] {p.before!r} -> {p.after!r} vs {b}: {'found' if hit else 'missed'}"
            + (f" ({hit[0].reason})" if hit else "") + "".join(f"; other conflict: {r.reason}" for r in after if r not in hit[:1]))
    return {"found": found, "planted": planted, "false": false, "unchanged_false": unchanged_false,
            "related_pairs": n_related, "relate_s": t_relate}


def _summary(tally: dict[str, Any], n_pairs: int) -> dict[str, Any]:
    found, planted, false = tally["found"], tally["planted"], tally["false"]
    tp, fp = sum(found.values()), sum(false.values())
    per_kind = {k: {"recall": round(found[k] / planted[k], 4) if planted[k] else None,
                    "precision": round(found[k] / (found[k] + false[k]), 4) if found[k] + false[k] else None,
                    "planted": planted[k], "found": found[k], "false_conflicts": false[k]} for k in KINDS}
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / sum(planted.values()), 4) if planted else None,
        "per_kind": per_kind,
        "pairs": n_pairs,
        "planted": sum(planted.values()),
        "false_conflicts_unchanged_pairs": tally["unchanged_false"],
        "relate_ms_per_claim_pair": round(1000 * tally["relate_s"] / max(1, tally["related_pairs"]), 3),
    }


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None, split: str = "test", judge: str = "none",
        seed: int = SEED, pairs_per_subtopic: int = 10, settings: RelateSettings | None = None, **_: Any) -> dict[str, Any]:
    from crosscheck.claims.analyse import ClaimAnalyser
    from crosscheck.config import load_config
    from crosscheck.embed import get_embedder
    from crosscheck.relate.judges import get_judge

    config = load_config()
    settings = settings or RelateSettings.from_config(config)
    rng = random.Random(seed)
    docs = load_documents(data_dir, split)
    pairs = _pairs(docs, pairs_per_subtopic, rng)[:limit] if limit else _pairs(docs, pairs_per_subtopic, rng)
    used = {i for ab in pairs for i in ab}
    docs = {i: d for i, d in docs.items() if i in used} if limit else docs
    embedder = get_embedder("embed.minilm.v1")
    analyser = ClaimAnalyser(config)
    log(f"ECB+ {split}: {len(docs)} documents, {len(pairs)} pairs; analysing")
    results = _analyse(docs, analyser)
    views = _views(docs, results, embedder.encode)
    plants = _plants(pairs, docs, views, _names(docs, results), rng)
    changed = {f"{p.doc_a}~{k}": _planted_doc(docs[p.doc_a], p) for k, p in enumerate(plants) if p}
    all_docs = docs | changed
    views = _views(all_docs, results | _analyse(changed, analyser), embedder.encode)
    tally = _score(pairs, plants, views, settings, get_judge(judge), log)
    result = _summary(tally, len(pairs)) | {"split": split, "judge": judge, "seed": seed, "limited": bool(limit)}
    log("plants: " + json.dumps([p.to_json() if p else None for p in plants])[:2000])
    return result
