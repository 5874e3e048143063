"""SQLite statements for published fact-checks and the claims they match: a mixin of ``SQLiteStore``.

Fact-checks are versioned like articles: a changed record under the same key is a new row whose
``supersedes`` names the previous one, never an update. ``seq`` orders rows by import, so the
matching index catches up with ``factchecks_since(seq)`` instead of re-reading everything.
Plain SQL only (no SQLite-only upserts beyond ``INSERT OR IGNORE``/``OR REPLACE`` already used by
the other mixins), so the PostgreSQL backend can port it statement by statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from crosscheck.model import FactCheck, FactCheckMatch

__all__ = ["FactChecksMixin"]

_COLUMNS = ("id, doc_key, version, claim, rating, publisher, published, url, supersedes, rating_value, "
            "best_rating, worst_rating, claim_author, claim_date, appearance, title, language, origin, imported_at")


def _factcheck(row: Sequence[Any]) -> FactCheck:
    return FactCheck(*row)


class FactChecksMixin:
    _db: sqlite3.Connection

    if TYPE_CHECKING:  # provided by RecordsMixin
        def _in_chunks(self, sql: str, keys: Iterable[Any], *before: Any) -> Iterator[tuple[Any, ...]]: ...

    def add_factcheck(self, fc: FactCheck, batch_id: str, vector: bytes | None = None) -> None:
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM factchecks").fetchone()[0]
        self._db.execute(
            f"INSERT INTO factchecks ({_COLUMNS}, batch_id, seq, vector) "
            f"VALUES ({', '.join('?' * 22)})",
            (fc.id, fc.key, fc.version, fc.claim, fc.rating, fc.publisher, fc.published, fc.url, fc.supersedes,
             fc.rating_value, fc.best_rating, fc.worst_rating, fc.claim_author, fc.claim_date, fc.appearance,
             fc.title, fc.language, fc.origin, fc.imported_at, batch_id, seq, vector),
        )

    def has_factcheck(self, factcheck_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM factchecks WHERE id = ?", (factcheck_id,)).fetchone() is not None

    def factcheck_versions(self, key: str) -> list[FactCheck]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM factchecks WHERE doc_key = ? ORDER BY version", (key,))
        return [_factcheck(r) for r in rows]

    def get_factchecks(self, factcheck_ids: Iterable[str]) -> list[FactCheck]:
        rows = self._in_chunks(f"SELECT {_COLUMNS} FROM factchecks WHERE id IN ({{}})", factcheck_ids)
        return sorted((_factcheck(r) for r in rows), key=lambda f: (f.key, f.version))

    def current_factchecks(self, keys: Iterable[str]) -> dict[str, FactCheck]:
        """The latest version of each key given (keys with no fact-check are left out)."""
        out: dict[str, FactCheck] = {}
        for r in self._in_chunks(f"SELECT {_COLUMNS} FROM factchecks WHERE doc_key IN ({{}})", keys):
            fc = _factcheck(r)
            if fc.key not in out or fc.version > out[fc.key].version:
                out[fc.key] = fc
        return out

    def factcheck_count(self, *, current_only: bool = True) -> int:
        sql = "SELECT COUNT(*) FROM factchecks a"
        if current_only:
            sql += " WHERE NOT EXISTS (SELECT 1 FROM factchecks b WHERE b.supersedes = a.id)"
        return int(self._db.execute(sql).fetchone()[0])

    def factchecks_since(self, seq: int) -> list[tuple[int, FactCheck, bytes | None]]:
        """Every version imported after ``seq``, oldest first, with its stored vector (float16)."""
        rows = self._db.execute(f"SELECT seq, vector, {_COLUMNS} FROM factchecks WHERE seq > ? ORDER BY seq", (seq,))
        return [(r[0], _factcheck(r[2:]), r[1]) for r in rows]

    def put_factcheck_matches(self, claim_ids: Iterable[str], matches: Sequence[FactCheckMatch]) -> None:
        """Replace the matches of the given claims (a claim with none keeps none)."""
        ids = sorted(set(claim_ids))
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            self._db.execute(f"DELETE FROM claim_factchecks WHERE claim_id IN ({','.join('?' * len(part))})", part)
        self._db.executemany(
            "INSERT INTO claim_factchecks (claim_id, factcheck_id, score, reason, later) VALUES (?, ?, ?, ?, ?)",
            [(m.claim_id, m.factcheck_id, m.score, m.reason, int(m.later)) for m in matches],
        )

    def factcheck_matches(self, claim_ids: Iterable[str]) -> list[FactCheckMatch]:
        """Best first within each claim."""
        rows = self._in_chunks(
            "SELECT claim_id, factcheck_id, score, reason, later FROM claim_factchecks WHERE claim_id IN ({})",
            claim_ids,
        )
        found = [FactCheckMatch(c, f, s, r, bool(later)) for c, f, s, r, later in rows]
        return sorted(found, key=lambda m: (m.claim_id, -m.score, m.factcheck_id))
