"""Importing the annotators must not import spaCy, dateparser or rapidfuzz."""

from __future__ import annotations

import subprocess
import sys


def test_import_is_light() -> None:
    code = ("import sys, crosscheck.annotate, crosscheck.bench.annotations; "
            "print(sorted(m for m in ('spacy', 'thinc', 'dateparser', 'rapidfuzz') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
