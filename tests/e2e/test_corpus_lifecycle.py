"""The example corpus through the CLI: ingest, re-ingest, a corrected version, bad inputs, a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def corpus_db(examples_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    proc = run_cli("ingest", str(examples_dir / "corpus"), "--db", str(db), "-q")
    assert "read 10, new 10, new versions 0, duplicates 0, skipped 0" in proc.stderr
    return db


def test_reingest_adds_nothing(corpus_db, examples_dir):
    proc = run_cli("ingest", str(examples_dir / "corpus"), "--db", str(corpus_db), "-q")
    assert "new 0, new versions 0, duplicates 10" in proc.stderr


def test_learned_furniture_from_the_corpus(corpus_db, examples_dir):
    proc = run_cli("check", "--db", str(corpus_db), "--format", "json", "-q")
    report = json.loads(proc.stdout)
    learned = [
        (a["source"], a["text"][b["start"] : b["end"]])
        for a in report["articles"] for b in a["boilerplate"] if b["reason"].startswith("learned:")
    ]
    beacon = {line for src, line in learned if src == "dailybeacon.example"}
    assert any(line.startswith("Note: Every Daily Beacon story is checked") for line in beacon)
    assert len([1 for src, _ in learned if src == "dailybeacon.example"]) >= 3


def test_corrected_version_is_kept_beside_the_old(corpus_db, examples_dir, tmp_path):
    db = tmp_path / "v.db"
    run_cli("ingest", str(examples_dir / "corpus"), "--db", str(db), "-q")
    proc = run_cli("check", str(examples_dir / "corpus-update"), "--db", str(db), "--format", "json", "-q")
    report = json.loads(proc.stdout)
    assert report["summary"]["new_versions"] == 1
    (a,) = report["articles"]
    assert a["version"] == 2 and len(a["versions"]) == 2
    old, new = a["versions"]
    assert new["supersedes"] == old["id"] and new["id"] == a["id"]
    assert "Correction:" in a["text"]
    con = sqlite3.connect(db)
    (old_text,) = con.execute("SELECT text FROM articles WHERE id = ?", (old["id"],)).fetchone()
    assert "Correction:" not in old_text


def test_bad_inputs_are_named_and_good_ones_kept(tmp_path, examples_dir):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(" date 2025-01-02\n\nA plain report about a bridge.\nThe bridge opened on Monday, officials said.\n", encoding="utf-8")
    (inbox / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (inbox / "empty.html").write_bytes(b"")
    (inbox / "broken.jsonl").write_text('{"title": "ok", "maintext": "A fine article text about a vote in the assembly."}\n{not json\n', encoding="utf-8")
    db = tmp_path / "c.db"
    proc = run_cli("ingest", str(inbox), "--db", str(db), check_exit=1)
    lines = [l for l in proc.stderr.splitlines() if l.startswith("skipped:")]
    assert len(lines) == 3
    assert any("junk.txt" in l for l in lines) and any("empty.html" in l for l in lines)
    assert any("broken.jsonl" in l and "line 2" in l for l in lines)
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_usage_errors_exit_2(tmp_path):
    proc = run_cli("bench", "nosuch", check_exit=2)
    assert "available:" in proc.stderr
    proc = run_cli("check", "--format", "pdf", check_exit=2)


def test_killed_ingest_leaves_store_consistent(tmp_path, examples_dir):
    db = tmp_path / "k.db"
    run_cli("ingest", str(examples_dir / "corpus"), "--db", str(db), "-q")
    big = tmp_path / "big.jsonl"
    with big.open("w") as fh:
        for i in range(3000):
            fh.write(json.dumps({"url": f"https://kill.example/{i}", "maintext": f"Article {i} says the count was {i}. " * 30}) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "crosscheck", "ingest", str(big), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(6)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert n in (10, 10 + 3000)  # the batch is in whole or not at all
    con.close()
    proc = run_cli("ingest", str(examples_dir / "corpus"), "--db", str(db), "-q")
    assert "duplicates 10" in proc.stderr


def test_warc_summary_counts_records_passed_over(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><title>Harbour crane collapses</title></head><body><article>"
            "<p>A harbour crane collapsed on Tuesday, the port authority said in a statement.</p>"
            "<p>Two workers were taken to hospital, according to the fire service.</p>"
            "</article></body></html>").encode()
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        url = "https://harbour.example/crane"

        def add(uri: str, kind: str, payload: bytes, ctype: str | None = None) -> None:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1") if ctype else None
            writer.write_record(writer.create_warc_record(
                uri, kind, payload=BytesIO(payload), length=len(payload), http_headers=http))

        add(url, "request", b"GET /crane HTTP/1.1\r\n\r\n")
        add(url, "response", page, "text/html; charset=utf-8")
        add(url + ".png", "response", b"\x89PNG", "image/png")
    proc = run_cli("ingest", str(path), "--db", str(tmp_path / "w.db"))
    assert "new 1," in proc.stderr
    assert "passed over 2 WARC records that are not HTML pages" in proc.stderr
