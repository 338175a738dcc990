"""Presidio, offline and quiet, reading the spaCy Doc socialpolicy already made.

Importing this module imports Presidio (and so spaCy). Before that it points
tldextract at no download URL (Presidio's email recognizer calls it, and its
first call would otherwise fetch the public suffix list from the internet) and
quietens Presidio's loggers and registry warnings, which would otherwise print
to the user's terminal.
"""

from __future__ import annotations

import logging
import os
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

# Must precede any import of tldextract (Presidio imports it): its module-level
# extractor reads the variable once, and an empty value means "never download".
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
for _name in ("presidio-analyzer", "presidio_analyzer", "decision_process", "tldextract"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
    from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

from .recognizers import build_recognizer  # noqa: E402 - after the offline setup above

LANGUAGE = "en"


class DocNlpEngine(NlpEngine):  # type: ignore[misc]
    """An NlpEngine that never parses: it wraps Docs that socialpolicy's one
    ``nlp.pipe`` pass already made, so a post is parsed once for every rule.

    With no Doc (no model installed, or only pattern rules running) it hands
    Presidio empty artifacts: the pattern recognizers read their context from
    the text and need no tokens.
    """

    def __init__(self) -> None:
        self._vocab = Vocab()
        self._empty: NlpArtifacts | None = None

    def load(self) -> None:
        """Nothing to load: the model belongs to socialpolicy.nlp.Language."""

    def is_loaded(self) -> bool:
        return True

    def artifacts(self, doc: Any | None) -> NlpArtifacts:
        if doc is None:
            if self._empty is None:
                self._empty = NlpArtifacts(
                    entities=[], tokens=Doc(self._vocab, words=[]), tokens_indices=[],
                    lemmas=[], nlp_engine=self, language=LANGUAGE, scores=[],
                )
            return self._empty
        # New spans, never the Doc's own: relabelling doc.ents in place (as
        # Presidio's spaCy engine does) would change what other rules see.
        people = [Span(doc, e.start, e.end, label="PERSON") for e in doc.ents if e.label_ == "PERSON"]
        return DocArtifacts(doc, people, self)

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return self.artifacts(None)

    def process_batch(
        self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1,
        **kwargs: Any,
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.artifacts(None)

    def is_stopword(self, word: str, language: str) -> bool:
        return word.casefold() in STOP_WORDS

    def is_punct(self, word: str, language: str) -> bool:
        return bool(word) and all(unicodedata.category(c).startswith("P") for c in word)

    def get_supported_entities(self) -> list[str]:
        return ["PERSON"]

    def get_supported_languages(self) -> list[str]:
        return [LANGUAGE]


class DocArtifacts(NlpArtifacts):  # type: ignore[misc]
    """Presidio's artifacts of a Doc, the per-token lists made only if something reads
    them. The recognizers read the entities and their scores; token offsets, lemmas
    and keywords are for Presidio's lemma context enhancer, which ``OwnContext``
    replaces, so building them for every post (a Token object per word, three times)
    was a third of the time of reading a post's names."""

    def __init__(self, doc: Any, people: list[Any], engine: NlpEngine):
        self.entities = people
        self.tokens = doc
        self.nlp_engine = engine
        self.scores = [0.85] * len(people)

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute not yet set: one of the per-token lists.
        value: Any
        if name == "tokens_indices":
            value = [t.idx for t in self.tokens]
        elif name == "lemmas":
            value = [t.lemma_ or t.lower_ for t in self.tokens]
        elif name == "keywords":
            value = self.set_keywords(self.nlp_engine, self.lemmas, LANGUAGE)
        else:
            raise AttributeError(name)
        setattr(self, name, value)
        return value


class OwnContext(ContextAwareEnhancer):  # type: ignore[misc]
    """Leaves scores as the recognizers set them.

    Our recognizers weigh their own context phrases in the text (see
    ``recognizers.py``) and mark their results as enhanced; Presidio's lemma
    enhancer would only deep-copy every result of every post to change nothing.
    """

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self, text: str, raw_results: list[RecognizerResult], nlp_artifacts: NlpArtifacts,
        recognizers: list[Any], context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


class RecognizerError(ValueError):
    """A recognizer definition that cannot be built (an unknown class or option)."""


class Analyzer:
    """A Presidio AnalyzerEngine over the given recognizer definitions."""

    def __init__(self, definitions: Sequence[Mapping[str, Any]], entities: Sequence[str],
                 threshold: float):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            recognizers = []
            for index, definition in enumerate(definitions):
                try:
                    recognizers.append(build_recognizer(definition))
                except ValueError as exc:
                    name = definition.get("name") or f"recognizers[{index}]"
                    raise RecognizerError(f"recognizer {name!r}: {exc}") from None
            registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[LANGUAGE])
            self.nlp_engine = DocNlpEngine()
            self.engine = AnalyzerEngine(
                registry=registry, nlp_engine=self.nlp_engine, supported_languages=[LANGUAGE],
                context_aware_enhancer=OwnContext(),
            )
        self.entities = list(entities)
        self.threshold = threshold

    def artifacts(self, doc: Any | None) -> NlpArtifacts:
        return self.nlp_engine.artifacts(doc)

    def analyze(
        self, text: str, doc: Any | None, artifacts: NlpArtifacts | None = None,
        entities: Sequence[str] | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's findings; ``artifacts`` made once from the Doc may be shared
        by every personal-data rule reading the same post. ``entities``: only these
        of the analyzer's (the others' recognizers cannot find anything in ``text``)."""
        results: list[RecognizerResult] = self.engine.analyze(
            text=text,
            language=LANGUAGE,
            entities=self.entities if entities is None else list(entities),
            nlp_artifacts=artifacts if artifacts is not None else self.artifacts(doc),
            score_threshold=self.threshold,
        )
        return results
