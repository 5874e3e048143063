"""``import crosscheck.reuse`` loads neither rapidfuzz, datasketch nor numpy: they load on first use."""

from __future__ import annotations

import subprocess
import sys


def test_reuse_package_import_is_light():
    probe = "import sys, crosscheck.reuse; print(sorted(m for m in ('rapidfuzz', 'datasketch', 'numpy', 'scipy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
