"""Entities: spaCy's person/organisation/place mentions, grouped across spellings and articles.

Two mentions name the same entity when their normalised names (NFKD without accents, lower
case, no "the", no Arabic article "al-", no possessive) are equal; when a person's name is a
trailing part of a longer one ("Assad" in "Bashar al-Assad"); or when they are near-identical
spellings: rapidfuzz ratio >= 80, same first letter and lengths within one character.
The ratio 80 is the value that links Sednaya/Saydnaya (ratio 80.0); the length and first-letter
guards keep Austria/Australia (87.5) and Iran/Iraq (75) apart. Chosen on the seed articles and
these hand-picked pairs (tests/annotate/test_entities.py), not on a labelled entity set.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from crosscheck.annotate.records import Entity, Mention

__all__ = ["find_mentions", "flag_article_doubts", "link_entities", "normalise_name", "same_entity", "ENTITY_LABELS"]

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_PLACE_OR_ORG = frozenset({"ORG", "GPE", "LOC", "FAC"})
FUZZY_RATIO = 80.0
_PLACE_NOUNS = re.compile(r"^[\s’']*(?:s\s+)?(?:prison|jail|camp|city|town|village|airport|province|region|district|square|street)\b", re.I)
_PARTICLES = {"al", "el", "the"}
# A name whose last word is one of these is a place (a facility), whatever the tagger said:
# "the “Red Prison”" comes out as ORG from the small model. Not "church" ("the Catholic Church" is an
# organisation).
_FACILITY_WORDS = frozenset("prison jail camp square airport palace bridge stadium mosque cathedral tower "
                            "barracks checkpoint crossing dam".split())
# Person-shaped names: an Arabic particle joined to a capitalised name ("al-Assad", "bin Salman"),
# or a title right before the name ("President Biden"). Only ORG labels are doubted this way
# (places such as "El-Arish" keep theirs).
_PERSON_SHAPE = re.compile(r"(?:^|\s)(?:[Aa]l|[Ee]l)[-’'][A-Z][a-z]|(?:^|\s)(?:bin|ibn)\s+[A-Z]")
_TITLE_BEFORE = re.compile(r"\b(?:President|Mr|Mrs|Ms|Dr|Sen|Senator|Gov|Governor|Rep|Prime\s+Minister|Minister|King|Queen|Prince"
                           r"|Sheikh|General|Gen|Colonel|Col|Judge|Pope|Chancellor|dictator|leader)\.?\s+$")
# Quotes and articles the tagger may leave at a name's edges: "the “Red Prison”" -> "Red Prison".
_EDGE = re.compile(r"^(?:(?:the|The)\s+)?[\"“”‘’']*|[\"“”‘’']+$")


def find_mentions(text: str, start: int, end: int, doc: Any) -> tuple[Mention, ...]:
    """Person/organisation/place mentions in the sentence parsed as ``doc``; offsets into ``text``.

    A mention whose label is likely wrong is kept and marked doubtful: an ORG or PERSON right
    before "prison", "jail", "city"... (the small model tags the rare spelling "Saydnaya" ORG);
    an ORG with a person's shape ("al-Assad", "President Biden"). A name ending in a
    facility word ("Red Prison") is a place, FAC. Leading "the" and quote marks are trimmed from
    names that start with them. ``flag_article_doubts`` adds the doubts the whole article shows.
    """
    if doc is None:
        return ()
    base = 0 if hasattr(doc, "doc") and doc.doc is not doc else start
    out = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        s, e = _trim_edges(text, base + ent.start_char, base + ent.end_char)
        if s >= e:
            continue
        label, doubtful = _label(text, s, e, ent.label_)
        out.append(Mention(text[s:e], s, e, label, doubtful))
    return tuple(out)


def _trim_edges(text: str, s: int, e: int) -> tuple[int, int]:
    if text[e - 2:e] in ("’s", "'s"):
        e -= 2
    name = text[s:e]
    if name[:1] in "\"“”‘’'" or name.lower().startswith(("the “", 'the "', "the ‘")):
        lead = _EDGE.match(name)
        s += lead.end() if lead else 0
    tail = _EDGE.search(text, s, e)
    if tail is not None and tail.start() > s and tail.end() == e:
        e = tail.start()
    return s, e


def _label(text: str, s: int, e: int, label: str) -> tuple[str, bool]:
    """(label, doubtful) for the name ``text[s:e]`` that spaCy tagged ``label``."""
    words = text[s:e].split()
    if label in ("ORG", "PERSON", "GPE") and len(words) > 1 and words[-1].lower() in _FACILITY_WORDS:
        return "FAC", False
    if label in ("ORG", "PERSON") and _PLACE_NOUNS.match(text[e:e + 20]):
        return label, True
    person_shaped = bool(_PERSON_SHAPE.search(text[s:e])) or bool(_TITLE_BEFORE.search(text, max(0, s - 20), s))
    return label, label == "ORG" and person_shaped


def flag_article_doubts(mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """Mark as doubtful the labels an article contradicts: the same name tagged differently
    elsewhere in it (a person's or a place's label stands over ORG, the small model's label for
    rare names: "Saydnaya" ORG beside "Saydnaya" LOC), and an ORG or place that is the trailing
    part of a person named in it ("Biden" after "Joe Biden", "al-Assad" after "Bashar al-Assad")."""
    from dataclasses import replace

    labels: dict[str, Counter[str]] = {}
    for m in mentions:
        labels.setdefault(normalise_name(m.text), Counter())[m.label] += 1
    people = [normalise_name(m.text).split() for m in mentions if m.label == "PERSON"]
    out = []
    for m in mentions:
        n = normalise_name(m.text)
        best = max(labels[n], key=lambda label: _LABEL_PREFERENCE.get(label, 0))
        words = n.split()
        part_of_person = m.label != "PERSON" and any(len(p) > len(words) and p[-len(words):] == words for p in people if words)
        doubtful = m.doubtful or m.label != best or part_of_person
        out.append(replace(m, doubtful=doubtful) if doubtful != m.doubtful else m)
    return tuple(out)


_LABEL_PREFERENCE = {"PERSON": 4, "GPE": 3, "LOC": 2, "FAC": 2, "ORG": 1}


# Memoised: linking compares each new name with its candidates' names, so the same few thousand
# names were normalised ~25 times each (half of linking's time on 300 FNC-1 bodies).
@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[’']s$", "", plain.strip())
    words = [w for w in re.split(r"[^a-z0-9]+", plain) if w and w not in _PARTICLES]
    return " ".join(words)


def _kind(label: str) -> str:
    return "person" if label == "PERSON" else "place_or_org"


def same_entity(a: str, a_label: str, b: str, b_label: str) -> bool:
    """Do two names (with spaCy labels) name the same entity? Doubtful labels may pass ``""``."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    (short, short_label), (long_, long_label) = sorted(((na.split(), a_label), (nb.split(), b_label)), key=lambda x: len(x[0]))
    # "Assad"/"al-Assad" inside "Bashar al-Assad": the small model often tags a bare surname ORG,
    # so the short form may carry any label but a place's.
    if long_label == "PERSON" and short_label in ("PERSON", "ORG", "") and len(short) < len(long_) and long_[-len(short):] == short:
        return True
    kinds = {_kind(x) for x in (a_label, b_label) if x}
    return len(kinds) <= 1 and _near_spelling(na, nb)


def _near_spelling(na: str, nb: str) -> bool:
    from rapidfuzz import fuzz

    if na[0] != nb[0] or abs(len(na) - len(nb)) > 1 or min(len(na), len(nb)) < 4:
        return False
    return bool(fuzz.ratio(na, nb) >= FUZZY_RATIO)


def link_entities(mentions: Iterable[tuple[str, Mention]]) -> tuple[Entity, ...]:
    """Group ``(article_id, mention)`` pairs into entities.

    Longer names are placed first so that "Assad" joins "Bashar al-Assad" rather than founding
    its own group; a name joins the earliest group holding a name it matches (``same_entity``).
    The id is a hash of the group's canonical name and kind, so the same mentions give the same
    ids on every run. Distinct names are compared only with the names an index says could match
    (same normalised form, a trailing part of a person's name, or a spelling of nearly the same
    length and first letter), so linking a whole corpus stays near-linear.
    """
    norm: dict[str, str] = {}

    def nn(text: str) -> str:
        if text not in norm:
            norm[text] = normalise_name(text)
        return norm[text]

    items = sorted(mentions, key=lambda am: (-len(nn(am[1].text)), am[0], am[1].start))
    groups: list[list[tuple[str, Mention]]] = []
    group_of: dict[tuple[str, str], int] = {}
    exact: dict[str, list[tuple[str, str]]] = {}
    person_suffix: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    short_words: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    by_shape: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for article_id, m in items:
        label = "" if m.doubtful else m.label
        key = (m.text, label)
        if key not in group_of:
            group_of[key] = _join(key, nn(m.text), group_of, exact, person_suffix, short_words, by_shape, len(groups))
            if group_of[key] == len(groups):
                groups.append([])
        groups[group_of[key]].append((article_id, m))
    return tuple(_entity(g) for g in groups)


def _join(key: tuple[str, str], n: str, group_of: dict[tuple[str, str], int], exact: dict[str, list[tuple[str, str]]],
          person_suffix: dict[tuple[str, ...], list[tuple[str, str]]], short_words: dict[tuple[str, ...], list[tuple[str, str]]],
          by_shape: dict[tuple[str, int], list[tuple[str, str]]], new_group: int) -> int:
    """The group a new distinct name joins (``new_group`` when none), and index the name."""
    text, label = key
    words = tuple(n.split())
    candidates: list[tuple[str, str]] = list(exact.get(n, ()))
    if n:
        candidates += person_suffix.get(words, ())
        if label == "PERSON":
            for k in range(1, len(words)):
                candidates += short_words.get(words[k:], ())
        for size in (len(n) - 1, len(n), len(n) + 1):
            candidates += by_shape.get((n[0], size), ())
    matches = [group_of[c] for c in candidates if same_entity(text, label, c[0], c[1])]
    if n:
        exact.setdefault(n, []).append(key)
        by_shape.setdefault((n[0], len(n)), []).append(key)
        if label == "PERSON":
            for k in range(1, len(words)):
                person_suffix.setdefault(words[k:], []).append(key)
        if label in ("PERSON", "ORG", ""):
            short_words.setdefault(words, []).append(key)
    return min(matches) if matches else new_group


def _entity(group: Sequence[tuple[str, Mention]]) -> Entity:
    confident = [m.label for _, m in group if not m.doubtful] or [m.label for _, m in group]
    label = Counter(confident).most_common(1)[0][0]
    name = max((m.text for _, m in group), key=lambda t: (len(normalise_name(t)), t))
    digest = hashlib.sha256(f"{_kind(label)}\x1f{normalise_name(name)}".encode()).hexdigest()[:16]
    ordered = tuple(sorted(group, key=lambda am: (am[0], am[1].start)))
    return Entity(id=f"ent_{digest}", name=name, label=label, mentions=ordered)
