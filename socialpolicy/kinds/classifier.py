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

A post-level detector may add a **second stage**, a fine-tuned transformer shipped as
data (``socialpolicy/classifiers/transformer.py``) that reads only the posts the n-gram
model sends it::

    - kind: classifier
      model: complaint
      unit: post
      second_stage:
        model: complaint-transformer   # socialpolicy/classifiers/onnx/<name>.json
        from: 0.38                     # n-gram score that sends a post on; below it, no finding
        threshold: 0.852               # the combined score that breaks the rule
        combine: mean-logit            # the mean of the two models' logits

With ``alone: true`` the engine asks the detector only when none of the rule's other
detectors found anything in the post, so it only adds posts and never replaces a pattern's
evidence (a word) with its own (a sentence) (a built-in rule's detector for posts about staff is one).

The transformer runs after the detector's ``when:`` and ``unless:`` (cheap searches) have
let the post through, and it (with onnxruntime and tokenizers) loads on the first post
that gets that far. The finding's score is the combined one.

With ``combine: add-mean-logit`` the second stage only adds: a post the n-gram model
scores at least the detector's own ``threshold`` is flagged as without a second stage
(the transformer is not run), and a post it scores in [``from``, ``threshold``) is
flagged when the mean of both logits reaches ``second_stage: threshold``::

    - kind: classifier
      model: offensive
      threshold: 0.93                  # the n-gram model alone flags at this
      unit: post
      second_stage: {model: offensive-transformer, from: 0.23, threshold: 0.95, combine: add-mean-logit}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from ..classifiers import LinearModel, ModelCard, ModelError, card_path, load, shipped_names
from ..classifiers.features import FeatureConfig, Vector, featurize, featurize_many
from ..classifiers.transformer import (
    ADDS,
    COMBINE,
    TransformerModel,
    load_transformer,
    mean_logit,
    transformer_card_path,
    transformer_names,
)
from .base import BuildContext, Hit, Options, PostContext, spec_error
from .textsource import SENTENCE, TextDetector, folded_source, make_hit

UNITS = ("sentence", "post")

Scored = tuple[tuple[int, int, Vector], ...]


def _resolve_card(name: str, build: BuildContext, shipped: Path | None, known: list[str],
                  key: str = "model", what: str = "model") -> Path:
    """The card a rule names: a shipped one (``shipped``, found by name) or, in a
    Trust's rule, a ``.json`` path beside the rule file; ``key`` is the option named in
    the error, ``what`` the kind of model ("model", "transformer")."""
    if shipped is not None:
        return shipped
    prefix = "" if key == "model" else "model: "
    names = ", ".join(known) or "none"
    if build.lazy or not name.endswith(".json"):
        # The built-in pack names shipped models only.
        raise spec_error(build, key, f"{prefix}no {what} is called {name!r} (shipped {what}s: "
                         f"{names}); name one of those, or give the path of "
                         f"{'a model card' if what == 'model' else 'its card'} ending in .json")
    path = (Path(build.source).parent / name).resolve()
    if not path.is_file():
        raise spec_error(build, key, f"{prefix}the {what} card {name!r} was not found next to this "
                         f"rule file (looked for {path}); shipped {what}s: {names}")
    return path


def _resolve(name: str, build: BuildContext) -> Path:
    return _resolve_card(name, build, card_path(name), shipped_names())


def _resolve_second(name: str, build: BuildContext) -> Path:
    return _resolve_card(name, build, transformer_card_path(name), transformer_names(),
                         "second_stage", "transformer")


SECOND_STAGE_KEYS = ("model", "from", "threshold", "combine")


class SecondStage:
    """``second_stage:``: which posts go on (``from``), how the two scores combine, and
    the combined score that breaks the rule. The transformer is built on first use."""

    def __init__(self, spec: Any, build: BuildContext):
        def bad(reason: str) -> Exception:
            return spec_error(build, "second_stage", reason)

        if not isinstance(spec, Mapping):
            raise bad("must be a mapping with model, from, threshold and combine")
        unknown = sorted(str(k) for k in spec if k not in SECOND_STAGE_KEYS)
        if unknown:
            raise bad(f"unknown key {unknown[0]!r} (it takes {', '.join(SECOND_STAGE_KEYS)})")
        missing = [k for k in SECOND_STAGE_KEYS if k not in spec]
        if missing:
            raise bad(f"needs {', '.join(missing)} (it takes {', '.join(SECOND_STAGE_KEYS)})")
        name = spec["model"]
        if not isinstance(name, str) or not name:
            raise bad("model: must name a shipped transformer (or, in a Trust rule, its card)")
        for key in ("from", "threshold"):
            value = spec[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 < value < 1.0:
                raise bad(f"{key}: must be a number between 0 and 1 (a model's score)")
        self.start = float(spec["from"])
        self.threshold = float(spec["threshold"])
        self.combine = str(spec["combine"])
        if self.combine not in COMBINE:
            raise bad(f"combine: must be one of {', '.join(COMBINE)}")
        try:
            self.model: TransformerModel = load_transformer(_resolve_second(name, build))
        except ModelError as exc:
            raise bad(f"{exc}") from None
        # Where to point when the transformer turns out damaged on first use.
        self.where = (build.source, f"rule {build.rule_id}: second_stage", build.line("second_stage"))


    @property
    def adds(self) -> bool:
        """add-mean-logit: the first model's own flags stay, the second stage only adds."""
        return self.combine == ADDS

    def logit(self, text: str) -> float:
        from ..errors import RuleError

        try:
            return self.model.logit(text)
        except ModelError as exc:
            source, prefix, line = self.where
            raise RuleError(source, f"{prefix}: {exc}", line) from None

    def score(self, first: float, text: str) -> float:
        return mean_logit(first, self.logit(text))


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
    for match in SENTENCE.finditer(text):
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
        "alone": {"type": "boolean", "description": (
            "classifier: report a post only when none of the rule's other detectors found "
            "anything in it (asked after them), so it adds posts and never replaces their "
            "evidence with its own sentence")},
        "second_stage": {
            "type": "object",
            "description": (
                "classifier (unit: post): a transformer that reads only the posts the model "
                "scores at least `from`; the mean of the two models' logits must reach "
                "`threshold` (combine: mean-logit), or only adds to the model's own flags at the "
                "detector's threshold (combine: add-mean-logit; docs/rules.md)"),
            "properties": {
                "model": {"type": "string", "minLength": 1},
                "from": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                "threshold": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                "combine": {"enum": list(COMBINE)},
            },
            "required": list(SECOND_STAGE_KEYS),
            "additionalProperties": False,
        },
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
        alone = spec.get("alone", False)
        if not isinstance(alone, bool):
            raise spec_error(build, "alone", "must be true or false")
        self.alone = alone
        self.second: SecondStage | None = None
        # With combine: add-mean-logit, the first model's score that flags a post on its own.
        self.keep: float | None = None
        if "second_stage" in spec:
            if self.unit != "post":
                raise spec_error(build, "second_stage", "needs unit: post (the second stage reads "
                                 "the whole post)")
            self.second = SecondStage(spec["second_stage"], build)
            if self.second.adds:
                if not self.second.start < self.threshold:
                    raise spec_error(build, "second_stage", f"from: must be below the detector's "
                                     f"threshold ({self.threshold}): with combine: {ADDS} the model "
                                     "flags a post alone at its threshold and sends posts from "
                                     "`from` up to it on to the second stage")
                self.keep = self.threshold
            elif "threshold" in spec:
                raise spec_error(build, "threshold", "with a second_stage the model's score only sends "
                                 "posts on (second_stage: from), and the combined score decides "
                                 f"(second_stage: threshold); leave this threshold out (or use "
                                 f"combine: {ADDS}, where it is the score that flags a post alone)")
            self.threshold = self.second.start
            self.staged = True

    def model_cards(self) -> tuple[ModelCard, ...]:
        # The rule's own threshold is the one its findings are judged by.
        first = replace(self.model.card, threshold=self.threshold)
        if self.second is None:
            return (first,)
        second = self.second
        if self.keep is not None:
            return (replace(first, threshold=self.keep, used=(
                        f"the first stage: a post it scores at least {self.keep} is flagged; one it "
                        f"scores at least {second.start} goes on to {second.model.card.name}, a lower "
                        "score is never flagged")),
                    replace(second.model.card, threshold=second.threshold, used=(
                        f"the second stage, which only adds ({second.combine}): a post the first "
                        f"stage sends on is flagged when the mean of both models' logits "
                        f"reaches {second.threshold}")))
        return (replace(first, used=f"the first stage: a post it scores at least {second.start} goes on "
                        f"to {second.model.card.name}, a lower score is never flagged"),
                replace(second.model.card, threshold=second.threshold, used=(
                    f"the second stage: the mean of both models' logits ({second.combine}) "
                    f"must reach {second.threshold}")))

    def candidates(self, ctx: PostContext) -> list[Hit]:
        """The first stage alone: a hit (scored by the n-gram model) for a post worth a
        closer look; ``confirm`` decides it."""
        return list(self._first(ctx))

    def confirm(self, ctx: PostContext, hits: list[Hit]) -> list[Hit]:
        second = self.second
        if second is None or not hits:
            return hits
        source = folded_source(ctx, self.on)
        if source is None:
            return []
        first = hits[0].score if hits[0].score is not None else 0.0
        if self.keep is not None and first >= self.keep:
            return hits  # add-mean-logit: the first model's own flag stands, unread by the second
        score = second.score(first, source.text)
        if score < second.threshold:
            return []
        return [replace(hit, score=score) for hit in hits]

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        return self.confirm(ctx, self.candidates(ctx))

    def _first(self, ctx: PostContext) -> Iterable[Hit]:
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
