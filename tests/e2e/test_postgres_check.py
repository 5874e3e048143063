"""The same analysis on PostgreSQL as on SQLite: ``crosscheck check`` over the example corpus, then
its corrected version, gives the same reports (claims, stories, statuses, relations) on both
backends, through the real CLI; and how ``--db`` and ``CROSSCHECK_DB`` choose the store."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


SRC = Path(__file__).resolve().parents[2] / "src"


def _cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # this checkout's code, also from another working folder
    path = os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p)
    full_env = {**os.environ, **(env or {}), "PYTHONPATH": path}
    return subprocess.run([sys.executable, "-m", "crosscheck", *args], capture_output=True, text=True,
                          timeout=600, env=full_env, cwd=cwd)


def _report(folder: Path) -> dict:
    """report.json without what differs between any two runs: times and the config hash."""
    text = (folder / "report.json").read_text(encoding="utf-8")
    return json.loads(re.sub(r'"(generated_at|ingested_at|config_hash)": "[^"]+"', r'"\1": "<masked>"', text))


def test_check_gives_the_same_report_on_both_backends(examples_dir, tmp_path, pg_url):
    reports = {}
    for backend, db in (("sqlite", str(tmp_path / "c.db")), ("postgres", pg_url)):
        for run, corpus in enumerate(("corpus", "corpus-update")):
            out = tmp_path / f"{backend}-{run}"
            proc = _cli("check", str(examples_dir / corpus), "--db", db, "--out", str(out), "-q")
            assert proc.returncode == 0, proc.stderr[-2000:]
            reports[backend, run] = _report(out)
    for run in (0, 1):
        lite, pg = reports["sqlite", run], reports["postgres", run]
        assert lite["claims"] and lite["stories"]  # something to compare
        for part in lite:
            assert pg[part] == lite[part], f"run {run}: '{part}' differs between SQLite and PostgreSQL"
    assert any(c.get("status") for c in reports["postgres", 0]["claims"])


def test_crosscheck_db_is_the_default_and_db_overrides_it(examples_dir, tmp_path, pg_url):
    from crosscheck.store import open_store

    one = examples_dir / "corpus" / "cws-2025-03-04-mine-dam-breach.txt"
    proc = _cli("ingest", str(one), "-q", env={"CROSSCHECK_DB": pg_url}, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not (tmp_path / "crosscheck.db").exists()
    s = open_store(pg_url)
    assert len(list(s.iter_articles())) == 1
    s.close()
    proc = _cli("ingest", str(one), "-q", "--db", "local.db", env={"CROSSCHECK_DB": pg_url}, cwd=tmp_path)
    assert proc.returncode == 0 and (tmp_path / "local.db").is_file()


@pytest.mark.parametrize("db, code, needle", [
    ("{tmp}", 2, "is a directory"),  # a SQLite target is still checked as a file path
    ("postgresql://ana:s3cr3t-pw@127.0.0.1:1/news?connect_timeout=3", 1, "E201"),
], ids=["folder-as-file", "refused-url"])
def test_bad_db_targets_are_one_clear_line(examples_dir, tmp_path, db, code, needle):
    proc = _cli("ingest", str(examples_dir / "corpus"), "-q", "--db", db.format(tmp=tmp_path))
    assert proc.returncode == code and needle in proc.stderr
    assert "s3cr3t-pw" not in proc.stderr + proc.stdout and "Traceback" not in proc.stderr
