"""Independence groups: articles that count as one source when corroboration is counted.

Two articles fall in one group when one copies or rewrites the other (a ``ReuseLink``), when both
credit the same upstream source ("(AP)" in one dateline, "The Associated Press contributed to
this report" in the other), or when one credits the outlet the other is from. Groups are the
connected components of those merges; each keeps the reasons in words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from crosscheck.reuse.credits import OUTLET_ALIASES, outlet_name, upstream_credits
from crosscheck.reuse.records import Credit, IndependenceGroup, ReuseDoc, ReuseLink

__all__ = ["independence_groups"]


class _Components:
    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _source_outlet(source: str) -> str:
    host = source.casefold().removeprefix("www.")
    return OUTLET_ALIASES.get(host, outlet_name(source))


def _credit_reason(doc: ReuseDoc, credit: Credit) -> str:
    return f'{doc.article_id} credits {credit.name} ("{credit.raw}", {credit.kind}, chars {credit.start}-{credit.end})'


def independence_groups(docs: Sequence[ReuseDoc], links: Iterable[ReuseLink]) -> list[IndependenceGroup]:
    """Every article in exactly one group, groups in the order of their first article in ``docs``."""
    ids = [d.article_id for d in docs]
    components = _Components(ids)
    reasons: list[tuple[str, str, str]] = []  # (article, article, why)
    for link in links:
        if link.source_article in components.parent and link.derived_article in components.parent:
            components.union(link.source_article, link.derived_article)
            reasons.append((link.source_article, link.derived_article,
                            f"{link.derived_article} is a {link.strength} copy of {link.source_article} "
                            f"({len(link.passages)} aligned sentences, score {link.score:.2f})"))
    crediting: dict[str, list[tuple[ReuseDoc, Credit]]] = defaultdict(list)
    for doc in docs:
        for credit in upstream_credits(doc):
            crediting[credit.name].append((doc, credit))
    outlets = {d.article_id: _source_outlet(d.source) for d in docs}
    for name, holders in crediting.items():
        first_doc, first_credit = holders[0]
        for doc, credit in holders[1:]:
            if doc.article_id != first_doc.article_id:
                components.union(first_doc.article_id, doc.article_id)
                reasons.append((first_doc.article_id, doc.article_id, f"both credit {name}: "
                                f"{_credit_reason(first_doc, first_credit)}; {_credit_reason(doc, credit)}"))
        for other in docs:
            if outlets[other.article_id] == name and other.article_id != first_doc.article_id:
                components.union(first_doc.article_id, other.article_id)
                reasons.append((first_doc.article_id, other.article_id,
                                f"{_credit_reason(first_doc, first_credit)}, the outlet of {other.article_id}"))
    members: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        members[components.find(i)].append(i)
    groups = []
    for root, group_ids in members.items():
        why = tuple(r for a, b, r in reasons if components.find(a) == root)
        groups.append(IndependenceGroup(tuple(dict.fromkeys(group_ids)), why))
    return groups
