"""A static sentence embedding: the mean of per-token vectors distilled from a sentence encoder.

This is the reader the linter would run if an encoder model shipped (numpy and the small
``tokenizers`` wheel, no torch, nothing downloaded). None ships (DATA.md: it did not beat
the n-gram models on held-out real text), so it lives with the training scripts and the
package neither imports it nor depends on ``tokenizers``.

``training/encoder/distill.py`` distils sentence-transformers/all-MiniLM-L6-v2 with
model2vec into one vector per word piece (PCA to a few hundred dimensions, float16).
A post is cut into word pieces by its tokenizer (``tokenizer.json``, read
with the small ``tokenizers`` package), and its embedding is the mean of their rows,
L2-normalised: one table lookup, no torch and no network. It loads once per process,
only when a selected rule's model needs it, and every model head shares one embedding
per text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MAX_TOKENS = 512


class StaticEmbedding:
    """Word-piece vectors and the tokenizer that indexes them."""

    def __init__(self, table: npt.NDArray[np.float16], tokenizer: Any):
        self.table = table
        self.tokenizer = tokenizer
        self.unk = tokenizer.token_to_id("[UNK]")
        self.dim = int(table.shape[1])

    def ids(self, text: str) -> list[int]:
        ids: list[int] = self.tokenizer.encode(text, add_special_tokens=False).ids[:MAX_TOKENS]
        return [i for i in ids if i != self.unk]

    def embed(self, text: str) -> npt.NDArray[np.float32]:
        """The text's unit-length embedding (all zeros when it has no known word piece)."""
        ids = self.ids(text)
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        mean = self.table[ids].astype(np.float32).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0 else mean

    def embed_many(self, texts: list[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        for row, encoding in enumerate(encodings):
            ids = [i for i in encoding.ids[:MAX_TOKENS] if i != self.unk]
            if ids:
                mean = self.table[ids].astype(np.float32).mean(axis=0)
                norm = float(np.linalg.norm(mean))
                out[row] = mean / norm if norm > 0 else mean
        return out


@cache
def load_embedding(table: Path, tokenizer: Path) -> StaticEmbedding:
    from tokenizers import Tokenizer

    matrix = np.load(table, allow_pickle=False)
    reader = Tokenizer.from_file(str(tokenizer))
    reader.no_truncation()
    reader.no_padding()
    return StaticEmbedding(matrix, reader)
