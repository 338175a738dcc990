"""The named-person-consent re-scorer's recipe (issue 11, session 12): how candidates are
labelled, the model families tried (a logistic regression, a small gradient-boosted tree
set, and a logistic regression that also reads the words around the candidate), and how a
threshold is chosen. Nothing is shipped (see DATA.md: it did not beat the hand rules on the
honest splits); ``experiment.py`` and ``timesplit.py`` use it."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from features import FEATURES

SEED = 0
# "hand": in a positive case, the candidates the hand rules report are the person;
# "all": every candidate of a positive case is (noisier, but not the hand rules' call).
LABELLING = os.environ.get("RESCORE_LABELLING", "hand")


def row(c: dict, keep: list[int], kind: str) -> dict[str, float]:
    out = {FEATURES[i]: c["features"][FEATURES[i]] for i in keep}
    if kind.endswith("ctx"):
        out.update((w, 1.0) for w in c.get("context", []))
    return out


def labelled(rows: list[dict], keep: list[int], kind: str) -> tuple[list[dict], list[int]]:
    """Candidates with a label: every candidate of a clean case is not a private person;
    in a case labelled positive, those the hand rules report are (the case's precision is
    0.99 on these files); where they report none, the candidate the evidence likes best
    (a first pass without them) is taken as the person."""
    xs: list[dict] = []
    ys: list[int] = []
    unknown = []
    for r in rows:
        cands = r["candidates"]
        if not r["label"]:
            xs.extend(row(c, keep, kind) for c in cands)
            ys.extend(0 for _ in cands)
        elif LABELLING == "all":
            xs.extend(row(c, keep, kind) for c in cands)
            ys.extend(1 for _ in cands)
        elif any(c["features"]["hand"] for c in cands):
            chosen = [c for c in cands if c["features"]["hand"]]
            xs.extend(row(c, keep, kind) for c in chosen)
            ys.extend(1 for _ in chosen)
        elif cands and not r["extra"]:
            unknown.append(cands)
    if unknown:
        model = fit((xs, ys), keep, kind)
        for cands in unknown:
            vs = [row(c, keep, kind) for c in cands]
            best = int(np.argmax(model.predict_proba(vs)))
            xs.append(vs[best])
            ys.append(1)
    return xs, ys


class Model:
    def __init__(self, vectorizer: Any, classifier: Any):
        self.vectorizer, self.classifier = vectorizer, classifier

    def predict_proba(self, xs: list[dict]) -> np.ndarray:
        return self.classifier.predict_proba(self.vectorizer.transform(xs))[:, 1]


def fit(data: tuple[list[dict], list[int]], keep: list[int], kind: str) -> Model:
    from sklearn.feature_extraction import DictVectorizer

    xs, ys = data
    vectorizer = DictVectorizer(sparse=kind.endswith("ctx"))
    x = vectorizer.fit_transform(xs)
    y = np.array(ys)
    if kind.startswith("lr"):
        from sklearn.linear_model import LogisticRegression

        c = 0.3 if kind.endswith("ctx") else 1.0
        return Model(vectorizer, LogisticRegression(C=c, max_iter=2000, random_state=SEED).fit(x, y))
    from sklearn.ensemble import GradientBoostingClassifier

    return Model(vectorizer, GradientBoostingClassifier(
        n_estimators=60, max_depth=3, learning_rate=0.1, random_state=SEED).fit(x, y))


def predict_cases(rows: list[dict], model: Model, keep: list[int], kind: str) -> list[float]:
    out = []
    for r in rows:
        if not r["candidates"]:
            out.append(0.0)
            continue
        out.append(float(model.predict_proba([row(c, keep, kind) for c in r["candidates"]]).max()))
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
