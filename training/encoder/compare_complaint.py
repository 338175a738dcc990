"""compare.py for complaint-whistleblowing's whole-post model (recipe 5 data and split).

    nice -n 10 /work/venv-enc/bin/python training/encoder/compare_complaint.py --embedding DIR
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import numpy as np  # noqa: E402

from training.common import SEED, choose_threshold, matrix, split  # noqa: E402
from training.encoder.compare import ap, embed, evaluation_sets, pr, recall_at_precision, rule_masks  # noqa: E402

RULE = "complaint-whistleblowing"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedding", type=Path, required=True)
    args = parser.parse_args()
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    from benchmarks import real
    from socialpolicy.classifiers import card_path, load
    from socialpolicy.classifiers.features import FeatureConfig
    from training.common import (
        log_count_ratio,
        score_posts,
    )
    from training.complaint import train as ct
    from training.encoder.static import load_embedding

    emb = load_embedding(args.embedding / "embedding.npy", args.embedding / "tokenizer.json")
    tag = args.embedding.name
    config = FeatureConfig()
    train_rows = ct.blind_rows(tuple(f for f in ct.BLIND_FILES if f not in ct.VALIDATION_EMPLOYERS))
    valid_rows = ct.blind_rows(ct.VALIDATION_EMPLOYERS)
    sources = ct.whole_post_sources(ct.RECIPES["5"], train_rows)
    valid = ct.complaints_and_praise(valid_rows)
    others = [item for name, items in sources.items() if name not in ct.REVIEW_SOURCES for item in items]
    train_others, _ = split(others, 0.2)
    train = sources["blind_reviews"] + sources["indeed_reviews"] * 3 + train_others
    ours = set(sources["own_corpus"])
    train += [item for item in train if item in ours] * 4
    tx, ty = [t for t, _ in train], np.array([y for _, y in train])
    vx, vy = [t for t, _ in valid], np.array([y for _, y in valid])
    print("train", len(tx), "valid", len(vx), flush=True)
    et = embed(emb, f"{tag}-cmp-train-{len(tx)}", tx)
    ev = embed(emb, f"{tag}-cmp-valid-{len(vx)}", vx)
    shipped = load(card_path("complaint"))

    def ngram_scores(texts: list[str]) -> np.ndarray:
        return score_posts(shipped.coef.astype(np.float32), shipped.intercept, texts, config, "post")

    cached = Path(f"/tmp/enc/heads-cmp-{tag}.pkl")
    if cached.exists():
        heads, scale = pickle.loads(cached.read_bytes())
    else:
        heads = {}
        for c in (1.0, 16.0):
            m = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED)
            m.fit(et, ty)
            heads[f"emb C={c:g}"] = ("emb", m)
        xt = matrix(tx, config)
        scale = log_count_ratio(xt, ty)
        xt = xt.multiply(scale).tocsr()
        m = LogisticRegression(C=4.0, solver="liblinear", class_weight="balanced", max_iter=200,
                               random_state=SEED)
        m.fit(hstack([xt, csr_matrix(et)]).tocsr(), ty)
        heads["ngram+emb"] = ("both", m, 1.0)
        cached.write_bytes(pickle.dumps((heads, scale)))
    print("fitted", list(heads), flush=True)

    def head_scores(head: Any, texts: list[str], e: np.ndarray) -> np.ndarray:
        if head[0] == "emb":
            return head[1].predict_proba(e)[:, 1]
        x = matrix(texts, config).multiply(scale).tocsr()
        return head[1].predict_proba(hstack([x, csr_matrix(e * head[2])]).tocsr())[:, 1]

    # Thresholds: the shipped rule uses 0.73 (chosen on our corpora, validation gave 0.50);
    # each new head gets the validation rule (P >= 0.90 on the validation employers' complaints
    # vs praise) and, for a like-for-like reading, the threshold at which it flags as many
    # validation texts as the shipped model does at 0.73.
    vs = {"shipped n-gram": ngram_scores(vx)}
    thresholds = {"shipped n-gram": 0.73}
    for name, head in heads.items():
        vs[name] = head_scores(head, vx, ev)
        thresholds[name] = choose_threshold(vs[name], vy, 0.90)
        rate = float((vs["shipped n-gram"] >= 0.73).mean())
        thresholds[name + " (same rate)"] = round(float(np.quantile(vs[name], 1 - rate)), 3)
        vs[name + " (same rate)"] = vs[name]
    for name, s in vs.items():
        p, r = pr(s >= thresholds[name], vy)
        print("validation", name, {"t": thresholds[name], "ap": round(ap(s, vy), 4), "p": round(p, 3),
                                    "r": round(r, 3)}, flush=True)
    for label, texts, y in evaluation_sets(real.HELDOUT[RULE][:-1], news_label="health news"):
        e = embed(emb, f"{tag}-cset-{zlib.crc32(label.encode())}-{len(texts)}", texts)
        pattern, speaks = rule_masks(RULE, texts, model="complaint")
        row: dict[str, Any] = {"n": len(texts), "pos": int(y.sum())}
        pp, prr = pr(pattern, y)
        row["patterns only"] = {"p": round(pp, 3), "r": round(prr, 3), "flags": int(pattern.sum())}
        scores = {"shipped n-gram": ngram_scores(texts)}
        for name, head in heads.items():
            scores[name] = scores[name + " (same rate)"] = head_scores(head, texts, e)
        for name, s in scores.items():
            t = thresholds[name]
            flags = pattern | (speaks & (s >= t))
            mp, mr = pr(s >= t, y)
            wp, wr = pr(flags, y)
            entry = {"threshold": t, "model_ap": round(ap(s, y), 4) if y.sum() else None,
                     "model_p": round(mp, 3), "model_r": round(mr, 3), "rule_p": round(wp, 3),
                     "rule_r": round(wr, 3), "rule_flags": int(flags.sum())}
            if y.sum() and name != "shipped n-gram":
                target = row["shipped n-gram"]["rule_p"]
                rr, _, rt = recall_at_precision(lambda th, s=s, pattern=pattern, speaks=speaks: pattern | (speaks & (s >= th)), y, target)
                entry["rule_r@shipped_p"] = [round(rr, 3), round(rt, 2)]
            row[name] = entry
        print(json.dumps({label[:50]: row}, indent=1), flush=True)


if __name__ == "__main__":
    main()
