"""Compare heads on the distilled static embedding with the shipped n-gram models, on
the held-out real sets of ``benchmarks/real.py``, model alone and inside the whole rule.

    nice -n 10 /work/venv-enc/bin/python training/encoder/compare.py --embedding DIR [--rule offensive-content]

The whole rule is measured exactly: the linter runs once per set with the rule's model
forced to fire, which says for every post whether any pattern fired and whether the
model's own ``when``/``unless`` let it speak; the rule with a model at threshold t then
flags a post when a pattern fired, or the model may speak and scores at least t.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import numpy as np  # noqa: E402

from training.common import SEED, choose_threshold, matrix, prepare, split  # noqa: E402

CACHE = Path("/tmp/enc/cache")


def embed(emb: Any, name: str, texts: list[str]) -> np.ndarray:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.npy"
    if path.exists():
        cached = np.load(path)
        if len(cached) == len(texts):
            return cached
    out = emb.embed_many([prepare(t) for t in texts])
    np.save(path, out)
    return out


def ap(scores: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score
    return float(average_precision_score(y, scores))


def pr(flags: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    tp = int((flags & (y == 1)).sum())
    fp = int((flags & (y == 0)).sum())
    return (tp / (tp + fp) if tp + fp else float("nan"), tp / max(1, int(y.sum())))


def recall_at_precision(flags_for: Any, y: np.ndarray, target: float) -> tuple[float, float, float]:
    """Best recall over thresholds whose precision >= target (a diagnostic: swept on the set)."""
    best = (0.0, float("nan"), 1.0)
    for t in np.arange(0.99, 0.0, -0.01):
        p, r = pr(flags_for(t), y)
        if p == p and p >= target and r > best[0]:
            best = (r, p, float(t))
    return best


def rule_masks(rule: str, texts: list[str], replies: list[str | None] | None = None,
               model: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(a pattern fired, the rule fires when its model scores 1) for each post, from the real
    linter run twice: every model (or only ``model``, the others scoring as shipped) scoring 0,
    then 1 (a rule reports one finding per post, so the model's finding can hide a pattern's:
    hence two runs)."""
    from benchmarks.quality import default_linter
    from socialpolicy.classifiers import LinearModel
    from socialpolicy.inputs.draft import read_draft
    from socialpolicy.kinds.classifier import ClassifierDetector

    posts = []
    for i, (t, rt) in enumerate(zip(texts, replies or [None] * len(texts), strict=True)):
        meta: dict[str, Any] = {"id": f"r{i}"}
        if rt is not None:
            meta["reply_to"] = {"author": "@someone", "text": rt}
        posts.append(read_draft(t, f"real#{i}", meta))
    original = LinearModel.score
    # A second stage (classifier second_stage:) is not consulted: the forced score decides.
    confirm = ClassifierDetector.confirm
    masks = []
    try:
        ClassifierDetector.confirm = lambda self, ctx, hits: hits  # type: ignore[method-assign]
        for forced in (0.0, 1.0):
            def score(self: Any, vector: Any, forced: float = forced) -> float:
                return forced if model in (None, self.card.name) else original(self, vector)
            LinearModel.score = score  # type: ignore[method-assign]
            linter = default_linter([rule])
            mask = np.zeros(len(texts), dtype=bool)
            for f in linter.check_posts(posts).findings:
                if f.rule == rule:
                    mask[int(f.file.split("#", 1)[1])] = True
            masks.append(mask)
    finally:
        LinearModel.score = original  # type: ignore[method-assign]
        ClassifierDetector.confirm = confirm  # type: ignore[method-assign]
    return masks[0], masks[1]


MODEL_MESSAGES = {
    "offensive-content": ("This post reads as abusive, hateful or threatening.",),
    "complaint-whistleblowing": ("This post reads like a worker's complaint",
                                 "This post reads like an employee's list of complaints"),
    "professional-conduct": ("This post reads like party politics",),
}


def offensive_sources() -> dict[str, list[tuple[str, int]]]:
    from training.common import HEALTH_TRAIN_FEEDS, health_news, own_corpus
    from training.offensive import train as off

    return {
        "toxic_spans": off.toxic_spans(None),
        "stormfront": off.stormfront(None),
        "health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, 1500)],
        "consultations": off.conversational(None),
        "own_corpus": own_corpus(off.RULE, off.CORPUS_COMMIT),
        "toxigen": off.toxigen(None),
        "hatemoji": off.hatemoji(None),
        "mlma": off.mlma(None),
        "banter": off.banter(None),
        "convabuse": off.convabuse(None),
    }


def heldout_sets(rule: str) -> list[tuple[str, Any]]:
    from benchmarks import real
    return [(label, load) for label, load in real.HELDOUT[rule]]


NEWS_LABEL = "health news (2,000 held-out posts)"


def evaluation_sets(sets: Sequence[tuple[str, Any]],
                    news_label: str = NEWS_LABEL) -> Iterator[tuple[str, list[str], np.ndarray]]:
    """Each held-out set's texts and labels (``benchmarks/real.py``'s loaders), then 2,000
    held-out health-news posts, all ordinary: what every comparison here is measured on."""
    from training.common import HEALTH_HELDOUT_FEEDS, health_news

    for label, loader in sets:
        items = loader()
        yield label, [i.text for i in items], np.array([int(i.gold) for i in items])
    news = split(health_news(HEALTH_HELDOUT_FEEDS), 0.0)[0][:2000]
    yield news_label, news, np.zeros(len(news), dtype=int)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedding", type=Path, required=True)
    parser.add_argument("--rule", default="offensive-content")
    parser.add_argument("--cs", default="1,16")
    parser.add_argument("--out", type=Path, default=Path("/tmp/enc/compare.json"))
    parser.add_argument("--quick", action="store_true",
                        help="embedding heads alone, model figures only (no n-gram fit, no linter)")
    args = parser.parse_args()
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    from socialpolicy.classifiers import card_path, load
    from training.common import log_count_ratio, score_posts
    from training.encoder.static import load_embedding

    emb = load_embedding(args.embedding / "embedding.npy", args.embedding / "tokenizer.json")
    tag = args.embedding.name
    assert args.rule == "offensive-content"
    sources = offensive_sources()
    own = {item for name in ("own_corpus", "banter") for item in sources[name]}
    data = [item for items in sources.values() for item in items]
    train, valid = split(data, 0.2)
    train += [item for item in train if item in own] * 4
    tx, ty = [t for t, _ in train], np.array([y for _, y in train])
    vx, vy = [t for t, _ in valid], np.array([y for _, y in valid])
    print("train", len(tx), "valid", len(vx), flush=True)
    start = time.process_time()
    et = embed(emb, f"{tag}-off-train", tx)
    print(f"embedded train: {(time.process_time() - start) * 1000 / len(tx):.3f} ms/text cpu", flush=True)
    ev = embed(emb, f"{tag}-off-valid", vx)

    shipped = load(card_path("offensive"))
    from socialpolicy.classifiers.features import FeatureConfig
    config = FeatureConfig()

    def ngram_scores(texts: list[str]) -> np.ndarray:
        return score_posts(shipped.coef.astype(np.float32), shipped.intercept, texts, config, "post")

    import pickle
    cached = Path(f"/tmp/enc/heads-{tag}.pkl")
    heads: dict[str, Any] = {}
    if cached.exists():
        heads, scale = pickle.loads(cached.read_bytes())
    fresh = not heads
    for c in [] if not fresh else [float(c) for c in args.cs.split(",")]:
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED)
        model.fit(et, ty)
        heads[f"emb C={c:g}"] = ("emb", model)
    # Combined: n-gram features (NB-scaled, as shipped) and the embedding side by side in one
    # linear model, so both are one dot product at run time.
    if fresh and not args.quick:
        xt = matrix(tx, config)
        scale = log_count_ratio(xt, ty)
        xt = xt.multiply(scale).tocsr()
    for weight in (1.0, 3.0) if fresh and not args.quick else []:
        model = LogisticRegression(C=8.0, solver="liblinear", class_weight="balanced", max_iter=200,
                                   random_state=SEED)
        model.fit(hstack([xt, csr_matrix(et * weight)]).tocsr(), ty)
        heads[f"ngram+emb w={weight:g}"] = ("both", model, weight)
    if args.quick:
        scale = None
    else:
        cached.write_bytes(pickle.dumps((heads, scale)))
    print("fitted", list(heads), flush=True)

    for name in [n for n in heads if n.startswith("emb C=16")]:
        heads["avg(n-gram, " + name + ")"] = ("avg", heads[name][1])
    xv = None if args.quick else matrix(vx, config).multiply(scale).tocsr()

    def head_scores(head: Any, texts: list[str], e: np.ndarray, x: Any = None) -> np.ndarray:
        if head[0] == "emb":
            return head[1].predict_proba(e)[:, 1]
        if head[0] == "avg":
            z = head[1].decision_function(e) + np.log(np.clip(ngram_scores(texts), 1e-9, 1 - 1e-9)) \
                - np.log(np.clip(1 - ngram_scores(texts), 1e-9, 1))
            return 1 / (1 + np.exp(-z / 2))
        if x is None:
            x = matrix(texts, config).multiply(scale).tocsr()
        return head[1].predict_proba(hstack([x, csr_matrix(e * head[2])]).tocsr())[:, 1]

    results: dict[str, Any] = {"validation": {}, "sets": {}}
    thresholds = {"shipped n-gram": shipped.card.threshold}
    vs = {"shipped n-gram": ngram_scores(vx)}
    for name, head in heads.items():
        vs[name] = head_scores(head, vx, ev, xv)
        thresholds[name] = choose_threshold(vs[name], vy, 0.95)
    for name, s in vs.items():
        p, r = pr(s >= thresholds[name], vy)
        results["validation"][name] = {"threshold": thresholds[name], "ap": round(ap(s, vy), 4),
                                       "p": round(p, 3), "r": round(r, 3)}
        print("validation", name, results["validation"][name], flush=True)

    for label, texts, y in evaluation_sets(heldout_sets(args.rule)):
        key = label.split(" (")[0][:40]
        e = embed(emb, f"{tag}-set-{zlib.crc32(label.encode())}-{len(texts)}", texts)
        if args.quick:
            pattern = speaks = np.zeros(len(texts), dtype=bool)
        else:
            pattern, speaks = rule_masks(args.rule, texts, [None] * len(texts))
        row: dict[str, Any] = {"n": len(texts), "pos": int(y.sum())}
        pp, prr = pr(pattern, y)
        row["patterns only"] = {"p": round(pp, 3), "r": round(prr, 3), "flags": int(pattern.sum())}
        allscores = {"shipped n-gram": ngram_scores(texts)}
        for name, head in heads.items():
            allscores[name] = head_scores(head, texts, e)
        for name, s in allscores.items():
            t = thresholds[name]
            mp, mr = pr(s >= t, y)
            wp, wr = pr(pattern | (speaks & (s >= t)), y)
            entry = {"threshold": t, "model_ap": round(ap(s, y), 4) if y.sum() else None,
                     "model_p": round(mp, 3), "model_r": round(mr, 3),
                     "rule_p": round(wp, 3), "rule_r": round(wr, 3),
                     "rule_flags": int((pattern | (speaks & (s >= t))).sum())}
            if y.sum():
                target = row.get("shipped n-gram", {}).get("rule_p", 0.95)
                rr, rp, rt = recall_at_precision(lambda th, s=s, pattern=pattern, speaks=speaks: pattern | (speaks & (s >= th)), y, target)
                entry["rule_r@shipped_p"] = [round(rr, 3), round(rt, 2)]
            row[name] = entry
        results["sets"][key] = row
        print(json.dumps({key: row}, indent=1), flush=True)
    args.out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
