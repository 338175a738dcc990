"""Personal data with Presidio: UK identifiers, contacts and people's names.

A ``pii`` detector names the Presidio entities it reports (``UK_NHS``,
``PERSON``, ...); the recognizers behind them are data, in
``socialpolicy/pii/recognizers.yaml`` or a file the rule names. Presidio is
imported the first time a post is checked, never when rules are loaded, so a
run that selects only other rules pays nothing for it.

Only ``PERSON`` needs the language model (``needs = {"nlp"}``): identifiers are
found by pattern, checksum and nearby phrases, with or without a model. Names
are compared with the post's ``consent`` entries and the allow-listed public
figures; a name in a post about someone's health can be raised to an error.
Every hit is personal data, so the engine masks its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from ..pii.checksum import allowed, contact_key
from ..pii.names import matches_any, name_parts
from .base import BuildContext, Hit, PostContext, spec_error

DEFAULT_RECOGNIZERS = Path(__file__).resolve().parent.parent / "pii" / "recognizers.yaml"
NAME_ENTITY = "PERSON"


@dataclass(frozen=True)
class _Allowed:
    """Allow-listed contacts (as spelling-proof keys) and people (as name parts)."""

    contacts: frozenset[str]
    people: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Escalation:
    """Raise a hit's severity when the post also carries one of these phrases."""

    severity: str
    pattern: Any
    message: str | None


def _load_definitions(path: Path, build: BuildContext) -> list[dict[str, Any]]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise spec_error(build, "recognizers", f"cannot read {path}: {exc}") from None
    items = data.get("recognizers") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and "entity" in i for i in items):
        raise spec_error(build, "recognizers", f"{path}: expected recognizers: [{{name, entity, ...}}]")
    return items


def _phrases(words: Sequence[str]) -> Any:
    body = "|".join(
        r"\s+".join(regex.escape(w) for w in str(p).split()) for p in sorted(words, key=len, reverse=True)
    )
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


class PiiDetector:
    needs: frozenset[str] = frozenset()

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        entities = spec.get("entities")
        if not isinstance(entities, list) or not entities:
            raise spec_error(build, "entities", "a pii detector lists the entities it reports")
        self.entities = tuple(str(e) for e in entities)
        source = spec.get("recognizers")
        path = DEFAULT_RECOGNIZERS if source is None else Path(build.source).parent / str(source)
        definitions = [d for d in _load_definitions(path, build) if d["entity"] in self.entities]
        known = {d["entity"] for d in definitions}
        missing = [e for e in self.entities if e not in known]
        if missing:
            raise spec_error(build, "entities", f"no recognizer in {path.name} finds {', '.join(missing)}")
        extra = spec.get("patterns_for") or {}
        for entity, patterns in extra.items():
            # A Trust whose hospital numbers look different lists its own forms here.
            definitions = [
                {**d, "patterns": [{"name": f"{entity} configured {i}", "regex": str(p),
                                    "score": float(d["patterns"][0]["score"])}
                                   for i, p in enumerate(patterns)]}
                if d["entity"] == entity and "patterns" in d else d
                for d in definitions
            ]
        self.definitions = definitions
        self.threshold = float(spec.get("threshold", 0.5))
        self.labels: dict[str, str] = {str(k): str(v) for k, v in (spec.get("labels") or {}).items()}
        self.names = NAME_ENTITY in self.entities
        if self.names:
            self.needs = frozenset({"nlp"})
        self.allow = tuple(str(a) for a in spec.get("allow") or [])
        # Keyed by the configuration's own lists: the rule is compiled once but a
        # Linter (or a rule example) may run it under another configuration.
        self._allow_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], _Allowed] = {}
        self.not_names = frozenset(p for n in spec.get("not_names") or [] for p in name_parts(str(n)))
        # A span with one of these words names a place or a team ("Cavell Ward").
        self.place_words = frozenset(str(w).casefold() for w in spec.get("place_words") or [])
        # Written next to a name, these make it a public figure in a public role
        # ("Sir David Attenborough", "Peter Aldous MP"); matched as written.
        self.public_titles = frozenset(str(w) for w in spec.get("public_titles") or [])
        escalate = spec.get("escalate")
        self.escalation: Escalation | None = None
        if escalate:
            if not isinstance(escalate, Mapping) or not escalate.get("phrases"):
                raise spec_error(build, "escalate", "needs phrases: [...] and a severity")
            self.escalation = Escalation(
                str(escalate.get("severity", "error")),
                _phrases([str(p) for p in escalate["phrases"]]),
                str(escalate["message"]) if escalate.get("message") else None,
            )
        self._analyzer: Any = None

    # -- Presidio, built on first use ------------------------------------------

    def _engine(self) -> Any:
        if self._analyzer is None:
            from ..pii.analysis import Analyzer

            self._analyzer = Analyzer(self.definitions, self.entities, self.threshold)
        return self._analyzer

    def prepare(self, contexts: Sequence[PostContext]) -> None:
        """Build Presidio once per batch, before the first post asks for it."""
        if contexts:
            self._engine()

    # -- per post ----------------------------------------------------------------

    def _doc(self, ctx: PostContext) -> Any:
        if not self.names:
            return None
        from ..nlp import ModelUnavailable

        try:
            return ctx.doc
        except ModelUnavailable:
            return None  # name detection is off; run.py has said so once

    def _allowed(self, ctx: PostContext) -> _Allowed:
        config = ctx.config
        key = (config.allow_contacts, config.allow_public_figures)
        found = self._allow_cache.get(key)
        if found is None:
            people = (*self.allow, *config.allow_public_figures) if self.names else ()
            found = _Allowed(
                contacts=frozenset(
                    contact_key(a) for a in (*self.allow, *config.allow_contacts) if contact_key(a)
                ),
                people=tuple(name_parts(n) for n in people),
            )
            self._allow_cache[key] = found
        return found

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        text = ctx.post.text
        if not text.strip():
            return []
        allow = self._allowed(ctx)
        doc = self._doc(ctx)
        results = self._engine().analyze(text, doc)
        hits = []
        for result in _resolve(results, self.entities):
            entity = result.entity_type
            evidence = text[result.start:result.end]
            if entity == NAME_ENTITY:
                if doc is None or not self._is_private_name(ctx, allow, result.start, result.end):
                    continue
            elif allowed(evidence, allow.contacts):
                continue
            hits.append(Hit(
                result.start, result.end, evidence=evidence, personal=True,
                tag=self.labels.get(entity, entity.replace("_", " ").lower()),
            ))
        if hits and self.escalation is not None and self.escalation.pattern.search(ctx.folded.text):
            hits = [
                Hit(h.start, h.end, evidence=h.evidence, personal=True, tag=h.tag,
                    severity=self.escalation.severity, message=self.escalation.message)
                for h in hits
            ]
        return hits

    def _is_private_name(self, ctx: PostContext, allow: _Allowed, start: int, end: int) -> bool:
        text = ctx.post.text
        span = text[start:end]
        if start > 0 and text[start - 1] in "#@":
            return False  # a hashtag or handle, not a name written out
        if any(c.isdigit() or c in "#@/" for c in span):
            return False
        words = regex.findall(r"\p{L}[\p{L}'’\-]*", span)
        if not words or not words[0][0].isupper():
            return False  # "the App Store": a name starts with a capital
        if not any(w[0].isupper() and not w.isupper() for w in words):
            return False  # lowercase words or acronyms ("NHS", "ICU")
        following = regex.match(r"(?:['’]s)?\s+(\p{L}+)", text[end:end + 30])
        if following and following.group(1).casefold() in self.place_words:
            return False  # "Cavell Ward", "Children's ward"
        parts = name_parts(span)
        if not parts or parts <= self.not_names:
            return False
        from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded: there is a Doc

        if all(len(p) < 3 or p in STOP_WORDS for p in parts):
            return False  # "In", "We": a capitalised word at a sentence start
        if any(w.casefold() in self.place_words for w in words):
            return False
        if self.public_titles:
            around = regex.findall(r"[\p{L}]+", text[max(0, start - 40):start])[-3:]
            around += regex.findall(r"[\p{L}]+", text[end:end + 20])[:1]
            if any(w in self.public_titles for w in (*words, *around)):
                return False
        people = (*allow.people, *(name_parts(c.name) for c in ctx.post.consent))
        return not matches_any(span, people)


def _resolve(results: Sequence[Any], order: Sequence[str]) -> list[Any]:
    """One entity per place: the highest score wins an overlap, then the order the
    rule lists entities in. An NHS number is not also reported as a phone number;
    overlapping names ("Sister Jones" and "Jones") merge into the longer one."""
    rank = {e: i for i, e in enumerate(order)}
    ordered = sorted(
        results, key=lambda r: (-r.score, rank.get(r.entity_type, len(rank)), r.start - r.end)
    )
    kept: list[Any] = []
    for result in ordered:
        clash = next((k for k in kept if result.start < k.end and k.start < result.end), None)
        if clash is None:
            kept.append(result)
        elif clash.entity_type == result.entity_type == NAME_ENTITY:
            clash.start = min(clash.start, result.start)
            clash.end = max(clash.end, result.end)
    return sorted(kept, key=lambda r: r.start)


def build(spec: Mapping[str, Any], context: BuildContext) -> PiiDetector:
    return PiiDetector(spec, context)
