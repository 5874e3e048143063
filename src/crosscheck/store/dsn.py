"""Telling a PostgreSQL connection URL from a SQLite file path, and showing a URL without its password."""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["POSTGRES_SCHEMES", "ENV_DB", "is_postgres_url", "mask_dsn"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
ENV_DB = "CROSSCHECK_DB"  # the store used when no --db is given (see the README, "PostgreSQL for a team")

# the password of "scheme://user:password@host" and of a "password=..." query or keyword parameter
# (greedy up to the last "@" before the query: a password with a raw "@" or "/" is still hidden whole)
_URL_PASSWORD = re.compile(r"^(?P<head>[a-z]+://[^:/@?#]*):[^?#]*@", re.IGNORECASE)
_PARAM_PASSWORD = re.compile(r"(?P<head>(?:^|[?&\s])password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|[^&\s]*)", re.IGNORECASE)


def is_postgres_url(target: Path | str | os.PathLike[str]) -> bool:
    """True for a string such as ``postgresql://user@host/db``; a ``Path`` is always a file."""
    return isinstance(target, str) and target.lower().startswith(POSTGRES_SCHEMES)


def mask_dsn(dsn: str) -> str:
    """``dsn`` with any password replaced by ``***``, fit for an error message or a log line."""
    masked = _URL_PASSWORD.sub(r"\g<head>:***@", dsn)
    return _PARAM_PASSWORD.sub(r"\g<head>***", masked)
