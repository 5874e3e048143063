"""Property tests over the whole ingest stage: re-ingest is idempotent, offsets always slice."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.config import load_config
from crosscheck.pipeline import Ingestor
from crosscheck.store import open_store

WORD = st.text(alphabet=st.characters(whitelist_categories=["Ll", "Lu", "Nd"]), min_size=1, max_size=9)
SENTENCE = st.lists(WORD, min_size=2, max_size=10).map(lambda ws: " ".join(ws) + ".")
LINE = st.one_of(SENTENCE, st.sampled_from(["Watch the video below.", "READ MORE ON NEWS", "Advertisement"]))
ARTICLE = st.lists(LINE, min_size=1, max_size=6).map("\n".join)
CORPUS = st.lists(ARTICLE, min_size=1, max_size=5)


def _write(folder: Path, texts: list[str]) -> None:
    with (folder / "export.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"url": f"https://prop.example/{i}", "maintext": text}) + "\n")


def _snapshot(store) -> list[tuple]:
    return sorted((a.id, a.version, a.text, a.boilerplate, a.sentences) for a in store.iter_articles(current_only=False))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CORPUS)
def test_reingest_is_idempotent_and_offsets_slice(texts):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, texts)
        store = open_store(folder / "c.db")
        config = load_config()
        first = Ingestor(store, config).run([folder / "export.jsonl"])
        before = _snapshot(store)
        second = Ingestor(store, config).run([folder / "export.jsonl"])
        assert second.new == 0 and second.new_versions == 0
        assert second.duplicates == first.read
        assert _snapshot(store) == before
        for a in store.iter_articles(current_only=False):
            for span in (*a.sentences, *a.boilerplate):
                piece = a.text[span.start : span.end]
                assert piece and piece == piece.strip()
            for s in a.sentences:
                for b in a.boilerplate:
                    assert (b.start <= s.start and s.end <= b.end) or s.end <= b.start or b.end <= s.start
        store.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE, ARTICLE)
def test_changed_text_at_same_url_is_a_new_version(old, new):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(folder / "c.db")
        config = load_config()
        _write(folder, [old])
        Ingestor(store, config).run([folder / "export.jsonl"])
        _write(folder, [new])
        summary = Ingestor(store, config).run([folder / "export.jsonl"])
        versions = store.versions("https://prop.example/0")
        # readers normalise to NFC, so canonically equal texts are the same text
        if unicodedata.normalize("NFC", old).strip() == unicodedata.normalize("NFC", new).strip():
            assert summary.duplicates == 1 and len(versions) == 1
        else:
            assert summary.new_versions == 1
            assert [v.version for v in versions] == [1, 2] and versions[1].supersedes == versions[0].id
            assert store.get_article(versions[0].id).text.strip() == unicodedata.normalize("NFC", old).strip()
        store.close()
