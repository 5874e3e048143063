"""The claims table's columns and how a row becomes a ``Claim``: the same on every backend."""

from __future__ import annotations

import json
from typing import Any

from crosscheck.model import Claim

__all__ = ["ClaimRows"]


class ClaimRows:
    __slots__ = ()

    _CLAIM_COLUMNS = ('id, article_id, start, "end", checkworthiness, label, certainty, fields, status, '
                      "independent_sources, status_detail")

    @staticmethod
    def _claim(row: tuple[Any, ...]) -> Claim:
        cid, aid, s, e, cw, label, certainty, fields, status, n, detail = row
        return Claim(cid, aid, s, e, cw, label, certainty, json.loads(fields), status, n,
                     json.loads(detail) if detail else None)
