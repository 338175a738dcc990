"""Text to a hashed bag of word and character n-grams: one featurizer for training and runs.

Training scripts (``training/*/train.py``) and the ``classifier`` rule kind both call
``featurize``, so a shipped model always sees the features it was trained on. The
n-grams are hashed (CRC-32 for words, a 64-bit polynomial hash in numpy for characters:
both stable across Python versions and processes, unlike ``hash()``) into a fixed
number of slots, so a model is a plain weight vector and no vocabulary ships with it. Character n-grams are taken from a copy of the text with
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
# Part of the shipped models' feature definition, so not the shared table in
# socialpolicy/text/leet.py: changing it would change the features the trained weights
# expect ("*" as "u" is the models' own reading). Retrain before unifying it.
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
                "char_ngrams": list(self.char_ngrams), "hash": "crc32-words+poly64-chars",
                "weighting": "binary-l2"}

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


def _word_grams(text: str, config: FeatureConfig) -> set[str]:
    words = _WORD.findall(text)
    grams: set[str] = set()
    lo, hi = config.word_ngrams
    for n in range(lo, hi + 1):
        for i in range(len(words) - n + 1):
            grams.add(" ".join(words[i:i + n]))
    return grams


def _char_text(text: str) -> str:
    """Words of the de-leeted text, each with one space either side, joined by one space."""
    plain = _RUNS.sub(r"\1\1", text.translate(_LEET))
    return " " + " ".join(_WORD.findall(plain)) + " "


# Constants for hashing character n-grams in numpy: a polynomial over code points,
# then a 64-bit finaliser (from MurmurHash3), all in wrapping uint64 arithmetic, so
# every platform computes the same slots.
_BASE = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHIFT = np.uint64(33)


def _char_slots(text: str, config: FeatureConfig) -> npt.NDArray[np.uint64]:
    lo, hi = config.char_ngrams
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    out = []
    with np.errstate(over="ignore"):
        for n in range(lo, hi + 1):
            if len(codes) < n:
                break
            h = np.full(len(codes) - n + 1, np.uint64(n), dtype=np.uint64)
            for k in range(n):
                h = h * _BASE + codes[k:len(codes) - n + 1 + k]
            h ^= h >> _SHIFT
            h *= _MIX1
            h ^= h >> _SHIFT
            h *= _MIX2
            h ^= h >> _SHIFT
            out.append(h % np.uint64(config.dim))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.uint64)


def featurize(text: str, config: FeatureConfig) -> Vector:
    """The hashed feature vector of one text (a sentence or a whole post).

    Word n-grams are hashed with CRC-32; character n-grams (of the de-leeted words,
    across the single spaces between them) with a polynomial hash in numpy, which keeps
    a post's features well under a millisecond.
    """
    text = normalise(text)
    slots = [zlib.crc32(g.encode("utf-8")) % config.dim for g in _word_grams(text, config)]
    chars = _char_slots(_char_text(text), config) if config.char_ngrams[1] > 0 else None
    every = np.asarray(slots, dtype=np.uint64)
    if chars is not None and len(chars):
        every = np.concatenate([every, chars])
    if not len(every):
        return Vector(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    every.sort()
    # Distinct slots (np.unique is slower on arrays this small).
    indices = every[np.concatenate(([True], every[1:] != every[:-1]))].astype(np.int64)
    values = np.full(len(indices), 1.0 / np.sqrt(len(indices)), dtype=np.float32)
    return Vector(indices, values)
