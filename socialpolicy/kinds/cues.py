"""Cue groups: a sentence breaks the rule when enough kinds of evidence meet in it.

Some clauses are about what a sentence is doing (airing a grievance, answering a
clinical question, running down a group of people) rather than about any fixed
phrase. A ``cues`` detector names groups of cues, each a list of patterns with a
weight, and fires on a sentence (or the whole post) where every ``require``d group
is present and the weights add up to ``threshold``::

    - kind: cues
      window: sentence          # or post
      threshold: 3
      require: [work, grievance]
      groups:
        work: {weight: 1, patterns: ['\\b(?:ward|shift|rota|manager|HR|payroll)\\b']}
        grievance: {weight: 2, cap: 2, patterns: ['\\bstill (?:not|no)\\b', '\\bagain\\b']}

A group counts each distinct match, up to ``cap`` (default 1), so one word said
three times does not outweigh three different cues. A group with
``unless_consented: true`` does not count a match that names someone the post has a
``consent`` entry for: consent is per person, so consent for the nurse a post thanks
leaves the patient it describes beside her reported. A negative ``weight`` marks
counter-evidence (the Trust's own voice, signposting) that pulls a sentence back
below the threshold. New phrasings are caught by adding cues, not sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from ..errors import RuleRuntimeError
from ..literals import Found, PatternSet, RulePattern
from ..pii.names import matches_any, name_parts, with_nicknames
from .base import BuildContext, Hit, Options, PostContext, spec_error
from .pattern import PATTERN_LIST, compile_patterns
from .textsource import (
    CASE_SENSITIVE,
    LISTS,
    SENTENCE,
    TIMEOUT,
    TextDetector,
    make_hit,
    text_view,
)

WINDOWS = ("sentence", "post")
# A run of capitalised words inside a cue's match: the name it may hold ("Mrs Olive
# Parfitt", "Baby Orla"); titles and roles are set aside when it is matched with consent.
_NAME_RUN = regex.compile(r"\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*)*")


@dataclass(frozen=True)
class _Group:
    name: str
    weight: float
    cap: int
    patterns: PatternSet
    unless_consented: bool = False


class CuesDetector(TextDetector):
    options: ClassVar[Options] = {
        **TextDetector.options,
        "window": {"enum": list(WINDOWS)},
        "groups": {"type": "object", "minProperties": 1, "additionalProperties": {
            "type": "object", "required": ["patterns"], "additionalProperties": False,
            "properties": {"patterns": PATTERN_LIST, "weight": {"type": "number"},
                           "cap": {"type": "integer", "minimum": 1},
                           "unless_consented": {"type": "boolean"}, **LISTS}}},
        "require": {"type": "array", "items": {"type": "string"}},
        "threshold": {"type": "number"},
        **LISTS,
        **CASE_SENSITIVE,
        **TIMEOUT,
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        self.window = str(spec.get("window", "sentence"))
        if self.window not in WINDOWS:
            raise spec_error(build, "window", f"must be one of {', '.join(WINDOWS)}")
        groups = spec.get("groups")
        if not isinstance(groups, Mapping) or not groups:
            raise spec_error(build, "groups", "a cues detector needs at least one group of cues")
        shared_lists = self.lists
        self.groups: list[_Group] = []
        for name, group in groups.items():
            if not isinstance(group, Mapping) or not group.get("patterns"):
                raise spec_error(build, f"groups.{name}", "each group needs patterns")
            merged = {"lists": {**shared_lists, **(group.get("lists") or {})},
                      "patterns": group["patterns"],
                      "case_sensitive": spec.get("case_sensitive", False)}
            self.groups.append(_Group(
                str(name), float(group.get("weight", 1)), int(group.get("cap", 1)),
                PatternSet(compile_patterns(merged, build, where=f"groups.{name}.patterns")),
                bool(group.get("unless_consented", False)),
            ))
        names = {g.name for g in self.groups}
        self.require = [str(r) for r in spec.get("require") or []]
        for name in self.require:
            if name not in names:
                raise spec_error(build, "require", f"{name!r} is not one of the groups")
        self.threshold = float(spec.get("threshold", sum(g.weight for g in self.groups
                                                         if g.name in self.require) or 1))

    def ruled_out(self, ctx: PostContext) -> bool:
        """No window can break the rule when a required group, or enough of the raising
        groups for the threshold, have no cue whose required strings are in the post
        (the first tests of ``_windows``, made on the post's scan alone)."""
        view = text_view(ctx, self.on)
        if view is None:
            return True
        found = view[3]
        if found is None:
            return False
        most = 0.0
        for group in self.groups:
            if group.patterns.ruled_out(found):
                if group.name in self.require:
                    return True
            elif group.weight > 0:
                most += group.weight * group.cap
        return most < self.threshold - 1e-6

    def _viable(self, group: _Group, text: str, folded: str,
                literals: Found | None) -> list[RulePattern]:
        """The cues of a group whose required strings are all in the post and that
        RE2 does not rule out (the only ones that can match), in their written order."""
        return [p for p in group.patterns.candidates(folded, literals)
                if p.needs_met(folded) and p.may_match(text, literals)]

    def _group_matches(self, group: _Group, cues: list[RulePattern], text: str,
                       enough: int | None = None,
                       consented: tuple[frozenset[str], ...] = ()) -> list[tuple[int, str]]:
        """(start, lowered text) of every match of a group's ``cues`` in the whole text;
        with ``enough``, only until that many different cues are found (a post-wide
        window counts no more than a group's ``cap``). A group ``unless_consented``
        leaves out a match that names one of the ``consented`` people."""
        found: list[tuple[int, str]] = []
        distinct: set[str] = set()
        skip = group.unless_consented and bool(consented)
        for pattern in cues:
            try:
                for match in pattern.compiled.finditer(text, timeout=self.timeout):
                    if skip and _names_consented(match.group(0), consented):
                        continue
                    if match.end() > match.start():
                        cue = match.group(0).lower()
                        found.append((match.start(), cue))
                        if enough is not None:
                            distinct.add(cue)
                            if len(distinct) >= enough:
                                return found
            except TimeoutError:
                raise RuleRuntimeError(
                    self.rule,
                    f"a cue of group {group.name!r} took longer than {self.timeout}s "
                    "on this post (a pattern that backtracks catastrophically?)",
                ) from None
        return found

    def _score(
        self, matches: list[list[tuple[int, str]]], start: int, end: int
    ) -> tuple[float, set[str]]:
        score = 0.0
        present: set[str] = set()
        for group, found in zip(self.groups, matches, strict=True):
            seen = {cue for at, cue in found if start <= at < end}
            if seen:
                present.add(group.name)
                score += group.weight * min(len(seen), group.cap)
        return score, present

    def _windows(self, text: str, folded: str, literals: Found | None,
                 sentences: Callable[[], list[tuple[int, int]]],
                 consented: tuple[frozenset[str], ...] = ()) -> list[tuple[int, int]]:
        """The windows (start, end) that break the rule.

        The same windows as scoring every group in every window, with less matching:
        a group none of whose cues' required strings are in the post cannot add to a
        score, so a post whose other groups cannot reach the threshold is done without
        a search; a required group is matched first, and a post where one has no match
        at all is done; the raising groups are matched while what they could still add
        can reach the threshold; counter-evidence (a group that cannot raise a score) is
        matched only when some window reaches the threshold without it, as it can only
        pull one back. A post-wide window counts each group's cues up to its ``cap``, so
        matching a group stops there."""
        groups = self.groups
        matches: list[list[tuple[int, str]]] = [[] for _ in groups]
        cues: list[list[RulePattern] | None] = [None] * len(groups)

        def viable(i: int) -> list[RulePattern]:
            found = cues[i]
            if found is None:
                found = cues[i] = self._viable(groups[i], text, folded, literals)
            return found

        whole = self.window == "post"

        def match(i: int) -> list[tuple[int, str]]:
            group = groups[i]
            return self._group_matches(group, viable(i), text, group.cap if whole else None,
                                       consented)

        required = [i for i, g in enumerate(groups) if g.name in self.require]
        if not all(viable(i) for i in required):
            return []  # no window can hold a required group
        raising = [i for i, g in enumerate(groups) if i not in required and g.weight > 0]
        # The most any window can score: each raising group that could match, at its cap.
        # Checked with a margin wider than the threshold test's own, so a sum taken in
        # another order never decides differently.
        most = [g.weight * g.cap if g.weight > 0 else 0.0 for g in groups]
        for i in raising:
            if not viable(i):
                most[i] = 0.0
        margin = 1e-6
        if sum(most) < self.threshold - margin:
            return []
        for i in required:
            matches[i] = match(i)
            if not matches[i]:
                return []  # no window can hold this group
        for i in raising:
            if cues[i]:
                matches[i] = match(i)
                most[i] = groups[i].weight * min(len({cue for _, cue in matches[i]}), groups[i].cap)
                if sum(most) < self.threshold - margin:
                    return []  # what was found, with the rest at their cap, is too little
        windows = [(0, len(text))] if whole else sentences()
        # Unmatched groups (no match yet) add nothing: the best each window can reach.
        reachable = []
        for start, end in windows:
            best, present = self._score(matches, start, end)
            # Counter-evidence only lowers a score, so a window below the threshold now
            # stays below it (the margin absorbs rounding in a different sum order).
            if best >= self.threshold - 1e-9 and all(r in present for r in self.require):
                reachable.append((start, end))
        if not reachable:
            return []
        for i, group in enumerate(groups):
            if i not in required and group.weight <= 0:
                matches[i] = match(i)
        out = []
        for start, end in reachable:
            score, present = self._score(matches, start, end)
            if score >= self.threshold and all(r in present for r in self.require):
                out.append((start, end))
        return out

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        view = text_view(ctx, self.on)
        if view is None:
            return []
        on, source, folded, found = view
        text = source.text
        # Each pattern runs once over the whole text (not once per sentence); a match
        # belongs to the sentence it starts in.
        hits = []

        def sentences() -> list[tuple[int, int]]:
            # Every cue list of every rule reads the same sentences: split the text once.
            spans: list[tuple[int, int]] = ctx.memo(f"cue-sentences:{on}", lambda: [
                m.span() for m in SENTENCE.finditer(text) if m.group(0).strip()])
            return spans

        consented: tuple[frozenset[str], ...] = ()
        if ctx.post.consent and any(g.unless_consented for g in self.groups):
            consented = ctx.memo(("cues.consented", text), lambda: with_nicknames(
                (name_parts(c.name) for c in ctx.post.consent), text))
        for start, end in self._windows(text, folded, found, sentences, consented):
            # Report the window without its surrounding spaces.
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            hits.append(make_hit(ctx, on, source, start, end, personal=self.personal))
        return hits

    def rule_patterns(self) -> Iterator[RulePattern]:
        for group in self.groups:
            yield from group.patterns


def _names_consented(matched: str, consented: tuple[frozenset[str], ...]) -> bool:
    """Whether a cue's match names someone with a consent entry: a run of capitalised
    words in it, titles and roles aside, is one of theirs ("Mrs Olive Parfitt" for
    Olive Parfitt, "Baby Orla" for Orla Gunton, "Brenda" for Brenda Lark)."""
    return any(matches_any(run.group(0), consented, alone=True)
               for run in _NAME_RUN.finditer(matched))


DETECTOR = CuesDetector
