"""The phrase-list kind: one pass over many terms, robust to common disguises."""

from __future__ import annotations

import pytest

from socialpolicy.config import Config
from socialpolicy.inputs.draft import read_draft
from socialpolicy.kinds.base import BuildContext, PostContext
from socialpolicy.kinds.phrases import PhraseDetector

BUILD = BuildContext(rule_id="test", source="test.yaml", config=Config())


def found(spec: dict, text: str) -> list[str]:
    detector = PhraseDetector(spec, BUILD)
    ctx = PostContext(read_draft(text, "t.txt"), Config())
    return [h.evidence or "" for h in detector.find(ctx)]


SPEC = {"phrases": ["idiot", "waste of space", "stupid"], "fuzzy": True, "suffixes": ["s"]}


@pytest.mark.parametrize(
    "text",
    [
        "what an idiot",
        "what an IDIOT!",
        "what an 1d10t",
        "what an i d i o t",
        "what an i.d.i.o.t",
        "what an idiooooot",
        "what an id*ot",
        "what an idoit",
        "you are a waste   of space",
        "total idiots",
        "stuuupid",
        "st*pid",
        "what an іdіot",  # Cyrillic і
        "what an id\u200biot",  # zero-width space inside
    ],
)
def test_disguised_terms_are_found(text):
    assert found(SPEC, text), text


@pytest.mark.parametrize(
    "text",
    ["an idiom of our times", "a waste of time", "space to think", "i d e a s",
     "Ward 1 is on floor 2", "stupendous news", "idiotypic antibodies"],
)
def test_ordinary_words_are_not_found(text):
    assert not found(SPEC, text), text


def test_evidence_is_the_original_span():
    assert found(SPEC, "you 1d10t!") == ["1d10t"]


def test_longest_phrase_wins():
    assert found({"phrases": ["waste", "waste of space"]}, "a waste of space") == ["waste of space"]


def test_never_list_removes_a_variant():
    spec = {"phrases": ["stupid"], "fuzzy": True, "never": ["stupd"]}
    assert not found(spec, "stupd")
