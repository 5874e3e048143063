"""``import crosscheck`` and ``crosscheck --help`` import no model library (STYLE.md)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ["spacy", "thinc", "onnxruntime", "tokenizers", "sklearn", "lightgbm", "trafilatura", "feedparser",
         "warcio", "dateparser", "datasketch", "rapidfuzz", "numpy", "scipy", "jsonschema", "lxml",
         # the review desk's web stack loads only for `crosscheck serve` and `crosscheck user`
         "fastapi", "starlette", "uvicorn", "jinja2", "argon2", "pydantic"]

PROBE = """
import sys
{stmt}
heavy = {heavy!r}
loaded = sorted(m for m in heavy if m in sys.modules)
print("LOADED:" + ",".join(loaded))
"""


def _loaded(stmt: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(stmt=stmt, heavy=HEAVY)], capture_output=True, text=True, check=True)
    line = out.stdout.strip().splitlines()[-1]
    assert line.startswith("LOADED:")
    return [m for m in line.removeprefix("LOADED:").split(",") if m]


def test_import_crosscheck_is_light():
    assert _loaded("import crosscheck, crosscheck.model, crosscheck.errors, crosscheck.api") == []


def test_cli_help_is_light():
    stmt = "from crosscheck.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    assert _loaded(stmt) == []


def test_importing_the_desk_packages_is_light():
    # the desk's rules and the web package's front door import no web framework and no hasher
    assert _loaded("import crosscheck.web, crosscheck.desk, crosscheck.desk.reviews, crosscheck.desk.notes") == []
