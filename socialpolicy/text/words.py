"""Ordinary English words: ``socialpolicy/data/common-words.txt`` (see its header), read once.

Phrase lists keep fuzzy variants that are real words out, name detection does not take
an ordinary word for a name, and hashtag fixes split tags into real words: all read
the same list through here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The shipped list of ordinary English words, lower case."""
    path = Path(__file__).resolve().parent.parent / "data" / "common-words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if (word := line.strip()) and not line.startswith("#"))
