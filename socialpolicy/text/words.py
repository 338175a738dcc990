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


# Seen this often on the web, a word is an ordinary word to output masking, which must
# not star every inflection the shipped list lacks ("apologised", "outpatients"). Names
# nobody's list knows are far rarer than this.
FREQUENT = 100_000


@lru_cache(maxsize=1)
def frequent_words() -> frozenset[str]:
    """Words of wordsegment's unigram counts (Google Web Trillion Word Corpus, lower
    case) seen at least ``FREQUENT`` times, with the shipped list; the shipped list
    alone if wordsegment's file cannot be read."""
    try:
        from importlib.resources import files

        text = files("wordsegment").joinpath("unigrams.txt").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return common_words()
    # The file is sorted by count, most frequent first: find where counts fall below
    # FREQUENT by bisection, and split only the lines before it.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        start = text.rfind("\n", 0, middle) + 1
        end = text.find("\n", start)
        count = text[start:end if end != -1 else len(text)].rpartition("\t")[2]
        if count.isdigit() and int(count) >= FREQUENT:
            low = (end if end != -1 else len(text)) + 1
        else:
            high = start
    return common_words() | frozenset(text[:low].split()[0::2])
