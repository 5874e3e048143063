"""The report says what it knows: the language, one clear note for a non-English article, every
claim in the table, and the whole attribution chain in the table and the HTML."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

FRENCH = (
    "Le ministre a démissionné lundi après une semaine de manifestations dans la capitale. "
    "Le premier ministre a accepté sa démission et nommé un successeur mardi soir. "
    "Les partis de l'opposition ont salué la décision et réclamé des élections anticipées au printemps.\n"
)
CHAIN = (
    "A senior official at the port authority said the crane had failed an inspection in May, "
    "Interfax quoted an unnamed source as saying, Reuters reported.\n"
)


def test_language_notes_all_claims_and_attribution_chains(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ministre.txt").write_text(FRENCH, encoding="utf-8")
    sentences = [f"Crane number {n} at the harbour was inspected on Monday, the port authority said." for n in range(1, 19)]
    (tmp_path / "in" / "cranes.txt").write_text("\n".join(sentences) + "\n" + CHAIN, encoding="utf-8")
    db, out = tmp_path / "c.db", tmp_path / "out"
    proc = run_cli("check", str(tmp_path / "in"), "--db", str(db), "--out", str(out), "--format", "json", "-q")
    report = json.loads(proc.stdout)
    by_path = {Path(a["path"]).name: a for a in report["articles"]}
    french, cranes = by_path["ministre.txt"], by_path["cranes.txt"]
    [note] = french["analysis_notes"]
    assert note.startswith("not English: ") and note.count("not English") == 1
    assert cranes["language"] == "en"
    claims = [c for c in report["claims"] if c["article_id"] == cranes["id"]]
    assert len(claims) == 19
    table = (out / "report.txt").read_text(encoding="utf-8")
    assert sum(1 for line in table.splitlines() if line.strip().startswith("claim ")) == len(report["claims"])
    chained = [c for c in claims if c["attribution"] and c["attribution"]["via"]]
    assert chained  # how the chain is read is the attribution annotator's business; showing it is ours
    for via in chained[0]["attribution"]["via"]:
        assert f"via {via['source']}" in table
        assert f"via {via['source']}" in (out / "report.html").read_text(encoding="utf-8")
