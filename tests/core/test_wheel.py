"""A wheel built from the repository holds everything the package reads at run time.

Built offline (``pip wheel --no-deps --no-build-isolation``, so the build backend pinned in
requirements-dev.txt is used and nothing is downloaded), installed into a fresh virtual
environment that borrows the test environment's installed dependencies through a ``.pth`` line
(added after the install, so pip never sees the editable checkout), then run from outside the
repository: ``crosscheck check`` on the example corpus and the cheapest benchmark, which reads
its labels from the installed package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from crosscheck.paths import shared_data_dir

REPO = Path(__file__).resolve().parents[2]
RUNTIME_FILES = [
    "crosscheck/defaults.toml", "crosscheck/py.typed", "crosscheck/schema/report.schema.json",
    "crosscheck/bench/labels/annotations.jsonl", "crosscheck/bench/labels/furniture.jsonl",
    "crosscheck/models/checkworthy/weights.npz", "crosscheck/models/stance/stance.json",
    "crosscheck/resources/minilm/LICENSE",
]


def _run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{cmd}: exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


def _build_wheel(tmp_path: Path) -> Path:
    try:
        import setuptools
    except ImportError:
        pytest.skip("setuptools is not installed (pip install -r requirements-dev.txt)")
    if int(setuptools.__version__.split(".")[0]) < 77:
        pytest.skip(f"setuptools {setuptools.__version__} is older than pyproject.toml needs (pip install -r requirements-dev.txt)")
    copy = tmp_path / "repo"
    skip_anywhere = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "*.db*")

    def skip(folder: str, names: list[str]) -> set[str]:
        at_root = {"build", "dist", "report", "report-update", "out"} if Path(folder) == REPO else set()
        return set(skip_anywhere(folder, names)) | (at_root & set(names))

    shutil.copytree(REPO, copy, ignore=skip)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path / "dist", copy, cwd=tmp_path)
    [wheel] = (tmp_path / "dist").glob("crosscheck-*.whl")
    return wheel


def test_wheel_installs_and_runs_check_and_a_bench(tmp_path: Path, examples_dir: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [f for f in RUNTIME_FILES if f not in names] == []
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel, cwd=tmp_path)
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip())
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = _run(python, "-c", "import crosscheck; print(crosscheck.__file__)", cwd=tmp_path, env=env).stdout
    assert where.startswith(str(site)), where
    crosscheck = venv / "bin" / "crosscheck"
    proc = _run(crosscheck, "check", examples_dir / "corpus", "--db", tmp_path / "c.db", "--format", "json", "-q", cwd=tmp_path, env=env)
    report = json.loads(proc.stdout)
    assert len(report["articles"]) == 10 and report["claims"]
    data = shared_data_dir(required=False)
    if data is None:
        pytest.skip("../shared/data is absent: the bench part needs it")
    proc = _run(crosscheck, "bench", "furniture", "--data", data, cwd=tmp_path, env=env)
    assert "furniture_precision" in json.loads(proc.stdout.strip().splitlines()[-1])


def test_package_data_names_only_what_exists() -> None:
    import tomllib

    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["crosscheck"]
    package = REPO / "src" / "crosscheck"
    assert [p for p in patterns if not any(f.is_file() for f in package.glob(p))] == []
