"""The desk shows a claim's published fact-checks (matched by ``crosscheck factchecks``): on the claim
page and in the claim JSON API, as in the report. Records stored through the store API (no models)."""

from __future__ import annotations

from crosscheck.model import FactCheck, FactCheckMatch


def _store_matches(desk):
    early = FactCheck("fc_early", "https://checks.example/kessel-toll", 1, "Twelve people died when the Kessel dam burst.",
                      "Mostly True", "Example Checks", "2025-03-01", "https://checks.example/kessel-toll")
    late = FactCheck("fc_late", "https://checks.example/kessel-dawn", 1, "The Kessel dam burst at dawn.",
                     "True", "Other Checks", "2025-03-09", "javascript:alert(1)")
    with desk.store.transaction():
        batch = desk.store.begin_batch("factchecks import", "cfg")
        desk.store.add_factcheck(early, batch)
        desk.store.add_factcheck(late, batch)
        desk.store.put_factcheck_matches(["c_a1"], [
            FactCheckMatch("c_a1", early.id, 0.91, "same name 'Kessel'; same number 12", False),
            FactCheckMatch("c_a1", late.id, 0.42, "same name 'Kessel'; cosine 0.71", True)])


def test_claim_api_lists_the_matched_fact_checks(desk, client_for):
    _store_matches(desk)
    rita = client_for("rita")
    found = rita.get("/api/claims/c_a1").json()["factchecks"]
    assert [(f["id"], f["publisher"], f["rating"], f["date"], f["url"], f["score"], f["later"]) for f in found] == [
        ("fc_early", "Example Checks", "Mostly True", "2025-03-01", "https://checks.example/kessel-toll", 0.91, False),
        ("fc_late", "Other Checks", "True", "2025-03-09", "javascript:alert(1)", 0.42, True)]
    assert found[0]["reason"] == "same name 'Kessel'; same number 12"
    assert rita.get("/api/claims/c_b1").json()["factchecks"] == []


def test_claim_page_shows_them_with_a_link_and_the_later_marker(desk, client_for):
    _store_matches(desk)
    rita = client_for("rita")
    page = rita.get("/claims/c_a1").text
    section = page[page.index('id="factchecks"'):page.index('class="col-side"')]
    assert 'href="https://checks.example/kessel-toll"' in section and "Mostly True" in section
    assert "Example Checks" in section and "2025-03-01" in section and "match 0.91" in section
    assert "same name &#39;Kessel&#39;; same number 12" in section or "same name 'Kessel'; same number 12" in section
    assert section.count("published after the article") == 1 and "javascript:" not in section  # never an unsafe href
    assert section.index("Example Checks") < section.index("Other Checks")  # best first
    other = rita.get("/claims/c_b1").text
    assert "No imported fact-check matches this claim." in other
