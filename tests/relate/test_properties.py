"""Properties: relate is symmetric in type, and a claim never conflicts with itself."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.relate import CONFLICTS, ClaimView, relate
from tests.relate.helpers import claim

PLACES = [("Lyon", "e_lyon"), ("Kraków", "e_krakow"), ("Lagos", "e_lagos")]
PEOPLE = [("Ana Ruiz", "e_ruiz"), ("Li Wei", "e_li")]
UNITS = ["people", "years", "rifles"]
VERBS = ["were arrested", "were injured", "fled", "were counted"]


@st.composite
def claims(draw, article: str) -> ClaimView:  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 900))
    unit = draw(st.sampled_from(UNITS))
    verb = draw(st.sampled_from(VERBS))
    place, pid = draw(st.sampled_from(PLACES))
    person, eid = draw(st.sampled_from(PEOPLE))
    day = draw(st.integers(1, 28))
    text = f"{person} said {n} {unit} {verb} in {place} on 2 May 20{day:02d}."
    return claim(article, text, offset=draw(st.integers(0, 50)), quantities=((str(n), n, n, unit),),
                 times=((f"on 2 May 20{day:02d}", f"20{day:02d}-05-02", f"20{day:02d}-05-02"),),
                 entities=((person, "PERSON", eid), (place, "GPE", pid)), attribution=person)


@settings(max_examples=200, deadline=None)
@given(claims("A"), claims("B"))
def test_relate_is_symmetric_in_type(a: ClaimView, b: ClaimView) -> None:
    ab, ba = relate(a, b), relate(b, a)
    assert ab.type == ba.type
    assert ab.kind == ba.kind


@settings(max_examples=100, deadline=None)
@given(claims("A"))
def test_a_claim_never_conflicts_with_itself(a: ClaimView) -> None:
    assert relate(a, a).type != CONFLICTS
    twin = replace(a, claim_id="c_twin", article_id="B")  # the same sentence printed elsewhere
    assert relate(a, twin).type != CONFLICTS
