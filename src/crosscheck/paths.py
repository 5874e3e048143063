"""Where the shared benchmark data lives.

Benchmarks and data-backed tests read ``../shared/data`` (beside the repository) or the folder
named by ``CROSSCHECK_DATA``. Nothing from there is ever copied into the repository.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from crosscheck.errors import UsageError

__all__ = [
    "shared_data_dir", "repo_root", "file_sha256", "cache_dir", "shipped_models_dir", "user_models_dir",
    "model_dir", "new_model_name",
]


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def shared_data_dir(required: bool = True) -> Path | None:
    env = os.environ.get("CROSSCHECK_DATA")
    candidates = [Path(env)] if env else []
    candidates += [Path.cwd() / "../shared/data", repo_root() / "../shared/data", Path.cwd() / "shared/data"]
    for c in candidates:
        if (c / "README.md").is_file() or (c / "fnc1").is_dir():
            return c.resolve()
    if required:
        raise UsageError(
            "benchmark data not found: looked for ../shared/data beside the repository; "
            "set CROSSCHECK_DATA=/path/to/shared/data"
        )
    return None


def shipped_models_dir() -> Path:
    """The models shipped inside the package (read-only in an installed package)."""
    return Path(__file__).resolve().parent / "models"


def user_models_dir() -> Path:
    """Where ``crosscheck train`` writes: ``$CROSSCHECK_HOME/models``, else
    ``$XDG_DATA_HOME/crosscheck/models``, else ``~/.local/share/crosscheck/models``."""
    home = os.environ.get("CROSSCHECK_HOME")
    if home:
        return Path(home) / "models"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "crosscheck" / "models"


def model_dir(name: str) -> Path:
    """The folder of model ``name``, the one place that works it out: a shipped model is always the
    package's own folder (a versioned name keeps meaning the shipped weights); any other name is
    a model trained into ``user_models_dir()``. A path (absolute, or with a separator) is taken as is."""
    if os.sep in name or (os.altsep and os.altsep in name):
        return Path(name)
    shipped = shipped_models_dir() / name
    if shipped.is_dir():
        return shipped
    return user_models_dir() / name


def new_model_name(name: str) -> str:
    """A version name for a newly trained ``name`` that no shipped or trained model uses:
    ``checkworthy-2``, ``checkworthy-3``, ..."""
    n = 2
    while (shipped_models_dir() / f"{name}-{n}").exists() or (user_models_dir() / f"{name}-{n}").exists():
        n += 1
    return f"{name}-{n}"


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in 1 MiB blocks (data files and model weights are recorded by it)."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cache_dir(name: str) -> Path:
    """A folder for derived, deletable data (embeddings of training and benchmark texts):
    ``$CROSSCHECK_CACHE/NAME``, else ``$XDG_CACHE_HOME/crosscheck/NAME``, else ``~/.cache/crosscheck/NAME``.
    Created on demand; deleting it costs re-computation only. It holds vectors, and one store built from
    the shared benchmark data (``bench-desk``), never anything of a user's."""
    root = os.environ.get("CROSSCHECK_CACHE")
    base = Path(root) if root else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crosscheck"
    folder = base / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
