"""Property tests over the whole ingest stage: re-ingest is idempotent, offsets always slice."""

from __future__ import annotations

import functools
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


FOOTERS = ["This fixture outlet closes every story this way.", "Corrections go to the fixture desk, always."]
LEARNABLE = st.lists(st.one_of(SENTENCE, st.sampled_from(FOOTERS)), min_size=1, max_size=5).map("\n".join)


@functools.cache
def _segmenter():
    from crosscheck.segment import SEGMENTERS

    return SEGMENTERS.create(load_config()["segment"]["backend"])


def _write_records(path: Path, records: list[tuple[int, str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for url, text in records:
            fh.write(json.dumps({"url": f"https://prop.example/{url}", "maintext": text}) + "\n")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 6), LEARNABLE), min_size=1, max_size=9, unique_by=lambda r: r[1]),
       st.integers(1, 4))
def test_learned_furniture_is_the_same_whether_ingested_at_once_or_in_runs(records, runs):
    """The incremental line index must mark exactly what one run over everything marks.

    Texts are unique: one text under two URLs is stored once, under whichever URL came first, so
    the split would change the corpus itself, not just how it was learned.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = load_config()
        whole = open_store(folder / "whole.db")
        _write_records(folder / "all.jsonl", records)
        Ingestor(whole, config, segmenter=_segmenter()).run([folder / "all.jsonl"])
        parts = open_store(folder / "parts.db")
        for r in range(runs):
            part = folder / f"part{r}.jsonl"
            _write_records(part, records[r::runs])
            Ingestor(parts, config, segmenter=_segmenter()).run([part])
        marks = lambda store: sorted((a.id, a.boilerplate, a.sentences) for a in store.iter_articles(current_only=False))  # noqa: E731
        assert marks(parts) == marks(whole)
        whole.close()
        parts.close()


def test_line_index_is_rebuilt_when_missing_or_settings_change(tmp_path):
    """A store from before the index (or after a settings change) is relearned in full, once."""
    leads = ["Rain closed the pass.", "The mayor resigned.", "A ferry ran aground.", "Bread prices rose."]
    texts = [f"{lead}\n{FOOTERS[0]}" for lead in leads]
    _write(tmp_path, texts)
    store = open_store(tmp_path / "c.db")
    config = load_config()
    Ingestor(store, config).run([tmp_path / "export.jsonl"])
    learned = lambda: sum(b.reason.startswith("learned:") for a in store.iter_articles() for b in a.boilerplate)  # noqa: E731
    assert learned() == 4
    with store.transaction():  # as an upgraded store looks: articles and marks, but no index
        store.clear_line_index()
        store.set_meta("learned_furniture", "")
        store.replace_boilerplate(next(iter(store.iter_articles())).id, [], learned_only=True)
    _write(tmp_path, texts + ["Another lead of a fifth story."])
    Ingestor(store, config).run([tmp_path / "export.jsonl"])
    assert learned() == 4
    strict = {**config, "boilerplate": {**config["boilerplate"], "min_documents": 5}}
    Ingestor(store, strict).run([tmp_path / "export.jsonl"])
    assert learned() == 0
    store.close()


def test_two_texts_under_one_url_in_one_run_are_versions(tmp_path):
    path = tmp_path / "feed.jsonl"
    _write_records(path, [(1, "The bridge opened on Monday."), (1, "The bridge opened on Tuesday.")])
    store = open_store(tmp_path / "c.db")
    summary = Ingestor(store, load_config(), segmenter=_segmenter()).run([path])
    assert (summary.new, summary.new_versions) == (1, 1)
    first, second = sorted(store.iter_articles(current_only=False), key=lambda a: a.version)
    assert (first.version, second.version, second.supersedes) == (1, 2, first.id)
    store.close()
