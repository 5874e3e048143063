"""Readers for the two check-worthiness data sets in ``../shared/data`` (never copied into the repo).

ClaimBuster (``claimbuster/crowdsourced.csv``, ``groundtruth.csv``): debate sentences labelled
CFS (1) / UFS (0) / NFS (-1). CheckThat! 2019 Task 1 (``checkthat2019-task1/{training,test_annotated}``):
one TSV per debate or speech, ``line_number TAB speaker TAB text TAB label``.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.errors import InputError
from crosscheck.paths import cache_dir
from crosscheck.paths import file_sha256 as sha256_file

__all__ = [
    "LabelledSentence",
    "TranscriptLine",
    "read_claimbuster",
    "read_checkthat_dir",
    "claimbuster_dev_debates",
    "checkthat_dev_documents",
    "normalised_text",
    "sha256_file",
    "embed_texts",
    "CB_CLASSES",
]

# ClaimBuster verdict -> class index used by the models (index 2 = check-worthy)
CB_CLASSES = ("non-factual", "unimportant factual", "check-worthy")
_CB_VERDICT = {"-1": 0, "0": 1, "1": 2}


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    sentence_id: str
    text: str
    speaker: str
    debate: str
    line: int
    label: int  # index into CB_CLASSES


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    document: str
    line: int
    speaker: str
    text: str
    label: int  # 1 = fact-checked (check-worthy), 0 = not


def normalised_text(text: str) -> str:
    return " ".join(text.lower().split())


def read_claimbuster(path: Path) -> list[LabelledSentence]:
    if not path.is_file():
        raise InputError(str(path), "ClaimBuster file not found; see ../shared/data/claimbuster/SOURCE.md")
    out: list[LabelledSentence] = []
    with path.open(newline="", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                label = _CB_VERDICT[row["Verdict"].strip()]
                out.append(
                    LabelledSentence(
                        sentence_id=row["Sentence_id"],
                        text=row["Text"],
                        speaker=row["Speaker"],
                        debate=row["File_id"],
                        line=int(row["Line_number"]),
                        label=label,
                    )
                )
            except (KeyError, ValueError) as exc:
                raise InputError(f"{path}:{n}", f"bad ClaimBuster row ({exc!r})") from None
    return out


def read_checkthat_dir(folder: Path) -> dict[str, list[TranscriptLine]]:
    """Document name -> its lines in transcript order."""
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise InputError(str(folder), "no CheckThat! .tsv files; see ../shared/data/checkthat2019-task1/SOURCE.md")
    docs: dict[str, list[TranscriptLine]] = {}
    for f in files:
        lines: list[TranscriptLine] = []
        for n, raw in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            parts = raw.split("\t")
            if len(parts) != 4:
                raise InputError(f"{f}:{n}", f"expected 4 tab-separated fields, found {len(parts)}")
            lines.append(TranscriptLine(f.stem, int(parts[0]), parts[1], parts[2], int(parts[3])))
        docs[f.stem] = lines
    return docs


def claimbuster_dev_debates(debates: list[str]) -> set[str]:
    """Every fifth debate in date order (7 of 33) is the dev split; the rest train.

    Whole debates are held out so that repeated phrasings within a debate do not leak.
    """
    ordered = sorted(set(debates))
    return {d for i, d in enumerate(ordered) if i % 5 == 2}


def checkthat_dev_documents(documents: list[str]) -> list[list[str]]:
    """Folds of held-out training documents for tuning (the official test files are never used).

    Four folds by date order (document i goes to fold i % 4), so each fold mixes debates and speeches.
    """
    ordered = sorted(documents)
    return [[d for i, d in enumerate(ordered) if i % 4 == k] for k in range(4)]


def embed_texts(texts: list[str], log: Callable[[str], None] | None = None) -> np.ndarray:
    """MiniLM embeddings (embed.minilm.v1), cached on disk by a hash of the texts.

    The cache (``crosscheck.paths.cache_dir("embeddings")``) only saves minutes on re-runs of
    training and benchmarks; it holds derived vectors, never text, and is safe to delete.
    """
    from crosscheck.embed import get_embedder

    key = hashlib.sha256(("embed.minilm.v1\n" + "\n".join(texts)).encode("utf-8")).hexdigest()[:32]
    try:
        path: Path | None = cache_dir("embeddings") / f"{key}.npy"
    except OSError:
        path = None  # a read-only home only costs the re-computation
    if path is not None and path.is_file():
        cached: np.ndarray = np.load(path, allow_pickle=False)
        if cached.shape == (len(texts), 384):
            return cached
    if log:
        log(f"embedding {len(texts)} sentences with embed.minilm.v1" + (f" (cached afterwards in {path.parent})" if path else ""))
    vectors = get_embedder("embed.minilm.v1").encode(texts)
    if path is not None:
        try:
            np.save(path, vectors)
        except OSError:
            pass
    return vectors
