"""The generator behind ``crosscheck bench reuse``: derived articles of known strength.

No labelled English news text-reuse set is available here, so pairs are made, seeded, from real
news text (ECB+ documents, FNC-1 bodies):

- ``verbatim``: the source with furniture lines added (video prompt, read-more link, newsletter
  prompt, a share line the lexicon does not know);
- ``trimmed``: the first 40-75% of the sentences, one more sentence cut from the middle;
- ``reordered``: the same sentences, paragraphs shuffled and sentences shuffled inside them;
- ``rewritten``: clause reordering ("A, B said." -> "B said A.") and synonym swaps from a small
  hand-written table, a tenth of the sentences dropped;
- ``partial``: three or four consecutive sentences of the source inserted into another article
  (an ECB+ document of the same sub-topic, so the rest is an independent report of the event).

Negatives: ``hard`` pairs are two ECB+ documents of one sub-topic (independent reports of one
event, as far as ECB+ knows); ``easy`` pairs are two documents of different topics.

What it cannot model: real editorial rewriting (new ledes, merged and split sentences, added
context and quotes, paraphrase beyond word swaps), translation, summarised reuse, headline-only
reuse, the same wire copy edited differently by two outlets, and real publication times.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Pair", "SourceText", "load_ecbplus", "load_fnc1", "make_pairs", "DERIVED_KINDS"]

DERIVED_KINDS = ("verbatim", "trimmed", "reordered", "rewritten", "partial")
ECB_TEST_TOPICS = range(36, 46)

_FURNITURE = [
    "Watch the video below.",
    "READ MORE ON {topic}",
    "Sign up for our daily newsletter to get the latest news in your inbox.",
    "Share this article with your friends",
    "Advertisement",
    "Follow us on Twitter for the latest updates",
]
# A small table written for this generator; the swaps keep the sentence grammatical often enough.
_SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "police": "officers", "people": "persons",
    "killed": "slain", "died": "perished", "arrested": "detained", "announced": "revealed",
    "reported": "disclosed", "officials": "authorities", "official": "spokesperson", "big": "large",
    "large": "sizeable", "small": "minor", "began": "started", "start": "beginning", "help": "assist",
    "about": "around", "after": "following", "before": "prior to", "near": "close to", "show": "indicate",
    "shows": "indicates", "showed": "indicated", "new": "fresh", "major": "significant", "quickly": "rapidly",
    "also": "additionally", "but": "however", "attack": "assault", "fire": "blaze", "home": "house",
    "company": "firm", "deal": "agreement", "buy": "acquire", "bought": "acquired", "hospital": "medical centre",
    "car": "vehicle", "town": "community", "city": "municipality", "month": "period", "week": "seven days",
    "man": "individual", "woman": "female", "children": "youngsters", "according": "per", "earlier": "previously",
    "later": "subsequently", "many": "numerous", "several": "a number of", "would": "will", "could": "might",
    "believed": "thought", "found": "discovered", "first": "initial", "last": "previous", "team": "squad",
    "won": "claimed", "win": "victory", "game": "match", "leader": "head", "statement": "declaration",
}
_WORD = re.compile(r"\b[a-z]+\b")
_TRAILING_SAY = re.compile(r"^(?P<body>.+?),?\s*(?P<who>(?:[A-Z][\w.'-]*\s?){1,4}|he|she|they|police|officials)"
                           r"\s(?P<verb>said|says|told reporters)(?P<rest>[^,.]*)\.$")


@dataclass(frozen=True, slots=True)
class SourceText:
    doc_id: str
    group: str  # ECB+ sub-topic, or "fnc1:<body id>"
    topic: str
    text: str


@dataclass(frozen=True, slots=True)
class Pair:
    """Two texts to compare; ``kind`` is a derived kind, "hard" or "easy". ``first_is_source`` is
    the truth for derived pairs; ``published`` the times given to each (None when left undated)."""

    kind: str
    pair_id: str
    first_text: str
    second_text: str
    first_is_source: bool
    published: tuple[str | None, str | None]


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r"`` ?| ?''", '"', text)
    return text.replace(" ' s ", "'s ")


def load_ecbplus(data_dir: Path, test: bool, min_sentences: int = 6) -> list[SourceText]:
    out = []
    with open(data_dir / "ecbplus" / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if (doc["topic"] in ECB_TEST_TOPICS) != test:
                continue
            sents = [s for s in doc["sentences"] if not (doc["corpus_part"] == "ecbplus" and s["n"] == 0)]
            if len(sents) < min_sentences:
                continue
            lines = [_detokenise(s["tokens"]) for s in sents]
            paragraphs = ["\n".join(lines[:1])] + [" ".join(lines[k:k + 2]) for k in range(1, len(lines), 2)]
            out.append(SourceText(doc["doc_id"], doc["subtopic"], str(doc["topic"]), "\n\n".join(paragraphs)))
    return out


def load_fnc1(data_dir: Path, test: bool, limit: int, rng: random.Random) -> list[SourceText]:
    name = "competition_test_bodies.csv" if test else "train_bodies.csv"
    with open(data_dir / "fnc1" / name, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if len(r["articleBody"].split()) >= 120]
    rows = rng.sample(rows, min(limit, len(rows)))
    return [SourceText(f"fnc1:{r['Body ID']}", f"fnc1:{r['Body ID']}", "fnc1", r["articleBody"].strip()) for r in rows]


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    out, k = [], 0
    while k < len(sentences):
        step = rng.randint(1, 3)
        out.append(" ".join(sentences[k:k + step]))
        k += step
    return "\n\n".join(out)


def _with_furniture(sentences: list[str], topic: str, rng: random.Random) -> str:
    paragraphs = _paragraphs(sentences, rng).split("\n\n")
    for line in rng.sample(_FURNITURE, rng.randint(1, 3)):
        paragraphs.insert(rng.randint(1, len(paragraphs)), line.format(topic=topic.upper()))
    return "\n\n".join(paragraphs)


def _reword(sentence: str, rng: random.Random) -> str:
    m = _TRAILING_SAY.match(sentence)
    if m and rng.random() < 0.8 and len(m["body"].split()) >= 4:
        body = m["body"].strip().rstrip(",")
        sentence = f"{m['who'].strip()} {m['verb']}{m['rest']} that {body[0].lower() + body[1:]}."
    elif ", " in sentence and rng.random() < 0.5:
        head, tail = sentence.rstrip(".").split(", ", 1)
        if len(head.split()) >= 3 and len(tail.split()) >= 3 and not tail[0].isupper():
            sentence = f"{tail[0].upper() + tail[1:]}, {head[0].lower() + head[1:]}."
    return _WORD.sub(lambda w: _SYNONYMS.get(w[0], w[0]) if rng.random() < 0.7 else w[0], sentence)


def derive(kind: str, sentences: list[str], topic: str, host: list[str], rng: random.Random) -> str:
    """The text of a ``kind`` derivative of a source split into ``sentences``."""
    n = len(sentences)
    if kind == "verbatim":
        return _with_furniture(sentences, topic, rng)
    if kind == "trimmed":
        kept = sentences[: max(3, round(n * rng.uniform(0.4, 0.75)))]
        if len(kept) > 4:
            kept.pop(rng.randrange(1, len(kept) - 1))
        return _with_furniture(kept, topic, rng) if rng.random() < 0.5 else _paragraphs(kept, rng)
    if kind == "reordered":
        blocks: list[list[str]] = []
        done = 0
        while done < n:
            step = rng.randint(1, 3)
            block = sentences[done:done + step]
            blocks.append(rng.sample(block, k=len(block)))
            done += step
        rng.shuffle(blocks)
        return "\n\n".join(" ".join(b) for b in blocks)
    if kind == "rewritten":
        kept = [s for s in sentences if rng.random() >= 0.1] or sentences
        return _paragraphs([_reword(s, rng) for s in kept], rng)
    if kind == "partial":
        size = min(n - 1, rng.randint(3, 4))
        at = rng.randrange(0, n - size + 1)
        cut = rng.randint(1, max(1, len(host) - 1))
        return _paragraphs(host[:cut] + sentences[at:at + size] + host[cut:], rng)
    raise ValueError(kind)


def _dates(rng: random.Random) -> tuple[str | None, str | None]:
    """(source, derived) publication times: a quarter undated, the rest 1-48 hours apart."""
    if rng.random() < 0.25:
        return None, None
    day = rng.randint(1, 28)
    hour = rng.randint(0, 11)
    later = hour + rng.randint(1, 48)
    return f"2024-03-{day:02d}T{hour:02d}:00:00", f"2024-03-{day + later // 24:02d}T{later % 24:02d}:00:00"


def make_pairs(sources: list[SourceText], split_sentences: dict[str, list[str]], seed: int) -> list[Pair]:
    """One derived pair per source (kinds in turn), one hard negative per ECB+ source with a
    sub-topic partner, one easy negative per source."""
    rng = random.Random(seed)
    by_group: dict[str, list[SourceText]] = {}
    for s in sources:
        by_group.setdefault(s.group, []).append(s)
    pairs: list[Pair] = []
    for k, src in enumerate(sources):
        sents = split_sentences[src.doc_id]
        kind = DERIVED_KINDS[k % len(DERIVED_KINDS)]
        mates = [m for m in by_group[src.group] if m.doc_id != src.doc_id]
        others = [o for o in rng.sample(sources, min(8, len(sources))) if o.topic != src.topic]
        host_doc = rng.choice(mates) if mates else (others[0] if others else src)
        derived = derive(kind, list(sents), src.topic, split_sentences[host_doc.doc_id], rng)
        when = _dates(rng)
        flip = rng.random() < 0.5
        texts = (derived, src.text) if flip else (src.text, derived)
        pairs.append(Pair(kind, f"{src.doc_id}/{kind}", *texts, not flip, when[::-1] if flip else when))
        if mates:
            mate = rng.choice(mates)
            pairs.append(Pair("hard", f"{src.doc_id}~{mate.doc_id}", src.text, mate.text, True, _dates(rng)))
        if others:
            pairs.append(Pair("easy", f"{src.doc_id}~{others[-1].doc_id}", src.text, others[-1].text, True,
                              _dates(rng)))
    return pairs
