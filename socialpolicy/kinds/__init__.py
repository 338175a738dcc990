"""Rule kinds: each turns a detector spec from a rule file into a detector.

Kind modules are imported when a rule of that kind is loaded, so a run that
needs no language model imports no language library.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..conditions import check_spec, holds
from .base import BuildContext, Hit, PostContext, spec_error

if TYPE_CHECKING:
    from ..literals import RulePattern

KINDS: dict[str, str] = {
    "pattern": "pattern",
    "phrases": "phrases",
    "cues": "cues",
    "tokens": "tokens",
    "metadata": "metadata",
    "metric": "metric",
    "hashtag_style": "hashtag_style",
    "pii": "pii",
    "schedule": "schedule",
    "account": "account",
    "inactivity": "inactivity",
    "suppression": "suppression",
    "classifier": "classifier",
}

CALENDAR_KINDS = frozenset({"inactivity"})


class Guarded:
    """A detector with its ``when`` (run only if) and ``unless`` (drop hits if) parts."""

    def __init__(
        self,
        inner: Any,
        when: Mapping[str, Any] | None,
        unless: Sequence[Any],
        overrides: Mapping[str, Any],
    ):
        self.inner = inner
        self.when = when
        self.unless = list(unless)
        self.overrides = overrides
        needs = set(getattr(inner, "needs", frozenset()))
        for guard in self.unless:
            needs |= set(getattr(guard, "needs", frozenset()))
        self.needs = frozenset(needs)
        self.calendar = hasattr(inner, "find_all")

    def applies(self, ctx: PostContext) -> bool:
        return self.when is None or holds(ctx.memo("metadata", ctx.post.metadata), self.when)

    def excused(self, ctx: PostContext) -> bool:
        return any(list(guard.find(ctx)) for guard in self.unless)

    def _dress(self, hit: Hit) -> Hit:
        if not self.overrides:
            return hit
        from dataclasses import replace

        return replace(hit, **{k: v for k, v in self.overrides.items() if getattr(hit, k) is None})

    def find(self, ctx: PostContext) -> list[Hit]:
        if not self.applies(ctx):
            return []
        hits = list(self.inner.find(ctx))
        if hits and self.excused(ctx):
            return []
        return [self._dress(h) for h in hits]

    def rule_patterns(self) -> Iterator[RulePattern]:
        """The regular expressions of this detector and its guards."""
        yield from getattr(self.inner, "rule_patterns", tuple)()
        for guard in self.unless:
            yield from guard.rule_patterns()

    def find_all(self, contexts: Sequence[PostContext]) -> Iterable[tuple[int, Hit]]:
        if self.when is None:
            # Every post: hand the sequence on as it is (a streamed archive builds each
            # context only when it is read).
            for index, hit in self.inner.find_all(contexts):
                yield index, self._dress(hit)
            return
        chosen = [i for i, ctx in enumerate(contexts) if self.applies(ctx)]
        for index, hit in self.inner.find_all([contexts[i] for i in chosen]):
            yield chosen[index], self._dress(hit)


_OWN_KEYS = {"kind", "name", "when", "unless", "severity", "message", "suggestion", "description"}


def build_detector(spec: Mapping[str, Any], build: BuildContext, name: str | None = None) -> Guarded:
    kind = spec.get("kind")
    if kind not in KINDS:
        raise spec_error(build, "kind", f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    module = importlib.import_module(f"{__name__}.{KINDS[kind]}")
    inner = module.build(spec, build)
    when = spec.get("when")
    if when is not None:
        problem = check_spec(when)
        if problem:
            raise spec_error(build, "when", problem)
    unless = [build_detector(guard, build) for guard in spec.get("unless") or []]
    overrides = {k: spec[k] for k in ("severity", "message") if k in spec}
    # A reviewer reading a finding in JSON or SARIF can tell which detector fired.
    label = spec.get("name") or name
    if label:
        overrides["detector"] = str(label)
    return Guarded(inner, when, unless, overrides)
