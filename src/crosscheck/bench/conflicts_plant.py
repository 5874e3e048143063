"""Planting one conflict in an ECB+ document for ``crosscheck bench conflicts``.

A plant changes one fact in document A that document B of the same sub-topic also states, found by
plain value equality, not by the relating code under test: a number (same value and unit in a
claim of B), a date (same resolved dates), a place or a person (same linked entity). The change:
a number becomes a clearly different one (n + 30-100% of n, at least +1), a year moves 1-3 years,
a month or weekday becomes another one, a place or a person becomes one of the same kind from
another ECB+ topic. Everything is drawn from a ``random.Random`` seeded by the run.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.relate import ClaimView
from crosscheck.relate.views import PERSON_LABELS, PLACE_LABELS

__all__ = ["Plant", "choose_plant", "apply_plant", "KINDS"]

KINDS = ("number", "date", "place", "person")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass(frozen=True, slots=True)
class Plant:
    """What was changed where: ``[start, end)`` of document A's text held ``before``, now ``after``."""

    doc_a: str
    doc_b: str
    kind: str
    claim_a: str  # the claim of A holding the change (id in the original A)
    claim_b: str  # B's claim stating the same fact
    start: int
    end: int
    before: str
    after: str

    def to_json(self) -> dict[str, object]:
        return {"doc_a": self.doc_a, "doc_b": self.doc_b, "kind": self.kind, "start": self.start, "end": self.end,
                "before": self.before, "after": self.after}


def _number_slots(a: ClaimView, b: ClaimView) -> list[tuple[int, int, str]]:
    out = []
    for qa in a.quantities:
        # "AK-47" is a model name, not a count (the annotator can read it as one)
        model_name = re.search(r"[A-Z]\s*-\s*$|[A-Za-z]$", a.text[: qa.start - a.start])
        if qa.unit and qa.low is not None and qa.low == qa.high and re.fullmatch(r"[\d,]+", qa.text) and not model_name:
            if any(qb.unit == qa.unit and qb.low == qa.low and qb.high == qa.high for qb in b.quantities):
                out.append((qa.start, qa.end, qa.text))
    return out


def _date_slots(a: ClaimView, b: ClaimView) -> list[tuple[int, int, str]]:
    out = []
    for ta in a.times:
        same = any(tb.start_date == ta.start_date and tb.end_date == ta.end_date for tb in b.times if tb.start_date)
        weekday = any(w in ta.text for w in _WEEKDAYS) and any(ta.text == tb.text for tb in b.times)
        if (ta.start_date and same) or (weekday and not ta.start_date):
            if re.search(r"\b\d{4}\b", ta.text) or any(m in ta.text for m in _MONTHS + _WEEKDAYS):
                out.append((ta.start, ta.end, ta.text))
    return out


def _entity_slots(a: ClaimView, b: ClaimView, labels: frozenset[str]) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.text) for e in a.entities if e.label in labels and e.entity_id in b.entity_ids]


def slots(a: ClaimView, b: ClaimView) -> dict[str, list[tuple[int, int, str]]]:
    return {"number": _number_slots(a, b), "date": _date_slots(a, b),
            "place": _entity_slots(a, b, PLACE_LABELS), "person": _entity_slots(a, b, PERSON_LABELS)}


# A plant needs a sentence of B that states the same fact in much the same words: both claims at
# least this similar (MiniLM cosine) and at least MIN_WORDS long (not a dateline or a time stamp).
# Fixed by definition before any tuning; it says what counts as "B states the same fact".
SAME_FACT_SIMILARITY = 0.65
MIN_WORDS = 8


def choose_plant(kind: str, claims_a: Sequence[ClaimView], claims_b: Sequence[ClaimView], rng: random.Random) -> tuple[ClaimView, ClaimView, tuple[int, int, str]] | None:
    """A fact of ``kind`` that A and B both state, with the B claim most similar to A's; None if none."""
    options = []
    for a in claims_a:
        best: dict[tuple[int, int, str], tuple[float, ClaimView]] = {}
        if len(a.text.split()) < MIN_WORDS:
            continue
        for b in claims_b:
            sim = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
            if sim < SAME_FACT_SIMILARITY or len(b.text.split()) < MIN_WORDS:
                continue
            for slot in slots(a, b)[kind]:
                if slot not in best or sim > best[slot][0]:
                    best[slot] = (sim, b)
        options += [(a, b, slot) for slot, (_, b) in sorted(best.items())]
    return rng.choice(options) if options else None


def replacement(kind: str, before: str, rng: random.Random, names: dict[str, list[str]]) -> str | None:
    if kind == "number":
        n = int(before.replace(",", ""))
        return f"{n + max(1, round(n * rng.uniform(0.3, 1.0))):,}" if "," in before else str(n + max(1, round(n * rng.uniform(0.3, 1.0))))
    if kind == "date":
        year = re.search(r"\b(19|20)\d{2}\b", before)
        if year:
            y = int(year.group()) + rng.choice((-3, -2, -1, 1, 2, 3))
            return before[: year.start()] + str(y) + before[year.end() :]
        for names_of in (_MONTHS, _WEEKDAYS):
            for w in names_of:
                if w in before:
                    return before.replace(w, rng.choice([x for x in names_of if x != w]), 1)
        return None
    pool = [n for n in names[kind] if n.lower() != before.lower() and n.split()[-1].lower() not in before.lower()]
    return rng.choice(pool) if pool else None


def apply_plant(text: str, start: int, end: int, after: str) -> str:
    return text[:start] + after + text[end:]
