"""Regular-expression patterns, compiled once, each match bounded by a timeout.

Rule authors may use ``{{name}}`` to insert a list from ``lists:`` as an
alternation, and everything the ``regex`` module offers, fuzzy matching
(``(?:word){e<=1}``) included. A pattern that runs past its time budget raises
``RuleRuntimeError`` so one hostile rule cannot hang a run. A pattern is only
searched on posts holding one of the strings its matches need (see ``literals``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import regex

from ..errors import RuleRuntimeError
from ..literals import PatternSet, RulePattern, compile_pattern, lookup
from ..vocab import expand_items
from .base import BuildContext, Hit, Options, PostContext, spec_error
from .textsource import (
    CASE_SENSITIVE,
    LISTS,
    TIMEOUT,
    TextDetector,
    make_hit,
    text_view,
)

# A ceiling on what a rule file may ask for: a list that names lists that name lists
# multiplies into a pattern too big to compile.
MAX_PATTERN_CHARS = 500_000
_PLACEHOLDER = regex.compile(r"\{\{\s*(\w+)\s*\}\}")
# Regular expressions, in a list (a detector of its own, or a group of cues).
PATTERN_LIST: Mapping[str, Any] = {"type": "array", "minItems": 1, "items": {"type": "string"}}


def expand(pattern: str, lists: Mapping[str, list[str]], build: BuildContext) -> str:
    """``{{name}}`` replaced: a list (the detector's own, then a shared vocabulary's)
    by its alternation, longest first; a named fragment as written."""
    own = {name: "(?:" + "|".join(items) + ")" for name, items in lists.items()}
    shared, fragments = build.vocab.alternations, build.vocab.fragments

    # Looked up name by name rather than merged into one mapping first: a pack has
    # hundreds of shared names and ~900 patterns, and merging per pattern was most of
    # the cost of loading the rules.
    def alternation(name: str) -> str | None:
        if name in own:
            return own[name]
        if name in shared:
            return shared[name]
        return fragments.get(name)

    def substitute(match: Any) -> str:
        name = match.group(1)
        found = alternation(name)
        if found is None:
            raise spec_error(build, "patterns", f"{{{{{name}}}}} names no list under lists:, "
                             "no shared vocabulary list and no fragment")
        return found

    def size_after(text: str) -> int:
        return len(text) + sum(
            len(alternation(m.group(1)) or "") - len(m.group(0)) for m in _PLACEHOLDER.finditer(text)
        )

    # A list item may itself name another list ("{{service}}" inside a list of
    # questions); expand a few levels deep, which also stops a list naming itself.
    for _ in range(4):
        if size_after(pattern) > MAX_PATTERN_CHARS:
            raise spec_error(build, "lists", f"the lists expand into a pattern of more than "
                             f"{MAX_PATTERN_CHARS:,} characters; use shorter lists or a "
                             "phrases detector")
        expanded = str(_PLACEHOLDER.sub(substitute, pattern))
        if expanded == pattern:
            break
        pattern = expanded
    # A name still standing would be searched for as written and never match: the rule
    # would be silently blind where its author meant a list.
    left = _PLACEHOLDER.search(pattern)
    if left is not None:
        raise spec_error(build, "patterns", f"{left.group(0)} is still not written out after "
                         "four levels of lists and fragments that name others (or a list "
                         "names itself); write its words out one level higher")
    return pattern


def compile_patterns(
    spec: Mapping[str, Any], build: BuildContext, key: str = "patterns", where: str | None = None
) -> list[RulePattern]:
    """The patterns under ``spec[key]``, each named in an error as ``where[i]`` (by
    default ``key[i]``; a cues group's are ``groups.NAME.patterns[i]``)."""
    lists: dict[str, list[str]] = {}
    own = spec.get("lists") or {}
    for name, items in own.items():
        # Longest first, so an alternation prefers "heart attack" over "heart". An item
        # that is only "{{name}}" adds that list's words (as in a phrases list), so two
        # lists can share words written once and still sort as one list.
        lists[name] = sorted(expand_items(items, own, build.vocab), key=len, reverse=True)
    # VERSION0: VERSION1's full Unicode case folding makes compiling the rule pack
    # several times slower; the text is already folded, and a rule that needs V1
    # features (set operations) can say (?V1) itself.
    flags = regex.VERSION0 | regex.MULTILINE
    if not spec.get("case_sensitive", False):
        flags |= regex.IGNORECASE
    compiled = []
    for index, raw in enumerate(spec.get(key) or []):
        source = expand(str(raw), lists, build)
        literals = lookup(build.literals, source)
        origin = PatternOrigin(build, f"{where or key}[{index}]", str(raw), frozenset(lists), flags)
        if build.lazy:
            # The built-in pack, checked in full by the test suite: compiled when a
            # post first could match it.
            compiled.append(RulePattern(source, flags, literals, origin=origin))
            continue
        try:
            # Through the process's cache: a Trust's rules and triage's inline
            # categories are compiled again by every Linter (each web request, each
            # command of a test session), and compiling is most of building them.
            compiled.append(RulePattern(source, flags, literals, compile_pattern(source, flags),
                                        origin=origin))
        except regex.error as exc:
            raise origin(exc) from None
    return compiled


class PatternOrigin:
    """Where a rule pattern was written, to name in the error when it does not compile:
    the vocabulary word to blame, at its own file and line, when one of the shared
    lists or fragments it names is not a valid regular expression on its own; else the
    rule file's pattern."""

    __slots__ = ("build", "key", "raw", "own", "flags")

    def __init__(self, build: BuildContext, key: str, raw: str, own: frozenset[str], flags: int):
        self.build, self.key, self.raw, self.own, self.flags = build, key, raw, own, flags

    def __call__(self, exc: Exception) -> Exception:
        # A detector's own list (under ``lists:``) is in the rule file itself.
        shared = [m.group(1) for m in _PLACEHOLDER.finditer(self.raw) if m.group(1) not in self.own]
        used_by = f" (used by rule {self.build.rule_id}, {self.key})"
        blamed = self.build.vocab.bad_item(shared, self.flags, used_by) if shared else None
        if blamed is not None:
            return blamed
        return spec_error(self.build, self.key, f"not a valid regular expression: {exc}")


class PatternDetector(TextDetector):
    options: ClassVar[Options] = {
        **TextDetector.options,
        "patterns": PATTERN_LIST,
        **LISTS,
        **CASE_SENSITIVE,
        # Report only this group of each match (its number or name), not the whole match.
        "group": {"type": ["string", "integer"]},
        **TIMEOUT,
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        self.patterns = PatternSet(compile_patterns(spec, build))
        if not self.patterns:
            raise spec_error(build, "patterns", "a pattern detector needs at least one pattern")
        self.group = spec.get("group")

    def ruled_out(self, ctx: PostContext) -> bool:
        view = text_view(ctx, self.on)
        return view is None or self.patterns.ruled_out(view[3])

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        view = text_view(ctx, self.on)
        if view is None:
            return []
        on, source, folded, found = view
        hits = []
        for pattern in self.patterns.candidates(folded, found):
            try:
                for match in pattern.finditer(source.text, folded, self.timeout, found):
                    start, end = match.span(self.group) if self.group else match.span()
                    if start < 0 or end <= start:
                        continue
                    hits.append(make_hit(ctx, on, source, start, end, personal=self.personal))
            except TimeoutError:
                raise RuleRuntimeError(
                    self.rule,
                    f"its pattern {pattern.pattern[:60]!r} took longer than {self.timeout}s "
                    "on this post (a pattern that backtracks catastrophically?)",
                ) from None
        return hits

    def rule_patterns(self) -> Iterator[RulePattern]:
        yield from self.patterns


DETECTOR = PatternDetector
