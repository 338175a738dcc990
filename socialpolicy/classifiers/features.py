"""Text to a hashed bag of word and character n-grams: one featurizer for training and runs.

Training scripts (``training/*/train.py``) and the ``classifier`` rule kind both call
``featurize``, so a shipped model always sees the features it was trained on. The
n-grams are hashed with CRC-32 (stable across Python versions and processes, unlike
``hash()``) into a fixed number of slots, so a model is a plain weight vector and no
vocabulary ships with it. Character n-grams are taken from a copy of the text with
digits and symbols read as letters and long letter runs shortened ("sh1t", "stuuupid"),
which keeps disguised spellings close to the plain word.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i", "*": "u"})
_RUNS = re.compile(r"([^\W\d_])\1{2,}")


@dataclass(frozen=True)
class FeatureConfig:
    """How text becomes features; stored in each model's card."""

    dim: int = 1 << 18
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (3, 5)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeatureConfig:
        return cls(int(data["dim"]), (int(data["word_ngrams"][0]), int(data["word_ngrams"][1])),
                   (int(data["char_ngrams"][0]), int(data["char_ngrams"][1])))

    def to_dict(self) -> dict[str, Any]:
        return {"dim": self.dim, "word_ngrams": list(self.word_ngrams),
                "char_ngrams": list(self.char_ngrams), "hash": "crc32", "weighting": "binary-l2"}

    @property
    def key(self) -> str:
        """Posts featurized once per distinct configuration, shared by every model using it."""
        return f"{self.dim}:{self.word_ngrams}:{self.char_ngrams}"


@dataclass(frozen=True)
class Vector:
    """A sparse, L2-normalised feature vector: sorted slot indices and their values."""

    indices: npt.NDArray[np.int64]
    values: npt.NDArray[np.float32]


def normalise(text: str) -> str:
    """Lower case, with links and @handles reduced to placeholders."""
    text = _URL.sub(" httpurl ", text)
    text = _MENTION.sub(" @user ", text)
    return text.lower()


def ngrams(text: str, config: FeatureConfig) -> set[str]:
    """The distinct n-gram strings of ``text`` (each with a prefix saying its kind)."""
    text = normalise(text)
    words = _WORD.findall(text)
    grams: set[str] = set()
    lo, hi = config.word_ngrams
    for n in range(lo, hi + 1):
        for i in range(len(words) - n + 1):
            grams.add("w:" + " ".join(words[i:i + n]))
    lo, hi = config.char_ngrams
    if hi > 0:
        plain = _RUNS.sub(r"\1\1", text.translate(_LEET))
        for word in _WORD.findall(plain):
            padded = f" {word} "
            for n in range(lo, hi + 1):
                for i in range(len(padded) - n + 1):
                    grams.add("c:" + padded[i:i + n])
    return grams


def featurize(text: str, config: FeatureConfig) -> Vector:
    """The hashed feature vector of one text (a sentence or a whole post)."""
    grams = ngrams(text, config)
    if not grams:
        return Vector(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    slots = {zlib.crc32(g.encode("utf-8")) % config.dim for g in grams}
    indices = np.fromiter(sorted(slots), dtype=np.int64, count=len(slots))
    values = np.full(len(indices), 1.0 / np.sqrt(len(indices)), dtype=np.float32)
    return Vector(indices, values)
