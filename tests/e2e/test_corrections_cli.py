"""`crosscheck corrections` and `crosscheck export claimreview` through the real CLI, on the example
corpus and its corrected version. Golden files are rewritten only with --update-golden."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.corrections.test_claimreview import google_problems

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
DESK = '[desk]\noutlet_name = "The Northern Ledger"\noutlet_url = "https://www.northern-ledger.example"\n'


@pytest.fixture(scope="module")
def updated_db(examples_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("corrections")
    db = out / "c.db"
    run_cli("check", str(examples_dir / "corpus"), "--db", str(db), "-q")
    run_cli("check", str(examples_dir / "corpus-update"), "--db", str(db), "-q")
    (out / "desk.toml").write_text(DESK, encoding="utf-8")
    return db


def _stable(text: str) -> str:
    text = re.sub(r'"(ingested_at|noticed_at)": "[^"]+"', r'"\1": "<masked>"', text)
    return re.sub(r"change noticed \d{4}-\d\d-\d\d \d\d:\d\d UTC", "change noticed <time> UTC", text)


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_corrections_log_matches_golden(updated_db, fmt, update_golden):
    got = _stable(run_cli("corrections", "--db", str(updated_db), "--format", fmt,
                          "--config", str(updated_db.parent / "desk.toml")).stdout)
    golden = GOLDEN / f"example_corrections.{fmt}"
    if update_golden or not golden.exists():
        golden.write_text(got, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written; review and commit it")
    assert got == golden.read_text(encoding="utf-8"), f"output differs from {golden}; run pytest --update-golden if intended"


def test_example_shows_an_open_correction_and_a_silent_edit(updated_db):
    (entry,) = json.loads(run_cli("corrections", "--db", str(updated_db), "--format", "json").stdout)["corrections"]
    changes = entry["changes"]
    assert all(c["kind"] == "changed" and c["checkworthy"] for c in changes)
    assert all(c["old_text"] != c["new_text"] for c in changes)  # unchanged claims never appear
    by_figure = {(c["quantities"][0]["low"], c["quantities"][1]["low"]): c["silent"] for c in changes}
    assert by_figure == {(73, 37): False, (1_200_000, 1_500_000): True}
    assert entry["text_notes"][0]["text"].startswith("Correction: An earlier version")


def test_table_and_out_file(updated_db, tmp_path):
    table = run_cli("corrections", "--db", str(updated_db)).stdout
    assert "1 silent edit(s)" in table and "SILENT EDIT" in table and "73 miners → 37 miners" in table
    page = tmp_path / "corrections.html"
    proc = run_cli("corrections", "--db", str(updated_db), "--format", "html", "--out", str(page))
    assert proc.stdout == "" and page.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_missing_store_and_unwritable_out_are_one_line_errors(tmp_path, updated_db):
    proc = run_cli("corrections", "--db", str(tmp_path / "nope.db"), check_exit=2)
    assert "[E002]" in proc.stderr and not (tmp_path / "nope.db").exists()
    proc = run_cli("corrections", "--db", str(updated_db), "--out", str(tmp_path / "no" / "dir.html"), check_exit=1)
    assert "[E130]" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_export_claimreview(updated_db, tmp_path):
    from crosscheck.model import Review
    from crosscheck.store import open_store

    db = tmp_path / "r.db"
    db.write_bytes(updated_db.read_bytes())
    store = open_store(db)
    current = [a for a in store.iter_articles() if a.source == "northern-ledger.example" and a.version == 2][0]
    claim = next(c for c in store.claims_for([current.id]) if "Lidia Ferrant" in current.text[c.start : c.end])
    store.save_review(Review(claim.id, verdict="accurate", reviewer="ana", approved_by="ed",
                             approved_at="2025-03-06T10:00:00+00:00"), expected_version=0, actor="ed", action="review.approve")
    store.close()
    proc = run_cli("export", "claimreview", "--db", str(db), check_exit=2)
    assert "[E003]" in proc.stderr and "outlet_name" in proc.stderr
    out = tmp_path / "claimreview.json"
    proc = run_cli("export", "claimreview", "--db", str(db), "--config", str(updated_db.parent / "desk.toml"), "--out", str(out))
    assert "1 ClaimReview record(s)" in proc.stderr
    (record,) = json.loads(out.read_text(encoding="utf-8"))
    assert google_problems(record) == []
    assert record["itemReviewed"]["author"] == {"@type": "Person", "name": "Lidia Ferrant"}
    assert record["author"]["name"] == "The Northern Ledger"
