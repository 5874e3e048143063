"""False conflicts caused by misreadings in annotate/ (owned by the hardening work, not relate/).

Each is a regression test marked xfail(strict=True): when the annotator is fixed the test passes,
strict xfail turns that into a failure, and the mark is removed.
"""

from __future__ import annotations


from crosscheck.relate import CONFLICTS, ClaimView, QuantityRef, relate
from tests.relate.helpers import pair_vectors


def analysed(article_id: str, text: str, vector) -> ClaimView:  # type: ignore[no-untyped-def]
    from crosscheck.annotate import annotate_sentence

    ann = annotate_sentence(text, 0, len(text))
    qs = tuple(QuantityRef(q.text, q.start, q.end, q.low, q.high, q.unit, q.approximate) for q in ann.quantities)
    return ClaimView(f"c_{article_id}", article_id, article_id, text, 0, len(text), quantities=qs, vector=vector)


# was xfail: annotate read a clock time ('around 4 p.m.') as a count of 4 with unit 'p'; fixed by the
# issue #9 quantity rules, so two reports of an event at different times of day no longer conflict
def test_clock_times_are_not_counts() -> None:
    va, vb = pair_vectors(0.6)
    a = analysed("A", "Police said the gunman walked in around 4 p.m. local time.", va)
    b = analysed("B", "Police said the staff left the building around 6 p.m. local time.", vb)
    assert relate(a, b).type != CONFLICTS
