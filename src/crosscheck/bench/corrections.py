"""``crosscheck bench corrections``: the claim-level corrections log on planted edits of real text.

Each FNC-1 training body (real news copy, segmented by the default segmenter, one claim per
sentence) gets new versions with one planted edit each, whose right log entry is known:

- ``number``: one figure changed (+1)            -> exactly one ``changed``, silent
- ``number_noted``: the same, plus an appended "Correction: An earlier version of this article
  said N." line                                 -> exactly one ``changed``, not silent
- ``split``: a sentence split at ", and"          -> nothing
- ``moved``: the first two paragraphs swapped     -> nothing
- ``removed``: the last sentence deleted          -> exactly one ``removed``, silent
- ``number_removed``: both of those in one version -> one ``changed`` and one ``removed``
- ``added``: a sentence of another body appended as a paragraph -> exactly one ``added``

A version scores when its changes are exactly the expected ones (kinds and silent flags). The
misses on the full set are, by the log's own definition, right: the removed last sentence was an
"Update:" or "Correction:" paragraph (a note, not a claim) or a line without words ("*  *  *"), or
the figure edited sat inside a note. Nothing
in the alignment was tuned on these bodies (its thresholds are a priori, see corrections/align.py),
so there is no dev/test split to keep apart.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from crosscheck.bench import peak_mb

__all__ = ["run", "plant_edits"]

_NUMBER = re.compile(r"(?<![\w.,])\d{2,}(?![\w.,]?\d)")
_AND = re.compile(r"\w{4,}, and (?=[a-z])")
Expected = tuple[tuple[str, bool], ...]  # sorted (kind, silent) pairs


def plant_edits(body: str, sentences: Sequence[tuple[int, int]], other: str,
                other_sentences: Sequence[tuple[int, int]]) -> list[tuple[str, str, Expected]]:
    """(edit name, edited text, expected changes) for every edit that applies to ``body``;
    ``sentences`` are the segmenter's spans of ``body`` (and of ``other``), so a removed or added
    sentence is one sentence for the segmenter too."""
    out: list[tuple[str, str, Expected]] = []
    num = _NUMBER.search(body)
    if num:
        edited = body[: num.start()] + str(int(num.group()) + 1) + body[num.end() :]
        out.append(("number", edited, (("changed", True),)))
        note = f"\n\nCorrection: An earlier version of this article said {num.group()}."
        out.append(("number_noted", edited + note, (("changed", False),)))
    m = _AND.search(body)
    if m:
        cut = m.end() - len(", and ")
        out.append(("split", body[:cut] + ". And " + body[m.end() :], ()))
    paras = [p for p in body.split("\n") if p.strip()]
    if len(paras) > 2 and paras[0] != paras[1]:
        out.append(("moved", "\n\n".join([paras[1], paras[0], *paras[2:]]), ()))
    if len(sentences) > 2:
        s, e = sentences[-1]  # the last sentence, with the space before it
        while s > 0 and body[s - 1] in " \t":
            s -= 1
        out.append(("removed", body[:s] + body[e:], (("removed", True),)))
    from crosscheck.corrections import find_notes

    # a sentence that is itself a correction note ("UPDATE: ...") is rightly no added claim
    if num and len(sentences) > 2 and num.end() < sentences[-1][0]:
        # two edits in one version: the figure and the last sentence
        s, e = sentences[-1]
        while s > 0 and body[s - 1] in " \t":
            s -= 1
        both = body[: num.start()] + str(int(num.group()) + 1) + body[num.end() : s] + body[e:]
        out.append(("number_removed", both, (("changed", True), ("removed", True))))
    extra = next((other[s:e] for s, e in other_sentences
                  if len(other[s:e].split()) >= 8 and not find_notes(other[s:e])), None)
    if extra and extra not in body:
        out.append(("added", body.rstrip() + "\n\n" + extra, (("added", False),)))
    return out


def _bodies(data_dir: Path, limit: int | None) -> list[str]:
    seen: list[str] = []
    with (data_dir / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            body = row["articleBody"].strip()
            if len(body) >= 400 and body not in seen:
                seen.append(body)
    return seen[: limit or None]


def run(data_dir: Path, log: Callable[[str], None], limit: int | None = None) -> dict[str, Any]:
    from crosscheck.corrections import compare_versions
    from crosscheck.model import Article, Claim, article_id
    from crosscheck.segment import SentenceSegmenter

    bodies = _bodies(data_dir, limit)
    segmenter = SentenceSegmenter()
    segmenter.warm_up()
    spans = [[(x.start, x.end) for x in ss] for ss in segmenter.run(bodies, [()] * len(bodies))]
    pairs = [(b, name, edited, want) for i, b in enumerate(bodies)
             for name, edited, want in plant_edits(b, spans[i], bodies[(i + 1) % len(bodies)], spans[(i + 1) % len(bodies)])]
    texts = sorted({t for b, _, e, _ in pairs for t in (b, e)})
    sentences = dict(zip(texts, segmenter.run(texts, [()] * len(texts))))

    def version(text: str, n: int) -> tuple[Article, list[Claim]]:
        aid = article_id("fnc1.example", text)
        art = Article(aid, "k", n, "fnc1.example", "txt", text, ingested_at=f"2016-03-0{n}T00:00:00+00:00")
        return art, [Claim(f"c_{aid[:8]}_{s.start}", aid, s.start, s.end, 0.9, "check-worthy", "certain", {})
                     for s in sentences[text] if not s.boilerplate]

    per_kind: dict[str, list[int]] = {}
    t0 = time.perf_counter()
    for body, name, edited, want in pairs:
        got = compare_versions(*version(body, 1), *version(edited, 2)).changes
        ok = tuple(sorted((c.kind, c.silent) for c in got)) == want
        per_kind.setdefault(name, []).append(int(ok))
    seconds = time.perf_counter() - t0
    exact = {k: round(sum(v) / len(v), 4) for k, v in sorted(per_kind.items())}
    for k, v in sorted(per_kind.items()):
        log(f"{k:<13} {len(v):>5} versions, exactly right {sum(v):>5} ({100 * sum(v) / len(v):.1f}%)")
    total = sum(len(v) for v in per_kind.values())
    log(f"{len(bodies)} bodies, {total} planted versions, compared in {seconds:.2f} s (segmentation not counted)")
    return {
        "bodies": len(bodies), "versions": total,
        "exact": round(sum(sum(v) for v in per_kind.values()) / max(total, 1), 4),
        "exact_by_edit": exact,
        "versions_per_s": round(total / seconds, 1) if seconds else None,
        "peak_mb": peak_mb(),
    }
