"""Rule kinds: each turns a detector spec from a rule file into a detector.

Kind modules are imported when a rule of that kind is loaded, so a run that
needs no language model imports no language library. Each module names its
detector class ``DETECTOR`` (a ``BaseDetector``, see ``base``), which declares
the options the kind takes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..conditions import check_spec, holds
from ..errors import RuleRuntimeError
from .base import BaseDetector, BuildContext, Detector, Hit, Options, PostContext, spec_error

if TYPE_CHECKING:
    from ..classifiers import ModelCard
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

# What every detector takes, whatever its kind (read here, not by the kind).
COMMON_OPTIONS: Options = {
    "kind": {"enum": list(KINDS)},
    "name": {
        "type": "string",
        "pattern": "^[a-z0-9][a-z0-9_-]*$",
        "description": (
            "what this detector looks for, in a few words (e.g. dose-advice); reported with "
            "each finding in JSON and SARIF so a reviewer knows which detector fired. "
            "Default: the kind and its place in the list, e.g. pattern-2"
        ),
    },
    "when": {"type": "object"},
    "unless": {"type": "array", "items": {"$ref": "#/$defs/detector"}},
    "severity": {"$ref": "#/$defs/severity"},
    "message": {"type": "string"},
    "suggestion": {
        "type": "string",
        "description": (
            "what to do instead, for this detector's findings (default: the rule's suggestion); "
            "for a rule whose detectors find different things, e.g. an identifier to take out "
            "and a detail that only narrows a person down"
        ),
    },
}


def detector_class(kind: str) -> type[BaseDetector]:
    """The detector class of a kind (its module imported now)."""
    module = importlib.import_module(f"{__name__}.{KINDS[kind]}")
    cls: type[BaseDetector] = module.DETECTOR
    return cls


class Guarded:
    """A detector with its ``when`` (run only if) and ``unless`` (drop hits if) parts,
    and the name and overrides its findings carry. The engine calls only these."""

    needs: frozenset[str]
    calendar: bool
    uses_register: bool
    needs_platform: bool
    alone: bool

    def __init__(
        self,
        inner: Detector,
        when: Mapping[str, Any] | None,
        unless: Sequence[Guarded],
        overrides: Mapping[str, Any],
        kind: str = "",
    ):
        self.inner = inner
        self.when = when
        # Several detectors often share one condition (a reply, a platform): a post
        # answers each distinct condition once, whichever detector asks first.
        self._when_key = None if when is None else ("when", _frozen(when))
        self.unless = list(unless)
        self.overrides = overrides
        self.kind = kind
        # A classifier's score costs a dot product (every model of the run shares the
        # post's features), where a ``when:`` on the text is a search of the whole post:
        # such a condition is asked only of the posts the model flags. A condition on
        # metadata alone is asked first, as it spares the detector most posts.
        self._when_after = when is not None and kind == "classifier" and _reads_text(when)
        needs = set(inner.needs)
        for guard in self.unless:
            needs |= guard.needs
        self.needs = frozenset(needs)
        self.calendar = inner.calendar
        self.uses_register = inner.uses_register
        self.alone = bool(getattr(inner, "alone", False))
        self.needs_platform = inner.needs_platform

    def applies(self, ctx: PostContext) -> bool:
        when = self.when
        if when is None:
            return True
        try:
            held: bool = ctx.memo(
                self._when_key, lambda: holds(ctx.memo("metadata", ctx.post.metadata), when))
        except TimeoutError:
            # As a pattern that runs too long: this rule is reported as not checked on
            # this post, and the run goes on.
            raise RuleRuntimeError(
                getattr(self.inner, "rule", "?"),
                "its `when:` condition took too long on this post (a very long post, or a "
                "pattern that backtracks)",
            ) from None
        return held

    def excused(self, ctx: PostContext) -> bool:
        return any(list(guard.find(ctx)) for guard in self.unless)

    def _dress(self, hit: Hit) -> Hit:
        if not self.overrides:
            return hit
        return replace(hit, **{k: v for k, v in self.overrides.items() if getattr(hit, k) is None})

    def find(self, ctx: PostContext) -> list[Hit]:
        inner = self.inner
        # Most detectors can find nothing in most posts, which the words each pattern
        # needs tell at once (the post was scanned for every rule's words in one pass):
        # such a detector is done before its ``when:`` is even asked.
        if inner.ruled_out(ctx):
            return []
        # A detector in two stages (a classifier's second_stage) runs its costly stage
        # last, on the posts its conditions let through.
        staged = inner.staged
        first = inner.candidates if staged else inner.find
        if self._when_after:
            hits = list(first(ctx))
            if not hits or not self.applies(ctx):
                return []
        else:
            if not self.applies(ctx):
                return []
            hits = list(first(ctx))
        if hits and self.excused(ctx):
            return []
        if hits and staged:
            hits = inner.confirm(ctx, hits)
        return [self._dress(h) for h in hits]

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

    def prepare(self, contexts: Sequence[PostContext]) -> None:
        self.inner.prepare(contexts)
        for guard in self.unless:
            guard.prepare(contexts)

    def rule_patterns(self) -> Iterator[RulePattern]:
        """The regular expressions of this detector and its guards."""
        yield from self.inner.rule_patterns()
        for guard in self.unless:
            yield from guard.rule_patterns()

    def model_cards(self) -> tuple[ModelCard, ...]:
        return self.inner.model_cards()

    def person_spans(self, ctx: PostContext) -> list[tuple[int, int]]:
        return self.inner.person_spans(ctx)

    def role_words(self) -> tuple[str, ...]:
        return self.inner.role_words()

    def ruled_out(self, ctx: PostContext) -> bool:
        return self.inner.ruled_out(ctx)

    # It runs its inner detector's two stages itself, so wrapped again (a triage
    # category over a rule's guards) it is one stage.
    staged = False

    def candidates(self, ctx: PostContext) -> list[Hit]:
        return self.find(ctx)

    def confirm(self, ctx: PostContext, hits: list[Hit]) -> list[Hit]:
        return hits


def _reads_text(conditions: Mapping[str, Any]) -> bool:
    """Whether a condition searches the post's text with a regular expression."""
    def searches(spec: Any) -> bool:
        return isinstance(spec, Mapping) and ("matches" in spec or searches(spec.get("not")))

    return any(key == "text" and searches(spec) for key, spec in conditions.items())


def _frozen(value: Any) -> Hashable:
    """A condition as a hashable value, equal only for conditions written alike (in
    the same order, so even which test is tried first is the same)."""
    if isinstance(value, Mapping):
        return ("mapping", tuple((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_frozen(v) for v in value))
    if isinstance(value, (str, int, float, bool)) or value is None:
        return (type(value).__name__, value)
    return ("object", id(value))  # never shared: only the same object is the same


def build_detector(spec: Mapping[str, Any], build: BuildContext, name: str | None = None) -> Guarded:
    # Errors point at this detector's own key (a rule may have several with "patterns").
    build = replace(build, line=_lines_of(spec, build.line))
    kind = spec.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise spec_error(build, "kind", f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    inner = detector_class(kind)(spec, build)
    when = spec.get("when")
    if when is not None:
        problem = check_spec(when)
        if problem:
            raise spec_error(build, "when", problem)
        when = _named_parts_written_out(when, build)
    unless = [build_detector(guard, build) for guard in spec.get("unless") or []]
    overrides = {k: " ".join(str(spec[k]).split()) if k == "suggestion" else spec[k]
                 for k in ("severity", "message", "suggestion") if k in spec}
    # A reviewer reading a finding in JSON or SARIF can tell which detector fired.
    label = spec.get("name") or name
    if label:
        overrides["detector"] = str(label)
    return Guarded(inner, when, unless, overrides, kind)


def _named_parts_written_out(conditions: Mapping[str, Any], build: BuildContext) -> Mapping[str, Any]:
    """``when`` conditions with each ``matches`` expression's ``{{name}}`` written out,
    as in a pattern, so a condition names a shared vocabulary instead of pasting it."""
    import regex

    from ..conditions import note_origin
    from .pattern import PatternOrigin, expand

    def one(spec: Any) -> Any:
        if not isinstance(spec, Mapping):
            return spec
        out = dict(spec)
        if isinstance(out.get("matches"), str) and "{{" in out["matches"]:
            written = out["matches"]
            out["matches"] = expand(written, {}, build)
            note_origin(out["matches"], PatternOrigin(build, "when", written, frozenset(), regex.I))
        if "not" in out:
            out["not"] = one(out["not"])
        return out

    return {key: one(spec) for key, spec in conditions.items()}


def _lines_of(spec: Mapping[str, Any], outer: Callable[[str], int | None]) -> Callable[[str], int | None]:
    """Where a key of this spec is written, as deep as it can be followed ("patterns[2]"
    at that pattern, "groups.work.patterns[1]" at that group's second pattern), else
    where the rule file first writes it."""
    from ..yamlpos import position_of

    positions = getattr(spec, "key_positions", None) or {}

    def line(key: str) -> int | None:
        path: list[str | int] = []
        for part in key.split("."):
            name, *indexes = part.split("[")
            path.append(name)
            path.extend(int(i.rstrip("]")) for i in indexes if i.rstrip("]").isdigit())
        if path[0] in positions:
            found = position_of(spec, path)
            if found is not None:
                return found[0]
        return outer(key)

    return line
