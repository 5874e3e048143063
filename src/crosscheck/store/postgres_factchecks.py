"""PostgreSQL statements for published fact-checks and the claims they match: a mixin of
``PostgresStore``, the counterpart of sqlite_factchecks.py (same methods, same results).

``seq`` is the cursor of ``factchecks_since``: it is drawn from a sequence under a transaction-level
advisory lock, so numbers commit in the order they are drawn and a reader past N never misses a
fact-check below N that another import commits late.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from crosscheck.model import FactCheck, FactCheckMatch

__all__ = ["PgFactChecksMixin"]

_FACTCHECK_SEQ_LOCK = 0x63632D6663686B73  # "cc-fchks"
_COLUMNS = ("id, doc_key, version, claim, rating, publisher, published, url, supersedes, rating_value, "
            "best_rating, worst_rating, claim_author, claim_date, appearance, title, language, origin, imported_at")


def _keys(keys: Iterable[Any]) -> list[Any]:
    return sorted(set(keys))


def _storable(fc: FactCheck) -> FactCheck:
    """PostgreSQL's text cannot hold U+0000: each becomes U+FFFD (as for articles)."""
    nul = {f.name: getattr(fc, f.name).replace("\x00", "\ufffd") for f in fields(fc)
           if isinstance(getattr(fc, f.name), str) and "\x00" in getattr(fc, f.name)}
    return replace(fc, **nul) if nul else fc


def _factcheck(row: Sequence[Any]) -> FactCheck:
    return FactCheck(*row)


class PgFactChecksMixin:
    if TYPE_CHECKING:  # provided by PostgresStore
        def _x(self, sql: str, args: Iterable[Any] | None = None) -> Any: ...

        def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None: ...

        def transaction(self) -> AbstractContextManager[None]: ...

    def add_factcheck(self, fc: FactCheck, batch_id: str, vector: bytes | None = None) -> None:
        fc = _storable(fc)
        with self.transaction():
            self._x("SELECT pg_advisory_xact_lock(%s)", (_FACTCHECK_SEQ_LOCK,))
            self._x(
                f"INSERT INTO factchecks ({_COLUMNS}, batch_id, seq, vector) "
                f"VALUES ({', '.join(['%s'] * 20)}, nextval('factchecks_seq'), %s)",
                (fc.id, fc.key, fc.version, fc.claim, fc.rating, fc.publisher, fc.published, fc.url, fc.supersedes,
                 fc.rating_value, fc.best_rating, fc.worst_rating, fc.claim_author, fc.claim_date, fc.appearance,
                 fc.title, fc.language, fc.origin, fc.imported_at, batch_id, vector),
            )

    def has_factcheck(self, factcheck_id: str) -> bool:
        return self._x("SELECT 1 FROM factchecks WHERE id = %s", (factcheck_id,)).fetchone() is not None

    def factcheck_versions(self, key: str) -> list[FactCheck]:
        rows = self._x(f"SELECT {_COLUMNS} FROM factchecks WHERE doc_key = %s ORDER BY version", (key,))
        return [_factcheck(r) for r in rows]

    def get_factchecks(self, factcheck_ids: Iterable[str]) -> list[FactCheck]:
        rows = self._x(f"SELECT {_COLUMNS} FROM factchecks WHERE id = ANY(%s)", (_keys(factcheck_ids),))
        return sorted((_factcheck(r) for r in rows), key=lambda f: (f.key, f.version))

    def current_factchecks(self, keys: Iterable[str]) -> dict[str, FactCheck]:
        out: dict[str, FactCheck] = {}
        for r in self._x(f"SELECT {_COLUMNS} FROM factchecks WHERE doc_key = ANY(%s)", (_keys(keys),)):
            fc = _factcheck(r)
            if fc.key not in out or fc.version > out[fc.key].version:
                out[fc.key] = fc
        return out

    def factcheck_count(self, *, current_only: bool = True) -> int:
        sql = "SELECT COUNT(*) FROM factchecks a"
        if current_only:
            sql += " WHERE NOT EXISTS (SELECT 1 FROM factchecks b WHERE b.supersedes = a.id)"
        return int(self._x(sql).fetchone()[0])

    def factchecks_since(self, seq: int) -> list[tuple[int, FactCheck, bytes | None]]:
        rows = self._x(f"SELECT seq, vector, {_COLUMNS} FROM factchecks WHERE seq > %s ORDER BY seq", (seq,))
        return [(int(r[0]), _factcheck(r[2:]), bytes(r[1]) if r[1] is not None else None) for r in rows]

    def put_factcheck_matches(self, claim_ids: Iterable[str], matches: Sequence[FactCheckMatch]) -> None:
        with self.transaction():
            self._x("DELETE FROM claim_factchecks WHERE claim_id = ANY(%s)", (_keys(claim_ids),))
            self._many(
                "INSERT INTO claim_factchecks (claim_id, factcheck_id, score, reason, later) VALUES (%s, %s, %s, %s, %s)",
                [(m.claim_id, m.factcheck_id, m.score, m.reason.replace("\x00", "\ufffd"), m.later) for m in matches],
            )

    def factcheck_matches(self, claim_ids: Iterable[str]) -> list[FactCheckMatch]:
        rows = self._x("SELECT claim_id, factcheck_id, score, reason, later FROM claim_factchecks "
                       "WHERE claim_id = ANY(%s)", (_keys(claim_ids),))
        found = [FactCheckMatch(c, f, float(s), r, bool(later)) for c, f, s, r, later in rows]
        return sorted(found, key=lambda m: (m.claim_id, -m.score, m.factcheck_id))
