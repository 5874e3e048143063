"""Records the annotators return. Every span is ``start``/``end`` into the ARTICLE text.

The short ``text``/``cue``/``source`` strings are the slices ``article_text[start:end]`` (tests
hold every annotator to that); they are kept on the record because the report prints them.
``to_json()`` gives the field shapes the report uses (issue #3): the required names first,
offsets and extras after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Attribution",
    "Hedge",
    "Quantity",
    "TimeExpression",
    "Mention",
    "Entity",
    "LanguageVerdict",
    "SentenceAnnotations",
    "CERTAIN",
    "HEDGED",
    "STRONGLY_HEDGED",
]

CERTAIN = "certain"
HEDGED = "hedged"
STRONGLY_HEDGED = "strongly hedged"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a statement is attributed to.

    ``source`` spans the source phrase ("an unnamed source"), ``cue`` the reporting word(s)
    ("quoted", "according to"). ``via`` lists the reporters it came through, nearest first:
    "Interfax quoted an unnamed source ..., Reuters reports" is an anonymous source via Interfax
    via Reuters. ``start``/``end`` cover source and cue together.

    ``scope_start``/``scope_end`` span what the attribution governs, the reported content ("they
    could not wait" in "Hundreds gathered, where they told Sky News they could not wait"): what
    lies outside it is the reporter's own statement. ``channel`` is how the source said it ("in a
    statement", "on X"), kept out of ``source``. Both are None when not found.
    """

    source: str
    source_start: int
    source_end: int
    source_head: str
    cue: str
    cue_start: int
    cue_end: int
    anonymous: bool
    via: tuple[Attribution, ...] = ()
    scope_start: int | None = None
    scope_end: int | None = None
    channel: str | None = None
    channel_start: int | None = None
    channel_end: int | None = None

    @property
    def start(self) -> int:
        return min(self.source_start, self.cue_start)

    @property
    def end(self) -> int:
        return max(self.source_end, self.cue_end)

    def chain(self) -> tuple[Attribution, ...]:
        """This attribution and every reporter it came through, innermost first."""
        return (self,) + self.via

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "cue": self.cue,
            "anonymous": self.anonymous,
            "start": self.start,
            "end": self.end,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "scope_start": self.scope_start,
            "scope_end": self.scope_end,
            "channel": self.channel,
            "channel_start": self.channel_start,
            "channel_end": self.channel_end,
            "via": [v.to_json() for v in self.via],
        }


@dataclass(frozen=True, slots=True)
class Hedge:
    """One uncertainty cue. ``strength`` is 1 (may, likely) or 2 (unconfirmed, allegedly)."""

    cue: str
    start: int
    end: int
    strength: int

    def to_json(self) -> dict[str, Any]:
        return {"cue": self.cue, "start": self.start, "end": self.end, "strength": self.strength}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number normalised to a closed range ``[low, high]`` with the counted thing as ``unit``.

    ``approximate`` marks vague or rounded forms ("thousands", "nearly 14", "an estimated").
    ``high`` is None for open ranges ("more than 300" -> low 300, high None), ``low`` for
    "up to 40" (low None, high 40).

    ``revised_from`` is the earlier figure a changed or revised one replaces ("revised from 73 to
    37", "rose from 10 to 14": low = high = the new figure, ``revised_from`` the old), so that two
    outlets quoting the old and the new figure are not read as a range or as a conflict. Shares
    of a whole ("two-thirds", "a quarter of") are percentages (unit ``%``); temperatures have the
    unit ``°C`` or ``°F``.
    """

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str | None
    approximate: bool = False
    revised_from: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "low": _plain(self.low),
            "high": _plain(self.high),
            "unit": self.unit,
            "start": self.start,
            "end": self.end,
            "approximate": self.approximate,
            "revised_from": _plain(self.revised_from),
        }


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time phrase resolved to an inclusive ISO date interval.

    ``anchor`` says what the dates rest on: ``"absolute"`` (the text names the year),
    ``"published:YYYY-MM-DD"`` (resolved against the publication date), ``"event"`` (relative
    to an event in the text: "hours after the fall"; no dates) or ``None`` (could not resolve,
    e.g. a weekday with no publication date). Unresolved ends are None, never guessed from today.
    """

    text: str
    start: int
    end: int
    start_date: str | None
    end_date: str | None
    anchor: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "anchor": self.anchor,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention. ``label`` is spaCy's; ``doubtful`` when the label is likely wrong
    (rare spellings the small model tags oddly): the mention is kept either way."""

    text: str
    start: int
    end: int
    label: str
    doubtful: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "label": self.label, "doubtful": self.doubtful}


@dataclass(frozen=True, slots=True)
class Entity:
    """Mentions of one person, organisation or place, grouped across spellings and articles.

    ``mentions`` pairs an article id (or any caller key) with the mention in that article.
    """

    id: str
    name: str
    label: str
    mentions: tuple[tuple[str, Mention], ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "mentions": [{"article_id": a, **m.to_json()} for a, m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    is_english: bool
    stopword_ratio: float
    words: int
    reason: str


@dataclass(frozen=True, slots=True)
class SentenceAnnotations:
    """Everything the annotators found in one sentence (or claim span) ``[start, end)``."""

    start: int
    end: int
    attribution: Attribution | None
    attributions: tuple[Attribution, ...]
    hedges: tuple[Hedge, ...]
    certainty: str
    quantities: tuple[Quantity, ...]
    times: tuple[TimeExpression, ...]
    mentions: tuple[Mention, ...]
    skipped: str | None = None  # why an annotator was skipped ("no letters", "too long to parse")

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "attribution": self.attribution.to_json() if self.attribution else None,
            "hedges": [h.to_json() for h in self.hedges],
            "certainty": self.certainty,
            "quantities": [q.to_json() for q in self.quantities],
            "times": [t.to_json() for t in self.times],
            "mentions": [m.to_json() for m in self.mentions],
            "skipped": self.skipped,
        }


def _plain(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x
