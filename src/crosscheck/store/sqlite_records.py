"""SQLite statements for the analysis records (claims, mentions, entities, stories, relations,
reuse links): a mixin of ``SQLiteStore``, kept apart so each file stays readable.

Every method runs inside the caller's transaction; lookups that take many keys go through
``_in_chunks`` so no statement exceeds SQLite's parameter limit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

from crosscheck.model import Claim, ClaimRelation, Entity, EntityMention, EntityName, ReuseLink, Story, StoryMember, StorySummary
from crosscheck.store.rows import ClaimRows

__all__ = ["RecordsMixin"]

_IN_CHUNK = 500  # bound on the parameters of one "IN (...)" query (SQLite's default limit is 32766)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class RecordsMixin(ClaimRows):
    _db: sqlite3.Connection

    def _in_chunks(self, sql: str, keys: Iterable[Any], *before: Any) -> Iterator[tuple[Any, ...]]:
        """``sql`` (with ``{}`` for the placeholders) run over ``keys`` in bounded chunks; ``before``
        are the parameters that come ahead of the keys in every chunk."""
        wanted = sorted(set(keys))
        for i in range(0, len(wanted), _IN_CHUNK):
            part = wanted[i : i + _IN_CHUNK]
            yield from self._db.execute(sql.format(",".join("?" * len(part))), (*before, *part))

    # -- claims ----------------------------------------------------------------------------
    def put_claims(self, article_id: str, claims: Sequence[Claim]) -> None:
        self._db.execute("DELETE FROM claim_relations WHERE claim_a IN (SELECT id FROM claims WHERE article_id = ?) "
                         "OR claim_b IN (SELECT id FROM claims WHERE article_id = ?)", (article_id, article_id))
        self._db.execute("DELETE FROM claim_factchecks WHERE claim_id IN (SELECT id FROM claims WHERE article_id = ?)",
                         (article_id,))
        self._db.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        self._db.executemany(
            'INSERT INTO claims (id, article_id, start, "end", checkworthiness, label, certainty, fields) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(c.id, c.article_id, c.start, c.end, c.checkworthiness, c.label, c.certainty,
              json.dumps(c.fields, sort_keys=True)) for c in claims],
        )

    def claims_for(self, article_ids: Iterable[str]) -> list[Claim]:
        rows = self._in_chunks(f"SELECT {self._CLAIM_COLUMNS} FROM claims WHERE article_id IN ({{}})", article_ids)
        return sorted((self._claim(r) for r in rows), key=lambda c: (c.article_id, c.start))

    def get_claims(self, claim_ids: Iterable[str]) -> list[Claim]:
        return [self._claim(r) for r in self._in_chunks(f"SELECT {self._CLAIM_COLUMNS} FROM claims WHERE id IN ({{}})", claim_ids)]

    def set_claim_status(self, claim_id: str, status: str, independent_sources: int, detail: dict[str, Any]) -> None:
        self._db.execute(
            "UPDATE claims SET status = ?, independent_sources = ?, status_detail = ?, status_at = ? WHERE id = ?",
            (status, independent_sources, json.dumps(detail, sort_keys=True), _now(), claim_id),
        )

    def claim_vectors(self, claim_ids: Iterable[str]) -> dict[str, bytes]:
        rows = self._in_chunks("SELECT id, vector FROM claims WHERE vector IS NOT NULL AND id IN ({})", claim_ids)
        return {cid: v for cid, v in rows}

    def set_claim_vectors(self, vectors: dict[str, bytes]) -> None:
        self._db.executemany("UPDATE claims SET vector = ? WHERE id = ?", [(v, cid) for cid, v in vectors.items()])

    def current_claim_vectors(self, labels: Iterable[str]) -> list[tuple[str, str, bytes | None]]:
        wanted = sorted(set(labels))
        if not wanted:
            return []
        rows = self._db.execute(
            "SELECT c.id, c.article_id, c.vector FROM claims c WHERE c.label IN "
            f"({','.join('?' * len(wanted))}) AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.supersedes = c.article_id) "
            "ORDER BY c.id", wanted)
        return [(cid, aid, v) for cid, aid, v in rows]

    # -- entity mentions and entities --------------------------------------------------------
    def put_mentions(self, article_id: str, mentions: Sequence[EntityMention]) -> None:
        self._db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
        self._db.executemany(
            "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.article_id, m.start, m.end, m.text, m.label, int(m.doubtful), *m.link_key)
             for m in mentions],
        )

    def mentions_for(self, article_ids: Iterable[str]) -> list[EntityMention]:
        rows = self._in_chunks(
            'SELECT article_id, start, "end", text, label, doubtful, name_key FROM mentions WHERE article_id IN ({})',
            article_ids,
        )
        out = [EntityMention(a, s, e, t, lab, bool(d), k) for a, s, e, t, lab, d, k in rows]
        return sorted(out, key=lambda m: (m.article_id, m.start))

    def entity_name_candidates(self, keys: Iterable[str]) -> list[EntityName]:
        rows = self._in_chunks(
            "SELECT DISTINCT n.name_key, n.kind, n.spelling, n.entity_id, n.reason FROM entity_name_index i "
            "JOIN entity_names n ON n.name_key = i.name_key AND n.kind = i.kind WHERE i.key IN ({})",
            keys,
        )
        return [EntityName(*r) for r in rows]

    def add_entity(self, entity_id: str, name: str, kind: str) -> None:
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM entities").fetchone()[0]
        self._db.execute("INSERT INTO entities VALUES (?, ?, ?, ?, NULL)", (entity_id, name, kind, seq))

    def add_entity_name(self, name: EntityName, index_keys: Iterable[str]) -> None:
        self._db.execute("INSERT INTO entity_names VALUES (?, ?, ?, ?, ?)",
                         (name.name_key, name.kind, name.spelling, name.entity_id, name.reason))
        self._db.executemany("INSERT OR IGNORE INTO entity_name_index VALUES (?, ?, ?)",
                             [(k, name.name_key, name.kind) for k in set(index_keys)])

    def merge_entity(self, entity_id: str, into: str) -> None:
        """``entity_id``'s names now belong to ``into``; the old id redirects, so nothing that
        recorded it breaks."""
        self._db.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (into, entity_id))
        self._db.execute("UPDATE entities SET merged_into = ? WHERE merged_into = ?", (into, entity_id))
        self._db.execute("UPDATE entity_names SET entity_id = ? WHERE entity_id = ?", (into, entity_id))

    def entity_seq(self, entity_ids: Iterable[str]) -> dict[str, int]:
        return dict(self._in_chunks("SELECT id, seq FROM entities WHERE id IN ({})", entity_ids))  # type: ignore[arg-type]

    def resolve_names(self, name_keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """(name_key, kind) -> the entity id it belongs to now."""
        wanted = set(name_keys)
        out: dict[tuple[str, str], str] = {}
        for key, kind, eid in self._in_chunks(
            "SELECT name_key, kind, entity_id FROM entity_names WHERE name_key IN ({})", {k for k, _ in wanted}
        ):
            if (key, kind) in wanted:
                out[(key, kind)] = eid
        return out

    def get_entities(self, entity_ids: Iterable[str]) -> list[Entity]:
        ids = set(entity_ids)
        names: dict[str, list[EntityName]] = {}
        for row in self._in_chunks(
            "SELECT name_key, kind, spelling, entity_id, reason FROM entity_names WHERE entity_id IN ({})", ids
        ):
            names.setdefault(row[3], []).append(EntityName(*row))
        out = []
        for eid, name, kind in self._in_chunks("SELECT id, name, kind FROM entities WHERE id IN ({})", ids):
            ordered = tuple(sorted(names.get(eid, []), key=lambda n: (n.reason is not None, n.name_key, n.kind)))
            out.append(Entity(eid, name, kind, ordered))
        return sorted(out, key=lambda e: e.id)

    def rename_entity(self, entity_id: str, name: str) -> None:
        self._db.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity_id))

    # -- stories ---------------------------------------------------------------------------
    def add_story(self, story: Story) -> None:
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM stories").fetchone()[0]
        self._db.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?)",
                         (story.id, story.title, story.first_seen, story.last_seen, seq))

    def update_story_dates(self, story_id: str, first_seen: str | None, last_seen: str | None) -> None:
        self._db.execute("UPDATE stories SET first_seen = ?, last_seen = ? WHERE id = ?", (first_seen, last_seen, story_id))

    def add_story_member(self, member: StoryMember) -> None:
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM story_members").fetchone()[0]
        self._db.execute("INSERT OR REPLACE INTO story_members VALUES (?, ?, ?, ?, ?, ?)",
                         (member.article_id, member.story_id, member.score, member.reason, member.nearest_article, seq))

    def story_members(self, article_ids: Iterable[str]) -> dict[str, StoryMember]:
        rows = self._in_chunks(
            "SELECT article_id, story_id, score, reason, nearest_article FROM story_members WHERE article_id IN ({})",
            article_ids,
        )
        return {r[0]: StoryMember(*r) for r in rows}

    def get_stories(self, story_ids: Iterable[str]) -> list[Story]:
        ids = set(story_ids)
        members: dict[str, list[str]] = {}
        for sid, aid in self._in_chunks("SELECT story_id, article_id FROM story_members WHERE story_id IN ({}) ORDER BY seq", ids):
            members.setdefault(sid, []).append(aid)
        rows = self._in_chunks("SELECT id, title, first_seen, last_seen, seq FROM stories WHERE id IN ({})", ids)
        ordered = sorted(rows, key=lambda r: r[4])
        return [Story(r[0], r[1], tuple(members.get(r[0], ())), r[2], r[3]) for r in ordered]

    def list_stories(self, *, limit: int = 50, offset: int = 0) -> tuple[list[StorySummary], int]:
        total = self._db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        page = [r[0] for r in self._db.execute(
            "SELECT id FROM stories ORDER BY COALESCE(last_seen, '') DESC, seq DESC LIMIT ? OFFSET ?",
            (max(0, limit), max(0, offset)))]
        stories = {s.id: s for s in self.get_stories(page)}
        counts: dict[str, tuple[int, int, int, int, int]] = {}
        current = "NOT EXISTS (SELECT 1 FROM articles b WHERE b.supersedes = a.id)"
        for sid, n_art, n_src in self._in_chunks(
            "SELECT m.story_id, COUNT(*), COUNT(DISTINCT a.source) FROM story_members m "
            f"JOIN articles a ON a.id = m.article_id WHERE {current} AND m.story_id IN ({{}}) GROUP BY m.story_id", page,
        ):
            counts[sid] = (n_art, n_src, 0, 0, 0)
        # CROSS JOIN fixes the join order (SQLite keeps it): from the page's few stories to their
        # claims, never from all check-worthy claims of the store to their stories
        for sid, worthy, conflicting, reviewed in self._in_chunks(
            "SELECT m.story_id, COUNT(*), SUM(c.status = 'conflicting'), SUM(r.verdict IS NOT NULL) FROM story_members m "
            "CROSS JOIN articles a ON a.id = m.article_id CROSS JOIN claims c ON c.article_id = a.id "
            "LEFT JOIN reviews r ON r.claim_id = c.id "
            f"WHERE c.label = 'check-worthy' AND {current} AND m.story_id IN ({{}}) GROUP BY m.story_id", page,
        ):
            n_art, n_src = counts.get(sid, (0, 0, 0, 0, 0))[:2]
            counts[sid] = (n_art, n_src, worthy, conflicting or 0, reviewed or 0)
        return [StorySummary(stories[sid], *counts.get(sid, (0, 0, 0, 0, 0))) for sid in page if sid in stories], total

    def story_index_add(self, article_id: str, story_id: str, keys: Sequence[str], vector: bytes | None,
                        features: dict[str, Any]) -> None:
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM story_features").fetchone()[0]
        self._db.execute("INSERT OR REPLACE INTO story_features VALUES (?, ?, ?, ?, ?)",
                         (article_id, story_id, json.dumps(features, sort_keys=True), vector, seq))
        self._db.executemany("INSERT OR IGNORE INTO story_keys VALUES (?, ?)", [(k, article_id) for k in set(keys)])

    def story_key_counts(self, keys: Iterable[str]) -> dict[str, int]:
        return dict(self._in_chunks("SELECT key, COUNT(*) FROM story_keys WHERE key IN ({}) GROUP BY key", keys))  # type: ignore[arg-type]

    def story_articles_with_keys(self, keys: Iterable[str]) -> set[str]:
        return {r[0] for r in self._in_chunks("SELECT DISTINCT article_id FROM story_keys WHERE key IN ({})", keys)}

    def story_features(self, article_ids: Iterable[str]) -> dict[str, tuple[str, dict[str, Any], bytes | None]]:
        rows = self._in_chunks("SELECT article_id, story_id, features, vector FROM story_features WHERE article_id IN ({})",
                               article_ids)
        return {a: (s, json.loads(f), v) for a, s, f, v in rows}

    def story_vectors_since(self, seq: int) -> list[tuple[int, str, bytes]]:
        """(seq, article_id, vector) of every indexed article after ``seq``, in order."""
        rows = self._db.execute(
            "SELECT seq, article_id, vector FROM story_features WHERE seq > ? AND vector IS NOT NULL ORDER BY seq", (seq,)
        )
        return [(int(q), a, v) for q, a, v in rows]

    def story_doc_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM story_features").fetchone()[0])

    # -- claim relations and reuse ----------------------------------------------------------
    def put_relations(self, relations: Sequence[ClaimRelation]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO claim_relations VALUES (?, ?, ?, ?, ?)",
            [(r.claim_a, r.claim_b, r.type, r.reason, json.dumps(list(r.evidence), sort_keys=True)) for r in relations],
        )

    def relations_for(self, claim_ids: Iterable[str]) -> list[ClaimRelation]:
        ids = set(claim_ids)
        seen: dict[tuple[str, str], ClaimRelation] = {}
        for col in ("claim_a", "claim_b"):
            for a, b, t, r, ev in self._in_chunks(
                f"SELECT claim_a, claim_b, type, reason, evidence FROM claim_relations WHERE {col} IN ({{}})", ids
            ):
                seen[(a, b)] = ClaimRelation(a, b, t, r, tuple(json.loads(ev)))
        return [seen[k] for k in sorted(seen)]

    def put_reuse_links(self, links: Sequence[ReuseLink]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO reuse_links VALUES (?, ?, ?, ?, ?, ?)",
            [(x.source_article, x.derived_article, x.score, x.direction, x.strength,
              json.dumps(list(x.passages), sort_keys=True)) for x in links],
        )

    def reuse_links_for(self, article_ids: Iterable[str]) -> list[ReuseLink]:
        ids = set(article_ids)
        seen: dict[tuple[str, str], ReuseLink] = {}
        for col in ("source_article", "derived_article"):
            for s, d, sc, di, st, p in self._in_chunks(
                "SELECT source_article, derived_article, score, direction, strength, passages FROM reuse_links "
                f"WHERE {col} IN ({{}})", ids
            ):
                seen[(s, d)] = ReuseLink(s, d, sc, di, st, tuple(json.loads(p)))
        return [seen[k] for k in sorted(seen)]

