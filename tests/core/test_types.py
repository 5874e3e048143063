"""mypy passes on src/ (STYLE.md: typed stage inputs and outputs are checked, not hoped for)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "crosscheck"


@pytest.mark.slow
def test_mypy_clean():
    pytest.importorskip("mypy")
    proc = subprocess.run([sys.executable, "-m", "mypy", str(SRC)], capture_output=True, text=True, cwd=SRC.parents[1])
    assert proc.returncode == 0, proc.stdout[-4000:]
