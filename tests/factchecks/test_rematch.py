"""The import's reverse search: which stored claims are matched again, without the real models."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.factchecks.rematch import ClaimVectorIndex, rematch_after_import
from crosscheck.model import Claim, FactCheck, FactCheckMatch
from crosscheck.store import open_store
from tests.store.conformance import make_article

DIM = 8


def _unit(rng, n):
    m = rng.normal(size=(n, DIM)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 60), q=st.integers(1, 5), k=st.integers(1, 70), floor=st.sampled_from([-1.0, 0.0, 0.3]),
       seed=st.integers(0, 10_000))
def test_nearest_is_the_union_of_each_querys_top_k_above_the_floor(n, q, k, floor, seed):
    rng = np.random.default_rng(seed)
    claims, queries = _unit(rng, n), _unit(rng, q)
    ids = [f"c{i}" for i in range(n)]
    want: set[str] = set()
    for row in queries @ claims.T:
        want |= {ids[j] for j in np.argsort(-row, kind="stable")[: min(k, n)] if row[j] >= floor}
    got = ClaimVectorIndex(ids, claims).nearest(queries, k, floor)
    # ties at the k-th place may be broken either way; random vectors have none
    assert got == want


class _Matcher:
    def __init__(self):
        self.asked: list[str] = []

    def match(self, text, vector, top=3):
        self.asked.append(text)
        return []


class _Service:
    def __init__(self):
        self.matcher = _Matcher()
        self.embedder = None  # every vector is stored: nothing may be embedded

    def refresh(self, store):
        return self.matcher


def _fc(i, vector_of=None, version=1, supersedes=None):
    return FactCheck(id=f"fc{i}_{version}", key=f"https://fc.example/{i}", version=version, claim=f"claim {i}",
                     rating="False" if version == 1 else "True", publisher="P", published="2025-01-01",
                     url=f"https://fc.example/{i}", supersedes=supersedes, rating_value=None, best_rating=None,
                     worst_rating=None, claim_author=None, claim_date=None, appearance=None, title=None,
                     language="en", origin="t", imported_at="2025-01-01T00:00:00+00:00")


def test_only_the_nearest_claims_and_those_matched_to_a_superseded_version_are_rejudged(tmp_path):
    rng = np.random.default_rng(7)
    vecs = _unit(rng, 40)
    store = open_store(tmp_path / "s.db")
    text = " ".join(f"S{i:02d}." for i in range(40))
    art = make_article(text)
    claims = [Claim(f"c{i:02d}", art.id, 5 * i, 5 * i + 4, 0.9, "check-worthy", "certain") for i in range(40)]
    old = _fc(1)
    with store.transaction():
        b = store.begin_batch("t", "c")
        store.add_article(art, b)
        store.put_claims(art.id, claims)
        store.set_claim_vectors({c.id: v.astype(np.float16).tobytes() for c, v in zip(claims, vecs)})
        store.add_factcheck(old, b, vecs[0].astype(np.float16).tobytes())
        store.put_factcheck_matches(["c00"], [FactCheckMatch("c00", old.id, 0.9, "r", False)])
    since = store.factcheck_seq()
    new = _fc(2)
    v2 = _fc(1, version=2, supersedes=old.id)
    with store.transaction():
        b = store.begin_batch("t", "c")
        store.add_factcheck(new, b, vecs[17].astype(np.float16).tobytes())  # about claim 17
        store.add_factcheck(v2, b, (-vecs[0]).astype(np.float16).tobytes())  # far from claim 0 now
    service = _Service()
    got = rematch_after_import(store, service, since, ("check-worthy",), top=3, k=2, floor=-1.0)
    asked = set(service.matcher.asked)
    assert "S17." in asked and "S00." in asked  # the nearest to the new one; the one matched to the old version
    assert len(asked) <= 2 + 2 + 1
    assert (got.new_factchecks, got.claims, got.rejudged, got.gained, got.lost) == (2, 40, len(asked), 0, 1)
    assert store.factcheck_matches(["c00"]) == []  # the judge (here: a matcher that finds nothing) decided again
    store.close()


def test_nothing_new_or_no_claims_loads_nothing(tmp_path):
    store = open_store(tmp_path / "s.db")

    class Refuse:
        def refresh(self, store):
            raise AssertionError("loaded the matcher for nothing")

    assert rematch_after_import(store, Refuse(), 0, ("check-worthy",), top=3).rejudged == 0
    with store.transaction():
        store.add_factcheck(_fc(1), store.begin_batch("t", "c"))
    got = rematch_after_import(store, Refuse(), 0, ("check-worthy",), top=3)
    assert (got.new_factchecks, got.claims, got.rejudged) == (1, 0, 0)
    store.close()


class _CosineModel:
    """Stands in for both boosters: the score is the cosine feature itself (column 0)."""

    def predict(self, x, num_threads=1):
        return np.asarray(x)[:, 0]


class _Seeded:
    """Unit vectors with full float32 precision (which float16 storage rounds), fixed per text."""

    name = "embed.seeded.test"
    dim = DIM

    def encode(self, texts):
        import zlib

        return _unit(np.random.default_rng(zlib.crc32(" ".join(sorted(texts[0].lower().split()[:3])).encode())), 1) \
            if len(texts) == 1 else np.concatenate([self.encode([t]) for t in texts])


def test_a_recheck_decides_exactly_as_the_first_check(tmp_path):
    """The first check embeds the claim, later checks read its stored (float16) vector: both must match
    with the same numbers, or ``check PATH`` and ``check`` could disagree at the threshold."""
    from crosscheck.config import load_config
    from crosscheck.factchecks.matcher import Reranker
    from crosscheck.factchecks.stage import FactCheckStage

    embedder = _Seeded()
    store = open_store(tmp_path / "s.db")
    text = "Intro. Bus fares in the city doubled last month, the mayor said."
    art = make_article(text)
    claim = Claim("c1", art.id, 7, len(text), 0.9, "check-worthy", "certain")
    with store.transaction():
        b = store.begin_batch("t", "c")
        store.add_article(art, b)
        store.put_claims(art.id, [claim])
        for i, words in enumerate(["Bus fares doubled last month in the city.", "City bus fares rose by half.",
                                   "The mayor said fares doubled."]):
            fc = FactCheck(f"fc{i}", f"k{i}", 1, words, "False", "P", "2025-01-01", None)
            store.add_factcheck(fc, b, embedder.encode([words])[0].astype(np.float16).tobytes())
    reranker = Reranker(_CosineModel(), _CosineModel(), 0.0, {})
    runs = []
    for _ in range(2):
        stage = FactCheckStage(load_config(), embedder=embedder, reranker=reranker)
        with store.transaction():
            stage.run([art], store)
        runs.append(store.factcheck_matches(["c1"]))
    assert runs[0] and runs[0] == runs[1]
    store.close()


def test_import_is_kept_when_matching_the_stored_claims_fails(tmp_path, monkeypatch):
    """The records are committed before the stored claims are matched: a missing matcher model is
    reported (coded) without losing the import."""
    import json

    from crosscheck.config import load_config
    from crosscheck.embed import get_embedder
    from crosscheck.errors import ModelError
    from crosscheck.factchecks import matcher
    from crosscheck.factchecks.service import import_paths

    embedder = get_embedder("embed.hashing.v1")
    db = tmp_path / "s.db"
    store = open_store(db)
    text = "Intro. Bus fares doubled last month."
    art = make_article(text)
    with store.transaction():
        store.add_article(art, store.begin_batch("t", "c"))
        store.put_claims(art.id, [Claim("c1", art.id, 7, len(text), 0.9, "check-worthy", "certain")])
        store.set_claim_vectors({"c1": embedder.encode([text[7:]])[0].astype(np.float16).tobytes()})
    store.close()
    (tmp_path / "fc.json").write_text(json.dumps({
        "@type": "ClaimReview", "url": "https://fc.example/fares", "claimReviewed": "Bus fares doubled last month.",
        "author": {"name": "P"}, "reviewRating": {"alternateName": "False"}}))

    def missing(*a, **k):
        raise ModelError("no matcher here")

    monkeypatch.setattr(matcher.Reranker, "load", missing)
    cfg = load_config()
    cfg["factchecks"] = dict(cfg["factchecks"], embedder="embed.hashing.v1")
    got = import_paths([tmp_path / "fc.json"], db, cfg, embedder=embedder)
    assert got.summary.new == 1 and got.rematch is None and isinstance(got.rematch_error, ModelError)
    store = open_store(db)
    assert store.factcheck_count() == 1 and store.factcheck_matches(["c1"]) == []
    store.close()
