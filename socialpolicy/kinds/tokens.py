"""spaCy token patterns, for where grammar matters: "you should take", "take 2 tablets".

``patterns`` are lists in spaCy's own Matcher format, so anything the Matcher
documents (LEMMA, POS, DEP, OP, IN, REGEX, sentence starts) works in a rule file.
The patterns are compiled against the shared model on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .base import BuildContext, Hit, PostContext, spec_error

# The token attributes that only a pipeline component fills in.
_NEEDS = {
    "lemmatizer": {"LEMMA"},
    "tagger": {"POS", "TAG", "MORPH"},
    "parser": {"DEP", "HEAD", "IS_SENT_START", "SENT_START"},
    "ner": {"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"},
}
# What the components the model runs only on request (``Language.complete``) fill in.
_DEFERRED_ATTRIBUTES = frozenset({"POS", "TAG", "MORPH", "LEMMA"})
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


class TokenDetector:
    needs: frozenset[str] = frozenset({"nlp"})

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        patterns = spec.get("patterns") or []
        if not patterns or not all(isinstance(p, list) and p for p in patterns):
            raise spec_error(build, "patterns", "token patterns are non-empty lists of token specs")
        self.patterns = [list(p) for p in patterns]
        self.rule = build.rule_id
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
            matcher.add(self.rule, self.patterns)
            self._matcher = matcher
            self._vocab = doc.vocab
        return self._matcher

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        doc = ctx.doc
        if doc is None:
            return []
        if self.complete:
            if self.anchors is not None and not any(t.lower_ in self.anchors for t in doc):
                return []  # no match is possible, tags and lemmas or not
            if ctx.language is not None:
                doc = ctx.language.complete(doc)
        matcher = self._compiled(doc)
        hits = []
        for span in matcher(doc, as_spans=True):
            hits.append(Hit(span.start_char, span.end_char, evidence=span.text))
        return hits


def check_patterns(spec: Mapping[str, Any]) -> str | None:
    """Validate token patterns with spaCy's own schema, without loading a model."""
    try:
        from spacy.schemas import validate_token_pattern
    except ImportError:  # pragma: no cover
        return None
    for index, pattern in enumerate(spec.get("patterns") or []):
        errors = validate_token_pattern(pattern)
        if errors:
            return f"patterns[{index}]: {errors[0]}"
    return None


def build(spec: Mapping[str, Any], context: BuildContext) -> TokenDetector:
    return TokenDetector(spec, context)
