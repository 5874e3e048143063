"""``crosscheck check ../shared/seeds --format json``: the issue's acceptance run."""

from __future__ import annotations

import json

import pytest

from crosscheck.report import validate_report
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def seeds_report(seeds_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "c.db"
    proc = run_cli("check", str(seeds_dir), "--db", str(db), "--format", "json", "--quiet")
    return json.loads(proc.stdout)


def _by_file(report, name):
    (a,) = [a for a in report["articles"] if a["path"] and a["path"].endswith(name)]
    return a


def test_report_validates(seeds_report):
    validate_report(seeds_report)
    assert len(seeds_report["articles"]) == 2


def test_dates(seeds_report):
    a = _by_file(seeds_report, "000_d50b924c86e66e12.txt")
    assert a["published"] == "2024-12-10"
    assert a["dateline"]["date"] == "2024-12-09"
    assert a["text"][a["dateline"]["start"] : a["dateline"]["end"]].startswith("Monday, December 09, 2024")
    assert not a["text"].startswith(" date")
    b = _by_file(seeds_report, "001_25ac4e1dbf06766e.txt")
    assert b["published"] is None
    assert b["title"].startswith("Moment TODDLER is one of thousands freed")


def _furniture(article):
    return {article["text"][s["start"] : s["end"]] for s in article["boilerplate"]}


def test_furniture_marked(seeds_report):
    a = _by_file(seeds_report, "000_d50b924c86e66e12.txt")
    assert _furniture(a) == {"Watch the video below."}
    b = _by_file(seeds_report, "001_25ac4e1dbf06766e.txt")
    found = _furniture(b)
    assert {"READ MORE ON SYRIA", "Read More on The US Sun"} <= found
    assert any(f.startswith("Note: Every piece of content") for f in found)
    assert len(found) == 3  # and no reporting line


def test_offsets_slice_text(seeds_report):
    for a in seeds_report["articles"]:
        for s in a["sentences"]:
            piece = a["text"][s["start"] : s["end"]]
            assert piece and piece == piece.strip()
        for c in seeds_report["claims"]:
            if c["article_id"] == a["id"]:
                assert a["text"][c["start"] : c["end"]] == c["text"]
