"""Slot comparisons: do two claims give different numbers, dates, places or people for the same thing?

A slot (a quantity, a time phrase, a place or a person) is compared with a slot of the other claim
only when both sit in the same *frame*: the content words around the slot (its counted thing, its
verb: "14 years of brutal civil war", "13 years of conflict") share at least one word after the
small synonym table below. That is what keeps "hundreds of thousands of Syrians killed" apart from
"millions of Syrians displaced" (same unit, different frame) and lets "14 years of war" meet
"13 years of conflict".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from crosscheck.relate.views import PERSON_LABELS, PLACE_LABELS, ClaimView, EntityRef, QuantityRef, TimeRef

__all__ = ["SlotConflict", "SlotMatch", "frame", "quantity_conflicts", "time_conflicts", "entity_conflicts",
           "agreeing_slots", "ranges_apart", "content_words", "common_entities", "role"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
# Function words and reporting filler: they say nothing about what a number or name is about.
_STOP = frozenset("""
a an the and or but if of in on at to for from by with about as into over under after before since
during between than then this that these those there here it its it's is are was were be been being
has have had do does did not no nor so such very just also only more most less least some any each
every all both either neither one ones he she they them his her their him we us our you your i me my
who whom whose which what when where why how said says say told according reported reportedly would
could should may might can will shall must up down out off again further once per literally
""".split()) | frozenset(_WEEKDAYS) | frozenset(_MONTHS)

# Words news reports use interchangeably for the same thing; mapped to one canonical word so frames
# meet. Hand-written for the frames seen in the seeds and ECB+ train documents, not tuned on test.
_SAME = {
    "war": "conflict", "fighting": "conflict", "hostilities": "conflict", "civil": "conflict",
    "dead": "die", "died": "die", "dies": "die", "death": "die", "deaths": "die", "killed": "die",
    "killing": "die", "kill": "die", "kills": "die", "fatalities": "die", "lives": "die", "toll": "die",
    "injured": "injure", "wounded": "injure", "hurt": "injure", "injuries": "injure", "injuring": "injure",
    "arrested": "arrest", "detained": "arrest", "held": "arrest", "custody": "arrest", "arrests": "arrest",
    "jail": "prison", "jailed": "prison", "imprisoned": "prison", "prisoners": "prison", "inmates": "prison",
    "quake": "earthquake", "tremor": "earthquake", "magnitude": "earthquake",
}


@lru_cache(maxsize=65536)
def content_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """(canonical word, start, end) of each content word of ``text`` (cached: a story's claims
    are compared with many others)."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        if w in _STOP or len(w) < 3:
            continue
        w = _SAME.get(w, w)
        if w.endswith("s") and len(w) > 4 and not w.endswith("ss"):
            w = _SAME.get(w[:-1], w[:-1])
        out.append((w, m.start(), m.end()))
    return tuple(out)


def frame(claim: ClaimView, start: int, end: int, window: int, exclude: frozenset[str] = frozenset()) -> frozenset[str]:
    """The ``window`` content words on each side of the slot ``[start, end)`` (article offsets),
    within the claim, minus ``exclude`` (the unit, the slot's own words)."""
    words = content_words(claim.text)
    s, e = start - claim.start, end - claim.start
    before = [w for w, ws, we in words if we <= s and w not in exclude][-window:]
    after = [w for w, ws, we in words if ws >= e and w not in exclude][:window]
    return frozenset(before + after)


@dataclass(frozen=True, slots=True)
class SlotConflict:
    kind: str  # "number" | "date" | "place" | "person"
    reason: str
    a: tuple[int, int]  # the slot in claim a (article offsets)
    b: tuple[int, int]


@dataclass(frozen=True, slots=True)
class SlotMatch:
    kind: str
    a: tuple[int, int]
    b: tuple[int, int]


def _unit_words(unit: str | None) -> frozenset[str]:
    if not unit:
        return frozenset()
    return frozenset(w for w, _, _ in content_words(unit)) | frozenset(unit.lower().split())


def _quantity_span(c: ClaimView, q: QuantityRef) -> tuple[int, int, str]:
    """The quantity with its unit word when the unit follows it ("14" + " years")."""
    rel = q.end - c.start
    if q.unit:
        m = re.match(r"[\s-]*(" + re.escape(q.unit.rstrip("s")) + r"s?)\b", c.text[rel:], re.IGNORECASE)
        if m:
            end = q.end + m.end()
            return q.start, end, c.text[q.start - c.start : end - c.start]
    return q.start, q.end, q.text


def _widened(q: QuantityRef, exact: float, approximate: float) -> tuple[float, float]:
    tol = approximate if q.approximate else exact
    low = float("-inf") if q.low is None else q.low * (1 - tol)
    high = float("inf") if q.high is None else q.high * (1 + tol)
    return low, high


def ranges_apart(qa: QuantityRef, qb: QuantityRef, exact: float, approximate: float) -> bool:
    """True when the two ranges, each widened by its tolerance, do not overlap."""
    la, ha = _widened(qa, exact, approximate)
    lb, hb = _widened(qb, exact, approximate)
    return ha < lb or hb < la


def _same_kind(qa: QuantityRef, qb: QuantityRef) -> bool:
    """Only quantities of the same counted thing compare; a quantity with no unit never does."""
    if not qa.unit or not qb.unit:
        return False
    ua, ub = qa.unit.lower(), qb.unit.lower()
    return ua == ub or ua.rstrip("s") == ub.rstrip("s")


_AGE = re.compile(r"^\s*-?\s*years?\s*-?\s*old|^\s*,|^\s*\)", re.IGNORECASE)


def _age_of(c: ClaimView, q: QuantityRef) -> str | None:
    """For an age ("68-year-old Duncan Raite", "Kafoury, 63,"), the entity id of its person: the
    one named right after "N-year-old", else the nearest before ("" when none); None when the
    quantity is not an age."""
    after = c.text[q.end - c.start :]
    m = _AGE.match(after) or (re.match(r"^-?\s*year", after) if "old" in after[:12] else None)
    if not m:
        return None
    people = [e for e in c.entities if e.label in PERSON_LABELS]
    follows = [e for e in people if 0 <= e.start - q.end <= 20]
    before = [e for e in people if e.end <= q.start]
    return follows[0].entity_id if follows else before[-1].entity_id if before else ""


def _quantity_pairs(a: ClaimView, b: ClaimView, window: int):  # type: ignore[no-untyped-def]
    for qa in a.quantities:
        for qb in b.quantities:
            if not _same_kind(qa, qb):
                continue
            # Ages belong to a person: two ages compare only when both follow the same named person.
            age_a, age_b = _age_of(a, qa), _age_of(b, qb)
            if (age_a is not None or age_b is not None) and not (age_a and age_a == age_b):
                continue
            if _framed_alike(a, qa, b, qb, window):
                yield qa, qb


_MODIFIER = re.compile(r"^\s*-\s*[A-Za-z]+", re.IGNORECASE)


def _framed_alike(a: ClaimView, qa: QuantityRef, b: ClaimView, qb: QuantityRef, window: int) -> bool:
    """Two quantities count the same thing when a word right after both agrees ("14 years of
    civil war" / "13 years of conflict"), or two words around them do. A measure used as a
    modifier ("a 47-yard field goal", "a 7-yard pass") describes one instance of many, so it
    needs two shared words. Rules read off ECB+ train/dev false conflicts (sports statistics)."""
    unit = _unit_words(qa.unit) | _unit_words(qb.unit)
    shared = frame(a, qa.start, qa.end, window, unit) & frame(b, qb.start, qb.end, window, unit)
    if len(shared) >= 2:
        return True
    if _MODIFIER.match(a.text[qa.end - a.start :]) or _MODIFIER.match(b.text[qb.end - b.start :]):
        return False
    after_a = _after(a, qa.end, window, unit)
    return bool(shared & after_a & _after(b, qb.end, window, unit))


def _after(c: ClaimView, end: int, window: int, exclude: frozenset[str]) -> frozenset[str]:
    return frozenset([w for w, ws, _ in content_words(c.text) if ws >= end - c.start and w not in exclude][:window])


# A running total ("a total of 14 rifles", "so far") and one operation's count ("six rifles were
# seized") are different figures, not a disagreement.
_CUMULATIVE = re.compile(r"\b(a total of|in total|in all|so far|thus far|to date|altogether|combined)\b", re.IGNORECASE)


def quantity_conflicts(a: ClaimView, b: ClaimView, window: int, exact: float, approximate: float) -> list[SlotConflict]:
    """Framed quantities of one unit whose ranges stay apart. A quantity that the other claim also
    gives (another of its numbers agrees with it) is not in conflict: "seven rifles ... two other
    rifles" against "seven rifles" agrees."""
    if bool(_CUMULATIVE.search(a.text)) != bool(_CUMULATIVE.search(b.text)):
        return []
    pairs = list(_quantity_pairs(a, b, window))
    agreed = {id(q) for qa, qb in pairs if not ranges_apart(qa, qb, exact, approximate) for q in (qa, qb)}
    out = []
    for qa, qb in pairs:
        if id(qa) not in agreed and id(qb) not in agreed and ranges_apart(qa, qb, exact, approximate):
            sa, sb = _quantity_span(a, qa), _quantity_span(b, qb)
            out.append(SlotConflict("number", f'"{sa[2]}" vs "{sb[2]}"', sa[:2], sb[:2]))
    return out


def _weekday(t: TimeRef) -> str | None:
    words = t.text.lower().split()
    return next((d for d in _WEEKDAYS if d in words), None)


def _times_differ(a: ClaimView, ta: TimeRef, b: ClaimView, tb: TimeRef) -> bool | None:
    """True/False when the two times can be compared, None when they cannot."""
    if ta.start_date and ta.end_date and tb.start_date and tb.end_date:
        return ta.end_date < tb.start_date or tb.end_date < ta.start_date
    if ta.start_date or tb.start_date:
        return None
    # Unresolved weekdays ("on Tuesday") compare only between reports published the same day.
    wa, wb = _weekday(ta), _weekday(tb)
    if wa and wb and a.published == b.published:
        return wa != wb
    return None


def _time_pairs(a: ClaimView, b: ClaimView, window: int, overlap: int = 1):  # type: ignore[no-untyped-def]
    for ta in a.times:
        for tb in b.times:
            if ta.anchor == "event" or tb.anchor == "event":
                continue
            if len(frame(a, ta.start, ta.end, window) & frame(b, tb.start, tb.end, window)) >= overlap:
                yield ta, tb


def time_conflicts(a: ClaimView, b: ClaimView, window: int, overlap: int = 1) -> list[SlotConflict]:
    """Framed times that differ; as with numbers, a time the other claim also gives is not in
    conflict ("fired last Thursday ... bought a gun on Friday" against the same sentence)."""
    pairs = list(_time_pairs(a, b, window, overlap))
    agreed = {id(t) for x in a.times for y in b.times if _times_differ(a, x, b, y) is False for t in (x, y)}
    out = []
    for ta, tb in pairs:
        if id(ta) not in agreed and id(tb) not in agreed and _times_differ(a, ta, b, tb):
            out.append(SlotConflict("date", f'a different date: "{ta.text}" vs "{tb.text}"', (ta.start, ta.end), (tb.start, tb.end)))
    return out


def _names(c: ClaimView) -> str:
    return c.text.lower()


def _only_in(a: ClaimView, b: ClaimView, labels: frozenset[str]) -> list[EntityRef]:
    """Entities of ``a`` with one of ``labels`` that ``b`` neither links nor spells out."""
    text_b = _names(b)
    return [e for e in a.entities if e.label in labels and e.entity_id not in b.entity_ids
            and e.text.lower().split()[-1] not in text_b]


def entity_conflicts(a: ClaimView, b: ClaimView, window: int, overlap: int = 1) -> list[SlotConflict]:
    out = []
    for kind, labels in (("place", PLACE_LABELS), ("person", PERSON_LABELS)):
        for ea in _only_in(a, b, labels):
            for eb in _only_in(b, a, labels):
                # both articles name both (a place and the place it lies in, two climbers): not a contradiction
                if ea.entity_id in b.article_entity_ids and eb.entity_id in a.article_entity_ids:
                    continue
                own = frozenset(w for w, _, _ in content_words(ea.text + " " + eb.text))
                if len(frame(a, ea.start, ea.end, window, own) & frame(b, eb.start, eb.end, window, own)) >= overlap:
                    out.append(SlotConflict(kind, f'a different {kind}: "{ea.text}" vs "{eb.text}"', (ea.start, ea.end), (eb.start, eb.end)))
    return out


_PREPOSITIONS = frozenset("in at to from into near inside outside across".split())


def role(claim: ClaimView, start: int) -> str | None:
    """The preposition right before a name ("in Moscow"), which says the role the name plays."""
    m = re.search(r"([A-Za-z]+)\W*$", claim.text[: start - claim.start])
    return m.group(1).lower() if m and m.group(1).lower() in _PREPOSITIONS else None


def agreeing_slots(a: ClaimView, b: ClaimView, window: int, exact: float, approximate: float,
                   common: frozenset[str] = frozenset()) -> list[SlotMatch]:
    """Slots both claims give alike: framed quantities that overlap, framed times that agree,
    and shared entities that play the same part in both (same preposition or a shared frame word;
    kind "entity"), or only appear in both (kind "name"). Entities in ``common`` (the story's
    subject, named everywhere) count only as "name"."""
    out = [SlotMatch("number", (qa.start, qa.end), (qb.start, qb.end))
           for qa, qb in _quantity_pairs(a, b, window) if not ranges_apart(qa, qb, exact, approximate)]
    out += [SlotMatch("date", (ta.start, ta.end), (tb.start, tb.end))
            for ta, tb in _time_pairs(a, b, window) if _times_differ(a, ta, b, tb) is False]
    seen: set[str] = set()
    for ea in a.entities:
        for eb in b.entities:
            if ea.entity_id != eb.entity_id or ea.entity_id in seen:
                continue
            seen.add(ea.entity_id)
            own = frozenset(w for w, _, _ in content_words(ea.text + " " + eb.text))
            same_part = (role(a, ea.start) or "-") == (role(b, eb.start) or "+") or bool(
                frame(a, ea.start, ea.end, window, own) & frame(b, eb.start, eb.end, window, own))
            kind = "entity" if same_part and ea.entity_id not in common else "name"
            out.append(SlotMatch(kind, (ea.start, ea.end), (eb.start, eb.end)))
    return out


def common_entities(claims: Sequence[ClaimView], share: float) -> frozenset[str]:
    """Entities named in more than ``share`` of the claims (the story's subject: "Assad" in a
    story about his fall); naming them shows two claims are in one story, not that they agree."""
    counts: dict[str, int] = {}
    for c in claims:
        for e in c.entity_ids:
            counts[e] = counts.get(e, 0) + 1
    return frozenset(e for e, n in counts.items() if n > share * len(claims))
