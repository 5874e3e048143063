"""The indexed ``link_entities`` groups exactly as the pairwise definition does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.annotate.entities import link_entities, normalise_name, same_entity
from crosscheck.annotate.records import Mention

NAMES = ["Bashar al-Assad", "Assad", "al-Assad", "Bashar Al-Assad", "Sednaya", "Saydnaya", "Austria", "Australia",
         "Iran", "Iraq", "Joe Biden", "Biden", "Moscow", "Russia", "the Kremlin", "Kremlin", "Hafez", "Al-Assads"]
LABELS = ["PERSON", "ORG", "GPE", "LOC"]
MENTION = st.tuples(st.sampled_from(["a1", "a2", "a3"]), st.sampled_from(NAMES), st.sampled_from(LABELS), st.booleans(), st.integers(0, 50))


def _pairwise(mentions):
    items = sorted(mentions, key=lambda am: (-len(normalise_name(am[1].text)), am[0], am[1].start))
    groups, names = [], []
    for aid, m in items:
        label = "" if m.doubtful else m.label
        for k, gn in enumerate(names):
            if any(same_entity(m.text, label, n, nl) for n, nl in gn):
                groups[k].append((aid, m))
                gn.add((m.text, label))
                break
        else:
            groups.append([(aid, m)])
            names.append({(m.text, label)})
    return sorted(sorted((a, m.start, m.text) for a, m in g) for g in groups)


@settings(max_examples=200, deadline=None)
@given(st.lists(MENTION, max_size=25))
def test_indexed_linking_matches_pairwise(raw):
    seen, mentions = set(), []
    for aid, text, label, doubtful, start in raw:
        if (aid, start) in seen:
            continue
        seen.add((aid, start))
        mentions.append((aid, Mention(text, start, start + len(text), label, doubtful)))
    got = sorted(sorted((a, m.start, m.text) for a, m in e.mentions) for e in link_entities(mentions))
    assert got == _pairwise(mentions)
