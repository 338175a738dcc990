"""The ``organisations`` option: names of firms, brands and characters from the shared
vocabulary and the contexts firms are written in, read when the rule loads and compiled
when a span is first checked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ...pattern_cache import compile_regex
from ...vocab import expand_items
from ..base import BuildContext, spec_error
from .words import phrases

_WORDS = regex.compile(r"\p{L}+|\p{N}+")


@dataclass(frozen=True)
class NameList:
    """A long list of names matched whole, case-insensitively. Only the names whose
    every word is near the span are compiled, when asked: one pattern of the whole
    list costs about 90 ms to compile, a few names almost nothing."""

    names: tuple[str, ...]
    words: tuple[frozenset[str], ...]
    by_word: Mapping[str, tuple[int, ...]]

    @classmethod
    def of(cls, names: Sequence[str]) -> NameList:
        words = tuple(frozenset(_WORDS.findall(n.casefold())) for n in names)
        by_word: dict[str, list[int]] = {}
        for i, ws in enumerate(words):
            for w in ws:
                by_word.setdefault(w, []).append(i)
        return cls(tuple(names), words, {w: tuple(i) for w, i in by_word.items()})

    def finditer(self, text: str, lo: int, hi: int) -> Iterable[Any]:
        near = frozenset(_WORDS.findall(text[lo:hi].casefold()))
        found = sorted({i for w in near for i in self.by_word.get(w, ()) if self.words[i] <= near})
        if not found:
            return ()
        pattern: Any = phrases([self.names[i] for i in found])
        matches: Iterable[Any] = pattern.finditer(text, lo, hi)
        return matches


@dataclass(frozen=True)
class Organisations:
    """What tells a firm, a brand or a character from a person (the ``organisations``
    option): names of the shared vocabulary and the contexts firms are written in."""

    names: Any = None
    characters: Any = None
    franchises: Any = None
    before: Any = None
    after: Any = None
    products: Any = None
    org_vote_before: Any = None
    works_before: Any = None


def organisation_lists(spec: Any, build: BuildContext) -> dict[str, tuple[str, ...]]:
    """The ``organisations`` option's lists, ``{{name}}`` items spliced in; its ``after``
    patterns are compiled here once, so a bad one is reported when the rule loads."""
    if not isinstance(spec, Mapping):
        raise spec_error(build, "organisations", "organisations has lists of names and contexts")
    lists = {str(key): tuple(expand_items(spec.get(key) or [], {}, build.vocab)) for key in spec}
    for index, raw in enumerate(spec.get("after") or []):
        for pattern in expand_items([raw], {}, build.vocab):
            try:
                compile_regex(pattern)
            except regex.error as exc:
                raise _bad_after(build, index, str(raw), pattern, exc) from None
    return lists


_WHOLE_REFERENCE = regex.compile(r"\{\{\s*(\w+)\s*\}\}")


def _bad_after(build: BuildContext, index: int, raw: str, pattern: str, exc: Exception) -> Exception:
    """The error for an ``after`` pattern that does not compile: at the vocabulary file
    and line of the word to blame when the item is a shared list ("{{firm_endings}}"),
    as a rule pattern's is; else at the rule's ``organisations``."""
    key = f"organisations.after[{index}]"
    whole = _WHOLE_REFERENCE.fullmatch(raw.strip())
    if whole and whole.group(1) in build.vocab.lists:
        blamed = build.vocab.bad_item([whole.group(1)], 0, f" (used by rule {build.rule_id}, {key})")
        if blamed is not None:
            return blamed
    return spec_error(build, key, f"'{pattern[:80]}' is not a valid regular expression ({exc})")


def organisations(lists: Mapping[str, Sequence[str]]) -> Organisations:
    def compiled(key: str) -> Any:
        return phrases(lists[key]) if lists.get(key) else None

    franchises = lists.get("franchises") or ()
    after = lists.get("after") or ()
    products = lists.get("products") or ()
    return Organisations(
        names=NameList.of(lists["names"]) if lists.get("names") else None,
        characters=NameList.of(lists["characters"]) if lists.get("characters") else None,
        # Matched as written: "Frozen" and "Cars" are films, "frozen" and "cars" are not.
        franchises=phrases(franchises, ignore_case=False) if franchises else None,
        before=compiled("before"),
        after=compile_regex("|".join(f"(?:{p})" for p in after)) if after else None,
        products=compile_regex(r"\s+(?:[\p{Ll}-]+\s+)?(?:" + phrases(products).pattern + ")",
                               regex.IGNORECASE) if products else None,
        org_vote_before=compiled("org_vote_before"),
        works_before=compiled("works_before"),
    )
