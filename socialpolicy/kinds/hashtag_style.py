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


def _named_words(words: tuple[str, ...], given: frozenset[str]) -> list[tuple[int, str]]:
    """(offset in the tag, word) of each word of a split tag that may be part of a name:
    one that can be nothing else, or a first name and a surname side by side ("peter",
    "jones"), which are ordinary words apart."""
    from ..pii.names import is_surname
    from ..pii.people import is_given

    out = []
    at = 0
    for index, word in enumerate(words):
        before = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        pair = len(word) > 2 and (
            (is_given(word, given) and len(after) > 2 and is_surname(after))
            or (is_surname(word) and len(before) > 2 and is_given(before, given)))
        if pair or _names_someone(word, given):
            out.append((at, word))
        at += len(word)
    return out


def _names_someone(word: str, given: frozenset[str]) -> bool:
    """Whether one word of a split tag may be part of a person's name: a first name that
    is no ordinary word ("margaret" in #getwellsoonmargaret), or a word rare even on the
    web ("quennell"). Masking it costs a quote a few letters; showing it leaks a name."""
    from ..pii.people import is_given
    from ..text.words import common_words, is_frequent

    if len(word) < 3 or word in common_words():
        return False
    return is_given(word, given) or not is_frequent(word)


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

    def person_spans(self, ctx: PostContext) -> list[tuple[int, int]]:
        """The letters of a lower-case tag that spell a name (#getwellfenellaquennell,
        #rippeterjones): this rule quotes the tag and suggests it re-cased, and every
        rule's quote of the post masks them."""
        spans: list[tuple[int, int]] = []
        given: frozenset[str] | None = None
        for hit in self.find(ctx):
            if given is None:
                from ..pii.people import given_names, recognizer_names

                given = given_names(recognizer_names())
            at = hit.start + 1
            for start, word in _named_words(_words(ctx.post.text[at:hit.end]), given):
                spans.append((at + start, at + start + len(word)))
        return spans

DETECTOR = HashtagStyleDetector
