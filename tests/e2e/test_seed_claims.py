"""Issue #3's acceptance run: the seeds' claims carry the right attribution, hedges, numbers."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def report(seeds_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("seedclaims") / "c.db"
    return json.loads(run_cli("check", str(seeds_dir), "--db", str(db), "--format", "json", "-q").stdout)


def claim(report, starts_with):
    (c,) = [c for c in report["claims"] if c["text"].startswith(starts_with)]
    return c


def test_amnesty_range(report):
    c = claim(report, "Between 5,000 and 13,000 inmates")
    assert "Amnesty International" in c["attribution"]["source"]
    assert c["attribution"]["cue"].lower() == "according to"
    (q,) = c["quantities"]
    assert (q["low"], q["high"], q["unit"]) == (5000, 13000, "inmates")
    assert any(t["text"] == "since 2011" and t["start_date"] == "2011-01-01" for t in c["times"])


def test_anonymous_source_via_interfax(report):
    c = claim(report, "Russian news agency Interfax quoted")
    a = c["attribution"]
    assert a["anonymous"] is True and "unnamed source" in a["source"]
    assert "Interfax" in [v["source"].split()[-1] for v in a["via"]] or any("Interfax" in v["source"] for v in a["via"])


def test_named_source(report):
    c = claim(report, "Biden said in a statement")
    assert c["attribution"]["source"] == "Biden" and c["attribution"]["anonymous"] is False
    q = [q for q in c["quantities"] if q["text"] == "hundreds of thousands"][0]
    assert q["low"] <= 200_000 and q["high"] >= 900_000


def test_hedges(report):
    assert "purporting to" in [h["cue"] for h in claim(report, "Video purporting to show")["hedges"]]
    c = claim(report, "Unconfirmed video purports")
    assert {"Unconfirmed", "purports to"} <= {h["cue"] for h in c["hedges"]}
    assert c["certainty"] == "strongly hedged"
    assert "reportedly" in [h["cue"] for h in claim(report, "He has reportedly sought safety")["hedges"]]


def test_numbers(report):
    half = claim(report, "Millions of Syrians have been displaced")
    assert any(q["low"] == q["high"] == 500_000 for q in half["quantities"])
    dictatorship = claim(report, "The release of the prisoners coincides")
    assert any((q["low"], q["high"], q["unit"]) == (24, 24, "years") for q in dictatorship["quantities"])


def test_furniture_is_never_a_claim_and_ranking(report):
    texts = [c["text"] for c in report["claims"]]
    assert "Watch the video below." not in texts and "READ MORE ON SYRIA" not in texts
    tears = claim(report, "Tears of joy are being shed")
    amnesty = claim(report, "Between 5,000 and 13,000 inmates")
    assert tears["checkworthiness"] < amnesty["checkworthiness"]


def test_spellings_linked(report):
    by_id = {e["id"]: {m["text"] for m in e["mentions"]} for e in report["entities"]}
    assert any({"Sednaya", "Saydnaya"} <= names for names in by_id.values())
    assert any({"Bashar al-Assad", "Assad"} <= names for names in by_id.values())


def test_claim_offsets(report):
    texts = {a["id"]: a["text"] for a in report["articles"]}
    for c in report["claims"]:
        t = texts[c["article_id"]]
        assert t[c["start"] : c["end"]] == c["text"]
        for h in c["hedges"]:
            assert t[h["start"] : h["end"]] == h["cue"]
        for q in c["quantities"]:
            assert t[q["start"] : q["end"]] == q["text"]
