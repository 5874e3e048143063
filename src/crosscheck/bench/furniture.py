"""``crosscheck bench furniture``: precision and recall of the furniture decision on repeated lines.

Gold: ``labels/furniture.jsonl``, every line (12+ characters) that recurs in 3 or more bodies of an
FNC-1 file, labelled ``furniture`` or ``reporting`` by hand (see ``labels/README.md``); ids and
offsets only, the text is read from ``shared_data_dir()`` at run time. Dev is the training bodies'
178 lines (the rules in ``crosscheck/furniture.py`` were written on them), test the competition
test bodies' 103 lines, labelled before the rules were written and scored as is.

Each file is ingested as one outlet, as the product does it: every body is observed by a
``RepeatedLineLearner`` with the default ``[boilerplate]`` settings, then a labelled line is
predicted furniture when the lexicon or the learned spans of its body cover it. ``before_*`` is
the rule this replaced (any line in 3 or more documents of an outlet is furniture): every
labelled line recurs in 3 or more bodies, so it marked them all.

The story test (is a repeated statement in updates of one story, or in many unrelated stories?) is
also measured on ECB+, whose articles are grouped by real-world event: 1,000 random triples of
articles about one event must stay fewer than 3 stories (``story_one_event_kept``), and triples of
articles from 3 different topics should count 3 (``story_three_topics_found``). The threshold was
chosen on the training topics (``dev_*`` here, with the dev topics checked once); the test topics
are scored as is.
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.clean import RepeatedLineLearner, lexicon_spans, line_key
from crosscheck.furniture import StoryLines, count_stories
from crosscheck.config import load_config
from crosscheck.errors import InputError

__all__ = ["run", "load_labels", "predict", "LABELS"]

LABELS = Path(__file__).parent / "labels" / "furniture.jsonl"


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    from crosscheck.bench.annotations import load_labels as read_jsonl_labels

    return read_jsonl_labels(path)


def _bodies(path: Path) -> dict[int, str]:
    if not path.is_file():
        raise InputError(str(path), "FNC-1 bodies not found (give --data the folder holding fnc1/)", code="E101")
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as f:
        return {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(f)}


def predict(bodies: dict[int, str], rows: list[dict[str, Any]], outlet: str) -> dict[str, bool]:
    """Whether each labelled line (by id) is marked furniture when ``bodies`` are one outlet."""
    cfg = load_config()["boilerplate"]
    learner = RepeatedLineLearner(int(cfg["min_documents"]), int(cfg["min_chars"]), int(cfg["min_stories"]))
    for body_id in sorted(bodies):
        learner.observe(outlet, str(body_id), bodies[body_id])
    marked: dict[str, bool] = {}
    for row in rows:
        text = bodies[row["body_id"]]
        fixed = lexicon_spans(text)
        spans = fixed + learner.spans(outlet, text, fixed)
        marked[row["id"]] = any(b.start <= row["start"] and row["end"] <= b.end for b in spans)
    return marked


def _scores(rows: list[dict[str, Any]], marked: dict[str, bool]) -> dict[str, Any]:
    tp = sum(1 for r in rows if marked[r["id"]] and r["label"] == "furniture")
    fp = sum(1 for r in rows if marked[r["id"]] and r["label"] != "furniture")
    gold = sum(1 for r in rows if r["label"] == "furniture")
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "recall": round(tp / gold, 3) if gold else 0.0,
        "reporting_lost": fp, "lines": len(rows), "furniture": gold,
    }


def story_test(data_dir: Path, split: str, samples: int = 1000, seed: int = 13) -> dict[str, float]:
    """Share of one-event triples kept as fewer than 3 stories, and of three-topic triples found as 3."""
    path = data_dir / "ecbplus" / "documents.jsonl"
    if not path.is_file():
        raise InputError(str(path), "ECB+ documents not found (give --data the folder holding ecbplus/)", code="E101")
    docs = [d for d in (json.loads(line) for line in path.open(encoding="utf-8")) if d["split"] == split]
    stories: dict[str, StoryLines] = {}
    events: dict[str, list[str]] = {}
    topics: dict[int, list[str]] = {}
    for d in docs:
        # ECB+ additions start with their source URL as sentence 0: not article text
        texts = [" ".join(s["tokens"]) for s in d["sentences"] if d["corpus_part"] == "ecb" or s["n"] > 0]
        stories[d["doc_id"]] = StoryLines.of((t, line_key(t)) for t in texts)
        events.setdefault(d["subtopic"], []).append(d["doc_id"])
        topics.setdefault(d["topic"], []).append(d["doc_id"])
    rng = random.Random(seed)
    groups = [sorted(ids) for _, ids in sorted(events.items()) if len(ids) >= 3]
    names = sorted(topics)
    one_event = [rng.sample(rng.choice(groups), 3) for _ in range(samples)]
    three_topics = [[rng.choice(sorted(topics[t])) for t in rng.sample(names, 3)] for _ in range(samples)]
    return {
        "story_one_event_kept": round(sum(count_stories(stories[i] for i in t) < 3 for t in one_event) / samples, 3),
        "story_three_topics_found": round(sum(count_stories(stories[i] for i in t) >= 3 for t in three_topics) / samples, 3),
    }


def run(data_dir: Path, log: Callable[[str], None], **_: Any) -> dict[str, Any]:
    started = time.perf_counter()
    labels = load_labels()
    marked: dict[str, bool] = {}
    for name in sorted({r["file"] for r in labels}):
        rows = [r for r in labels if r["file"] == name]
        marked |= predict(_bodies(data_dir / "fnc1" / name), rows, f"fnc1:{name}")
    result: dict[str, Any] = {}
    for split in ("dev", "test"):
        rows = [r for r in labels if r["split"] == split]
        s = _scores(rows, marked)
        before = _scores(rows, {r["id"]: True for r in rows})
        log(
            f"{split}: {s['lines']} repeated lines ({s['furniture']} furniture): precision {s['precision']:.3f}, "
            f"recall {s['recall']:.3f}, reporting lines lost {s['reporting_lost']} "
            f"(before: precision {before['precision']:.3f}, recall {before['recall']:.3f}, lost {before['reporting_lost']})"
        )
        prefix = "" if split == "test" else "dev_"
        result |= {
            f"{prefix}furniture_precision": s["precision"], f"{prefix}furniture_recall": s["recall"],
            f"{prefix}reporting_lines_lost": s["reporting_lost"],
            f"{prefix}before_furniture_precision": before["precision"],
            f"{prefix}before_reporting_lines_lost": before["reporting_lost"],
        }
    for split, prefix in (("train", "dev_"), ("test", "")):
        story = story_test(data_dir, split)
        log(f"story test on ECB+ {split} topics: one-event triples kept {story['story_one_event_kept']:.3f}, "
            f"three-topic triples found {story['story_three_topics_found']:.3f}")
        result |= {f"{prefix}{k}": v for k, v in story.items()}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result
