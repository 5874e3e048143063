"""Golden files for the reports of the example corpus. Rewrite only with --update-golden."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _stable(text: str, examples_dir: Path) -> str:
    """Mask what legitimately differs between runs and machines: times and absolute paths."""
    text = text.replace(str(examples_dir.resolve()), "<examples>")
    text = re.sub(r'"(generated_at|ingested_at|config_hash)": "[^"]+"', r'"\1": "<masked>"', text)
    text = re.sub(r"version (\d+) \(\d{4}-[^)]*\)", r"version \1 (<time>)", text)
    return text


@pytest.fixture(scope="module")
def example_out(examples_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    run_cli("check", str(examples_dir / "corpus"), "--db", str(out / "c.db"), "--out", str(out / "report"), "-q")
    return out / "report"


@pytest.mark.parametrize("name", ["report.txt", "report.json"], ids=["table", "json"])
def test_example_report_matches_golden(example_out, examples_dir, name, update_golden):
    got = _stable((example_out / name).read_text(encoding="utf-8"), examples_dir)
    golden = GOLDEN / f"example_{name}"
    if update_golden or not golden.exists():
        golden.write_text(got, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written; review and commit it")
    assert got == golden.read_text(encoding="utf-8"), f"report differs from {golden}; run pytest --update-golden if intended"


def test_html_report_escapes_and_highlights(example_out):
    html = (example_out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert 'class="furniture"' in html
    assert 'class="claim' in html and 'class="hedge"' in html and 'class="quantity"' in html
    assert "<script" not in html.lower()
    report = json.loads((example_out / "report.json").read_text(encoding="utf-8"))
    assert html.count("<article") == len(report["articles"])
