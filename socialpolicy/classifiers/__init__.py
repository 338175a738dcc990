"""Learned models shipped with the package: a JSON card and a ``.npz`` of weights each.

A model is a linear classifier over ``features.featurize``: one weight per hashed
n-gram slot and an intercept, so scoring a sentence is a dot product in numpy and no
machine-learning library is imported at run time. Each card records the model's name,
version, features, the threshold chosen on validation data, its measured figures, the
data it was trained on, and the SHA-256 of its weights file, which is checked when the
weights load. Weights load once per process, when a selected rule first needs them.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .features import FeatureConfig, Vector

SHIPPED = Path(__file__).resolve().parent


class ModelError(Exception):
    """A model card or weights file is missing, unreadable or does not match its hash."""


@dataclass(frozen=True, kw_only=True)
class ModelCard:
    """What every shipped model says about itself in its card (``<name>.json``): the
    linear models' ``Card`` and the transformers' ``TransformerCard`` add their own files."""

    name: str
    path: Path
    # The SHA-256 of the model's own file (weights or graph), checked when it loads.
    sha256: str
    # The score a rule flags at: the card's own, or the rule's (``rules show``).
    threshold: float = 0.0
    version: str = "1"
    description: str = ""
    figures: dict[str, Any] = field(default_factory=dict, compare=False)
    data: list[Any] = field(default_factory=list, compare=False)
    # How a rule uses it, when that is more than a threshold (``rules show``).
    used: str = field(default="", compare=False)


@dataclass(frozen=True, kw_only=True)
class Card(ModelCard):
    """A linear model's card: its weights file and the features it reads."""

    weights: Path
    features: FeatureConfig
    threshold: float  # every linear model's card gives its own


def shipped_names() -> list[str]:
    """The names of the models inside the package."""
    return sorted(p.stem for p in SHIPPED.glob("*.json"))


def card_path(name: str) -> Path | None:
    """The card of the shipped model ``name``, or None when there is none."""
    path = SHIPPED / f"{name}.json"
    return path if name in shipped_names() else None


def read_card_json(path: Path) -> dict[str, Any]:
    """A model card's JSON object (a linear model's or a transformer's)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"cannot read the model card {path.name}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError):
        raise ModelError(f"the model card {path.name} is not valid JSON") from None
    if not isinstance(raw, dict):
        raise ModelError(f"the model card {path.name} is not a JSON object of keys and values")
    return raw


def read_card(path: Path) -> Card:
    raw = read_card_json(path)
    try:
        return Card(
            name=str(raw["name"]),
            path=path,
            weights=path.parent / str(raw["weights"]),
            sha256=str(raw["sha256"]),
            features=FeatureConfig.from_dict(raw["features"]),
            threshold=float(raw["threshold"]),
            version=str(raw.get("version", "1")),
            description=str(raw.get("description", "")),
            figures=dict(raw.get("figures") or {}),
            data=list(raw.get("data") or []),
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ModelError(f"the model card {path.name} lacks or garbles {exc}") from None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_sha256(file: Path, expected: str, model: str, what: str = "file") -> None:
    """Raise ModelError unless ``file`` (the ``what`` of ``model``) has the SHA-256 its
    card records: a damaged or replaced file must not score anything."""
    try:
        digest = file_sha256(file)
    except OSError as exc:
        raise ModelError(f"the {what} {file.name} of model {model!r} cannot be read: "
                         f"{exc.strerror or exc}") from None
    if digest != expected:
        raise ModelError(
            f"the {what} {file.name} of model {model!r} does not match the SHA-256 in its card "
            "(damaged or replaced); reinstall socialpolicy or retrain the model")


class LinearModel:
    """A loaded model: score = logistic(weights · features + intercept)."""

    def __init__(self, card: Card, coef: npt.NDArray[np.floating[Any]], intercept: float):
        self.card = card
        self.coef = coef
        self.intercept = intercept

    def score(self, vector: Vector) -> float:
        z = float(np.dot(self.coef[vector.indices].astype(np.float32), vector.values)) + self.intercept
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


@cache
def load(card_file: Path) -> LinearModel:
    """Load (once per process) and check the model a card describes."""
    card = read_card(card_file)
    if not card.weights.is_file():
        raise ModelError(f"the weights file {card.weights.name} of model {card.name!r} is missing")
    check_sha256(card.weights, card.sha256, card.name, "weights file")
    try:
        with np.load(card.weights, allow_pickle=False) as data:
            # Kept in half precision (converting all 2^18 weights would cost more than the
            # few hundred a post gathers); score() widens just those.
            coef = np.asarray(data["coef"])
            intercept = float(data["intercept"])
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"the weights file {card.weights.name} cannot be read: {exc}") from None
    if coef.shape != (card.features.dim,):
        raise ModelError(f"the weights of model {card.name!r} do not fit its features "
                         f"({coef.shape[0] if coef.ndim else 0} weights for {card.features.dim} slots)")
    return LinearModel(card, coef, intercept)


def save(directory: Path, name: str, coef: npt.NDArray[np.float32], intercept: float,
         features: FeatureConfig, threshold: float, **extra: Any) -> Path:
    """Write ``<name>.npz`` and its card ``<name>.json`` (used by the training scripts)."""
    weights = directory / f"{name}.npz"
    # Half precision, uncompressed: half the size of float32 and read in a few milliseconds;
    # a linear model's scores change by far less than any threshold step.
    np.savez(weights, coef=coef.astype(np.float16), intercept=np.float32(intercept))
    card = {"name": name, "weights": weights.name, "sha256": file_sha256(weights),
            "features": features.to_dict(), "threshold": round(float(threshold), 4), **extra}
    path = directory / f"{name}.json"
    path.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
