"""What relating needs of one claim: ``ClaimView``, built from the report's claim record.

Every span is ``start``/``end`` into the claim's ARTICLE text (as the claims stage stores it);
``text`` fields are slices of that text, kept because reasons and evidence print them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["ClaimView", "claim_views", "EntityRef", "QuantityRef", "TimeRef", "Passage", "PLACE_LABELS", "PERSON_LABELS"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PERSON_LABELS = frozenset({"PERSON"})


@dataclass(frozen=True, slots=True)
class Passage:
    """An exact passage of one article: what a judgement rests on."""

    article_id: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class QuantityRef:
    """A quantity of a claim: ``[low, high]`` (either end may be None: open range) of ``unit``."""

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str | None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time phrase of a claim with its resolved inclusive ISO date interval (ends may be None)."""

    text: str
    start: int
    end: int
    start_date: str | None
    end_date: str | None
    anchor: str | None


@dataclass(frozen=True, slots=True)
class EntityRef:
    """One entity mention inside a claim, with its stable entity id and NER label."""

    entity_id: str
    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim as relating sees it. ``vector`` is its sentence embedding (set by
    ``with_vectors``); it takes no part in equality."""

    claim_id: str
    article_id: str
    source: str
    text: str
    start: int
    end: int
    quantities: tuple[QuantityRef, ...] = ()
    times: tuple[TimeRef, ...] = ()
    entities: tuple[EntityRef, ...] = ()
    attribution: str | None = None  # the source phrase of the innermost attribution
    attribution_anonymous: bool = False
    certainty: str = "certain"
    hedges: tuple[str, ...] = ()
    published: str | None = None
    checkworthiness: float = 0.0
    # every entity the claim's article names anywhere (a place this article names elsewhere is not
    # one it contradicts)
    article_entity_ids: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def entity_ids(self) -> frozenset[str]:
        return frozenset(e.entity_id for e in self.entities)

    @property
    def hedged(self) -> bool:
        return self.certainty != "certain"

    def passage(self) -> Passage:
        return Passage(self.article_id, self.start, self.end, self.text)

    def slot_passage(self, start: int, end: int) -> Passage:
        """A passage inside this claim, given as article offsets."""
        return Passage(self.article_id, start, end, self.text[start - self.start : end - self.start])

    @classmethod
    def from_record(
        cls,
        record: Mapping[str, Any],
        article_text: str,
        *,
        source: str = "",
        published: str | None = None,
        mentions: Iterable[Mapping[str, Any]] = (),
        skip: Sequence[tuple[int, int]] = (),
    ) -> ClaimView:
        """Build a view from the report's claim dict. ``mentions`` are entity mentions of the
        article (report ``entities[*].mentions`` or the stage's ``mentions`` output, each with
        ``start``, ``end``, ``label`` and ``entity_id`` or ``id``); those inside the claim are kept.
        Time phrases overlapping a ``skip`` span (the article's dateline: the date of the report,
        not of the event) are left out."""
        s, e = int(record["start"]), int(record["end"])
        attribution = record.get("attribution")
        mentions = [m for m in mentions if m.get("entity_id") or m.get("id")]
        ents = tuple(
            EntityRef(str(m.get("entity_id") or m.get("id")), str(m["label"]), article_text[m["start"] : m["end"]], int(m["start"]), int(m["end"]))
            for m in mentions
            if s <= m["start"] and m["end"] <= e
        )
        return cls(
            claim_id=str(record["id"]),
            article_id=str(record["article_id"]),
            source=source,
            text=article_text[s:e],
            start=s,
            end=e,
            quantities=tuple(
                QuantityRef(q["text"], q["start"], q["end"], _num(q["low"]), _num(q["high"]), q.get("unit"), bool(q.get("approximate")))
                for q in record.get("quantities", ())
            ),
            times=tuple(
                TimeRef(t["text"], t["start"], t["end"], t.get("start_date"), t.get("end_date"), t.get("anchor"))
                for t in record.get("times", ())
                if not any(a < t["end"] and t["start"] < b for a, b in skip)
            ),
            entities=tuple(sorted(ents, key=lambda x: x.start)),
            attribution=attribution["source"] if attribution else None,
            attribution_anonymous=bool(attribution and attribution.get("anonymous")),
            certainty=str(record.get("certainty") or "certain"),
            hedges=tuple(h["cue"] for h in record.get("hedges", ())),
            published=published,
            checkworthiness=float(record.get("checkworthiness") or 0.0),
            article_entity_ids=frozenset(str(m.get("entity_id") or m.get("id")) for m in mentions),
        )


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def claim_views(report: Mapping[str, Any]) -> list[ClaimView]:
    """Views of every claim of a report JSON (``crosscheck check --format json``)."""
    articles = {a["id"]: a for a in report["articles"]}
    mentions: dict[str, list[dict[str, Any]]] = {}
    for ent in report.get("entities", ()):
        for m in ent["mentions"]:
            mentions.setdefault(m["article_id"], []).append({**m, "entity_id": ent["id"]})
    out = []
    for c in report["claims"]:
        a = articles[c["article_id"]]
        dl = a.get("dateline")
        skip = [(dl["start"], dl["end"])] if dl else []
        out.append(ClaimView.from_record(c, a["text"], source=a.get("source") or "", published=a.get("published"),
                                         mentions=mentions.get(a["id"], ()), skip=skip))
    return out
