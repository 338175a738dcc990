"""Hashtag style: all-lowercase tags that run several words together.

Screen readers read ``#mentalhealthawareness`` as one long word; CamelCase
(``#MentalHealthAwareness``) is read word by word. A tag counts as several words
when the ``wordsegment`` English model splits it into two or more known words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, ClassVar

from ..text import twitter
from .base import BaseDetector, BuildContext, Hit, Options, PostContext


@lru_cache(maxsize=4096)
def _words(tag: str) -> tuple[str, ...]:
    import wordsegment

    if not wordsegment.UNIGRAMS:
        wordsegment.load()
    parts = wordsegment.segment(tag)
    # A split into fragments ("jamespaget" -> james, page, t) is not evidence of words;
    # "a" and "i" are the only one-letter English words.
    known = [p for p in parts if (len(p) > 1 or p in ("a", "i")) and p in wordsegment.UNIGRAMS]
    return tuple(parts) if len(known) == len(parts) else (tag,)


class HashtagStyleDetector(BaseDetector):
    options: ClassVar[Options] = {
        "min_length": {"type": "integer"},
        # Tags that are fine as written.
        "allow": {"type": "array", "items": {"type": "string"}},
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        self.min_length = int(spec.get("min_length", 6))
        self.known = {str(t).lower() for t in spec.get("allow") or []}

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        hits = []
        for tag in twitter.extract_hashtags(ctx.post.text):
            name = tag.text
            if not name.isalpha() or name != name.lower() or len(name) < self.min_length:
                continue
            if name in self.known:
                continue
            words = _words(name)
            if len(words) >= 2:
                camel = "".join(w.capitalize() for w in words)
                hits.append(Hit(tag.start, tag.end, evidence=f"#{name}", tag=camel))
        return hits


DETECTOR = HashtagStyleDetector
