"""What the cross-encoder reads: the article's few deciding sentences, and the NLI/stance pair data.

At run time only ``decisive_passage`` is used: the judge ranks a body's sentences against the claim
(``pair_features``'s order) and the cross-encoder reads the top ``PASSAGE_SENTENCES`` of them, best
first, so that the token limit cuts the least relevant text. Training builds its FNC-1 pairs with the very same function, so the model
is trained on what it will be shown.

Training pairs are ``TextPair`` rows: ``premise`` (article passage, headline, or NLI premise),
``hypothesis`` (the claim), the ``task`` head that scores them and the label. No text is stored;
everything is read from the shared data folder when training runs.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.stance.features import BodyView

__all__ = ["PASSAGE_SENTENCES", "TASKS", "TextPair", "decisive_passage", "load_nli", "NLI_FILES"]

# Three sentences: the judge's TOP_K; more would not fit the token window next to the claim.
PASSAGE_SENTENCES = 3

# One head per task; columns of the model's output, in this order.
TASKS: dict[str, tuple[str, ...]] = {
    "nli": ("entailment", "neutral", "contradiction"),
    "article": ("agree", "disagree", "discuss"),  # FNC-1 related pairs
    "headline": ("agree", "disagree", "discuss"),  # Emergent: for / against / observing
}

# The complete SNLI / MultiNLI splits plus the SNLI train sample (CC BY-SA 4.0, like SNLI). The
# TaxiNLI-derived MultiNLI files in partial/ are left out: they come under the C-UDA, which would
# bind whoever redistributes the weights (see the data's SOURCE.md).
NLI_FILES = (
    "nli/mnli_dev_matched.jsonl.gz",
    "nli/snli_dev.jsonl.gz",
    "nli/snli_test.jsonl.gz",
    "nli/partial/snli_train_PARTIAL_cad_original.jsonl.gz",
)


@dataclass(frozen=True, slots=True)
class TextPair:
    premise: str
    hypothesis: str
    task: str
    label: str
    group: str = ""  # what dev splits are grouped by


def decisive_passage(view: BodyView, order: Sequence[int], k: int = PASSAGE_SENTENCES) -> str:
    """The top ``k`` ranked sentences of the body, best first."""
    return " ".join(view.text[view.sentences[i].start : view.sentences[i].end] for i in order[:k])


def load_nli(data_dir: Path, log: Callable[[str], None] = lambda _: None) -> list[TextPair]:
    out: list[TextPair] = []
    for name in NLI_FILES:
        path = data_dir / name
        if not path.is_file():
            raise InputError(str(path), "file not found; is the shared data folder complete? (see nli/SOURCE.md)")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        out += [TextPair(r["premise"], r["hypothesis"], "nli", r["label"], name) for r in rows if r["label"] in TASKS["nli"]]
        log(f"{name}: {len(rows)} pairs")
    return out
