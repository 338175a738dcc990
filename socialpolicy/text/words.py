"""Ordinary English words: ``socialpolicy/data/common-words.txt`` (see its header), read once.

Phrase lists keep fuzzy variants that are real words out, name detection does not take
an ordinary word for a name, and hashtag fixes split tags into real words: all read
the same list through here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The shipped list of ordinary English words, lower case."""
    path = Path(__file__).resolve().parent.parent / "data" / "common-words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if (word := line.strip()) and not line.startswith("#"))


# Seen this often on the web, a word is an ordinary word to output masking, which must
# not star every inflection the shipped list lacks ("apologised", "outpatients"). Names
# nobody's list knows are far rarer than this.
FREQUENT = 100_000


def _frequent_text() -> tuple[str, int]:
    """wordsegment's unigram counts (Google Web Trillion Word Corpus, lower case), one
    "word<TAB>count" a line, and where its counts fall below ``FREQUENT``; ("", 0) if the
    file cannot be read. Not kept: only the words are (``_frequent``)."""
    try:
        from importlib.resources import files

        text = files("wordsegment").joinpath("unigrams.txt").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return "", 0
    # The file is sorted by count, most frequent first: find the cut by bisection.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        start = text.rfind("\n", 0, middle) + 1
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        count = text[start:end].rpartition("\t")[2]
        if count.isdigit() and int(count) >= FREQUENT:
            low = end + 1
        else:
            high = start
    return text, low


# The word of each line, read in place up to the cut: neither a copy of the text nor its
# counts are made on the way (about 6 MB less of a check's peak memory).
_WORD_OF_LINE = re.compile(r"^([^\t\n]*)\t", re.MULTILINE)


@lru_cache(maxsize=1)
def _frequent() -> frozenset[str]:
    text, cut = _frequent_text()
    return frozenset(_WORD_OF_LINE.findall(text, 0, cut))


def is_frequent(word: str) -> bool:
    """Whether a lower-case word is an ordinary word: in the shipped list, or seen at
    least ``FREQUENT`` times on the web (read on the first word the shipped list lacks)."""
    return word in common_words() or word in _frequent()
