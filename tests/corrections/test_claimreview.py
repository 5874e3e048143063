"""ClaimReview export: the fields Google's ClaimReview structured-data guidelines require, our
rating scale, the claim's speaker, and which reviews are exported."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlparse

import pytest

from crosscheck.claimreview import RATING, Outlet, claim_author, claimreview, claimreviews, desk_outlet
from crosscheck.config import load_config
from crosscheck.errors import UsageError
from crosscheck.model import VERDICTS, Claim, EntityMention, Review
from tests.corrections.helpers import store_with_versions, version

OUTLET = Outlet("The Northern Ledger", "https://www.northern-ledger.example", "{outlet_url}/factchecks/{claim_id}")
TEXT = "Flood toll rises\nGovernor Ana Brel said 13 people had died by Monday.\nThe river has burst its banks.\n"


def google_problems(record: dict) -> list[str]:
    """What a ClaimReview record lacks, per the guideline as we read it: the review's url,
    claimReviewed, reviewRating with alternateName and a numeric ratingValue inside
    worstRating..bestRating, an author (Organization or Person) with a name, itemReviewed as a
    Claim with an appearance or firstAppearance, and datePublished."""
    problems = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    need(record.get("@context") in ("https://schema.org", "http://schema.org"), "@context schema.org")
    need(record.get("@type") == "ClaimReview", "@type ClaimReview")
    url = urlparse(str(record.get("url", "")))
    need(url.scheme in ("http", "https") and bool(url.netloc), "url: absolute page address")
    need(isinstance(record.get("claimReviewed"), str) and record["claimReviewed"].strip() != "", "claimReviewed")
    rating = record.get("reviewRating") or {}
    need(rating.get("@type") == "Rating", "reviewRating @type Rating")
    need(isinstance(rating.get("alternateName"), str) and rating["alternateName"] != "", "reviewRating.alternateName")
    values = [rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")]
    numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    need(numeric, "numeric rating values")
    if numeric:
        value, best, worst = values
        need(worst < best and worst <= value <= best, "worstRating <= ratingValue <= bestRating")
    author = record.get("author") or {}
    need(author.get("@type") in ("Organization", "Person") and bool(author.get("name")), "author with a name")
    try:
        datetime.fromisoformat(str(record.get("datePublished")))
    except ValueError:
        problems.append("datePublished: ISO 8601")
    item = record.get("itemReviewed") or {}
    need(item.get("@type") == "Claim", "itemReviewed @type Claim")
    appearances = item.get("appearance") or ([item["firstAppearance"]] if item.get("firstAppearance") else [])
    need(bool(appearances) and all(a.get("url") or a.get("headline") for a in appearances),
         "itemReviewed.appearance or firstAppearance")
    return problems


def _review(claim: Claim, verdict: str = "inaccurate", approved: bool = True) -> Review:
    return Review(claim.id, verdict=verdict, reviewer="ana", approved_by="ed" if approved else None,
                  approved_at="2025-03-06T10:00:00+00:00" if approved else None)


@pytest.mark.parametrize("verdict", VERDICTS)
def test_every_verdict_gives_a_record_google_accepts(verdict):
    art, claims = version(TEXT)
    record = claimreview(art, claims[1], _review(claims[1], verdict), OUTLET)
    assert google_problems(record) == []
    assert record["claimReviewed"] == "Governor Ana Brel said 13 people had died by Monday."
    assert record["url"] == f"https://www.northern-ledger.example/factchecks/{claims[1].id}"
    assert record["itemReviewed"]["appearance"][0]["url"] == art.url


def test_the_checker_itself_catches_what_is_missing():
    art, claims = version(TEXT)
    good = claimreview(art, claims[1], _review(claims[1]), OUTLET)
    broken = {**good, "reviewRating": {**good["reviewRating"], "ratingValue": 9}, "author": {"@type": "Organization"}}
    del broken["url"]
    assert google_problems(broken) == ["url: absolute page address", "worstRating <= ratingValue <= bestRating",
                                       "author with a name"]


def test_our_scale_orders_the_verdicts_and_covers_them_all():
    assert set(RATING) == set(VERDICTS)
    assert RATING["inaccurate"] < RATING["misleading"] < RATING["unverified"] < RATING["needs_context"] < RATING["accurate"]


def _attr(source: str, start: int, end: int, anonymous: bool = False, via: tuple = ()) -> dict:
    return {"source": source, "source_start": start, "source_end": end, "anonymous": anonymous, "cue": "said",
            "via": list(via)}


def test_claim_author_from_the_attribution_chain():
    c = Claim("c1", "a1", 0, 60, 0.9, "check-worthy", "certain", {"attribution": None})
    assert claim_author(c) is None
    anon = _attr("a source in the ministry", 40, 64, anonymous=True)
    c = Claim("c1", "a1", 0, 80, 0.9, "check-worthy", "certain", {"attribution": anon})
    assert claim_author(c) is None
    c = Claim("c1", "a1", 0, 80, 0.9, "check-worthy", "certain",
              {"attribution": {**anon, "via": [_attr("the state broadcaster RTVa", 10, 36)]}})
    assert claim_author(c) == {"@type": "Organization", "name": "the state broadcaster RTVa"}
    # a time read as the source ("confirmed dead by Tuesday evening") is passed over for the real speaker
    misread = {**_attr("Tuesday evening", 50, 65), "via": [_attr("Regional governor Lidia Ferrant", 0, 31)]}
    c = Claim("c1", "a1", 0, 66, 0.9, "check-worthy", "certain",
              {"attribution": misread, "times": [{"start": 50, "end": 65}]})
    mentions = [EntityMention("a1", 18, 31, "Lidia Ferrant", "ORG", False, "lidia ferrant")]
    assert claim_author(c, mentions) == {"@type": "Person", "name": "Lidia Ferrant"}


def test_only_approved_verdicts_are_exported_from_the_store(tmp_path):
    store = store_with_versions(tmp_path / "s.db", TEXT, TEXT.replace("13 people", "15 people"))
    old_id, new_id = (v.id for v in store.versions("https://ledger.example/world/dam"))
    old_claims, new_claims = store.claims_for([old_id]), store.claims_for([new_id])
    store.save_review(_review(old_claims[1], "inaccurate"), expected_version=0, actor="ed", action="review.approve")
    store.save_review(_review(new_claims[1], "accurate", approved=False), expected_version=0, actor="ana", action="review.save")
    store.save_review(_review(new_claims[2], "needs_context"), expected_version=0, actor="ed", action="review.approve")
    records = claimreviews(store, OUTLET)
    assert [r["reviewRating"]["alternateName"] for r in records] == ["Inaccurate", "Needs context"]
    assert records[0]["claimReviewed"].startswith("Governor Ana Brel said 13 people")  # a superseded version's claim
    assert all(google_problems(r) == [] for r in records)


def test_outlet_must_be_configured(tmp_path):
    with pytest.raises(UsageError) as err:
        desk_outlet(load_config())
    assert err.value.code == "E003"
    cfg = tmp_path / "c.toml"
    cfg.write_text('[desk]\noutlet_name = "L"\noutlet_url = "https://l.example"\nreview_url_template = "{outlet}/x"\n')
    with pytest.raises(UsageError) as err:
        desk_outlet(load_config(cfg))
    assert err.value.code == "E003"
