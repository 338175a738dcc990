"""Score our labelled corpora (development files only) with the heads compare.py fitted.

    /work/venv-enc/bin/python training/encoder/corpus_check.py --embedding DIR FILE...
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from benchmarks.held_out import refuse_held_out  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedding", type=Path, required=True)
    parser.add_argument("--rule", default="offensive-content")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    refuse_held_out(args.files)
    from scipy.sparse import csr_matrix, hstack

    from socialpolicy.classifiers import card_path, load
    from socialpolicy.classifiers.features import FeatureConfig
    from training.common import matrix, prepare, score_posts
    from training.encoder.compare import rule_masks
    from training.encoder.static import load_embedding
    emb = load_embedding(args.embedding / "embedding.npy", args.embedding / "tokenizer.json")
    heads, scale = pickle.loads(Path(f"/tmp/enc/heads-{args.embedding.name}.pkl").read_bytes())
    thresholds = {"shipped n-gram": 0.93, **{n: t for n, t in THRESHOLDS.items()}}
    shipped = load(card_path("offensive"))
    config = FeatureConfig()
    for path in args.files:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        texts = [c["text"] for c in cases]
        replies = [(c.get("reply_to") or {}).get("text") for c in cases]
        y = np.array([int(args.rule in (c.get("labels") or [])) for c in cases])
        e = emb.embed_many([prepare(t) for t in texts])
        x = matrix(texts, config).multiply(scale).tocsr()
        scores = {"shipped n-gram": score_posts(shipped.coef.astype(np.float32), shipped.intercept, texts,
                                                config, "post")}
        for name, head in heads.items():
            if head[0] == "emb":
                scores[name] = head[1].predict_proba(e)[:, 1]
            elif head[0] == "both":
                scores[name] = head[1].predict_proba(hstack([x, csr_matrix(e * head[2])]).tocsr())[:, 1]
        pattern, speaks = rule_masks(args.rule, texts, replies)
        print(f"== {path.name}: {len(cases)} cases, {int(y.sum())} labelled; patterns only "
              f"TP {int((pattern & (y == 1)).sum())} FP {int((pattern & (y == 0)).sum())}")
        for name, s in scores.items():
            t = thresholds.get(name)
            if t is None:
                continue
            flags = pattern | (speaks & (s >= t))
            print(f"  {name:22} t={t:.2f} rule TP {int((flags & (y == 1)).sum()):4} "
                  f"FP {int((flags & (y == 0)).sum()):3} FN {int((~flags & (y == 1)).sum()):3}")


# Validation thresholds from compare.py (precision >= 0.95 on the seeded split).
THRESHOLDS = {"emb C=1": 0.98, "emb C=16": 0.98, "ngram+emb w=1": 0.94, "ngram+emb w=3": 0.94}

if __name__ == "__main__":
    main()
