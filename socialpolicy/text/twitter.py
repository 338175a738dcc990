"""Tweet length and entity extraction, to the rules of twitter-text 3.

Placeholder implementation: replaced by a conformance-tested one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<![\w&])[#＃](\w*[^\W\d]\w*)")


@dataclass(frozen=True)
class Entity:
    text: str
    start: int
    end: int


def extract_urls(text: str) -> list[Entity]:
    return [Entity(m.group(0), m.start(), m.end()) for m in _URL.finditer(text)]


def extract_hashtags(text: str) -> list[Entity]:
    return [Entity(m.group(1), m.start(), m.end()) for m in _HASHTAG.finditer(text)]


def weighted_length(text: str) -> int:
    length = 0
    last = 0
    for url in extract_urls(text):
        length += _weigh(text[last:url.start]) + 23
        last = url.end
    return length + _weigh(text[last:])


def _weigh(text: str) -> int:
    total = 0
    for ch in text:
        cp = ord(ch)
        light = cp <= 0x10FF or 0x2000 <= cp <= 0x200D or 0x2010 <= cp <= 0x201F or 0x2032 <= cp <= 0x2037
        total += 1 if light else 2
    return total
