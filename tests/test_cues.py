"""The cues kind: enough kinds of evidence in one sentence."""

from __future__ import annotations

import pytest

from socialpolicy.conditions import holds
from socialpolicy.config import Config
from socialpolicy.errors import RuleError
from socialpolicy.inputs.draft import read_draft
from socialpolicy.kinds.base import BuildContext, PostContext
from socialpolicy.kinds.cues import CuesDetector

BUILD = BuildContext(rule_id="test", source="test.yaml", config=Config())
SPEC = {
    "threshold": 3,
    "require": ["work", "grievance"],
    "lists": {"place": ["ward", "unit", "department"]},
    "groups": {
        "work": {"weight": 1, "patterns": [r"\b(?:{{place}}|shift|rota|manager|payroll)\b"]},
        "grievance": {"weight": 1, "cap": 3,
                      "patterns": [r"\bstill\s+(?:not|no)\b", r"\bagain\b", r"\bnobody\b", r"\bjoke\b"]},
    },
}


def evidence(spec: dict, text: str) -> list[str]:
    ctx = PostContext(read_draft(text, "t.txt"), Config())
    return [h.evidence or "" for h in CuesDetector(spec, BUILD).find(ctx)]


def test_fires_when_required_groups_meet_the_threshold_in_one_sentence():
    text = "Lovely weather. Payroll got it wrong again and still no answer, nobody cares."
    assert evidence(SPEC, text) == ["Payroll got it wrong again and still no answer, nobody cares."]


@pytest.mark.parametrize(
    "text",
    [
        "Our ward is open again after the refurbishment.",  # work + one grievance cue: 2 < 3
        "Again and again, nobody, still no: what a joke.",  # no work cue
        "Payroll is closed today. Again nobody knows, still no news.",  # cues in two sentences
    ],
)
def test_stays_silent_below_threshold_or_without_a_required_group(text):
    assert evidence(SPEC, text) == []


def test_one_cue_repeated_counts_once():
    assert evidence(SPEC, "The rota again again again again.") == []


def test_post_window_adds_across_sentences():
    spec = {**SPEC, "window": "post"}
    assert evidence(spec, "Payroll is closed today. Again nobody knows, still no news.")


def test_unknown_required_group_is_a_rule_error():
    with pytest.raises(RuleError):
        CuesDetector({**SPEC, "require": ["nope"]}, BUILD)


def test_dotted_conditions_reach_into_fields():
    data = {"reply_to": {"author": "@a", "text": "Should I take ibuprofen?"}}
    assert holds(data, {"reply_to.text": {"matches": r"\bibuprofen\b"}})
    assert not holds(data, {"reply_to.text": {"matches": r"\brash\b"}})
    assert not holds({}, {"reply_to.text": {"present": True}})
