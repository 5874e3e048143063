"""PostgreSQL statements for the analysis records (claims, mentions, entities, stories, relations,
reuse links): a mixin of ``PostgresStore``, the counterpart of sqlite_records.py.

Every method runs inside the caller's transaction (or its own, when one write is several
statements). Lookups by many keys pass one array parameter (``= ANY(%s)``), so they need no
chunking; rows come back in the order SQLite's chunked IN-queries give them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from crosscheck.model import Claim, ClaimRelation, Entity, EntityMention, EntityName, ReuseLink, Story, StoryMember
from crosscheck.store.rows import ClaimRows
from crosscheck.store.sqlite_records import _now

__all__ = ["PgRecordsMixin", "_now"]

# advisory lock key serialising the story index's cursor (story_features.seq); see story_index_add
_STORY_SEQ_LOCK = 0x63632D73746F7279  # "cc-story"


def _keys(keys: Iterable[Any]) -> list[Any]:
    return sorted(set(keys))


class PgRecordsMixin(ClaimRows):
    if TYPE_CHECKING:  # provided by PostgresStore
        def _x(self, sql: str, args: Iterable[Any] | None = None) -> Any: ...

        def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None: ...

        def transaction(self) -> AbstractContextManager[None]: ...

    # -- claims ----------------------------------------------------------------------------
    def put_claims(self, article_id: str, claims: Sequence[Claim]) -> None:
        with self.transaction():
            self._x("DELETE FROM claim_relations WHERE claim_a IN (SELECT id FROM claims WHERE article_id = %s) "
                    "OR claim_b IN (SELECT id FROM claims WHERE article_id = %s)", (article_id, article_id))
            self._x("DELETE FROM claim_factchecks WHERE claim_id IN (SELECT id FROM claims WHERE article_id = %s)",
                    (article_id,))
            self._x("DELETE FROM claims WHERE article_id = %s", (article_id,))
            self._many(
                'INSERT INTO claims (id, article_id, start, "end", checkworthiness, label, certainty, fields) '
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [(c.id, c.article_id, c.start, c.end, c.checkworthiness, c.label, c.certainty,
                  json.dumps(c.fields, sort_keys=True)) for c in claims],
            )

    def claims_for(self, article_ids: Iterable[str]) -> list[Claim]:
        rows = self._x(f"SELECT {self._CLAIM_COLUMNS} FROM claims WHERE article_id = ANY(%s)", (_keys(article_ids),))
        return sorted((self._claim(r) for r in rows), key=lambda c: (c.article_id, c.start))

    def get_claims(self, claim_ids: Iterable[str]) -> list[Claim]:
        rows = self._x(f'SELECT {self._CLAIM_COLUMNS} FROM claims WHERE id = ANY(%s) ORDER BY id COLLATE "C"',
                       (_keys(claim_ids),))
        return [self._claim(r) for r in rows]

    def set_claim_status(self, claim_id: str, status: str, independent_sources: int, detail: dict[str, Any]) -> None:
        self._x("UPDATE claims SET status = %s, independent_sources = %s, status_detail = %s, status_at = %s "
                "WHERE id = %s", (status, independent_sources, json.dumps(detail, sort_keys=True), _now(), claim_id))

    def claim_vectors(self, claim_ids: Iterable[str]) -> dict[str, bytes]:
        rows = self._x("SELECT id, vector FROM claims WHERE vector IS NOT NULL AND id = ANY(%s)", (_keys(claim_ids),))
        return {cid: bytes(v) for cid, v in rows}

    def set_claim_vectors(self, vectors: dict[str, bytes]) -> None:
        self._many("UPDATE claims SET vector = %s WHERE id = %s", [(v, cid) for cid, v in vectors.items()])

    def current_claim_vectors(self, labels: Iterable[str]) -> list[tuple[str, str, bytes | None]]:
        rows = self._x(
            "SELECT c.id, c.article_id, c.vector FROM claims c WHERE c.label = ANY(%s) AND NOT EXISTS "
            '(SELECT 1 FROM articles b WHERE b.supersedes = c.article_id) ORDER BY c.id COLLATE "C"',
            (_keys(labels),))
        return [(cid, aid, bytes(v) if v is not None else None) for cid, aid, v in rows]

    # -- entity mentions and entities --------------------------------------------------------
    def put_mentions(self, article_id: str, mentions: Sequence[EntityMention]) -> None:
        with self.transaction():
            self._x("DELETE FROM mentions WHERE article_id = %s", (article_id,))
            self._many("INSERT INTO mentions VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                       [(m.article_id, m.start, m.end, m.text, m.label, m.doubtful, *m.link_key) for m in mentions])

    def mentions_for(self, article_ids: Iterable[str]) -> list[EntityMention]:
        rows = self._x('SELECT article_id, start, "end", text, label, doubtful, name_key FROM mentions '
                       'WHERE article_id = ANY(%s) ORDER BY article_id COLLATE "C", start, "end"', (_keys(article_ids),))
        out = [EntityMention(a, s, e, t, lab, bool(d), k) for a, s, e, t, lab, d, k in rows]
        return sorted(out, key=lambda m: (m.article_id, m.start))

    def entity_name_candidates(self, keys: Iterable[str]) -> list[EntityName]:
        rows = self._x(
            "SELECT DISTINCT n.name_key, n.kind, n.spelling, n.entity_id, n.reason FROM entity_name_index i "
            "JOIN entity_names n ON n.name_key = i.name_key AND n.kind = i.kind WHERE i.key = ANY(%s)", (_keys(keys),))
        return sorted((EntityName(*r) for r in rows), key=lambda n: (n.name_key, n.kind))

    def add_entity(self, entity_id: str, name: str, kind: str) -> None:
        self._x("INSERT INTO entities (id, name, kind) VALUES (%s, %s, %s)", (entity_id, name, kind))

    def add_entity_name(self, name: EntityName, index_keys: Iterable[str]) -> None:
        with self.transaction():
            self._x("INSERT INTO entity_names VALUES (%s, %s, %s, %s, %s)",
                    (name.name_key, name.kind, name.spelling, name.entity_id, name.reason))
            self._many("INSERT INTO entity_name_index VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                       [(k, name.name_key, name.kind) for k in sorted(set(index_keys))])

    def merge_entity(self, entity_id: str, into: str) -> None:
        """``entity_id``'s names now belong to ``into``; the old id redirects, so nothing that
        recorded it breaks."""
        with self.transaction():
            self._x("UPDATE entities SET merged_into = %s WHERE id = %s", (into, entity_id))
            self._x("UPDATE entities SET merged_into = %s WHERE merged_into = %s", (into, entity_id))
            self._x("UPDATE entity_names SET entity_id = %s WHERE entity_id = %s", (into, entity_id))

    def entity_seq(self, entity_ids: Iterable[str]) -> dict[str, int]:
        return {eid: int(q) for eid, q in self._x("SELECT id, seq FROM entities WHERE id = ANY(%s)", (_keys(entity_ids),))}

    def resolve_names(self, name_keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """(name_key, kind) -> the entity id it belongs to now."""
        wanted = set(name_keys)
        out: dict[tuple[str, str], str] = {}
        for key, kind, eid in self._x("SELECT name_key, kind, entity_id FROM entity_names WHERE name_key = ANY(%s)",
                                      (_keys(k for k, _ in wanted),)):
            if (key, kind) in wanted:
                out[(key, kind)] = eid
        return out

    def get_entities(self, entity_ids: Iterable[str]) -> list[Entity]:
        ids = _keys(entity_ids)
        names: dict[str, list[EntityName]] = {}
        for row in self._x("SELECT name_key, kind, spelling, entity_id, reason FROM entity_names WHERE entity_id = ANY(%s)",
                           (ids,)):
            names.setdefault(row[3], []).append(EntityName(*row))
        out = []
        for eid, name, kind in self._x("SELECT id, name, kind FROM entities WHERE id = ANY(%s)", (ids,)):
            ordered = tuple(sorted(names.get(eid, []), key=lambda n: (n.reason is not None, n.name_key, n.kind)))
            out.append(Entity(eid, name, kind, ordered))
        return sorted(out, key=lambda e: e.id)

    def rename_entity(self, entity_id: str, name: str) -> None:
        self._x("UPDATE entities SET name = %s WHERE id = %s", (name, entity_id))

    # -- stories ---------------------------------------------------------------------------
    def add_story(self, story: Story) -> None:
        self._x("INSERT INTO stories (id, title, first_seen, last_seen) VALUES (%s, %s, %s, %s)",
                (story.id, story.title, story.first_seen, story.last_seen))

    def update_story_dates(self, story_id: str, first_seen: str | None, last_seen: str | None) -> None:
        self._x("UPDATE stories SET first_seen = %s, last_seen = %s WHERE id = %s", (first_seen, last_seen, story_id))

    def add_story_member(self, member: StoryMember) -> None:
        self._x(
            "INSERT INTO story_members VALUES (%s, %s, %s, %s, %s, nextval('story_members_seq')) "
            "ON CONFLICT (article_id) DO UPDATE SET story_id = EXCLUDED.story_id, score = EXCLUDED.score, "
            "reason = EXCLUDED.reason, nearest_article = EXCLUDED.nearest_article, seq = EXCLUDED.seq",
            (member.article_id, member.story_id, member.score, member.reason, member.nearest_article),
        )

    def story_members(self, article_ids: Iterable[str]) -> dict[str, StoryMember]:
        rows = self._x("SELECT article_id, story_id, score, reason, nearest_article FROM story_members "
                       "WHERE article_id = ANY(%s)", (_keys(article_ids),))
        return {r[0]: StoryMember(*r) for r in rows}

    def get_stories(self, story_ids: Iterable[str]) -> list[Story]:
        ids = _keys(story_ids)
        members: dict[str, list[str]] = {}
        for sid, aid in self._x("SELECT story_id, article_id FROM story_members WHERE story_id = ANY(%s) ORDER BY seq",
                                (ids,)):
            members.setdefault(sid, []).append(aid)
        rows = self._x("SELECT id, title, first_seen, last_seen FROM stories WHERE id = ANY(%s) ORDER BY seq", (ids,))
        return [Story(r[0], r[1], tuple(members.get(r[0], ())), r[2], r[3]) for r in rows]

    def list_stories(self, *, limit: int = 50, offset: int = 0) -> tuple[list[Any], int]:
        """Stories with counts over their current versions, most recently seen first (the desk's
        story list; the same rows as SQLite's)."""
        import crosscheck.model as model

        summary = getattr(model, "StorySummary")  # the desk's record (crosscheck.model), looked up when asked
        total = int(self._x("SELECT COUNT(*) FROM stories").fetchone()[0])
        page = [r[0] for r in self._x(
            "SELECT id FROM stories ORDER BY COALESCE(last_seen, '') COLLATE \"C\" DESC, seq DESC LIMIT %s OFFSET %s",
            (max(0, limit), max(0, offset)))]
        stories = {s.id: s for s in self.get_stories(page)}
        counts: dict[str, tuple[int, int, int, int, int]] = {}
        current = "NOT EXISTS (SELECT 1 FROM articles b WHERE b.supersedes = a.id)"
        for sid, n_art, n_src in self._x(
            "SELECT m.story_id, COUNT(*), COUNT(DISTINCT a.source) FROM story_members m "
            f"JOIN articles a ON a.id = m.article_id WHERE {current} AND m.story_id = ANY(%s) GROUP BY m.story_id",
            (page,),
        ):
            counts[sid] = (int(n_art), int(n_src), 0, 0, 0)
        for sid, worthy, conflicting, reviewed in self._x(
            "SELECT m.story_id, COUNT(*), COUNT(*) FILTER (WHERE c.status = 'conflicting'), "
            "COUNT(*) FILTER (WHERE r.verdict IS NOT NULL) FROM story_members m "
            "JOIN articles a ON a.id = m.article_id JOIN claims c ON c.article_id = a.id "
            "LEFT JOIN reviews r ON r.claim_id = c.id "
            f"WHERE c.label = 'check-worthy' AND {current} AND m.story_id = ANY(%s) GROUP BY m.story_id", (page,),
        ):
            n_art, n_src = counts.get(sid, (0, 0, 0, 0, 0))[:2]
            counts[sid] = (n_art, n_src, int(worthy), int(conflicting), int(reviewed))
        return [summary(stories[sid], *counts.get(sid, (0, 0, 0, 0, 0))) for sid in page if sid in stories], total

    def story_index_add(self, article_id: str, story_id: str, keys: Sequence[str], vector: bytes | None,
                        features: dict[str, Any]) -> None:
        with self.transaction():
            # seq is the cursor of story_vectors_since: held until commit, this lock makes the
            # numbers commit in the order they are drawn, so a reader past N never misses one below N
            self._x("SELECT pg_advisory_xact_lock(%s)", (_STORY_SEQ_LOCK,))
            self._x(
                "INSERT INTO story_features VALUES (%s, %s, %s, %s, nextval('story_features_seq')) "
                "ON CONFLICT (article_id) DO UPDATE SET story_id = EXCLUDED.story_id, features = EXCLUDED.features, "
                "vector = EXCLUDED.vector, seq = EXCLUDED.seq",
                (article_id, story_id, json.dumps(features, sort_keys=True), vector),
            )
            self._many("INSERT INTO story_keys VALUES (%s, %s) ON CONFLICT DO NOTHING",
                       [(k, article_id) for k in sorted(set(keys))])

    def story_key_counts(self, keys: Iterable[str]) -> dict[str, int]:
        rows = self._x("SELECT key, COUNT(*) FROM story_keys WHERE key = ANY(%s) GROUP BY key", (_keys(keys),))
        return {k: int(n) for k, n in rows}

    def story_articles_with_keys(self, keys: Iterable[str]) -> set[str]:
        return {r[0] for r in self._x("SELECT DISTINCT article_id FROM story_keys WHERE key = ANY(%s)", (_keys(keys),))}

    def story_features(self, article_ids: Iterable[str]) -> dict[str, tuple[str, dict[str, Any], bytes | None]]:
        rows = self._x("SELECT article_id, story_id, features, vector FROM story_features WHERE article_id = ANY(%s)",
                       (_keys(article_ids),))
        return {a: (s, json.loads(f), bytes(v) if v is not None else None) for a, s, f, v in rows}

    def story_vectors_since(self, seq: int) -> list[tuple[int, str, bytes]]:
        """(seq, article_id, vector) of every indexed article after ``seq``, in order."""
        rows = self._x("SELECT seq, article_id, vector FROM story_features WHERE seq > %s AND vector IS NOT NULL "
                       "ORDER BY seq", (seq,))
        return [(int(q), a, bytes(v)) for q, a, v in rows]

    def story_doc_count(self) -> int:
        return int(self._x("SELECT COUNT(*) FROM story_features").fetchone()[0])

    # -- claim relations and reuse ----------------------------------------------------------
    def put_relations(self, relations: Sequence[ClaimRelation]) -> None:
        self._many(
            "INSERT INTO claim_relations VALUES (%s, %s, %s, %s, %s) ON CONFLICT (claim_a, claim_b) DO UPDATE SET "
            "type = EXCLUDED.type, reason = EXCLUDED.reason, evidence = EXCLUDED.evidence",
            [(r.claim_a, r.claim_b, r.type, r.reason, json.dumps(list(r.evidence), sort_keys=True)) for r in relations],
        )

    def relations_for(self, claim_ids: Iterable[str]) -> list[ClaimRelation]:
        ids = _keys(claim_ids)
        seen: dict[tuple[str, str], ClaimRelation] = {}
        for a, b, t, r, ev in self._x("SELECT claim_a, claim_b, type, reason, evidence FROM claim_relations "
                                      "WHERE claim_a = ANY(%s) OR claim_b = ANY(%s)", (ids, ids)):
            seen[(a, b)] = ClaimRelation(a, b, t, r, tuple(json.loads(ev)))
        return [seen[k] for k in sorted(seen)]

    def put_reuse_links(self, links: Sequence[ReuseLink]) -> None:
        self._many(
            "INSERT INTO reuse_links VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (source_article, derived_article) "
            "DO UPDATE SET score = EXCLUDED.score, direction = EXCLUDED.direction, strength = EXCLUDED.strength, "
            "passages = EXCLUDED.passages",
            [(x.source_article, x.derived_article, x.score, x.direction, x.strength,
              json.dumps(list(x.passages), sort_keys=True)) for x in links],
        )

    def reuse_links_for(self, article_ids: Iterable[str]) -> list[ReuseLink]:
        ids = _keys(article_ids)
        seen: dict[tuple[str, str], ReuseLink] = {}
        for s, d, sc, di, st, p in self._x(
            "SELECT source_article, derived_article, score, direction, strength, passages FROM reuse_links "
            "WHERE source_article = ANY(%s) OR derived_article = ANY(%s)", (ids, ids)
        ):
            seen[(s, d)] = ReuseLink(s, d, sc, di, st, tuple(json.loads(p)))
        return [seen[k] for k in sorted(seen)]
