"""Regular-expression patterns, compiled once, each match bounded by a timeout.

Rule authors may use ``{{name}}`` to insert a list from ``lists:`` as an
alternation, and everything the ``regex`` module offers, fuzzy matching
(``(?:word){e<=1}``) included. A pattern that runs past its time budget raises
``RuleRuntimeError`` so one hostile rule cannot hang a run. A pattern is only
searched on posts holding one of the strings its matches need (see ``literals``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import regex

from ..errors import RuleRuntimeError
from ..literals import RulePattern, lookup
from .base import BuildContext, Hit, PostContext, spec_error
from .textsource import TEXT_FIELDS, folded_source, literals_found, make_hit

DEFAULT_TIMEOUT = 0.25
# Ceilings on what a rule file may ask for. A regex is stopped after its timeout
# on each post, so a generous timeout times many posts is a hung run; a list that
# names lists that name lists multiplies into a pattern too big to compile.
MAX_TIMEOUT = 1.0
MAX_PATTERN_CHARS = 500_000
_PLACEHOLDER = regex.compile(r"\{\{\s*(\w+)\s*\}\}")


def timeout_option(spec: Mapping[str, Any], build: BuildContext) -> float:
    """The ``timeout`` of a regex-based detector: positive and at most ``MAX_TIMEOUT``."""
    value = spec.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_TIMEOUT:
        raise spec_error(build, "timeout", f"must be a number of seconds above 0 and at most "
                         f"{MAX_TIMEOUT:g} (each post gets this long per pattern)")
    return float(value)


def expand(pattern: str, lists: Mapping[str, list[str]], build: BuildContext) -> str:
    """``{{name}}`` replaced: a list (the detector's own, then a shared vocabulary's)
    by its alternation, longest first; a named fragment as written."""
    shared = {
        name: sorted(items, key=len, reverse=True)
        for name, items in build.vocab.lists.items() if name not in lists
    }
    alternations = {
        name: "(?:" + "|".join(items) + ")" for name, items in {**shared, **lists}.items()
    }
    for name, fragment in build.vocab.fragments.items():
        alternations.setdefault(name, fragment)

    def substitute(match: Any) -> str:
        name = match.group(1)
        if name not in alternations:
            raise spec_error(build, "patterns", f"{{{{{name}}}}} names no list under lists:, "
                             "no shared vocabulary list and no fragment")
        return alternations[name]

    def size_after(text: str) -> int:
        return len(text) + sum(
            len(alternations.get(m.group(1), "")) - len(m.group(0)) for m in _PLACEHOLDER.finditer(text)
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
    return pattern


def compile_patterns(
    spec: Mapping[str, Any], build: BuildContext, key: str = "patterns"
) -> list[RulePattern]:
    lists: dict[str, list[str]] = {}
    for name, items in (spec.get("lists") or {}).items():
        # Longest first, so an alternation prefers "heart attack" over "heart".
        lists[name] = sorted((str(i) for i in items), key=len, reverse=True)
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
        if build.lazy:
            # The built-in pack, checked in full by the test suite: compiled when a
            # post first could match it.
            compiled.append(RulePattern(source, flags, literals))
            continue
        try:
            compiled.append(RulePattern(source, flags, literals,
                                        regex.compile(source, flags, cache_pattern=False)))
        except regex.error as exc:
            raise spec_error(build, f"{key}[{index}]", f"not a valid regular expression: {exc}") from None
    return compiled


class PatternDetector:
    needs: frozenset[str] = frozenset()

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        self.rule = build.rule_id
        self.patterns = compile_patterns(spec, build)
        if not self.patterns:
            raise spec_error(build, "patterns", "a pattern detector needs at least one pattern")
        self.on = str(spec.get("on", "text"))
        if self.on not in TEXT_FIELDS:
            raise spec_error(build, "on", f"must be one of {', '.join(TEXT_FIELDS)}")
        self.group = spec.get("group")
        self.timeout = timeout_option(spec, build)
        self.personal = bool(spec.get("personal", False))

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        source = folded_source(ctx, self.on)
        if source is None:
            return []
        folded = ctx.memo(f"casefold:{self.on}", source.text.casefold)
        found = literals_found(ctx, self.on, folded)
        hits = []
        for pattern in self.patterns:
            try:
                for match in pattern.finditer(source.text, folded, self.timeout, found):
                    start, end = match.span(self.group) if self.group else match.span()
                    if start < 0 or end <= start:
                        continue
                    hits.append(make_hit(ctx, self.on, source, start, end, personal=self.personal))
            except TimeoutError:
                raise RuleRuntimeError(
                    self.rule,
                    f"its pattern {pattern.pattern[:60]!r} took longer than {self.timeout}s "
                    "on this post (a pattern that backtracks catastrophically?)",
                ) from None
        return hits


    def rule_patterns(self) -> Iterator[RulePattern]:
        yield from self.patterns


def build(spec: Mapping[str, Any], context: BuildContext) -> PatternDetector:
    return PatternDetector(spec, context)
