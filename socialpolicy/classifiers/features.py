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
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    out = _char_windows(codes, config)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.uint64)


def _char_windows(codes: npt.NDArray[np.uint64], config: FeatureConfig) -> list[npt.NDArray[np.uint64]]:
    """For each n of ``config.char_ngrams`` (while ``codes`` is that long), the slot of
    every character n-gram of ``codes``, by its first index.

    The hash of an n-gram is ``n * B**n + sum(code[k] * B**(n - 1 - k))``, so each n's is
    the last one's times B, plus the next code and ``B**n``: the same values as hashing
    each n afresh, in fewer passes over the array."""
    lo, hi = config.char_ngrams
    out = []
    size = len(codes)
    # A power of two (every shipped model's) takes its low bits: the same as % dim.
    mask = np.uint64(config.dim - 1) if config.dim & (config.dim - 1) == 0 else None
    with np.errstate(over="ignore"):
        h = np.full(size - lo + 1 if size >= lo else 0, np.uint64(lo), dtype=np.uint64)
        for k in range(lo):
            h = h * _BASE + codes[k:size - lo + 1 + k]
        power = _BASE ** np.uint64(lo + 1)
        for n in range(lo, hi + 1):
            if size < n:
                break
            if n > lo:
                h = h[:-1] * _BASE + codes[n - 1:] + power
                power = power * _BASE
            f = h ^ (h >> _SHIFT)
            f *= _MIX1
            f ^= f >> _SHIFT
            f *= _MIX2
            f ^= f >> _SHIFT
            out.append(f & mask if mask is not None else f % np.uint64(config.dim))
    return out


def _vector(every: npt.NDArray[np.uint64]) -> Vector:
    if not len(every):
        return Vector(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    every.sort()
    # Distinct slots (np.unique is slower on arrays this small).
    indices = every[np.concatenate(([True], every[1:] != every[:-1]))].astype(np.int64)
    values = np.full(len(indices), 1.0 / np.sqrt(len(indices)), dtype=np.float32)
    return Vector(indices, values)


def featurize_many(texts: list[str], config: FeatureConfig) -> list[Vector]:
    """``[featurize(t, config) for t in texts]``, the same vectors to the bit, with the
    character n-grams of all the texts hashed in one pass (a post's sentences: numpy's
    cost per call, not per n-gram, was most of featurizing a short sentence)."""
    if len(texts) < 2 or config.char_ngrams[1] <= 0:
        return [featurize(t, config) for t in texts]
    normal = [normalise(t) for t in texts]
    chars = [_char_text(t) for t in normal]
    codes = np.frombuffer("".join(chars).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lo, hi = config.char_ngrams
    grams = dict(zip(range(lo, hi + 1), _char_windows(codes, config), strict=False))  # to the longest n that fits
    out = []
    start = 0
    for text, char_text in zip(normal, chars, strict=True):
        size = len(char_text)
        parts = [np.asarray([zlib.crc32(g.encode("utf-8")) % config.dim
                             for g in _word_grams(text, config)], dtype=np.uint64)]
        # A text's own n-grams: those starting in it that end in it too.
        parts.extend(grams[n][start:start + size - n + 1] for n in range(lo, hi + 1) if size >= n)
        out.append(_vector(np.concatenate(parts)))
        start += size
    return out


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
    return _vector(every)
