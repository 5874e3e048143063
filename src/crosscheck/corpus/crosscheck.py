"""Cross-checking as a corpus stage: copies, claim links, conflicts and a status for every claim.

For each story that received new articles in this run, and only for those:

1. **Reuse**: each new article is compared with the other articles of its story
   (``reuse.detect_reuse``: aligned passages, strength, direction); links are stored.
2. **Independence**: the story's articles are grouped so that copies, rewrites and reports crediting
   the same upstream source count once (``reuse.independence_groups``).
3. **Claim links**: the new articles' check-worthy claims are related to the check-worthy claims
   of the story's other articles (``relate.link_claims``: embeddings narrow the candidates; entities,
   quantities and times decide): corroborates, conflicts (with the reason), elaborates.
4. **Status**: every claim the new relations touch (the new claims and the claims they relate to) gets
   its status recomputed and stored (``relate.claim_status``): corroborated by N independent sources,
   single-source, conflicting, hedged only, unattributed; nothing else in the corpus is recomputed.

Stories bound the work: a story's articles are its candidates (capped at the ``max_story_articles``
most recent), so a new article costs what its story costs, never what the corpus costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from crosscheck.model import Article, ClaimRelation, ReuseLink
from crosscheck.store import Store

__all__ = ["CrossCheckStage", "MAX_STORY_ARTICLES"]

# Articles of a story compared with a new one. Wire stories can run to hundreds of near-copies;
# the newest 200 hold every outlet's latest version in the corpora we have seen.
MAX_STORY_ARTICLES = 200


class CrossCheckStage:
    name = "crosscheck"
    scope = "corpus"
    requires = frozenset({"stories", "claims", "entities"})
    produces = frozenset({"relations", "reuse", "status"})

    def __init__(self, config: dict[str, Any], embedder: Any = None) -> None:
        from crosscheck.relate.relation import RelateSettings
        from crosscheck.reuse import ReuseSettings

        self.config = config
        self.reuse_settings = ReuseSettings.from_config(config)
        self.relate_settings = RelateSettings.from_config(config)
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}  # claim id -> unit vector, for one run (the store keeps them)

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from crosscheck.embed import get_embedder

            self._embedder = get_embedder(self.config["stories"]["embedder"])
        return self._embedder

    def warm_up(self) -> None:
        pass

    def run(self, articles: Sequence[Article], store: Store) -> None:
        self._vectors = {}
        members = store.story_members(a.id for a in articles)
        by_story: dict[str, list[str]] = {}
        for a in articles:
            if a.id in members:
                by_story.setdefault(members[a.id].story_id, []).append(a.id)
        for story in store.get_stories(by_story):
            everyone = list(story.article_ids)[-MAX_STORY_ARTICLES:]
            new = [a for a in dict.fromkeys(by_story[story.id]) if a in everyone]
            self._story(new, everyone, store)

    def _story(self, new: list[str], everyone: list[str], store: Store) -> None:
        from crosscheck.relate.link import link_claims
        from crosscheck.reuse import ReuseDoc, detect_reuse, independence_groups

        arts = {a.id: a for a in (store.get_article(i) for i in everyone) if a is not None}
        docs = {i: ReuseDoc.from_article(a) for i, a in arts.items()}
        links = []
        later = set(new)  # each pair of new articles is compared once, when the later one comes up
        for n in new:
            later.discard(n)
            for o in everyone:
                if o == n or o in later or n not in docs or o not in docs:
                    continue
                link = detect_reuse(docs[n], docs[o], self.reuse_settings)
                if link is not None:
                    links.append(ReuseLink(link.source_article, link.derived_article, round(link.score, 4),
                                           link.direction, link.strength,
                                           tuple({"source_start": p.source_start, "source_end": p.source_end,
                                                  "derived_start": p.derived_start, "derived_end": p.derived_end,
                                                  "similarity": round(p.similarity, 1)} for p in link.passages)))
        store.put_reuse_links(links)
        groups = independence_groups([docs[i] for i in everyone if i in docs], store.reuse_links_for(everyone))  # type: ignore[arg-type]
        views = self._views(everyone, arts, store)
        fresh = [v for v in views.values() if v.article_id in new]
        if not fresh:
            return
        if len(arts) < 2:  # a story of one article: nothing to relate, nothing to embed
            self._statuses({v.claim_id for v in fresh}, views, groups, store)
            return
        self._embed(list(views.values()), store)
        relations = link_claims(fresh, list(views.values()), self.relate_settings, None, self._vectors)
        pairs: dict[tuple[str, str], Any] = {}
        for r in relations:
            key = tuple(sorted((r.claim_a, r.claim_b)))
            pairs.setdefault(key, r)  # type: ignore[arg-type]
        store.put_relations([ClaimRelation(r.claim_a, r.claim_b, r.type, r.reason, tuple(p.to_json() for p in r.evidence))
                             for r in pairs.values()])
        touched = {v.claim_id for v in fresh} | {c for r in pairs.values() for c in (r.claim_a, r.claim_b)}
        self._statuses(touched, views, groups, store)

    def _views(self, everyone: list[str], arts: dict[str, Article], store: Store) -> dict[str, Any]:  # noqa: C901
        """The story's claims as ``relate.ClaimView``s, with their entity ids."""
        from crosscheck.config import CrossCheckSettings
        from crosscheck.relate.views import ClaimView
        from crosscheck.report.build import claim_json

        only_worthy = CrossCheckSettings.from_config(self.config).claims != "all"
        mentions = store.mentions_for(everyone)
        entity_of = store.resolve_names({m.link_key for m in mentions})
        by_article: dict[str, list[dict[str, Any]]] = {}
        for m in mentions:
            eid = entity_of.get(m.link_key)
            if eid:
                by_article.setdefault(m.article_id, []).append({"start": m.start, "end": m.end, "label": m.label, "entity_id": eid})
        views = {}
        for c in store.claims_for(everyone):
            a = arts.get(c.article_id)
            # the check-worthy claims: embedding every sentence of every story cost 4x the whole claims
            # stage on FNC-1 (bench speed); a core claim scored low is missed, and the report says
            # the claim was not cross-checked rather than guessing
            if a is None or c.label == "not-scored" or (only_worthy and c.label != "check-worthy"):
                continue
            skip = ((a.dateline.start, a.dateline.end),) if a.dateline else ()
            views[c.id] = ClaimView.from_record(claim_json(c, a.text, [], {}), a.text, source=a.source,
                                                published=a.published, mentions=by_article.get(a.id, []), skip=skip)
        return views

    def _embed(self, views: list[Any], store: Store) -> None:
        """Claim vectors: this process's, else the store's, else computed once and stored."""
        todo = [v for v in views if v.claim_id not in self._vectors]
        for cid, blob in store.claim_vectors(v.claim_id for v in todo).items():
            self._vectors[cid] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        todo = [v for v in todo if v.claim_id not in self._vectors]
        if todo:
            mat = self.embedder.encode([v.text for v in todo])
            for v, vec in zip(todo, mat):
                self._vectors[v.claim_id] = vec
            store.set_claim_vectors({v.claim_id: np.asarray(vec, dtype=np.float16).tobytes() for v, vec in zip(todo, mat)})

    @staticmethod
    def _statuses(touched: set[str], views: dict[str, Any], groups: Sequence[Any], store: Store) -> None:
        from crosscheck.relate.relation import ClaimRelation as Rel
        from crosscheck.relate.status import SourceGroup, claim_status
        from crosscheck.relate.views import Passage

        independence = {}
        for k, g in enumerate(groups):
            gid = g.article_ids[0] if g.article_ids else f"g{k}"
            for a in g.article_ids:
                independence[a] = SourceGroup(gid, "; ".join(g.reasons))
        stored = store.relations_for(c for c in touched if c in views)
        rels = [Rel(r.claim_a, r.claim_b, r.type, r.reason, tuple(Passage(**p) for p in r.evidence)) for r in stored]
        for cid in sorted(c for c in touched if c in views):
            st = claim_status(views[cid], [r for r in rels if r.involves(cid)], independence, views)
            store.set_claim_status(cid, st.status, st.independent_sources, st.to_json())
