"""Entity linking as a corpus stage: ids that stay the same as the corpus grows.

Each distinct name (normalised spelling + the label it is linked under) is linked once, the first
time it is seen, against the names already in the store, which are found through an index of
candidate keys (same normalised name; a person's surname; a spelling of nearly the same length
and first letter), never by comparing every pair. The rules that decide are those of
``annotate.entities.same_entity``. Once linked, a name keeps its entity; an entity's id is a hash
of the name that founded it, so re-checking an article, or adding others, never renames anyone.

Order: within one run new names are linked longest first, so "Assad" joins "Bashar al-Assad"
rather than founding its own entity. Across runs the order is the order of arrival; the groups
come out the same whichever way a corpus is split into runs except where a name is genuinely
ambiguous (a bare surname shared by two people in the corpus: it stays with the first person it
was linked to, and the report shows why). When a new name links two existing entities (a
spelling that bridges them), the younger entity is merged into the older one and its id redirects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.model import Article, EntityName
from crosscheck.store import Store

__all__ = ["EntityStage", "index_keys", "lookup_keys", "link_reason"]

_SUFFIX_LABELS = ("PERSON", "ORG", "")  # labels a bare surname may carry (see same_entity)


def index_keys(name_key: str, label: str) -> list[str]:
    """The keys under which a stored name can be found by a later one."""
    if not name_key:
        return []
    words = name_key.split()
    keys = [f"x:{name_key}", f"f:{name_key[0]}:{len(name_key)}"]
    if label == "PERSON":
        keys += [f"ps:{' '.join(words[k:])}" for k in range(1, len(words))]
    if label in _SUFFIX_LABELS:
        keys.append(f"sw:{name_key}")
    return keys


def lookup_keys(name_key: str, label: str) -> list[str]:
    """The keys a new name looks up: the same name, longer person names it ends, shorter names
    its own surname equals, and near spellings."""
    if not name_key:
        return []
    words = name_key.split()
    keys = [f"x:{name_key}", f"ps:{name_key}"]
    keys += [f"f:{name_key[0]}:{n}" for n in (len(name_key) - 1, len(name_key), len(name_key) + 1)]
    if label == "PERSON":
        keys += [f"sw:{' '.join(words[k:])}" for k in range(1, len(words))]
    return keys


def link_reason(spelling: str, label: str, other: str, other_label: str) -> str:
    """Why two names were linked, in words, for the report."""
    from crosscheck.annotate.entities import normalise_name

    a, b = normalise_name(spelling), normalise_name(other)
    if a == b:
        return f'same name as "{other}" once accents, case, "the" and "al-" are set aside'
    wa, wb = a.split(), b.split()
    if len(wa) < len(wb) and wb[-len(wa):] == wa:
        return f'"{spelling}" is how the text shortens "{other}"'
    if len(wb) < len(wa) and wa[-len(wb):] == wb:
        return f'"{other}" is how the text shortens "{spelling}"'
    from rapidfuzz import fuzz

    return f'a spelling of "{other}" (similarity {fuzz.ratio(a, b):.0f} of 100, same first letter and length)'


def entity_id_for(name_key: str, label: str) -> str:
    kind = "person" if label == "PERSON" else "place_or_org"
    return "ent_" + hashlib.sha256(f"{kind}\x1f{name_key}".encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class _NewName:
    name_key: str
    label: str
    spelling: str


class EntityStage:
    """Corpus stage: link the names in this run's mentions that the store has not seen before."""

    name = "entities"
    scope = "corpus"
    requires = frozenset({"mentions"})
    produces = frozenset({"entities"})

    def warm_up(self) -> None:
        pass

    def run(self, articles: Sequence[Article], store: Store) -> None:
        from crosscheck.annotate.entities import normalise_name

        mentions = store.mentions_for(a.id for a in articles)
        keys = {m.link_key for m in mentions if m.name_key}
        known = store.resolve_names(keys)
        spelling: dict[tuple[str, str], str] = {}
        for m in mentions:
            k = m.link_key
            # the spelling shown for a name: its longest form in the run, ties by text
            if k in keys and (k not in spelling or (len(m.text), m.text) > (len(spelling[k]), spelling[k])):
                spelling[k] = m.text
        new = sorted((_NewName(k, lab, spelling[(k, lab)]) for k, lab in keys - set(known)),
                     key=lambda n: (-len(normalise_name(n.spelling)), n.name_key, n.label))
        for name in new:
            self._link(name, store)

    def _link(self, name: _NewName, store: Store) -> None:
        from crosscheck.annotate.entities import normalise_name, same_entity

        candidates = [c for c in store.entity_name_candidates(lookup_keys(name.name_key, name.label))
                      if same_entity(name.spelling, name.label, c.spelling, c.kind)]
        words = len(name.name_key.split())
        by_entity: dict[str, EntityName] = {}
        direct: set[str] = set()  # entities matched other than as the shortening of a longer name
        for c in sorted(candidates, key=lambda c: (len(c.name_key.split()) > words, c.name_key, c.kind)):
            by_entity.setdefault(c.entity_id, c)
            if len(c.name_key.split()) <= words:
                direct.add(c.entity_id)
        if name.label == "PERSON" and words > 1:
            by_entity = self._compatible(name, by_entity, store)
            direct &= set(by_entity)
        if not by_entity:
            eid = entity_id_for(name.name_key, name.label)
            if store.get_entities([eid]):  # the same name under a label that could not link to it
                eid = entity_id_for(f"{name.name_key}\x1f{name.label}", name.label)
            store.add_entity(eid, name.spelling, name.label)
            store.add_entity_name(EntityName(name.name_key, name.label, name.spelling, eid, None),
                                  index_keys(name.name_key, name.label))
            return
        # A name that matches several entities directly (same name, a near spelling, or their
        # shortening) bridges them: they merge into the oldest. A bare surname that merely
        # shortens several people's names is ambiguous: it joins the one it matches directly,
        # else the oldest, and merges nothing.
        pool = direct or set(by_entity)
        seq = store.entity_seq(pool)
        oldest = min(pool, key=lambda e: (seq.get(e, 0), e))
        if len(direct) > 1:
            for other in sorted(direct - {oldest}):
                store.merge_entity(other, into=oldest)
        via = by_entity[oldest]
        reason = link_reason(name.spelling, name.label, via.spelling, via.kind)
        store.add_entity_name(EntityName(name.name_key, name.label, name.spelling, oldest, reason),
                              index_keys(name.name_key, name.label))
        current = store.get_entities([oldest])
        if current and len(normalise_name(name.spelling)) > len(normalise_name(current[0].name)):
            store.rename_entity(oldest, name.spelling)

    @staticmethod
    def _compatible(name: _NewName, by_entity: dict[str, EntityName], store: Store) -> dict[str, EntityName]:
        """A full person name does not join an entity that already holds a different full name
        ("Hafez al-Assad" never joins "Bashar al-Assad" through their shared "Assad")."""
        from crosscheck.annotate.entities import same_entity

        keep = {}
        for ent in store.get_entities(by_entity):
            others = [n for n in ent.names if n.kind == "PERSON" and len(n.name_key.split()) > 1]
            if all(same_entity(name.spelling, name.label, n.spelling, n.kind) for n in others):
                keep[ent.id] = by_entity[ent.id]
        return keep
