"""Importing published fact-checks: every shape, idempotent re-import, versions, coded bad records.

The files under ``data/`` were written by hand for these tests (invented claims and outlets)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.config import load_config
from crosscheck.embed import get_embedder
from crosscheck.factchecks.claimreview import ReviewRecord, read_text
from crosscheck.factchecks.importer import import_factchecks
from crosscheck.model import Problem
from crosscheck.store import open_store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "fc.db")
    yield s
    s.close()


@pytest.fixture
def config():
    cfg = load_config()
    cfg["factchecks"] = dict(cfg["factchecks"], embedder="embed.hashing.v1")
    return cfg


def _import(paths, store, config):
    return import_factchecks([Path(p) for p in paths], store, config, embedder=get_embedder("embed.hashing.v1"))


@pytest.mark.parametrize(
    ("name", "claims"),
    [
        ("single.json", ["Governor Maria Lopez says the state's unemployment rate dropped to 3.1%, its lowest level in 50 years."]),
        ("list.json", ["The new harbour bridge toll will cost drivers $25 per crossing.",
                       "The city council voted to close all twelve public libraries by next summer."]),
        ("graph.jsonld", ["Flu vaccines contain tracking microchips."]),
        ("page.html", ["Free school meals were cut for 300,000 children this year."]),
        ("feed.jsonl", ["The river dam will be demolished in 2025.", "Bus fares doubled last month.",
                        "Mayor Jan Novak banned cars from the old town."]),
        ("politifact.csv", ["Crime in Harbor City rose 30% in the last year.",
                            "We have built more housing than any state in the country, 90,000 homes since 2021."]),
    ],
    ids=["object", "list", "graph", "html-ld+json", "jsonl-feed", "csv"],
)
def test_each_shape_is_read(name, claims, store, config):
    summary = _import([DATA / name], store, config)
    assert summary.new == len(claims)
    got = [fc.claim for _, fc, _ in store.factchecks_since(0)]
    assert got == claims


def test_fields_kept(store, config):
    _import([DATA / "single.json"], store, config)
    (_, fc, vec), = store.factchecks_since(0)
    assert (fc.rating, fc.rating_value, fc.best_rating, fc.worst_rating) == ("Mostly True", 5.0, 6.0, 1.0)
    assert (fc.publisher, fc.published, fc.language) == ("Example Fact Desk", "2024-03-01", "en")
    assert (fc.claim_author, fc.claim_date, fc.appearance) == ("Maria Lopez", "2024-02-20", "https://video.example.net/lopez-address")
    assert fc.url == "https://factcheck.example.org/2024/03/lopez-unemployment" and fc.key == fc.url
    assert fc.title == "Lopez is right that unemployment hit a 50-year low"
    assert vec is not None and len(vec) == 2 * 256  # float16 vector stored with it


def test_csv_politifact_columns(store, config):
    _import([DATA / "politifact.csv"], store, config)
    fc = store.factchecks_since(0)[0][1]
    assert (fc.rating, fc.publisher, fc.claim_author, fc.claim_date, fc.published) == (
        "false", "PolitiFact", "Dana Whitfield", "2024-03-03", "2024-03-10")


def test_bad_records_are_coded_and_good_ones_land(store, config):
    summary = _import([DATA], store, config)
    codes = sorted((p.place.split("/")[-1], p.code) for p in summary.skipped)
    assert codes == [
        ("feed.jsonl line 3", "E123"), ("feed.jsonl line 4", "E122"), ("feed.jsonl line 5", "E125"),
        ("graph.jsonld record 3", "E121"), ("list.json record 3", "E125"),
        ("politifact.csv line 4", "E121"), ("politifact.csv line 5", "E122"),
    ]
    assert all("\n" not in str(p) for p in summary.skipped)
    assert summary.new == 11 and store.factcheck_count() == 11


def test_reimport_is_idempotent(store, config):
    first = _import([DATA], store, config)
    again = _import([DATA], store, config)
    assert (again.new, again.new_versions, again.duplicates) == (0, 0, first.new)
    assert store.factcheck_count(current_only=False) == first.new


def test_changed_rating_is_a_new_version(tmp_path, store, config):
    src = json.loads((DATA / "single.json").read_text())
    _import([DATA / "single.json"], store, config)
    src["reviewRating"]["alternateName"] = "Half True"
    src["reviewRating"]["ratingValue"] = 3
    changed = tmp_path / "updated.json"
    changed.write_text(json.dumps(src))
    summary = _import([changed], store, config)
    assert (summary.new, summary.new_versions) == (0, 1)
    versions = store.factcheck_versions(src["url"])
    assert [(v.version, v.rating) for v in versions] == [(1, "Mostly True"), (2, "Half True")]
    assert versions[1].supersedes == versions[0].id
    assert store.current_factchecks([src["url"]])[src["url"]].rating == "Half True"


def test_unreadable_input_names_the_file(tmp_path, store, config):
    junk = tmp_path / "junk.json"
    junk.write_text("this is not JSON, HTML or a CSV header\n")
    summary = _import([junk, tmp_path / "missing.json"], store, config)
    assert [p.code for p in summary.skipped] == ["E120", "E109"]


def test_csv_without_claim_column(tmp_path, store, config):
    f = tmp_path / "x.csv"
    f.write_text("who,verdict\nsomeone,false\n")
    summary = _import([f], store, config)
    assert [p.code for p in summary.skipped] == ["E124"] and "columns: who, verdict" in summary.skipped[0].reason


def test_a_run_is_one_transaction(tmp_path, store, config, monkeypatch):
    from crosscheck.factchecks import importer

    def boom(*a, **k):
        raise RuntimeError("killed")

    _import([DATA / "single.json"], store, config)
    monkeypatch.setattr(importer, "_write", boom)
    with pytest.raises(RuntimeError):
        _import([DATA / "list.json"], store, config)
    assert store.factcheck_count() == 1


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(claim=_text, rating=_text, extra=st.dictionaries(st.sampled_from(["url", "datePublished", "author"]), _text, max_size=3))
def test_any_claimreview_object_reads_back_its_claim(claim, rating, extra):
    obj = {"@type": "ClaimReview", "claimReviewed": claim, "reviewRating": {"alternateName": rating}, **extra}
    got = list(read_text(json.dumps(obj), "x.json", ".json"))
    assert len(got) == 1 and isinstance(got[0], ReviewRecord)
    assert got[0].claim == " ".join(claim.split()) and got[0].rating == " ".join(rating.split())[:200]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_records_or_coded_problems(text):
    for item in read_text(text, "x", ""):
        assert isinstance(item, (ReviewRecord, Problem))
        if isinstance(item, Problem):
            assert item.code.startswith("E1") and "\n" not in item.reason


def test_folder_import_reads_only_factcheck_files(tmp_path, store, config):
    shutil.copy(DATA / "single.json", tmp_path / "a.json")
    (tmp_path / "notes.txt").write_text("not a fact-check file")
    summary = _import([tmp_path], store, config)
    assert summary.new == 1 and not summary.skipped


def test_our_own_claimreview_export_reads_back(store, config):
    """What `crosscheck export claimreview` publishes for an approved verdict imports as a fact-check
    with the same claim, rating, scale, fact-checker, date and first appearance."""
    from dataclasses import replace

    from crosscheck.claimreview import Outlet, claimreview
    from crosscheck.model import Claim, Review
    from tests.store.conformance import make_article

    article = replace(make_article("Flood toll rises. Governor Ana Brel said 13 people had died by Monday."),
                      url="https://ledger.example/flood")
    claim = Claim("c1", article.id, 18, len(article.text), 0.9, "check-worthy", "certain")
    review = Review("c1", verdict="misleading", approved_by="ed", approved_at="2025-01-03T10:00:00+00:00")
    record = claimreview(article, claim, review, Outlet("The Ledger", "https://ledger.example", "{outlet_url}/fc/{claim_id}"))
    (got,) = list(read_text(json.dumps(record), "export.json", ".json"))
    assert isinstance(got, ReviewRecord)
    assert (got.claim, got.rating, got.rating_value, got.best_rating, got.worst_rating) == (
        "Governor Ana Brel said 13 people had died by Monday.", "Misleading", 2.0, 5.0, 1.0)
    assert (got.publisher, got.published, got.url, got.appearance) == (
        "The Ledger", "2025-01-03", "https://ledger.example/fc/c1", "https://ledger.example/flood")
