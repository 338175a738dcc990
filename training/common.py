"""What every training script shares: reading mirrored data, features, fitting, thresholds.

Data is read from read-only mirrors of public repositories (``/work/.mirror/<owner>+<name>``,
or ``$SOCIALPOLICY_MIRROR``) at a fixed commit, so nothing fetched is ever committed.
Features come from ``socialpolicy.classifiers.features``, the module the linter itself
uses at run time, and posts are scored sentence by sentence as the ``classifier`` kind
does, so the figures here are the figures of the shipped rule. scikit-learn is needed
only here (``pip install scikit-learn``), never when the linter runs.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from socialpolicy.classifiers import save
from socialpolicy.classifiers.features import FeatureConfig, featurize
from socialpolicy.kinds.classifier import _sentences
from socialpolicy.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
MIRROR = Path(os.environ.get("SOCIALPOLICY_MIRROR", "/work/.mirror"))
# Our own corpora that may be trained on (paths in this repository); heldout, fresh and
# blind are evaluation sets. They are read at a commit named by each training script, as
# every mirrored source is, so development cases added later never change a rebuild.
TRAINABLE = ("tests/corpus/dev.yaml", "tests/corpus/personal.yaml")
SEED = 20261206


class MissingData(Exception):
    """A mirrored repository or file, or a commit of this repository, is not on this machine."""


def own_bytes(commit: str, path: str) -> bytes:
    """One file of THIS repository as it was at ``commit`` (``git show commit:path``)."""
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"],
                              capture_output=True, check=False)
    except FileNotFoundError as error:
        raise MissingData(f"git is needed to read {path} as it was at commit {commit}, "
                          "and it is not installed") from error
    if done.returncode != 0:
        known = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"],
                               capture_output=True, check=False).returncode == 0
        if not known:
            raise MissingData(
                f"{path} @ {commit} cannot be read: commit {commit} is not in this clone "
                f"({ROOT}). Training reads our corpora as they were at a pinned commit; "
                "work in a full clone (in a shallow one: git fetch --unshallow)")
        raise MissingData(f"{path} @ {commit} cannot be read: "
                          f"{done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def own_yaml(commit: str, path: str) -> Any:
    """A YAML file of this repository at ``commit``."""
    return yaml.safe_load(own_bytes(commit, path).decode("utf-8"))


def own_source(commit: str, files: Sequence[str] = TRAINABLE) -> str:
    """How a model card names our corpora: ``tests/corpus/dev.yaml, personal.yaml @ COMMIT``."""
    first, *rest = files
    return ", ".join([first, *(Path(f).name for f in rest)]) + f" @ {commit}"


def git_dir(repo: str) -> Path:
    """The mirror's git directory: ``repo`` itself (a bare copy) or, for a snapshot
    fetched with a work-tree layout, ``repo/.git``."""
    where = MIRROR / repo.replace("/", "+") / "repo"
    return where / ".git" if (where / ".git").is_dir() else where


def git_bytes(repo: str, commit: str, path: str) -> bytes:
    """One file of a mirrored repository at ``commit``, as stored."""
    where = git_dir(repo)
    if not where.is_dir():
        raise MissingData(f"{repo} is not mirrored at {where}")
    done = subprocess.run(["git", "--git-dir", str(where), "show", f"{commit}:{path}"],
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise MissingData(f"{repo}@{commit}:{path}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def git_show(repo: str, commit: str, path: str) -> str:
    """One text file of a mirrored repository at ``commit``."""
    return git_bytes(repo, commit, path).decode("utf-8", errors="replace")


def git_blobs(repo: str, commit: str, paths: Sequence[str]) -> dict[str, str]:
    """Many small files at once (``git cat-file --batch``), for sets stored one file per text."""
    where = git_dir(repo)
    request = "".join(f"{commit}:{p}\n" for p in paths).encode()
    done = subprocess.run(["git", "--git-dir", str(where), "cat-file", "--batch"],
                          input=request, capture_output=True, check=True)
    out: dict[str, str] = {}
    data = done.stdout
    at = 0
    for path in paths:
        header_end = data.index(b"\n", at)
        header = data[at:header_end].split()
        if header[-1] == b"missing":
            at = header_end + 1
            continue
        size = int(header[2])
        out[path] = data[header_end + 1:header_end + 1 + size].decode("utf-8", errors="replace")
        at = header_end + 1 + size + 1
    return out


def corpus_cases(commit: str, files: Iterable[str] = TRAINABLE) -> list[dict[str, Any]]:
    """The cases of our trainable corpora as they were at ``commit``."""
    cases: list[dict[str, Any]] = []
    for path in files:
        cases += own_yaml(commit, path)["cases"]
    return cases


def arguments(c: float = 4.0) -> Any:
    """A training script's command line: ``[--out DIR] [--limit N]`` (``--limit`` trains
    on the first N texts of each source, as the smoke test does)."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--c", type=float, default=c, help="inverse regularisation strength")
    return parser.parse_args()


def own_corpus(label: str, commit: str, field: str = "text") -> list[tuple[str, int]]:
    """Our trainable corpus at ``commit`` as (text, 1 if labelled ``label``): the post's
    text, or with ``field="reply_to"`` the message it answers."""
    out = []
    for case in corpus_cases(commit):
        text = case.get("text") if field == "text" else (case.get("reply_to") or {}).get("text")
        if text:
            out.append((text, int(label in (case.get("labels") or []))))
    return out


def prepare(text: str) -> str:
    """The text a detector sees: folded as the linter folds every post."""
    return fold(text).text


def matrix(texts: Sequence[str], config: FeatureConfig) -> Any:
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for text in texts:
        vector = featurize(prepare(text), config)
        indices.append(vector.indices)
        values.append(vector.values)
        indptr.append(indptr[-1] + len(vector.indices))
    return csr_matrix((np.concatenate(values), np.concatenate(indices), np.array(indptr)),
                      shape=(len(texts), config.dim), dtype=np.float32)


def log_count_ratio(x: Any, y: Sequence[int], alpha: float = 1.0) -> np.ndarray:
    """Each feature's smoothed log ratio of how often it occurs in positive and in negative
    texts (Wang and Manning 2012, "NBSVM"): the per-feature scale of ``fit(..., nb=True)``."""
    labels = np.asarray(y)
    present = (x > 0).astype(np.float32)
    pos = alpha + np.asarray(present[labels == 1].sum(0)).ravel()
    neg = alpha + np.asarray(present[labels == 0].sum(0)).ravel()
    ratio: np.ndarray = np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)
    return ratio


# OpenBLAS splits a long dot product between its threads and adds the parts, so the number
# of threads changes a fit's last bits as the kernels do (training/__init__.py): every fit
# runs on this many, the number the shipped models were fitted with (a 2-core machine).
BLAS_THREADS = 2


def blas_kernels() -> dict[str, str]:
    """Which kernels each loaded OpenBLAS that a fit may call runs (library file name ->
    OpenBLAS's name for them, e.g. ``Haswell``), as threadpoolctl (a scikit-learn
    dependency) reports them. The copy inside numpy's wheel is left out: liblinear calls
    SciPy's, and numpy's only scores texts for the card's figures (numpy is loaded before
    ``training`` in most scripts, so its kernels are the machine's own)."""
    from threadpoolctl import threadpool_info

    out: dict[str, str] = {}
    for info in threadpool_info():
        where = Path(str(info.get("filepath", "")))
        if info.get("internal_api") == "openblas" and not where.parent.name.startswith("numpy"):
            out[where.name] = str(info.get("architecture"))
    return out


_WARNED: list[str] = []


def warn_unpinned_blas() -> None:
    """Say once, on stderr, when a loaded OpenBLAS runs other kernels than the pinned
    ones (see ``training/__init__.py``): the weights may then differ in their last bits
    from the shipped files, and ``training/verify.py`` will report a drift."""
    from training import PINNED_CORETYPE

    other = {name: arch for name, arch in blas_kernels().items() if arch != PINNED_CORETYPE}
    if other and not _WARNED:
        _WARNED.append("yes")
        print(f"warning: OpenBLAS runs {', '.join(sorted(set(other.values())))} kernels here, not "
              f"{PINNED_CORETYPE} (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')}); "
              "the weights may differ in their last bits from the shipped files", file=sys.stderr)


def fit(x: Any, y: Sequence[int], c: float = 4.0, nb: bool = False) -> tuple[np.ndarray, float]:
    """Logistic regression; with ``nb`` on features scaled by their log-count ratio first.
    The scale folds into the weights (w * r), so the shipped model stays one weight per slot.
    liblinear's dot products run on OpenBLAS, pinned to one set of kernels by importing
    ``training`` (a warning says when they are not) and to ``BLAS_THREADS`` threads here:
    the shipped files rebuild byte for byte only so."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    warn_unpinned_blas()
    scale = log_count_ratio(x, y) if nb else None
    if scale is not None:
        x = x.multiply(scale).tocsr()
    model = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=200,
                               random_state=SEED)
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        model.fit(x, np.asarray(y))
    coef = model.coef_[0].astype(np.float32)
    return (coef * scale if scale is not None else coef), float(model.intercept_[0])


def score_posts(coef: np.ndarray, intercept: float, texts: Sequence[str], config: FeatureConfig,
                unit: str = "sentence") -> np.ndarray:
    """Each text's score as the rule kind computes it (best sentence, or the whole post)."""
    out = np.zeros(len(texts))
    for i, text in enumerate(texts):
        folded = prepare(text)
        if unit == "post":
            vectors = [featurize(folded, config)]
        else:
            vectors = [v for _, _, v in _sentences(folded, config)] or [featurize(folded, config)]
        z = max(float(np.dot(coef[v.indices], v.values)) for v in vectors) + intercept
        out[i] = 1.0 / (1.0 + np.exp(-z))
    return out


def choose_threshold(scores: np.ndarray, y: Sequence[int], min_precision: float,
                     floor: float = 0.5) -> float:
    """The lowest threshold (most recall) whose precision on validation is at least the target."""
    labels = np.asarray(y)
    best = 0.99
    for threshold in np.arange(0.99, floor - 1e-9, -0.01):
        flagged = scores >= threshold
        if flagged.sum() == 0:
            continue
        precision = labels[flagged].mean()
        if precision >= min_precision:
            best = float(threshold)
    return round(best, 2)


def figures(scores: np.ndarray, y: Sequence[int], threshold: float) -> dict[str, Any]:
    labels = np.asarray(y)
    flagged = scores >= threshold
    tp = int((flagged & (labels == 1)).sum())
    fp = int((flagged & (labels == 0)).sum())
    fn = int((~flagged & (labels == 1)).sum())
    return {"n": int(len(labels)), "positives": int(labels.sum()),
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "flag_rate": round(float(flagged.mean()), 4) if len(labels) else None}


def split(items: list[Any], fraction: float) -> tuple[list[Any], list[Any]]:
    """A fixed, seeded shuffle split: (larger part, ``fraction`` part)."""
    items = list(items)
    random.Random(SEED).shuffle(items)
    cut = int(len(items) * (1 - fraction))
    return items[:cut], items[cut:]


# UCI "Health News in Twitter": the feeds we may use (the BBC Health and Guardian
# Healthcare feeds and @CDCgov are excluded everywhere and never read).
HEALTH_NEWS = ("nandinielan/CS4375-Assignment3", "32dfaf349aa4d98a53e767f3e973251b94f97ec7")
HEALTH_TRAIN_FEEDS = ("everydayhealth", "foxnewshealth", "goodhealth", "latimeshealth",
                      "msnhealthnews", "NBChealth", "nytimeshealth", "wsjhealth", "cnnhealth")
HEALTH_HELDOUT_FEEDS = ("KaiserHealthNews", "nprhealth", "reuters_health", "usnewshealth", "cbchealth")


def health_news(feeds: Sequence[str], per_feed: int | None = None) -> list[str]:
    repo, commit = HEALTH_NEWS
    out: list[str] = []
    for feed in feeds:
        lines = git_show(repo, commit, f"Health-Tweets/{feed}.txt").splitlines()
        texts = []
        for line in lines:
            parts = line.split("|", 2)
            if len(parts) == 3 and parts[2].strip():
                texts.append(parts[2].strip())
        if per_feed is not None:
            texts = split(texts, 0.0)[0][:per_feed]
        out += texts
    return out


def write_model(name: str, coef: np.ndarray, intercept: float, config: FeatureConfig,
                threshold: float, directory: Path | None = None, **card: Any) -> Path:
    return save(directory or ROOT / "socialpolicy" / "classifiers", name, coef, intercept,
                config, threshold, **card)


@dataclass(frozen=True)
class Fitted:
    """A model fitted on a seeded split of its sources, with its validation figures."""

    coef: np.ndarray
    intercept: float
    threshold: float
    counts: dict[str, dict[str, int]]
    validation_scores: np.ndarray
    validation_labels: list[int]
    figures: dict[str, Any]

    def heldout(self, texts: Sequence[str], labels: Sequence[int], config: FeatureConfig,
                unit: str) -> dict[str, Any]:
        """Figures on a held-out set, at the validation threshold."""
        return figures(score_posts(self.coef, self.intercept, texts, config, unit), labels,
                       self.threshold)

    def news_flag_rate(self, config: FeatureConfig, unit: str) -> Any:
        """How often the held-out health-news feeds (all ordinary posts) are flagged."""
        news = health_news(HEALTH_HELDOUT_FEEDS)
        return self.heldout(news, [0] * len(news), config, unit)["flag_rate"]


def fit_sources(sources: Mapping[str, list[tuple[str, int]]], config: FeatureConfig, unit: str,
                min_precision: float, own: Sequence[str] = ("own_corpus",), c: float = 4.0,
                nb: bool = False, own_weight: int = 5) -> Fitted:
    """Count the sources, split them (seeded, 20 % validation), fit, and choose the lowest
    threshold whose validation precision reaches ``min_precision``. The ``own`` sources
    (our posts, text written for the model) count ``own_weight`` times in training."""
    counts = {k: {"positive": sum(y for _, y in v), "negative": sum(1 - y for _, y in v)}
              for k, v in sources.items()}
    print("counts", counts)
    data = [item for items in sources.values() for item in items]
    train, valid = split(data, 0.2)
    # Our own posts are the closest to what the rule will see: each counts several times.
    ours = {item for name in own for item in sources[name]}
    train += [item for item in train if item in ours] * (own_weight - 1)
    coef, intercept = fit(matrix([t for t, _ in train], config), [y for _, y in train], c, nb)
    scores = score_posts(coef, intercept, [t for t, _ in valid], config, unit)
    labels = [y for _, y in valid]
    threshold = choose_threshold(scores, labels, min_precision)
    figs: dict[str, Any] = {"validation": figures(scores, labels, threshold)}
    print("validation", figs["validation"], "threshold", threshold)
    return Fitted(coef, intercept, threshold, counts, scores, labels, figs)


def threshold_rule(min_precision: float) -> str:
    """How the threshold was chosen, in the model card's words."""
    return (f"lowest score with precision >= {min_precision} on a seeded 20% "
            "validation split of the training sources")


def write_fitted(name: str, model: Fitted, config: FeatureConfig, min_precision: float,
                 directory: Path | None, **card: Any) -> Path:
    """Save a fitted model with its card (counts, figures, threshold rule and ``card``)."""
    return write_model(name, model.coef, model.intercept, config, model.threshold, directory,
                       threshold_rule=threshold_rule(min_precision), counts=model.counts,
                       figures=model.figures, **card)

