"""The named-person-consent re-scorer's recipe (issue 11, session 12): how candidates are
labelled, the two model families tried (a logistic regression, a small gradient-boosted
tree set), and how a threshold is chosen. Nothing is shipped (see DATA.md: it did not
beat the hand rules on the honest splits); ``experiment.py`` and ``timesplit.py`` use it."""

from __future__ import annotations

from typing import Any

import numpy as np
from features import FEATURES

SEED = 0
# "hand": in a positive case, the candidates the hand rules report are the person;
# "all": every candidate of a positive case is (noisier, but not the hand rules' call).
LABELLING = __import__("os").environ.get("RESCORE_LABELLING", "hand")


def labelled(rows: list[dict], keep: list[int], kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Candidates with a label: every candidate of a clean case is not a private person;
    in a case labelled positive, those the hand rules report are (the case's precision is
    0.99 on these files); where they report none, the candidate the evidence likes best
    (a first pass without them) is taken as the person."""
    xs, ys = [], []
    unknown = []
    for r in rows:
        cands = r["candidates"]
        if not r["label"]:
            for c in cands:
                xs.append([c["features"][FEATURES[i]] for i in keep])
                ys.append(0)
        elif LABELLING == "all":
            for c in cands:
                xs.append([c["features"][FEATURES[i]] for i in keep])
                ys.append(1)
        elif any(c["features"]["hand"] for c in cands):
            for c in cands:
                if c["features"]["hand"]:
                    xs.append([c["features"][FEATURES[i]] for i in keep])
                    ys.append(1)
        elif cands and not r["extra"]:
            unknown.append(cands)
    x, y = np.array(xs), np.array(ys)
    if unknown:
        model = fit((x, y), keep, kind)
        for cands in unknown:
            vs = np.array([[c["features"][FEATURES[i]] for i in keep] for c in cands])
            best = int(np.argmax(proba(model, vs, kind)))
            xs.append(list(vs[best]))
            ys.append(1)
    return np.array(xs), np.array(ys)


def fit(data: tuple[np.ndarray, np.ndarray], keep: list[int], kind: str) -> Any:
    x, y = data
    if kind == "lr":
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=1.0, max_iter=2000, random_state=SEED).fit(x, y)
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(n_estimators=60, max_depth=3, learning_rate=0.1,
                                      random_state=SEED).fit(x, y)


def proba(model: Any, x: np.ndarray, kind: str) -> np.ndarray:
    return model.predict_proba(x)[:, 1]


def predict_cases(rows: list[dict], model: Any, keep: list[int], kind: str) -> list[float]:
    out = []
    for r in rows:
        if not r["candidates"]:
            out.append(0.0)
            continue
        x = np.array([[c["features"][FEATURES[i]] for i in keep] for c in r["candidates"]])
        out.append(float(proba(model, x, kind).max()))
    return out


GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def choose_threshold(rows: list[dict], keep: list[int], kind: str) -> tuple[float, float, float]:
    """The threshold by leave-one-file-out over ``rows``' files: the one with the best
    pooled precision among those whose pooled recall is at least 0.95 (the lowest such
    where precision ties), with that precision and recall."""
    files = sorted({r["file"] for r in rows})
    scored: list[tuple[dict, float]] = []
    for held in files:
        model = fit(labelled([r for r in rows if r["file"] != held], keep, kind), keep, kind)
        part = [r for r in rows if r["file"] == held]
        scored.extend(zip(part, predict_cases(part, model, keep, kind), strict=True))
    best = (GRID[0], -1.0, 0.0)
    for t in GRID:
        tp = sum(1 for r, s in scored if r["label"] and (s >= t or r["extra"]))
        fp = sum(1 for r, s in scored if not r["label"] and (s >= t or r["extra"]))
        pos = sum(1 for r, _ in scored if r["label"])
        p, rc = tp / max(1, tp + fp), tp / max(1, pos)
        if rc >= 0.95 and p > best[1]:
            best = (t, p, rc)
    return best
