"""Claim-level differences between two versions of one document.

The line diff of ``crosscheck.versions`` anchors the comparison: only claims that overlap a changed
stretch of lines take part, so a claim that merely scored differently in a later run never shows
as an edit. Inside the changed stretches, claims with the same words cancel out (wherever they
moved to); the rest are paired by similarity, first inside each changed stretch, then across
stretches (an edited sentence that also moved). A claim that was split into two sentences, or two
that were merged into one, joins the group of the sentence that contains it, so a re-punctuated
paragraph gives one change (or none), never a removed/added pair.

A change counts as corrected openly when the new version carries a correction note (see
``notes``) that is new in it and names what changed, or names nothing specific at all ("This
article has been updated"), or when an editor recorded a published note for it. A changed or
removed check-worthy claim without one is a *silent edit*.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from crosscheck.corrections.notes import TextNote, find_notes
from crosscheck.model import ID_HEX, Article, Claim, CorrectionNote
from crosscheck.versions import Change, diff_versions

__all__ = ["ClaimChange", "VersionDiff", "compare_versions", "change_id", "words"]

# A priori, not tuned: two sentences sharing at least 60% of their characters (rapidfuzz ratio)
# are one claim edited (a changed figure or a reworded clause keeps the ratio near 85-95); below
# that a sentence was rewritten, and showing it as removed + added says so more honestly.
PAIR_MIN = 60.0
# Across changed stretches a pair must be closer: sentences far apart in the text are only the
# same claim when they are nearly the same sentence.
MOVED_PAIR_MIN = 80.0
# A sentence whose words are (almost) all inside a longer sentence of the other version was split
# off from it or merged into it (rapidfuzz partial_ratio, a priori).
CONTAINED_MIN = 90.0
# Words a re-split or merge of sentences adds or drops without changing what is claimed.
_JOINERS = frozenset("and but while whereas which who that also so then the a an this".split())
_STOPWORDS = _JOINERS | frozenset(
    "of to in on at by for from with as is are was were be been has have had said says".split())  # "not" matters
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+")


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """One claim added, removed or changed between two versions; offsets point into the version
    the text comes from (old_* into the old text, new_* into the new one)."""

    id: str
    doc_key: str
    old_article_id: str
    new_article_id: str
    kind: str  # "added" | "removed" | "changed"
    old_claim_id: str | None
    new_claim_id: str | None
    old_text: str | None
    old_start: int | None
    old_end: int | None
    new_text: str | None
    new_start: int | None
    new_end: int | None
    focus: tuple[str, str]
    quantities: tuple[dict[str, Any], dict[str, Any]] | None = field(hash=False, compare=False)
    checkworthy: bool
    silent: bool
    noticed_at: str

    def to_json(self) -> dict[str, Any]:
        return {name: (list(v) if isinstance(v := getattr(self, name), tuple) else v) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """Everything the log says about one new version: its claim changes and the notes new in it."""

    old: Article
    new: Article
    changes: tuple[ClaimChange, ...]
    notes: tuple[TextNote, ...]


def change_id(old_article_id: str, new_article_id: str, kind: str, old_claim_id: str | None,
              new_claim_id: str | None) -> str:
    h = hashlib.sha256("\x1f".join([old_article_id, new_article_id, kind, old_claim_id or "", new_claim_id or ""]).encode())
    return h.hexdigest()[:ID_HEX]


def words(text: str) -> list[str]:
    """Lower-cased words, numbers kept whole without their thousands commas ("5,000" = "5000")."""
    out = []
    for w in _TOKEN.findall(text.lower()):
        out.append(w.replace(",", "") if w[0].isdigit() else w)
    return out


@dataclass(slots=True)
class _Group:
    olds: list[Claim] = field(default_factory=list)
    news: list[Claim] = field(default_factory=list)


def compare_versions(old: Article, old_claims: Sequence[Claim], new: Article, new_claims: Sequence[Claim],
                     recorded: Sequence[CorrectionNote] = ()) -> VersionDiff:
    """Claim changes from ``old`` to ``new`` (the claims are each version's own), flagged silent
    unless a note new in ``new`` or an editor's published note in ``recorded`` covers them."""
    hunks = diff_versions(old.text, new.text)
    old_notes, new_notes = find_notes(old.text), find_notes(new.text)
    # a note is new when the old version has no note holding all of it: an old note kept, or
    # kept in part, says nothing about this version's edits
    old_note_texts = [" " + " ".join(words(n.text)) + " " for n in old_notes]
    notes = tuple(n for n in new_notes if not any(" " + " ".join(words(n.text)) + " " in t for t in old_note_texts))
    # a correction note is what the outlet said about the changes, not a claim that changed
    olds = [c for c in old_claims if any(_overlaps(c, h.old_start, h.old_end) for h in hunks)
            and not any(_in_note(c, n) for n in old_notes)]
    news = [c for c in new_claims if any(_overlaps(c, h.new_start, h.new_end) for h in hunks)
            and not any(_in_note(c, n) for n in new_notes)]
    olds, news = _cancel_unchanged(old, olds, new, news)
    groups = _group(old, olds, new, news, hunks)
    drafts = [d for g in groups if (d := _draft(old, new, g)) is not None]
    changes = _flag_silent(drafts, notes, recorded, new)
    changes.sort(key=lambda c: (c.new_start if c.new_start is not None else _position(c, hunks), c.kind))
    return VersionDiff(old, new, tuple(changes), notes)


def _overlaps(c: Claim | TextNote, start: int, end: int) -> bool:
    return c.start < end and c.end > start


def _in_note(c: Claim, note: TextNote) -> bool:
    """Most of the claim is note: a sentence split that leaves a note's closing bracket on the
    next sentence does not make that sentence part of the note."""
    return 2 * (min(c.end, note.end) - max(c.start, note.start)) > c.end - c.start


def _position(c: ClaimChange, hunks: list[Change]) -> int:
    """Where a removed claim sat, in new-text terms: at its hunk's place in the new text."""
    for h in hunks:
        if c.old_start is not None and h.old_start <= c.old_start < max(h.old_end, h.old_start + 1):
            return h.new_start
    return 0


def _key(text: str, c: Claim) -> tuple[str, ...]:
    return tuple(words(text[c.start : c.end]))


def _cancel_unchanged(old: Article, olds: list[Claim], new: Article, news: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    pool: dict[tuple[str, ...], int] = {}
    for c in olds:
        pool[_key(old.text, c)] = pool.get(_key(old.text, c), 0) + 1
    kept_new, matched = [], dict.fromkeys(pool, 0)
    for c in news:
        k = _key(new.text, c)
        if pool.get(k, 0) > matched.get(k, 0):
            matched[k] += 1
        else:
            kept_new.append(c)
    kept_old = []
    for c in olds:
        k = _key(old.text, c)
        if matched.get(k, 0) > 0:
            matched[k] -= 1
        else:
            kept_old.append(c)
    return kept_old, kept_new


def _norm(text: str, c: Claim) -> str:
    return " ".join(_key(text, c))


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _similarity(a: str, b: str) -> float:
    """rapidfuzz ratio, also with every number masked: a changed figure is the commonest correction,
    and in a short sentence ("23 were hurt." -> "32 were hurt.") it weighs more than it should."""
    return max(fuzz.ratio(a, b), fuzz.ratio(_NUMBER.sub("#", a), _NUMBER.sub("#", b)))


_Key = tuple[str, str]  # ("o" | "n", claim id): versions are free to share claim ids


def _group(old: Article, olds: list[Claim], new: Article, news: list[Claim], hunks: list[Change]) -> list[_Group]:
    groups: dict[_Key, _Group] = {}  # keyed by the claim that founded the group
    of: dict[_Key, _Key] = {}  # claim -> its group's key
    text = {("o", c.id): _norm(old.text, c) for c in olds} | {("n", c.id): _norm(new.text, c) for c in news}

    def pair(a: list[Claim], b: list[Claim], minimum: float) -> None:
        scored = sorted(((_similarity(text["o", o.id], text["n", n.id]), o.start, n.start, o, n)
                         for o in a if ("o", o.id) not in of for n in b if ("n", n.id) not in of),
                        key=lambda t: (-t[0], t[1], t[2]))
        for score, _, _, o, n in scored:
            if score < minimum:
                break
            if ("o", o.id) not in of and ("n", n.id) not in of:
                groups["o", o.id] = _Group([o], [n])
                of["o", o.id] = of["n", n.id] = ("o", o.id)

    def join_contained(a: list[Claim], b: list[Claim], old_side: bool) -> None:
        """A leftover sentence of one side that a longer sentence of the other side contains."""
        sa, sb = ("o", "n") if old_side else ("n", "o")
        for x in a:
            if (sa, x.id) in of:
                continue
            best = max(((fuzz.partial_ratio(text[sa, x.id], text[sb, y.id]), y) for y in b
                        if len(text[sb, y.id]) > len(text[sa, x.id])), key=lambda t: t[0], default=None)
            if best is None or best[0] < CONTAINED_MIN:
                continue
            y = best[1]
            key = of.setdefault((sb, y.id), (sb, y.id))
            g = groups.setdefault(key, _Group([], [y]) if old_side else _Group([y], []))
            (g.olds if old_side else g.news).append(x)
            of[sa, x.id] = key

    for h in hunks:
        a = [o for o in olds if _overlaps(o, h.old_start, h.old_end)]
        b = [n for n in news if _overlaps(n, h.new_start, h.new_end)]
        pair(a, b, PAIR_MIN)
        join_contained(a, b, old_side=True)
        join_contained(b, a, old_side=False)
    pair(olds, news, MOVED_PAIR_MIN)
    for c in olds:
        groups.setdefault(of.get(("o", c.id), ("o", c.id)), _Group([c], []))
    for c in news:
        groups.setdefault(of.get(("n", c.id), ("n", c.id)), _Group([], [c]))
    return list(groups.values())


def _draft(old: Article, new: Article, g: _Group) -> ClaimChange | None:
    g.olds.sort(key=lambda c: c.start)
    g.news.sort(key=lambda c: c.start)
    before = [w for c in g.olds for w in _key(old.text, c)]
    after = [w for c in g.news for w in _key(new.text, c)]
    if before == after:
        return None  # only spacing, case or punctuation differ
    gone, came = _differing(before, after)
    if g.olds and g.news and len(g.olds) + len(g.news) > 2 and set(gone + came) <= _JOINERS:
        return None  # sentences split or merged, nothing claimed differently
    kind = "changed" if g.olds and g.news else ("removed" if g.olds else "added")
    o_span = (g.olds[0].start, g.olds[-1].end) if g.olds else None
    n_span = (g.news[0].start, g.news[-1].end) if g.news else None
    o_text = old.text[o_span[0] : o_span[1]] if o_span else None
    n_text = new.text[n_span[0] : n_span[1]] if n_span else None
    o_claim = _claim_holding(old.text, g.olds, gone)
    n_claim = _claim_holding(new.text, g.news, came)
    focus = Change("replace", 0, 0, 0, 0, o_text or "", n_text or "").focus() if kind == "changed" else (
        _abridge(o_text or ""), _abridge(n_text or ""))
    return ClaimChange(
        id=change_id(old.id, new.id, kind, o_claim, n_claim), doc_key=new.key, old_article_id=old.id,
        new_article_id=new.id, kind=kind, old_claim_id=o_claim, new_claim_id=n_claim,
        old_text=o_text, old_start=o_span[0] if o_span else None, old_end=o_span[1] if o_span else None,
        new_text=n_text, new_start=n_span[0] if n_span else None, new_end=n_span[1] if n_span else None,
        focus=focus, quantities=_quantity_change(g), checkworthy=any(c.label == "check-worthy" for c in g.olds + g.news),
        silent=False, noticed_at=new.ingested_at,
    )


def _differing(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """Words only the old side has, and words only the new side has (as multisets)."""
    rest = list(after)
    gone = []
    for w in before:
        if w in rest:
            rest.remove(w)
        else:
            gone.append(w)
    return gone, rest


def _claim_holding(text: str, claims: list[Claim], differing: list[str]) -> str | None:
    """The claim of a group that holds the first differing word (or the group's first claim)."""
    for c in claims:
        if set(_key(text, c)) & set(differing):
            return c.id
    return claims[0].id if claims else None


def _abridge(text: str, n: int = 14) -> str:
    ws = text.split()
    return " ".join(ws[:n]) + (" …" if len(ws) > n else "")


def _quantity_change(g: _Group) -> tuple[dict[str, Any], dict[str, Any]] | None:
    def sig(q: dict[str, Any]) -> tuple[Any, ...]:
        return (q.get("low"), q.get("high"), q.get("unit"))

    before = [q for c in g.olds for q in c.fields.get("quantities") or []]
    after = [q for c in g.news for q in c.fields.get("quantities") or []]
    gone = [q for q in before if sig(q) not in {sig(x) for x in after}]
    came = [q for q in after if sig(q) not in {sig(x) for x in before}]
    if not gone and not came:
        return None
    return (dict(gone[0]) if gone else {}, dict(came[0]) if came else {})


def _specific_words(c: ClaimChange) -> set[str]:
    """What a note must name to be about this change: the differing words of an edit, or the
    numbers and names of a removed or added claim."""
    if c.kind == "changed":
        gone, came = _differing(words(c.old_text or ""), words(c.new_text or ""))
        return set(gone + came) - _STOPWORDS
    text = c.old_text or c.new_text or ""
    raw = _TOKEN.findall(text)
    return {words(w)[0] for i, w in enumerate(raw) if w[0].isdigit() or (i and w[0].isupper())} - _STOPWORDS


def _flag_silent(drafts: list[ClaimChange], notes: Sequence[TextNote], recorded: Sequence[CorrectionNote],
                 new: Article) -> list[ClaimChange]:
    specific = {c.id: _specific_words(c) for c in drafts}
    note_words = [set(words(n.text)) for n in notes]
    # a note that names none of this version's changes is a general one ("this article has been updated")
    general = any(not any(nw & s for s in specific.values()) for nw in note_words)
    published = {n.change_id for n in recorded if n.published and n.article_id == new.id}
    out = []
    for c in drafts:
        covered = general or "" in published or c.id in published or any(nw & specific[c.id] for nw in note_words)
        silent = c.kind in ("changed", "removed") and c.checkworthy and not covered
        out.append(replace(c, silent=silent))
    return out
