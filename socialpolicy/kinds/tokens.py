"""spaCy token patterns, for where grammar matters: "you should take", "take 2 tablets".

``patterns`` are lists in spaCy's own Matcher format, so anything the Matcher
documents (LEMMA, POS, DEP, OP, IN, REGEX, sentence starts) works in a rule file.
The patterns are compiled against the shared model on first use; a Trust's own
patterns are checked against spaCy's pattern schema when its rules load.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

import regex

from .base import BaseDetector, BuildContext, Hit, Options, PostContext, spec_error

# The token attributes that only a pipeline component fills in.
_NEEDS = {
    "lemmatizer": {"LEMMA"},
    "tagger": {"POS", "TAG", "MORPH"},
    "parser": {"DEP", "HEAD", "IS_SENT_START", "SENT_START"},
    "ner": {"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"},
}
# What the components the model runs only on request (``Language.complete``) fill in:
# tags, lemmas and the parse (the entity recogniser runs on every post).
_DEFERRED_ATTRIBUTES = frozenset({"POS", "TAG", "MORPH", "LEMMA", *_NEEDS["parser"]})
# Where a post keeps the lower-case forms of its tokens, which every token detector's
# anchor words are looked up in (one walk over the Doc per post, not one per detector).
_LOWERS = "token-lowers"
# Token specs a match must contain at least once (no OP, or "+" / "1").
_REQUIRED_OPS = (None, "+", "1")


def _anchor(pattern: list[Any]) -> frozenset[str] | None:
    """Lower-case words one of which a match of ``pattern`` must contain, or None."""
    for spec in pattern:
        if not isinstance(spec, Mapping) or spec.get("OP") not in _REQUIRED_OPS:
            continue
        lower = spec.get("LOWER")
        if isinstance(lower, str):
            return frozenset({lower})
        if isinstance(lower, Mapping) and set(lower) == {"IN"} and isinstance(lower["IN"], list) \
                and all(isinstance(w, str) for w in lower["IN"]):
            return frozenset(lower["IN"])
    return None


def _anchors(patterns: list[list[Any]]) -> frozenset[str] | None:
    """Words one of which any match needs, or None when a pattern needs none in particular."""
    words: set[str] = set()
    for pattern in patterns:
        found = _anchor(pattern)
        if found is None:
            return None
        words |= found
    return frozenset(words)


class TokenDetector(BaseDetector):
    options: ClassVar[Options] = {
        # Each pattern is a list of token specs in spaCy's Matcher format.
        "patterns": {"type": "array", "minItems": 1,
                     "items": {"type": "array", "minItems": 1, "items": {"type": "object"}}},
    }
    needs: frozenset[str] = frozenset({"nlp"})

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        patterns = spec.get("patterns") or []
        if not patterns or not all(isinstance(p, list) and p for p in patterns):
            raise spec_error(build, "patterns", "token patterns are non-empty lists of token specs")
        if not build.lazy:
            # A Trust's patterns, checked now rather than when the first post is
            # matched (the built-in pack's are checked by the test suite).
            problem = check_patterns(spec)
            if problem:
                raise spec_error(build, "patterns", problem)
        self.patterns = [list(p) for p in patterns]
        attributes = {str(k).upper() for p in self.patterns for t in p if isinstance(t, Mapping) for k in t}
        self.needs = frozenset({"nlp"} | {need for need, keys in _NEEDS.items() if attributes & keys})
        self._matcher: Any = None
        self._vocab: Any = None
        # Patterns reading tags or lemmas need the model's deferred components, which
        # are run only on a Doc holding a word every match needs.
        self.complete = bool(attributes & _DEFERRED_ATTRIBUTES)
        self.anchors = _anchors(self.patterns) if self.complete else None

    def _compiled(self, doc: Any) -> Any:
        if self._matcher is None or self._vocab is not doc.vocab:
            from spacy.matcher import Matcher

            matcher = Matcher(doc.vocab, validate=True)
            # The rule's own strings kept for the run: a matcher first built inside a
            # memory zone (``Language.zone``) would otherwise have them forgotten at
            # its end.
            if getattr(doc.vocab, "in_memory_zone", False):  # spaCy 3.8 and later
                for string in (self.rule, *_strings(self.patterns)):
                    doc.vocab.strings.add(string, allow_transient=False)
            matcher.add(self.rule, self.patterns)
            self._matcher = matcher
            self._vocab = doc.vocab
        return self._matcher

    def _could_match(self, ctx: PostContext, doc: Any) -> bool:
        """Whether the Doc holds a word every match needs (or no word is needed)."""
        return self.anchors is None or not self.anchors.isdisjoint(
            ctx.memo(_LOWERS, lambda: frozenset(t.lower_ for t in doc)))

    def prepare(self, contexts: Sequence[PostContext]) -> None:
        """Tags, lemmas and parses for the batch's Docs that could match, in one pass."""
        if not self.complete:
            return
        wanted = [c for c in contexts if c.parsed_doc is not None and c.language is not None]
        docs = [c.parsed_doc for c in wanted if self._could_match(c, c.parsed_doc)]
        if docs:
            assert wanted[0].language is not None
            wanted[0].language.complete_all(docs)

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        doc = ctx.doc
        if doc is None:
            return []
        if self.complete:
            if not self._could_match(ctx, doc):
                return []  # no match is possible, tags and lemmas or not
            if ctx.language is not None:
                doc = ctx.language.complete(doc)
        matcher = self._compiled(doc)
        hits = []
        for span in matcher(doc, as_spans=True):
            hits.append(Hit(span.start_char, span.end_char, evidence=span.text))
        return hits


def _strings(value: Any) -> Iterator[str]:
    """Every string in token patterns: attribute names, values, operators."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def check_patterns(spec: Mapping[str, Any]) -> str | None:
    """What is wrong with the first broken token pattern, in plain words, or None.

    Checked with spaCy's own pattern schema, which needs no language model."""
    try:
        from spacy.schemas import validate_token_pattern
    except ImportError:  # pragma: no cover
        return None
    for index, pattern in enumerate(spec.get("patterns") or []):
        errors = validate_token_pattern(pattern)
        if errors:
            return (f"pattern {index + 1} is not a token pattern spaCy can use: {_plain(errors[0])}; "
                    "each token is a mapping such as {LOWER: take} or {LEMMA: {IN: [take, use]}} "
                    "(see https://spacy.io/usage/rule-based-matching)")
    return None


_SPACY_ERROR = regex.compile(r"\[pattern -> (\d+) -> (.+?)\] (.*)")


def _plain(error: str) -> str:
    """spaCy's "[pattern -> 1 -> LEMA] Extra inputs are not permitted" in our words."""
    match = _SPACY_ERROR.match(error)
    if match is None:
        return error
    token = int(match.group(1)) + 1
    path = [part for part in match.group(2).split(" -> ") if part.isupper() or part.isdigit()]
    key = path[-1] if path else match.group(2)
    reason = match.group(3)
    if reason.startswith("Extra inputs"):
        if len(path) > 1:
            return (f"token {token}: {path[0]} uses {key}, which spaCy does not know "
                    "(e.g. IN, NOT_IN, REGEX)")
        return f"token {token} tests {key}, which spaCy does not know (e.g. LOWER, LEMMA, POS, OP)"
    return f"token {token}: {key} " + reason.replace("Input should be", "must be").rstrip(".")


DETECTOR = TokenDetector
