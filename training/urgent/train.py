"""Rebuild the ``urgent-message`` model (triage ``urgent``): see DATA.md beside this script.

    nice -n 10 python training/urgent/train.py [--out DIR] [--limit N]
    nice -n 10 python training/urgent/train.py --loo      # leave-one-batch-out figures only

The patterns of ``rules/triage/categories/01-urgent.yaml`` catch the wording their authors
thought of; every new development batch scored before tuning showed they miss a third of
new emergencies. This model is one more cue beside them, trained on the urgent and
non-urgent messages of the triage development batches, with ordinary public text as
further negatives. ``--loo`` trains on all batches but one and scores the one left out.

Session 10: every development file is a batch (18 files), and the threshold is chosen
recall first: the highest step at which, leave one batch out, the model catches every
emergency the patterns alone miss (``--patterns``: a JSON of ``{id: urgent?}`` from the
tree with both learned cues switched off), its cost in false urgents reported per batch.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from benchmarks.held_out import held_out_names  # noqa: E402
from socialpolicy.classifiers.features import FeatureConfig  # noqa: E402
from training.common import (  # noqa: E402
    HEALTH_TRAIN_FEEDS,
    figures,
    fit,
    health_news,
    matrix,
    own_source,
    own_yaml,
    score_posts,
    split,
    write_model,
)
from training.medical_data import general_comments  # noqa: E402

NAME = "urgent-message"
UNIT = "post"
# The triage development files, each one batch left out in turn (never the held-out
# sets). triage-dev.yaml holds batches 1 to 12, written together; triage-dev-s7.yaml,
# -s8 and -s9c hold two or three batches each, left out together.
BATCHES = ("triage-dev.yaml", "triage-dev-s4.yaml", "triage-dev-s4b.yaml",
           "triage-dev-s4c.yaml", "triage-dev-s4d.yaml", "triage-dev-s5.yaml", "triage.yaml",
           "triage-fresh3.yaml", "triage-dev-s7.yaml", "triage-fresh4.yaml", "triage-dev-s8.yaml",
           "triage-fresh5.yaml", "triage-dev-s9.yaml", "triage-dev-s9b.yaml", "triage-dev-s9c.yaml",
           "triage-fresh6.yaml", "triage-fresh7.yaml", "triage-dev-s10u.yaml")
HELD_OUT = ("triage-fresh.yaml", "triage-fresh2.yaml", "triage-fresh8.yaml")
# The batches are read as they were at this commit of this repository, the tree the
# shipped weights were trained on, so batches added later never change a rebuild.
CORPUS_COMMIT = "a824f7db286406986b8a4b8c893ca3f22250af36"
# Our own messages are the closest to what triage sees: each counts this many times.
OWN_WEIGHT = 5
PUBLIC_NEGATIVES = 4000
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))
CONFIG = FeatureConfig.from_dict({
    "dim": 262144, "word_ngrams": [1, 2], "char_ngrams": [3, 5],
    "hash": "crc32-words+poly64-chars", "weighting": "binary-l2"})


def batch(name: str) -> list[tuple[str, int]]:
    # HELD_OUT: the sets this model was never trained on; held_out_names(): the session's.
    assert name not in HELD_OUT and name not in held_out_names(), \
        "held-out triage sets are never read for training"
    messages = own_yaml(CORPUS_COMMIT, "tests/corpus/" + name)["messages"]
    return [(str(m["text"]), int("urgent" in (m.get("categories") or []))) for m in messages]


def public_negatives(limit: int | None) -> dict[str, list[tuple[str, int]]]:
    """Ordinary text that is never an emergency: health news headlines (they name heart
    attacks, strokes and overdoses without anyone in danger now) and everyday comments."""
    n = limit or PUBLIC_NEGATIVES
    news = split(health_news(HEALTH_TRAIN_FEEDS), 0.0)[0][:n]
    comments = split(general_comments(), 0.0)[0][:n]
    return {"health_news": [(t, 0) for t in news], "civil_comments": [(t, 0) for t in comments]}


def train(x_own: Any, y_own: list[int], x_public: Any, n_public: int) -> tuple[np.ndarray, float]:
    """Our messages OWN_WEIGHT times, then the public negatives (featurized once)."""
    from scipy.sparse import vstack

    x = vstack([x_own] * OWN_WEIGHT + [x_public]).tocsr()
    return fit(x, y_own * OWN_WEIGHT + [0] * n_public)


def leave_one_out(public: dict[str, list[tuple[str, int]]],
                  partial: Path | None = None) -> dict[str, Any]:
    """Train on every development batch but one; score the one left out at each threshold."""
    batches = {name: batch(name) for name in BATCHES}
    texts = [t for t, _ in public["health_news"] + public["civil_comments"]]
    x_public = matrix(texts, CONFIG)
    every = [(name, item) for name, items in batches.items() for item in items]
    x_every = matrix([t for _, (t, _) in every], CONFIG)
    out: dict[str, Any] = {}
    for held in BATCHES:
        rows = [i for i, (name, _) in enumerate(every) if name != held]
        coef, intercept = train(x_every[rows], [every[i][1][1] for i in rows],
                                x_public, len(texts))
        labels = [y for _, y in batches[held]]
        scores = score_posts(coef, intercept, [t for t, _ in batches[held]], CONFIG, UNIT)
        out[held] = {"by_threshold": {str(t): figures(scores, labels, t) for t in THRESHOLDS},
                     "ids": [i for i, _ in ids(held)],
                     "scores": [round(float(s), 4) for s in scores]}
        print(held, {t: (f["recall"], f["precision"]) for t, f in out[held]["by_threshold"].items()
                     if t in ("0.2", "0.4", "0.6")}, flush=True)
        if partial is not None:
            partial.write_text(json.dumps(out) + "\n", encoding="utf-8")
    return out


def ids(name: str) -> list[tuple[str, int]]:
    messages = own_yaml(CORPUS_COMMIT, "tests/corpus/" + name)["messages"]
    return [(str(m["id"]), int("urgent" in (m.get("categories") or []))) for m in messages]


def recall_first(loo: dict[str, Any], patterns: dict[str, bool],
                 guarded: dict[str, bool]) -> tuple[float, dict[str, Any]]:
    """The highest threshold at which, leave one batch out, every emergency the patterns
    alone miss and the cue's counter-signs let through scores at or above it. Per batch
    at each threshold: those still missed, and the false urgents the cue adds (messages
    the patterns did not flag and the counter-signs let through). ``held_back`` counts the
    emergencies the counter-signs stop whatever the score (the other urgent model's)."""
    table: dict[str, Any] = {}
    for t in THRESHOLDS:
        row = {}
        for name, result in loo.items():
            missed = added = held = 0
            for (mid, y), s in zip(ids(name), result["scores"], strict=True):
                if patterns[mid]:
                    continue
                if not guarded[mid]:
                    held += y
                    continue
                missed += int(y == 1 and s < t)
                added += int(y == 0 and s >= t)
            row[name] = {"missed": missed, "false_urgents_added": added, "held_back": held}
        table[str(t)] = row
    ok = [t for t in THRESHOLDS if all(r["missed"] == 0 for r in table[str(t)].values())]
    return (max(ok) if ok else min(THRESHOLDS)), table


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--loo", type=Path, default=None, metavar="JSON",
                        help="write leave-one-batch-out scores to JSON and stop")
    parser.add_argument("--loo-from", type=Path, default=None, metavar="JSON",
                        help="read the leave-one-batch-out scores a --loo run wrote")
    parser.add_argument("--patterns", type=Path, default=None, metavar="JSON",
                        help="{id: urgent?} with both learned cues off: prints the recall-first table")
    parser.add_argument("--guarded", type=Path, default=None, metavar="JSON",  # with --patterns
                        help="{id: urgent?} with this cue's threshold at 0 (its counter-signs only)")
    args = parser.parse_args()
    public = public_negatives(args.limit)
    loo = (json.loads(args.loo_from.read_text(encoding="utf-8")) if args.loo_from
           else leave_one_out(public, args.loo))
    if args.loo:
        args.loo.write_text(json.dumps(loo) + "\n", encoding="utf-8")
        return 0
    if args.patterns:
        patterns = json.loads(args.patterns.read_text(encoding="utf-8"))
        guarded = json.loads(args.guarded.read_text(encoding="utf-8"))
        best, table = recall_first(loo, patterns, guarded)
        print(json.dumps({"recall_first": best, "table": table}))
        return 0
    own = [item for name in BATCHES for item in batch(name)]
    texts = [t for t, _ in public["health_news"] + public["civil_comments"]]
    coef, intercept = train(matrix([t for t, _ in own], CONFIG), [y for _, y in own],
                            matrix(texts, CONFIG), len(texts))
    counts = {"triage_dev_batches": {"positive": sum(y for _, y in own),
                                     "negative": sum(1 - y for _, y in own)},
              **{k: {"positive": 0, "negative": len(v)} for k, v in public.items()}}
    write_model(NAME, coef, intercept, CONFIG, THRESHOLD, args.out, version="2",
                rule="triage urgent", unit=UNIT,
                description="A message that says someone is in danger now (a cue for triage "
                            "urgent beside the patterns, never alone in a rule).",
                threshold_rule="recall first: the highest step of 0.05 at which, leave one "
                               "batch out over the triage development batches, no emergency the "
                               "patterns miss is missed (training/urgent/DATA.md)",
                counts=counts, data=DATA,
                figures={"leave_one_batch_out": {name: result["by_threshold"][str(THRESHOLD)]
                                                 for name, result in loo.items()}})
    return 0


# Recall first (session 10): the highest step of 0.05 at which, leave one batch out, no
# emergency the patterns alone miss is missed by this cue (`--patterns`, `--guarded`; the
# table and its cost in false urgents per batch are in DATA.md), never a held-out set.
THRESHOLD = 0.5
DATA = [
    own_source(CORPUS_COMMIT, ["tests/corpus/" + name for name in BATCHES]),
    "nandinielan/CS4375-Assignment3 @ 32dfaf349aa4d98a53e767f3e973251b94f97ec7 : Health-Tweets/<training feeds>",
    "ipavlopoulos/toxic_spans @ beaf170538df8275c3447b2e26070f2f82e55272 : data/comments.csv, data/annotations.csv",
]

if __name__ == "__main__":
    sys.exit(main())
