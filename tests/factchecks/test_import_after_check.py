"""End to end with the real models, in the order a desk works: articles checked first, fact-checks
imported afterwards. The import itself matches the stored claims (no re-check needed); a new rating
version replaces the match to the old one; ``check PATH`` and ``check`` report the same matches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.config import config_hash, load_config
from crosscheck.report import build_report
from crosscheck.store import open_store
from tests.conftest import run_cli

HERE = Path(__file__).parent
UNEMPLOYMENT = "https://factcheck.example.org/2024/03/lopez-unemployment"


def _stored_report(db):
    """The JSON report built from what the store holds, without running any stage."""
    store = open_store(db)
    try:
        return build_report(store, None, None, config_hash(load_config()))
    finally:
        store.close()


def _claim(report, words):
    found = [c for c in report["claims"] if words in c["text"]]
    assert len(found) == 1, [c["text"] for c in report["claims"]]
    return found[0]


def _matches(report):
    return {c["text"]: [(f["id"], f["rating"], f["score"], f["later"]) for f in c["factchecks"]] for c in report["claims"]}


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fc-after")
    db = str(tmp / "c.db")
    first = json.loads(run_cli("check", str(HERE / "articles"), "--db", db, "--format", "json", "-q").stdout)
    imported = run_cli("factchecks", "import", str(HERE / "data"), "--db", db, check_exit=1)  # the data holds bad records
    return tmp, db, first, imported, _stored_report(db)


def test_claims_checked_before_the_import_gain_its_matches(desk):
    _, _, first, imported, stored = desk
    assert all(c["factchecks"] == [] for c in first["claims"])  # nothing imported yet
    assert "stored claims: claims re-matched" in imported.stderr and "gained matches 2," in imported.stderr
    f = _claim(stored, "joblessness")["factchecks"]
    assert [x["url"] for x in f][:1] == [UNEMPLOYMENT] and f[0]["rating"] == "Mostly True" and f[0]["later"] is False
    roads = _claim(stored, "road repairs")["factchecks"]
    assert [x["url"] for x in roads] == ["https://factcheck.example.org/2024/04/lopez-roads"] and roads[0]["later"] is True


def test_same_subject_different_fact_still_gets_none(desk):
    _, _, _, _, stored = desk
    assert _claim(stored, "manufacturing jobs")["factchecks"] == []


def test_check_with_and_without_path_agree_with_the_import(desk):
    _, db, _, _, stored = desk
    without = json.loads(run_cli("check", "--db", db, "--format", "json", "-q").stdout)
    with_path = json.loads(run_cli("check", str(HERE / "articles"), "--db", db, "--format", "json", "-q").stdout)
    assert _matches(without) == _matches(with_path) == _matches(stored)
    assert any(_matches(stored).values())


def test_a_new_rating_version_replaces_the_match(desk):
    tmp, db, _, _, _ = desk
    record = json.loads((HERE / "data" / "single.json").read_text())
    record["reviewRating"] = dict(record["reviewRating"], alternateName="Half True", ratingValue=3)
    (tmp / "v2").mkdir()
    (tmp / "v2" / "single.json").write_text(json.dumps(record))
    out = run_cli("factchecks", "import", str(tmp / "v2"), "--db", db)
    assert "new 0, new versions 1" in out.stderr and "lost matches 0" in out.stderr
    f = _claim(_stored_report(db), "joblessness")["factchecks"]
    assert [(x["url"], x["rating"]) for x in f][:1] == [(UNEMPLOYMENT, "Half True")]
    assert all(x["rating"] != "Mostly True" for x in f)
    again = run_cli("factchecks", "import", str(tmp / "v2"), "--db", db)
    assert "no new fact-checks, no claim matched again" in again.stderr
