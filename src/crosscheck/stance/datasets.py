"""Readers for the stance benchmarks (FNC-1, Emergent) and an on-disk cache of their embeddings.

Nothing here is imported by the judge at run time; training and the benches use it. Data is read
from the shared data folder and never copied into the repository. Embeddings are cached under
``$XDG_CACHE_HOME/crosscheck/stance`` (default ``~/.cache``), keyed by the sha256 of the text
they were computed from, the embedder name and the splitter version, so a changed file or model
never reuses stale vectors.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.embed import Embedder
from crosscheck.errors import InputError
from crosscheck.stance.features import body_sentences
from crosscheck.stance.text import SentenceSpan
from crosscheck.paths import cache_dir, file_sha256

__all__ = ["Pair", "FncData", "load_fnc", "load_emergent", "file_sha256", "EmbeddingCache", "EMERGENT_TO_STANCE"]

SPLITTER_VERSION = "text.v1"
EMERGENT_TO_STANCE = {"for": "agree", "against": "disagree", "observing": "discuss"}


@dataclass(frozen=True, slots=True)
class Pair:
    claim: str
    body_id: str
    label: str
    group: str = ""  # what dev splits are grouped by (FNC: body id; Emergent: claim id)


@dataclass(frozen=True, slots=True)
class FncData:
    bodies: dict[str, str]
    train: list[Pair]
    test: list[Pair]
    hold_out_ids: frozenset[str]
    files: dict[str, str]  # file name -> sha256


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(str(path), "file not found; is the shared data folder complete? (see its SOURCE.md)")
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_fnc(data_dir: Path) -> FncData:
    root = data_dir / "fnc1"
    names = ["train_bodies.csv", "train_stances.csv", "competition_test_bodies.csv", "competition_test_stances.csv", "splits/hold_out_ids.txt"]
    bodies: dict[str, str] = {}
    for name in ("train_bodies.csv", "competition_test_bodies.csv"):
        prefix = "train:" if name.startswith("train") else "test:"
        for r in _rows(root / name):
            bodies[prefix + r["Body ID"]] = r["articleBody"]
    train = [Pair(r["Headline"], "train:" + r["Body ID"], r["Stance"], r["Body ID"]) for r in _rows(root / "train_stances.csv")]
    test = [Pair(r["Headline"], "test:" + r["Body ID"], r["Stance"], r["Body ID"]) for r in _rows(root / "competition_test_stances.csv")]
    hold = frozenset((root / "splits/hold_out_ids.txt").read_text().split())
    return FncData(bodies, train, test, hold, {n: file_sha256(root / n) for n in names})


def load_emergent(data_dir: Path) -> tuple[list[Pair], list[Pair], dict[str, int], dict[str, str]]:
    """(train, test, claim id -> fold, file sha256s); ``Pair.body_id`` is the article headline itself."""
    root = data_dir / "emergent"
    names = ["url-versions-2015-06-14-clean-train.csv", "url-versions-2015-06-14-clean-test.csv", "train_claim_folds.csv"]

    def pairs(name: str) -> list[Pair]:
        return [
            Pair(r["claimHeadline"], r["articleHeadline"], EMERGENT_TO_STANCE[r["articleHeadlineStance"]], r["claimId"])
            for r in _rows(root / name)
        ]

    folds = {r["claimId"]: int(r["fold"]) for r in _rows(root / names[2])}
    return pairs(names[0]), pairs(names[1]), folds, {n: file_sha256(root / n) for n in names}


def _cache_dir() -> Path:
    return cache_dir("stance")


class EmbeddingCache:
    """Sentence spans and embeddings for many texts, computed once and kept on disk."""

    def __init__(self, embedder: Embedder, log: Callable[[str], None] = lambda _: None) -> None:
        self.embedder = embedder
        self.log = log

    def _key(self, texts: list[str], kind: str) -> Path:
        h = hashlib.sha256(f"{self.embedder.name}|{SPLITTER_VERSION}|{kind}".encode())
        for t in texts:
            h.update(hashlib.sha256(t.encode("utf-8")).digest())
        return _cache_dir() / f"{kind}-{h.hexdigest()[:24]}.npz"

    def texts(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """One embedding per distinct text (claims, headlines)."""
        uniq = sorted(set(texts))
        path = self._key(uniq, "texts")
        if path.is_file():
            vecs = np.load(path)["vecs"]
        else:
            self.log(f"embedding {len(uniq)} texts (cached afterwards in {path.parent})")
            vecs = self.embedder.encode(uniq)
            np.savez(path, vecs=vecs)
        return dict(zip(uniq, vecs))

    def bodies(self, bodies: dict[str, str]) -> dict[str, tuple[list[SentenceSpan], np.ndarray]]:
        """Per body id: its sentence spans and one embedding per sentence (cached per body text)."""
        tag = hashlib.sha256(f"{self.embedder.name}|{SPLITTER_VERSION}".encode()).hexdigest()[:12]
        folder = _cache_dir() / f"sentences-{tag}"
        folder.mkdir(exist_ok=True)
        out: dict[str, tuple[list[SentenceSpan], np.ndarray]] = {}
        missing: list[tuple[str, Path]] = []
        for i, text in bodies.items():
            spans = body_sentences(text)
            path = folder / (hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ".npy")
            if path.is_file():
                out[i] = (spans, np.load(path))
            else:
                missing.append((i, path))
        if missing:
            spans_of = {i: body_sentences(bodies[i]) for i, _ in missing}
            flat = [bodies[i][s.start : s.end] for i, _ in missing for s in spans_of[i]]
            self.log(f"embedding {len(flat)} sentences of {len(missing)} bodies (cached afterwards in {folder})")
            vecs = self.embedder.encode(flat)
            pos = 0
            for i, path in missing:
                n = len(spans_of[i])
                np.save(path, vecs[pos : pos + n])
                out[i] = (spans_of[i], vecs[pos : pos + n])
                pos += n
        return out
