"""Walking paths: sorted and recursive, hidden entries skipped, places as given, stats counted,
and ``import crosscheck.ingest`` loads none of the format libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crosscheck.ingest import ReadStats, iter_documents, iter_files
from crosscheck.model import Problem, RawDocument


def _tree(root: Path) -> None:
    for rel in ["b.txt", "a.txt", "sub/z.txt", "sub/c.txt", "Sub2/x.txt", ".git/HEAD", ".hidden.txt",
                "sub/.cache/y.txt"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"A short story filed as {rel}.\n", encoding="utf-8")


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    stats = ReadStats()
    entries = list(iter_files([tmp_path], stats))
    shown = [e[1].shown for e in entries if not isinstance(e, Problem)]
    assert shown == [str(tmp_path / r) for r in ["a.txt", "b.txt", "Sub2/x.txt", "sub/c.txt", "sub/z.txt"]]
    assert stats.skipped_hidden == 3


def test_hidden_file_named_explicitly_is_read(tmp_path: Path) -> None:
    _tree(tmp_path)
    [doc] = list(iter_documents([tmp_path / ".hidden.txt"]))
    assert isinstance(doc, RawDocument) and doc.text == "A short story filed as .hidden.txt."


def test_relative_paths_keep_the_place_as_given(tmp_path: Path, monkeypatch) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    docs = [d for d in iter_documents([Path("sub")]) if isinstance(d, RawDocument)]
    assert [d.place for d in docs] == ["sub/c.txt", "sub/z.txt"]
    assert [d.key for d in docs] == [str(tmp_path / "sub/c.txt"), str(tmp_path / "sub/z.txt")]


def test_stats_count_documents_and_problems(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    stats = ReadStats()
    items = list(iter_documents([tmp_path, tmp_path / "missing"], stats=stats))
    assert (stats.files, stats.documents, stats.problems) == (6, 5, 2)
    assert len(items) == 7 and stats.formats == {"text": 5}


def test_import_is_light() -> None:
    probe = (
        "import sys, crosscheck.ingest\n"
        "heavy = ['trafilatura', 'feedparser', 'warcio', 'charset_normalizer', 'lxml', 'dateparser']\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
