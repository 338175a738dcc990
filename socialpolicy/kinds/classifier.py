"""A learned model scores each sentence (or the whole post); a high score is a hit.

Patterns catch the wording a rule's authors thought of; a ``classifier`` detector
catches what they did not, from a model trained on real text (see ``training/``)::

    - kind: classifier
      model: offensive          # a model shipped in socialpolicy/classifiers/
      threshold: 0.8            # default: the threshold in the model's card
      unit: sentence            # or post: score the whole post, report its top sentence
      "on": text                # or reply_to / poll, as other text kinds

A Trust's own rule may instead name a card by a path relative to its rule file
(``model: models/conduct.json``). The evidence is the sentence that scored highest,
and the score travels with the finding in JSON and SARIF. Every sentence is turned
into features once per post, and the features are shared by every model of the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from ..classifiers import Card, LinearModel, ModelError, card_path, load, shipped_names
from ..classifiers.features import FeatureConfig, Vector, featurize, featurize_many
from .base import BuildContext, Hit, Options, PostContext, spec_error
from .cues import _SENTENCE
from .textsource import TextDetector, folded_source, make_hit

UNITS = ("sentence", "post")

Scored = tuple[tuple[int, int, Vector], ...]


def _resolve(name: str, build: BuildContext) -> Path:
    shipped = card_path(name)
    if shipped is not None:
        return shipped
    known = ", ".join(shipped_names()) or "none"
    if build.lazy or not name.endswith(".json"):
        # The built-in pack names shipped models only.
        raise spec_error(build, "model", f"no model is called {name!r} (shipped models: {known}); "
                         "name one of those, or give the path of a model card ending in .json")
    path = (Path(build.source).parent / name).resolve()
    if not path.is_file():
        raise spec_error(build, "model", f"the model card {name!r} was not found next to this rule "
                         f"file (looked for {path}); shipped models: {known}")
    return path


def _memo_key(on: str, features: FeatureConfig) -> str:
    return f"classifier:{on}:{features.key}"


def post_vector(ctx: PostContext, on: str, text: str, features: FeatureConfig) -> Vector:
    """The features of the whole of ``text`` (the post's ``on`` field, folded), worked out
    once per post for every model that reads the same features: the rules' classifiers
    and triage's category models alike."""
    vector: Vector = ctx.memo(_memo_key(on, features) + ":post", lambda: featurize(text, features))
    return vector


def _sentences(text: str, config: FeatureConfig) -> Scored:
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    # All of a post's sentences featurized together: the same vectors, fewer numpy calls.
    vectors = featurize_many([text[start:end] for start, end in spans], config)
    return tuple((start, end, vector) for (start, end), vector in zip(spans, vectors, strict=True))


class ClassifierDetector(TextDetector):
    options: ClassVar[Options] = {
        **TextDetector.options,
        "model": {"type": "string", "minLength": 1, "description": (
            "classifier: a shipped model's name, or (Trust rules) a path to its card "
            "relative to the rule file")},
        "threshold": {"type": "number"},
        "unit": {"enum": list(UNITS)},
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        name = spec.get("model")
        if not isinstance(name, str) or not name:
            raise spec_error(build, "model", "a classifier detector needs the name of a model")
        try:
            self.model: LinearModel = load(_resolve(name, build))
        except ModelError as exc:
            raise spec_error(build, "model", f"{exc}") from None
        self.unit = str(spec.get("unit", "sentence"))
        if self.unit not in UNITS:
            raise spec_error(build, "unit", f"must be one of {', '.join(UNITS)}")
        self.threshold = float(spec.get("threshold", self.model.card.threshold))
        if not 0.0 < self.threshold < 1.0:
            raise spec_error(build, "threshold", "must be between 0 and 1 (a model's score)")
        self.features = self.model.card.features

    def model_cards(self) -> tuple[Card, ...]:
        # The rule's own threshold is the one its findings are judged by.
        return (replace(self.model.card, threshold=self.threshold),)

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        source = folded_source(ctx, self.on)
        if source is None or not source.text.strip():
            return []
        key = _memo_key(self.on, self.features)
        if self.unit == "post":
            # Score the whole text first; split it into sentences (for the evidence) only
            # when it breaks the rule, which keeps most posts to one featurization.
            score = self.model.score(post_vector(ctx, self.on, source.text, self.features))
            if score < self.threshold:
                return []
        sentences: Scored = ctx.memo(key, lambda: _sentences(source.text, self.features))
        if not sentences:
            return []
        scores = [self.model.score(vector) for _, _, vector in sentences]
        best = max(range(len(scores)), key=scores.__getitem__)
        if self.unit == "sentence":
            score = scores[best]
            if score < self.threshold:
                return []
        start, end, _ = sentences[best]
        return [make_hit(ctx, self.on, source, start, end, personal=self.personal, score=score)]


DETECTOR = ClassifierDetector
