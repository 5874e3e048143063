"""Shared fixtures. See tests/README.md for how the suite is organised."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.paths import shared_data_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = shared_data_dir(required=False)
    if data is None:
        pytest.skip("../shared/data is not present beside the repository")
    return data


@pytest.fixture(scope="session")
def seeds_dir(shared_data: Path) -> Path:
    seeds = shared_data.parent / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


@pytest.fixture(scope="session")
def segmenter():
    from crosscheck.segment import SentenceSegmenter

    seg = SentenceSegmenter()
    seg.warm_up()
    return seg


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture
def update_golden(request) -> bool:
    return bool(request.config.getoption("--update-golden"))


def run_cli(*args: str, check_exit: int | None = 0, timeout: float = 600):
    """Run the real CLI in a subprocess, as a user would."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "crosscheck", *args], capture_output=True, text=True, timeout=timeout)
    if check_exit is not None:
        assert proc.returncode == check_exit, f"exit {proc.returncode}\nstdout:{proc.stdout[-3000:]}\nstderr:{proc.stderr[-3000:]}"
    return proc


# -- PostgreSQL: a throwaway cluster or CROSSCHECK_TEST_PG (see tests/pgcluster.py) ----------------
@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server the tests may create databases on (skips, or fails under CI=true)."""
    import os

    from tests.pgcluster import ENV_URL, Databases, ThrowawayCluster, server_bin, unavailable

    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install -r requirements.txt)")
    url = os.environ.get(ENV_URL)
    if url:
        yield Databases(url)
        return
    bindir = server_bin()
    if bindir is None:
        unavailable(f"no PostgreSQL server binaries (install Debian's postgresql) and {ENV_URL} is unset")
    cluster = ThrowawayCluster(bindir)
    try:
        url = cluster.start()
    except (RuntimeError, KeyError, OSError) as exc:
        cluster.stop()
        unavailable(f"cannot start a throwaway PostgreSQL cluster: {exc}")
    try:
        yield Databases(url)
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database for one test, dropped after it."""
    url = pg_server.create()
    yield url
    pg_server.drop(url)
