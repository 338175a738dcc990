"""compare.py for professional-conduct's model (training/conduct/train.py's sources and split).

    PYTHONPATH=. nice -n 10 /work/venv-enc/bin/python training/encoder/compare_conduct.py --embedding DIR
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import numpy as np  # noqa: E402

from training.common import SEED, matrix, prepare, split  # noqa: E402
from training.encoder.compare import ap, pr, recall_at_precision, rule_masks  # noqa: E402

RULE = "professional-conduct"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedding", type=Path, required=True)
    args = parser.parse_args()
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    from socialpolicy.classifiers import card_path, load
    from socialpolicy.classifiers.features import FeatureConfig
    from training.common import HEALTH_HELDOUT_FEEDS, HEALTH_TRAIN_FEEDS, health_news, score_posts
    from training.conduct import train as cd
    from training.encoder.static import load_embedding

    emb = load_embedding(args.embedding / "embedding.npy", args.embedding / "tokenizer.json")
    config = FeatureConfig()
    sources = {"health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, 1000)],
               "employee_grievances": cd.grievances(None), "abuse": cd.abuse(None), **cd.own_slice(None)}
    train: list[tuple[str, int]] = []
    valid: list[tuple[str, int]] = []
    for name, rows in sources.items():
        part, held = split(rows, 0.2)
        train += part * (cd.OWN_WEIGHT if name.startswith("own:") else 1)
        valid += held
    tx, ty = [t for t, _ in train], np.array([y for _, y in train])
    vx, vy = [t for t, _ in valid], np.array([y for _, y in valid])
    print("train", len(tx), "valid", len(vx), flush=True)
    et, ev = emb.embed_many([prepare(t) for t in tx]), emb.embed_many([prepare(t) for t in vx])
    shipped = load(card_path("conduct"))

    def ngram(texts: list[str]) -> np.ndarray:
        return score_posts(shipped.coef.astype(np.float32), shipped.intercept, texts, config, "post")

    heads: dict[str, Any] = {}
    m = LogisticRegression(C=16.0, class_weight="balanced", max_iter=2000, random_state=SEED)
    heads["emb C=16"] = m.fit(et, ty)
    xt = matrix(tx, config)
    m2 = LogisticRegression(C=cd.C, solver="liblinear", class_weight="balanced", max_iter=200, random_state=SEED)
    heads["n-gram+emb"] = m2.fit(hstack([xt, csr_matrix(et)]).tocsr(), ty)

    def scores(name: str, texts: list[str], e: np.ndarray) -> np.ndarray:
        if name == "emb C=16":
            return heads[name].predict_proba(e)[:, 1]
        return heads[name].predict_proba(hstack([matrix(texts, config), csr_matrix(e)]).tocsr())[:, 1]

    rule_t = 0.72
    vs = {"shipped n-gram": ngram(vx)}
    th = {"shipped n-gram": rule_t}
    rate = float((vs["shipped n-gram"] >= rule_t).mean())
    for name in heads:
        vs[name] = scores(name, vx, ev)
        th[name] = round(float(np.quantile(vs[name], 1 - rate)), 3)
    for name, s in vs.items():
        p, r = pr(s >= th[name], vy)
        print("validation", name, {"t": th[name], "ap": round(ap(s, vy), 4), "p": round(p, 3), "r": round(r, 3)},
              flush=True)
    news = split(health_news(HEALTH_HELDOUT_FEEDS), 0.0)[0][:2000]
    for label, texts, y in (("airline tweets", *map(list, zip(*cd.airline_rows(), strict=True))),
                            ("health news", news, [0] * len(news))):
        y = np.array(y)
        e = emb.embed_many([prepare(t) for t in texts])
        pattern, speaks = rule_masks(RULE, texts, model="conduct")
        row: dict[str, Any] = {"n": len(texts), "pos": int(y.sum())}
        pp, prr = pr(pattern, y)
        row["patterns only"] = {"p": round(pp, 3), "r": round(prr, 3), "flags": int(pattern.sum())}
        all_scores = {"shipped n-gram": ngram(texts), **{n: scores(n, texts, e) for n in heads}}
        for name, s in all_scores.items():
            flags = pattern | (speaks & (s >= th[name]))
            mp, mr = pr(s >= th[name], y)
            wp, wr = pr(flags, y)
            entry = {"threshold": th[name], "model_ap": round(ap(s, y), 4) if y.sum() else None,
                     "model_p": round(mp, 3), "model_r": round(mr, 3), "rule_p": round(wp, 3),
                     "rule_r": round(wr, 3), "rule_flags": int(flags.sum())}
            if y.sum() and name != "shipped n-gram":
                target = row["shipped n-gram"]["rule_p"]
                rr, _, rt = recall_at_precision(
                    lambda t, s=s, pattern=pattern, speaks=speaks: pattern | (speaks & (s >= t)), y, target)
                entry["rule_r@shipped_p"] = [round(rr, 3), round(rt, 2)]
            row[name] = entry
        print(json.dumps({label: row}, indent=1), flush=True)


if __name__ == "__main__":
    main()
