"""Check-worthiness of NEWS sentences (issue #9), reported inside ``crosscheck bench annotations``.

Gold: ``labels/checkworthy_news.jsonl``, 140 sentences drawn with a fixed seed from FNC-1
training bodies and ECB+ documents (one per document, none used by the annotation sets), each
labelled check-worthy or not by hand (guidelines in ``labels/README.md``), stored as ids and
offsets. ``split`` is ``dev`` or ``test`` by a hash of the document id (70/70); both halves
were labelled before any scorer was run on them. Anything tuned on this set is tuned on dev.

Figures per split: precision, recall and F1 of the ``check-worthy`` label at the model's own
threshold, and average precision (the ranking a desk reads top-down). Every scorer in
``SCORERS`` is reported, the product's default first (keys ``news_checkworthy_*``), the others
under ``news_checkworthy_<short name>_*``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.bench.annotations import load_labels, sentence_texts

__all__ = ["run", "LABELS", "average_precision"]

LABELS = Path(__file__).parent / "labels" / "checkworthy_news.jsonl"


def average_precision(scores: list[float], gold: list[bool]) -> float:
    """Mean of the precision at each check-worthy sentence, ranking by score (ties by order)."""
    ranked = sorted(zip(scores, gold), key=lambda sg: -sg[0])
    hits, total = 0, 0.0
    for k, (_, g) in enumerate(ranked, 1):
        if g:
            hits += 1
            total += hits / k
    return total / hits if hits else 0.0


def _scores(name: str, sentences: list[str]) -> tuple[list[float], list[bool]]:
    from crosscheck.claims.checkworthy import CheckworthinessScorer

    scored = CheckworthinessScorer(name).score(sentences)
    return [s.score for s in scored], [s.label == "check-worthy" for s in scored]


def _figures(scores: list[float], flagged: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(1 for f, g in zip(flagged, gold) if f and g)
    prec = tp / sum(flagged) if any(flagged) else 1.0
    rec = tp / sum(gold) if any(gold) else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "ap": average_precision(scores, gold)}


def run(data_dir: Path, log: Callable[[str], None], scorers: tuple[str, ...] | None = None,
        show_errors: str | None = None, **opts: Any) -> dict[str, Any]:
    from crosscheck.claims.checkworthy import SCORERS
    from crosscheck.config import ClaimSettings, load_config

    default = ClaimSettings.from_config(load_config()).scorer
    names = scorers or (default,) + tuple(n for n in SCORERS if n != default)
    labels = load_labels(LABELS)
    texts = sentence_texts(data_dir, labels)
    sentences = [texts[r["id"]][r["start"]:r["end"]].strip() for r in labels]
    gold = [bool(r["checkworthy"]) for r in labels]
    log(f"{len(labels)} news sentences from {LABELS.name} ({sum(gold)} check-worthy)")
    result: dict[str, Any] = {}
    for name in names:
        scores, flagged = _scores(name, sentences)
        short = "" if name == default else name.removeprefix("checkworthy.").rsplit(".", 1)[0].replace("-", "_") + "_"
        for split in ("test", "dev"):
            rows = [k for k, r in enumerate(labels) if r["split"] == split]
            figs = _figures([scores[k] for k in rows], [flagged[k] for k in rows], [gold[k] for k in rows])
            prefix = f"news_checkworthy_{short}" + ("" if split == "test" else "dev_")
            log(f"  {name} {split} ({len(rows)}): " + "  ".join(f"{k} {v:.3f}" for k, v in figs.items()))
            result.update({f"{prefix}{k}": round(v, 4) for k, v in figs.items()})
            if show_errors == split and name == default:
                for k in rows:
                    if flagged[k] != gold[k]:
                        log(f"    [{split}] gold={gold[k]} score={scores[k]:.2f}: {sentences[k][:150]!r}")
    result["news_checkworthy_scorer"] = default
    return result
