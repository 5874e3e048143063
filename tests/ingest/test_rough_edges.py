"""What a new user met in the first hour (issue 9, part 5), each fixed where it happens."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.ingest import ReadStats, iter_documents
from crosscheck.ingest.html import extract_page
from crosscheck.model import Problem, RawDocument
from crosscheck.pipeline import source_of

STORY = "The harbour bridge reopened on Friday after repairs, the city council said.\nTraffic was light.\n"


def _cli(*args: str, cwd: Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    return subprocess.run([*prefix, sys.executable, "-m", "crosscheck", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_ingest_dot_never_reads_the_store_files(tmp_path: Path) -> None:
    (tmp_path / "bridge.txt").write_text(STORY, encoding="utf-8")
    for run in range(2):
        proc = _cli("ingest", ".", "-q", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert "skipped 0" in proc.stderr and "crosscheck.db" not in proc.stderr
    assert "read 1, new 0" in proc.stderr


def test_excluded_files_are_not_read_named_or_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "bridge.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "c.db"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 4)
    store = [Path(f"{db}{s}") for s in ("", "-wal", "-shm", "-journal")]
    items = list(iter_documents([tmp_path, db], exclude=store))
    assert [type(i).__name__ for i in items] == ["RawDocument"]


def _unreadable_prefix() -> tuple[str, ...] | None:
    """How to run the CLI so that a mode-000 file cannot be read: as is for a normal user; as root,
    inside a user namespace (where root's files are not ours), when ``unshare`` allows it."""
    if os.geteuid() != 0:
        return ()
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-U", "true"], capture_output=True).returncode == 0:
        return (unshare, "-U")
    return None


def test_unreadable_file_on_the_command_line_is_one_skipped_input(tmp_path: Path) -> None:
    prefix = _unreadable_prefix()
    if prefix is None:
        pytest.skip("running as root without user namespaces: every file is readable")
    (tmp_path / "bridge.txt").write_text(STORY, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Not for reading.\n", encoding="utf-8")
    secret.chmod(0)
    tmp_path.chmod(0o777)
    db = tmp_path / "c.db"
    proc = _cli("ingest", "secret.txt", "bridge.txt", "--db", str(db), "-q", cwd=tmp_path, prefix=prefix)
    assert proc.returncode == 1, proc.stderr
    assert "skipped: secret.txt: cannot open" in proc.stderr and "[E110]" in proc.stderr
    assert "read 1, new 1" in proc.stderr


def test_one_invalid_byte_in_utf8_is_replaced_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Héllo from the café: the kiosk reopened on Monday, the owner said.\n".encode() + b"Bad \xff byte.\n")
    stats = ReadStats()
    [doc] = list(iter_documents([path], stats=stats))
    assert isinstance(doc, RawDocument)
    assert "Héllo" in doc.text and "café" in doc.text and "Bad \ufffd byte." in doc.text
    offset = path.read_bytes().index(b"\xff")
    assert stats.notes == [f"{path}: invalid UTF-8 byte at offset {offset} replaced with U+FFFD; the rest is UTF-8"]


def test_windows_1252_file_is_still_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("Café owners met on Monday; déjà vu, said the mayor.\n".encode("cp1252"))
    stats = ReadStats()
    [doc] = list(iter_documents([path], stats=stats))
    assert isinstance(doc, RawDocument) and "Café" in doc.text and stats.notes == []


PAGE = (
    '<html lang="fr-FR"><head><title><script>alert(1)</script>Minister resigns</title></head><body><article>'
    "<p>The minister resigned on Monday after a week of protests in the capital, officials said.</p>"
    "<p>The prime minister accepted the resignation and named a successor on Tuesday evening.</p>"
    "</article></body></html>"
)


def test_script_in_title_does_not_leak_and_html_lang_is_kept() -> None:
    page = extract_page(PAGE)
    assert page is not None
    assert page.title == "Minister resigns"
    assert page.language == "fr-fr"


def test_outlet_rule_url_host_over_the_name_a_record_gives(tmp_path: Path) -> None:
    """One rule for every format: the URL's host when a URL is known (so a page, a feed entry and an
    export of one outlet group together, and article ids stay stable), else the name given."""
    path = tmp_path / "export.jsonl"
    text = "The central bank raised rates by a quarter point on Wednesday, its governor said."
    rows = [
        {"url": "https://www.financedaily.example/markets/1", "source": {"name": "Finance Daily"}, "maintext": text},
        {"source": {"name": "Finance Daily"}, "maintext": text + " Markets fell."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = [d for d in iter_documents([path]) if not isinstance(d, Problem)]
    assert [source_of(d) for d in docs] == ["financedaily.example", "Finance Daily"]


def test_bench_help_lists_every_benchmark() -> None:
    from click.testing import CliRunner

    from crosscheck.bench import BENCHMARKS
    from crosscheck.cli import main

    out = CliRunner().invoke(main, ["bench", "--help"]).output
    assert all(name in out for name in BENCHMARKS)


def test_make_example_outputs_are_ignored_by_git() -> None:
    repo = Path(__file__).resolve().parents[2]
    if shutil.which("git") is None or not (repo / ".git").exists():
        pytest.skip("not a git checkout")
    for path in ("report/report.html", "report-update/report.html", "example.db", "example.db-journal"):
        proc = subprocess.run(["git", "check-ignore", "-q", path], cwd=repo)
        assert proc.returncode == 0, f"{path} is not ignored"


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=60), st.data())
def test_one_bad_byte_in_utf8_with_accents_keeps_the_rest(text: str, data: st.DataObject) -> None:
    from crosscheck.ingest.decode import decode_bytes, normalise_text

    text = "é" + text  # at least one valid multi-byte character
    cut = data.draw(st.integers(0, len(text)))
    head, tail = text[:cut].encode(), text[cut:].encode()
    decoded = decode_bytes(head + b"\xff" + tail)
    assert decoded is not None and decoded.encoding == "utf-8"
    assert decoded.text == normalise_text(text[:cut] + "\ufffd" + text[cut:])
    assert decoded.invalid_at == (len(head),)
