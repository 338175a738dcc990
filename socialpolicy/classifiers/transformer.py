"""A fine-tuned transformer shipped as data: an ONNX graph, its tokenizer and a card.

Used as a rule's **second stage** (``second_stage:`` of a ``classifier`` detector): the
n-gram model decides which posts are worth a closer look, and only those are read by the
transformer. Scoring needs ``onnxruntime`` and the ``tokenizers`` wheel (no torch), and
both are imported, and the graph read and checked against its SHA-256, only when the
first post reaches the second stage: a run that never gets there pays nothing.

The card (``socialpolicy/classifiers/onnx/<name>.json``) names the graph and the
tokenizer with their hashes, the number of word pieces read, and the figures; the graph
takes ``input_ids`` and ``attention_mask`` and mean-pools the encoder's token vectors over
the mask itself (as training did, ``training/transformer/train.py``), so its one output is
the logit of the rule. ``training/transformer/score.py`` measures with this same class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from . import ModelCard, ModelError, check_sha256, read_card_json

FOLDER = Path(__file__).resolve().parent / "onnx"
# How a second stage decides (``second_stage: combine``): ``mean-logit``, the mean of both
# models' logits decides every post the first model sends on; ``add-mean-logit``, the first
# model's own flags (at the detector's ``threshold``) stay, and the mean only adds posts.
COMBINE = ("mean-logit", "add-mean-logit")
ADDS = "add-mean-logit"


@dataclass(frozen=True, kw_only=True)
class TransformerCard(ModelCard):
    """What a shipped transformer says about itself: its graph (``sha256`` is the
    graph's), its tokenizer and how many word pieces it reads. Its ``threshold`` is the
    combined score a rule flags at, set by the rule that uses it."""

    model: Path
    tokenizer: Path
    tokenizer_sha256: str
    max_length: int
    licence: str = ""


def transformer_names() -> list[str]:
    """The transformers shipped inside the package."""
    return sorted(p.stem for p in FOLDER.glob("*.json") if p.name != "tokenizer.json")


def transformer_card_path(name: str) -> Path | None:
    path = FOLDER / f"{name}.json"
    return path if name in transformer_names() else None


def read_transformer_card(path: Path) -> TransformerCard:
    """The card, and its two files present (their hashes are checked when they load)."""
    raw = read_card_json(path)
    try:
        card = TransformerCard(
            name=str(raw["name"]),
            path=path,
            model=path.parent / str(raw["model"]),
            sha256=str(raw["sha256"]),
            tokenizer=path.parent / str(raw["tokenizer"]),
            tokenizer_sha256=str(raw["tokenizer_sha256"]),
            max_length=int(raw["max_length"]),
            version=str(raw.get("version", "1")),
            description=str(raw.get("description", "")),
            figures=dict(raw.get("figures") or {}),
            data=list(raw.get("data") or []),
            licence=str(raw.get("licence", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"the model card {path.name} lacks or garbles {exc}") from None
    for file in (card.model, card.tokenizer):
        if not file.is_file():
            raise ModelError(f"the file {file.name} of model {card.name!r} is missing "
                             f"(looked for {file}); reinstall socialpolicy")
    return card


class OnnxEncoder:
    """An exported encoder with a one-logit head, through onnxruntime (one intra-op
    thread: the linter scores one post at a time, and a second thread costs more CPU
    than it saves on a shared machine) and the ``tokenizers`` wheel."""

    def __init__(self, model: Path, tokenizer: Path, threads: int = 1, max_length: int = 128) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Each file is named when it fails to load, so a damaged one can be found; the
        # libraries' own errors have no common base, and only their type is shown.
        try:
            self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise ModelError(f"{model.name} is not a graph onnxruntime can load "
                             f"({type(exc).__name__})") from None
        try:
            self.tokenizer = Tokenizer.from_file(str(tokenizer))
        except Exception as exc:
            raise ModelError(f"{tokenizer.name} is not a tokenizer the tokenizers wheel can read "
                             f"({type(exc).__name__})") from None
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.no_padding()

    def logits(self, texts: list[str], batch: int = 32) -> npt.NDArray[np.float32]:
        """Each text's logit, the texts taken as given (already folded). Texts of similar
        length are batched together, padded and masked. The graph's int8 activations are
        quantised per batch, so a text's logit can move a little with its batch-mates:
        ``batch=1`` gives every text its own, as the linter scores them."""
        encoded = [self.tokenizer.encode(t) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        out = np.zeros(len(texts), dtype=np.float32)
        for start in range(0, len(order), batch):
            part = order[start:start + batch]
            width = max(len(encoded[i].ids) for i in part)
            ids = np.zeros((len(part), width), dtype=np.int64)
            mask = np.zeros((len(part), width), dtype=np.int64)
            for row, i in enumerate(part):
                n = len(encoded[i].ids)
                ids[row, :n] = encoded[i].ids
                mask[row, :n] = 1
            out[part] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out


class TransformerModel:
    """A shipped transformer, checked against its card's hashes on first use.

    A model that fails to load stays failed: each later post that reaches it gets the
    same error at once, without the graph (tens of megabytes) being hashed and read
    again. One instance serves a process (``load_transformer``), so a library caller
    that catches the first error and goes on checking pays for the failure once."""

    def __init__(self, card: TransformerCard) -> None:
        self.card = card
        self._encoder: OnnxEncoder | None = None
        self._failure: str | None = None

    def _load(self) -> OnnxEncoder:
        if self._encoder is None:
            if self._failure is not None:
                raise ModelError(self._failure)
            try:
                self._encoder = self._open()
            except ModelError as exc:
                self._failure = str(exc)
                raise
        return self._encoder

    def _open(self) -> OnnxEncoder:
        card = self.card
        check_sha256(card.model, card.sha256, card.name)
        check_sha256(card.tokenizer, card.tokenizer_sha256, card.name)
        try:
            return OnnxEncoder(card.model, card.tokenizer, 1, card.max_length)
        except ImportError as exc:
            raise ModelError(f"model {card.name!r} needs onnxruntime and tokenizers "
                             f"(pip install socialpolicy installs both): {exc}") from None
        except ModelError as exc:
            raise ModelError(f"model {card.name!r} cannot be loaded: {exc}") from None

    def logit(self, text: str) -> float:
        """The logit of one (folded) text, scored on its own."""
        encoder = self._load()
        try:
            return float(encoder.logits([text], batch=1)[0])
        except Exception as exc:
            # A graph that loads but does not fit (other inputs, another output shape).
            # Only the error's type is shown: onnxruntime's messages may quote values.
            raise ModelError(f"model {self.card.name!r} cannot score a post with "
                             f"{self.card.model.name} ({type(exc).__name__}); its graph must take "
                             "input_ids and attention_mask and give one logit a text") from None


@cache
def load_transformer(card_file: Path) -> TransformerModel:
    """The model a card describes, once per process; the graph itself loads on first use."""
    return TransformerModel(read_transformer_card(card_file))


def logit(p: float) -> float:
    """The logit of a probability, clipped as ``training/transformer/score.py`` clips it."""
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p) - math.log(1 - p)


def mean_logit(first: float, second_logit: float) -> float:
    """``combine: mean-logit``: the probability at the mean of the two models' logits."""
    z = (logit(first) + second_logit) / 2
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0
