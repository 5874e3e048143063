"""The PostgreSQL schema: the same named migrations as ``sqlite.MIGRATIONS``, in PostgreSQL's SQL.

Append only, like SQLite's list: a shipped migration is never edited, a change is a new one under
the same name in both lists (tests/store/test_postgres.py checks the names match).

Types: BIGINT identities where SQLite computes MAX(seq)+1 (two writers never draw the same
number), DOUBLE PRECISION for SQLite's 8-byte REAL, BOOLEAN for flags, BYTEA for vectors.
Timestamps and JSON documents stay TEXT on purpose: the model holds ISO-8601 strings and the
stored documents are read back byte for byte as SQLite returns them (json/jsonb would reorder keys
and refuse the NaN that Python's json writes), so both backends give identical records.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE batches (
            id TEXT PRIMARY KEY, command TEXT NOT NULL, config_hash TEXT NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT, summary TEXT
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, version INTEGER NOT NULL,
            supersedes TEXT REFERENCES articles(id), source TEXT NOT NULL, format TEXT NOT NULL,
            url TEXT, path TEXT, title TEXT, published TEXT, author TEXT, language TEXT,
            dateline TEXT, text TEXT NOT NULL, text_sha256 TEXT NOT NULL,
            ingested_at TEXT NOT NULL, batch_id TEXT NOT NULL REFERENCES batches(id),
            seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
            UNIQUE (doc_key, version)
        );
        CREATE INDEX articles_source ON articles(source);
        CREATE TABLE boilerplate (
            article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, reason TEXT NOT NULL, learned BOOLEAN NOT NULL DEFAULT FALSE
        );
        CREATE INDEX boilerplate_article ON boilerplate(article_id);
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, boilerplate BOOLEAN NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE problems (
            batch_id TEXT NOT NULL REFERENCES batches(id), place TEXT NOT NULL,
            reason TEXT NOT NULL, code TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_stage_outputs",
        """
        CREATE TABLE stage_outputs (
            stage TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
            payload TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (stage, article_id)
        );
        """,
    ),
    (
        "0003_line_index",
        """
        CREATE TABLE line_keys (
            source TEXT NOT NULL, line_key TEXT NOT NULL, doc_key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (source, line_key, article_id)
        );
        CREATE INDEX line_keys_article ON line_keys(article_id);
        CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        "0004_corpus_records",
        """
        CREATE TABLE claims (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, checkworthiness DOUBLE PRECISION NOT NULL,
            label TEXT NOT NULL, certainty TEXT NOT NULL, fields TEXT NOT NULL,
            status TEXT, independent_sources INTEGER, status_detail TEXT, status_at TEXT, vector BYTEA
        );
        CREATE INDEX claims_article ON claims(article_id, start);
        CREATE INDEX claims_queue ON claims(label, checkworthiness);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT NOT NULL, doubtful BOOLEAN NOT NULL, name_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (article_id, start, "end")
        );
        CREATE INDEX mentions_name ON mentions(name_key, kind);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
            seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
            merged_into TEXT REFERENCES entities(id)
        );
        CREATE INDEX entities_merged_into ON entities(merged_into);
        CREATE TABLE entity_names (
            name_key TEXT NOT NULL, kind TEXT NOT NULL, spelling TEXT NOT NULL,
            entity_id TEXT NOT NULL REFERENCES entities(id), reason TEXT,
            PRIMARY KEY (name_key, kind)
        );
        CREATE INDEX entity_names_entity ON entity_names(entity_id);
        CREATE TABLE entity_name_index (
            key TEXT NOT NULL, name_key TEXT NOT NULL, kind TEXT NOT NULL,
            PRIMARY KEY (key, name_key, kind)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT,
            seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
        );
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL REFERENCES stories(id),
            score DOUBLE PRECISION NOT NULL, reason TEXT NOT NULL, nearest_article TEXT, seq BIGINT NOT NULL
        );
        CREATE SEQUENCE story_members_seq;
        CREATE INDEX story_members_story ON story_members(story_id, seq);
        CREATE TABLE story_keys (
            key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (key, article_id)
        );
        -- seq is a cursor (story_vectors_since): drawn under a lock held until commit, see
        -- postgres_records.story_index_add
        CREATE TABLE story_features (
            article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL,
            features TEXT NOT NULL, vector BYTEA, seq BIGINT NOT NULL UNIQUE
        );
        CREATE SEQUENCE story_features_seq;
        CREATE TABLE claim_relations (
            claim_a TEXT NOT NULL REFERENCES claims(id), claim_b TEXT NOT NULL REFERENCES claims(id),
            type TEXT NOT NULL, reason TEXT NOT NULL, evidence TEXT NOT NULL,
            PRIMARY KEY (claim_a, claim_b)
        );
        CREATE INDEX claim_relations_b ON claim_relations(claim_b);
        CREATE TABLE reuse_links (
            source_article TEXT NOT NULL REFERENCES articles(id), derived_article TEXT NOT NULL REFERENCES articles(id),
            score DOUBLE PRECISION NOT NULL, direction TEXT NOT NULL, strength TEXT NOT NULL, passages TEXT NOT NULL,
            PRIMARY KEY (source_article, derived_article)
        );
        CREATE INDEX reuse_links_derived ON reuse_links(derived_article);
        """,
    ),
    (
        "0005_desk",
        """
        -- the review queue's indexes: "is this version current?" (no row supersedes it), a document's
        -- versions, and check-worthy claims most check-worthy first in the queue's own order
        CREATE INDEX articles_supersedes ON articles(supersedes);
        CREATE INDEX articles_doc_key ON articles(doc_key, version);
        CREATE INDEX claims_worthy ON claims(label, checkworthiness DESC, id COLLATE "C");
        CREATE TABLE users (
            name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL, active BOOLEAN NOT NULL
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL REFERENCES users(name),
            csrf TEXT NOT NULL, expires_at TEXT NOT NULL, created_at TEXT NOT NULL
        );
        CREATE INDEX sessions_user ON sessions(user_name);
        CREATE TABLE reviews (
            claim_id TEXT PRIMARY KEY, verdict TEXT, note TEXT NOT NULL, sources TEXT NOT NULL,
            reviewer TEXT, assignee TEXT, approved_by TEXT, approved_at TEXT, locked BOOLEAN NOT NULL,
            version INTEGER NOT NULL, updated_at TEXT, updated_by TEXT
        );
        CREATE INDEX reviews_assignee ON reviews(assignee);
        CREATE INDEX reviews_verdict ON reviews(verdict);
        -- seq is a cursor (audit_log): drawn under a lock held until commit, see postgres_desk.py
        CREATE TABLE audit (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT NOT NULL,
            before TEXT, after TEXT
        );
        CREATE INDEX audit_object ON audit(object_type, object_id, seq);
        CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$;
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            FOR EACH ROW EXECUTE FUNCTION audit_append_only();
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            FOR EACH ROW EXECUTE FUNCTION audit_append_only();
        -- TRUNCATE fires no row trigger: refused by a statement trigger of its own
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
            FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
        CREATE TABLE correction_notes (
            id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
            change_id TEXT NOT NULL, note TEXT NOT NULL, published BOOLEAN NOT NULL,
            author TEXT NOT NULL, at TEXT NOT NULL
        );
        CREATE INDEX correction_notes_doc ON correction_notes(doc_key);
        """,
    ),
    (
        "0006_factchecks",
        """
        CREATE SEQUENCE factchecks_seq;
        CREATE TABLE factchecks (
            id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, version INTEGER NOT NULL,
            supersedes TEXT REFERENCES factchecks(id), claim TEXT NOT NULL, rating TEXT,
            rating_value DOUBLE PRECISION, best_rating DOUBLE PRECISION, worst_rating DOUBLE PRECISION,
            publisher TEXT, published TEXT, url TEXT, claim_author TEXT, claim_date TEXT, appearance TEXT,
            title TEXT, language TEXT, origin TEXT NOT NULL, imported_at TEXT NOT NULL,
            batch_id TEXT NOT NULL REFERENCES batches(id), seq BIGINT NOT NULL, vector BYTEA,
            UNIQUE (doc_key, version)
        );
        CREATE INDEX factchecks_seq_idx ON factchecks(seq);
        CREATE INDEX factchecks_supersedes ON factchecks(supersedes);
        CREATE TABLE claim_factchecks (
            claim_id TEXT NOT NULL REFERENCES claims(id), factcheck_id TEXT NOT NULL REFERENCES factchecks(id),
            score DOUBLE PRECISION NOT NULL, reason TEXT NOT NULL, later BOOLEAN NOT NULL,
            PRIMARY KEY (claim_id, factcheck_id)
        );
        """,
    ),
    (
        "0007_factcheck_match_index",
        """
        -- which claims are matched to a fact-check: an import that replaces a rating re-judges them
        CREATE INDEX claim_factchecks_factcheck ON claim_factchecks(factcheck_id);
        """,
    ),
]
