"""Independence groups: articles that count as one source when corroboration is counted.

Two articles fall in one group when one copies or rewrites the other (a ``ReuseLink``), when both
credit the same upstream source ("(AP)" in one dateline, "The Associated Press contributed to
this report" in the other), or when one credits the outlet the other is from. Groups are the
connected components of those merges; each keeps the reasons in words and the evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from crosscheck.reuse.credits import OUTLET_ALIASES, outlet_name, upstream_credits
from crosscheck.reuse.records import Credit, IndependenceGroup, ReuseDoc, ReuseLink

__all__ = ["independence_groups"]


@dataclass(slots=True)
class _Merges:
    """Union-find over article ids, with what joined them."""

    parent: dict[str, str]
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (an article of the merge, why)
    links: list[ReuseLink] = field(default_factory=list)
    credits: list[tuple[str, Credit]] = field(default_factory=list)

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: str, b: str, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
        self.reasons.append((a, why))


def _source_outlet(source: str) -> str:
    host = source.casefold().removeprefix("www.")
    return OUTLET_ALIASES.get(host, outlet_name(source))


def _said(doc: ReuseDoc, credit: Credit) -> str:
    return f'{doc.article_id} credits {credit.name} ("{credit.raw}", {credit.kind}, chars {credit.start}-{credit.end})'


def _join_links(merges: _Merges, links: Iterable[ReuseLink]) -> None:
    for link in links:
        if link.source_article in merges.parent and link.derived_article in merges.parent:
            merges.links.append(link)
            merges.join(link.source_article, link.derived_article,
                        f"{link.derived_article} is a {link.strength} copy of {link.source_article} "
                        f"({len(link.passages)} aligned sentences, score {link.score:.2f})")


def _join_credits(merges: _Merges, docs: Sequence[ReuseDoc]) -> None:
    crediting: dict[str, list[tuple[ReuseDoc, Credit]]] = defaultdict(list)
    for doc in docs:
        for credit in upstream_credits(doc):
            crediting[credit.name].append((doc, credit))
            merges.credits.append((doc.article_id, credit))
    outlets = {d.article_id: _source_outlet(d.source) for d in docs}
    for name, holders in crediting.items():
        first, first_credit = holders[0]
        for doc, credit in holders[1:]:
            if doc.article_id != first.article_id:
                merges.join(first.article_id, doc.article_id,
                            f"both credit {name}: {_said(first, first_credit)}; {_said(doc, credit)}")
        for other in docs:
            if outlets[other.article_id] == name and other.article_id != first.article_id:
                merges.join(first.article_id, other.article_id,
                            f"{_said(first, first_credit)}, the outlet of {other.article_id}")


def independence_groups(docs: Sequence[ReuseDoc], links: Iterable[ReuseLink]) -> list[IndependenceGroup]:
    """Every article in exactly one group, groups in the order of their first article in ``docs``."""
    merges = _Merges({d.article_id: d.article_id for d in docs})
    _join_links(merges, links)
    _join_credits(merges, docs)
    members: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        members[merges.find(doc.article_id)].append(doc.article_id)
    groups = []
    for root, ids in members.items():
        groups.append(IndependenceGroup(
            article_ids=tuple(dict.fromkeys(ids)),
            reasons=tuple(why for a, why in merges.reasons if merges.find(a) == root),
            links=tuple(k for k in merges.links if merges.find(k.source_article) == root),
            credits=tuple((a, c) for a, c in merges.credits if merges.find(a) == root and len(ids) > 1),
        ))
    return groups
