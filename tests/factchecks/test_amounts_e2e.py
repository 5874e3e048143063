"""Regression (issue #12 follow-up), end to end with the real shipped models: a fact-check that states
an amount in digits must meet the article sentence that states it in words, and must not be shown
beside a sentence about the same event that states no amount (same event, different fact).

Two of these still fail with the shipped models and are strict xfails with the reason (README, "A
weakness seen by hand"): when a model fixes them, the xfail turns into a failure and must be removed.
The fact-checks and the article are invented for this test (an invented ferry terminal flood)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

CHECKS = [
    {
        "url": "https://factcheck.example.org/2025/kestrel-bay-stranded",
        "claimReviewed": "Roughly 2,000 passengers were stranded when the Kestrel Bay ferry terminal flooded.",
        "name": "No, not two thousand passengers", "rating": "Mostly False",
    },
    {
        "url": "https://factcheck.example.org/2025/kestrel-bay-barrier",
        "claimReviewed": "Port director Ilse Marren admitted the Kestrel Bay flood barrier had never been tested.",
        "name": "Did Marren admit the barrier was untested?", "rating": "Unproven",
    },
]

ARTICLE = """ title Storm surge floods Kestrel Bay ferry terminal
 date 2025-11-03
 source Example Coast Herald
 url https://herald.example.com/2025/11/03/kestrel-bay-flood

A storm surge flooded the Kestrel Bay ferry terminal on Sunday night, closing the harbour until Tuesday.

Nearly two thousand passengers were left stranded at the terminal as the water rose, officials said.

The Kestrel Bay ferry terminal flooded after the surge overtopped the old harbour wall.

Ferry staff waded through the flooded departure lounge handing out blankets, with close to two thousand travellers believed to have been caught inside when the sea broke through.

Repair crews began pumping water out of the terminal's ticket hall on Monday morning.
"""


def _claimreview(c: dict[str, str]) -> dict[str, object]:
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": c["url"], "datePublished": "2025-11-05",
        "name": c["name"], "claimReviewed": c["claimReviewed"],
        "author": {"@type": "Organization", "name": "Example Fact Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": c["rating"]},
    }


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fc-amounts")
    checks, articles = tmp / "checks", tmp / "articles"
    checks.mkdir()
    articles.mkdir()
    for i, c in enumerate(CHECKS):
        (checks / f"{i}.json").write_text(json.dumps(_claimreview(c)))
    (articles / "kestrel-bay.txt").write_text(ARTICLE)
    db = str(tmp / "c.db")
    imported = run_cli("factchecks", "import", str(checks), "--db", db)
    assert "new 2" in imported.stderr
    out = run_cli("check", str(articles), "--db", db, "--format", "json", "--out", str(tmp / "report"), "-q")
    return json.loads(out.stdout)


def _urls(report, words: str) -> list[str]:
    found = [c for c in report["claims"] if words in c["text"]]
    assert len(found) == 1, [c["text"] for c in report["claims"]]
    return [f["url"] for f in found[0]["factchecks"]]


def test_an_amount_in_words_meets_the_same_amount_in_digits(report):
    assert _urls(report, "Nearly two thousand passengers")[:1] == [CHECKS[0]["url"]]


XFAIL_SAME_EVENT = ("the shipped judge (trained on CheckThat! tweets and debate lines, where a matching tweet often "
                    "omits the fact-check's number) shows a fact-check about an amount beside a sentence about the same "
                    "event that states no amount; a judge retrained with 'the fact-check states an amount the claim "
                    "does not' still did (README, 'A weakness seen by hand')")
XFAIL_LONG = ("the amount is shared but the long sentence's other content lowers the wording features and the judge "
              "rejects it (the README's Morvane case, 'nearly a thousand workers feared caught up')")


@pytest.mark.xfail(reason=XFAIL_LONG, strict=True)
def test_an_amount_in_words_inside_a_long_sentence_meets_the_digits(report):
    assert _urls(report, "close to two thousand travellers")[:1] == [CHECKS[0]["url"]]


@pytest.mark.xfail(reason=XFAIL_SAME_EVENT, strict=True)
def test_same_event_without_the_amount_is_not_shown_the_amount_fact_check(report):
    assert CHECKS[0]["url"] not in _urls(report, "overtopped the old harbour wall")
    assert CHECKS[0]["url"] not in _urls(report, "closing the harbour until Tuesday")


def test_a_fact_check_about_something_else_in_the_event_is_not_shown(report):
    assert _urls(report, "Nearly two thousand passengers") == [CHECKS[0]["url"]]
    assert CHECKS[1]["url"] not in _urls(report, "ticket hall")
