"""End to end with the real models: import fact-checks, then `crosscheck check` an article (written for
this test) that repeats a fact-checked claim in other words, and a claim on the same subject with a
different fact that no fact-check covers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fc-e2e")
    db = str(tmp / "c.db")
    imported = run_cli("factchecks", "import", str(HERE / "data"), "--db", db, check_exit=1)  # the data holds bad records
    assert "fact-checks: read 11, new 11" in imported.stderr and "[E123]" in imported.stderr
    out = run_cli("check", str(HERE / "articles"), "--db", db, "--format", "json", "--out", str(tmp / "report"), "-q")
    return json.loads(out.stdout), (tmp / "report" / "report.txt").read_text(), db, (tmp / "report" / "report.html").read_text()


def _claim(report, words):
    found = [c for c in report["claims"] if words in c["text"]]
    assert len(found) == 1, [c["text"] for c in report["claims"]]
    return found[0]


def test_paraphrase_of_a_fact_checked_claim_is_matched(checked):
    report, table, _, html = checked
    claim = _claim(report, "joblessness")
    assert [f["url"] for f in claim["factchecks"]][:1] == ["https://factcheck.example.org/2024/03/lopez-unemployment"]
    f = claim["factchecks"][0]
    assert (f["rating"], f["publisher"], f["date"], f["later"]) == ("Mostly True", "Example Fact Desk", "2024-03-01", False)
    assert "3.1" in f["reason"] and 0 < f["score"] <= 1
    assert "fact-checked: 'Mostly True' by Example Fact Desk" in table
    assert ('fact-checked: <strong>Mostly True</strong> by Example Fact Desk' in html
            and 'href="https://factcheck.example.org/2024/03/lopez-unemployment"' in html)


def test_same_subject_different_fact_gets_no_match(checked):
    report, _, _, _ = checked
    assert _claim(report, "manufacturing jobs")["factchecks"] == []


def test_fact_check_published_after_the_article_is_marked_later(checked):
    report, _, _, _ = checked
    f = _claim(report, "road repairs")["factchecks"]
    assert [x["url"] for x in f] == ["https://factcheck.example.org/2024/04/lopez-roads"] and f[0]["later"] is True


def test_match_command(checked):
    _, _, db, _ = checked
    out = run_cli("factchecks", "match", "Lopez claims the state's jobless rate is at a fifty-year low of 3.1%",
                  "--db", db, "--format", "json")
    found = json.loads(out.stdout)
    assert found and found[0]["url"] == "https://factcheck.example.org/2024/03/lopez-unemployment"
    none = run_cli("factchecks", "match", "The city zoo welcomed a baby giraffe on Sunday.", "--db", db)
    assert "no stored fact-check matches this claim" in none.stdout
