"""The cues kind: enough kinds of evidence in one sentence."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

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


def scored_by_hand(spec: dict, text: str) -> list[str]:
    """The windows of ``text`` every group's cues, all matched everywhere, score enough in."""
    from socialpolicy.kinds.textsource import SENTENCE

    groups = []
    for group in spec["groups"].values():
        found = [(m.start(), m.group(0).lower()) for p in group["patterns"]
                 for m in regex.finditer(p, text, regex.I | regex.M) if m.end() > m.start()]
        groups.append((float(group.get("weight", 1)), int(group.get("cap", 1)), found))
    names = list(spec["groups"])
    if spec.get("window") == "post":
        windows = [(0, len(text))]
    else:
        windows = [m.span() for m in SENTENCE.finditer(text) if m.group(0).strip()]
    out = []
    for start, end in windows:
        score, present = 0.0, set()
        for name, (weight, cap, found) in zip(names, groups, strict=True):
            seen = {cue for at, cue in found if start <= at < end}
            if seen:
                present.add(name)
                score += weight * min(len(seen), cap)
        if score >= spec["threshold"] and all(r in present for r in spec.get("require", [])):
            out.append(text[start:end].strip())
    return out


CUE_WORDS = ["ward", "rota", "again", "still no", "nobody", "thanks", "proud", "shift", "joke"]


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from([*CUE_WORDS, "the", "and", ".", "!", "\n"]), max_size=25),
       window=st.sampled_from(["sentence", "post"]),
       threshold=st.sampled_from([1, 2, 2.5, 3, 4]),
       caps=st.tuples(st.integers(1, 3), st.integers(1, 3)),
       counter=st.sampled_from([-1, -2.5, 0]),
       require=st.sampled_from([[], ["work"], ["work", "grievance"], ["thanks"]]))
def test_finds_the_windows_scoring_every_group_everywhere_finds(words, window, threshold, caps,
                                                               counter, require):
    spec = {"window": window, "threshold": threshold, "require": require, "groups": {
        "work": {"weight": 1, "cap": caps[0], "patterns": [r"\b(?:ward|rota|shift)\b"]},
        "grievance": {"weight": 1.5, "cap": caps[1],
                      "patterns": [r"\bstill\s+no\b", r"\bagain\b", r"\bnobody\b|\bjoke\b"]},
        "thanks": {"weight": counter, "patterns": [r"\b(?:thanks|proud)\b"]},
    }}
    text = " ".join(words)
    assert evidence(spec, text) == scored_by_hand(spec, text)


# One capital letter and a full stop before a word in lower case is an organism's
# initial ("C. difficile", "E. coli"), not the end of a sentence: the ward and what
# happened on it are read as one sentence. Before a capital it still ends one.
def test_an_initial_before_a_lower_case_word_does_not_end_the_sentence():
    assert evidence(SPEC, "The ward has C. difficile again and nobody was told.") == [
        "The ward has C. difficile again and nobody was told."]
    assert evidence(SPEC, "Our rota is on Ward C. Again nobody knows, still no news.") == []


# ``unless_consented``: a group's match that names someone with a consent entry does not
# count; consent is per person, so consent for one person leaves another counted.
CONSENT_SPEC = {
    "threshold": 2,
    "groups": {
        "named": {"patterns": [r"\b(?-i:Mrs|Sister)\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+"], "unless_consented": True},
        "detail": {"patterns": [r"\b\d{2}\b"]},
    },
}
CONSENT_POST = "Mrs Olive Parfitt, 83, thanked the ward."


def consented(spec: dict, text: str, names: list[str]) -> list[str]:
    front = "".join(f"  - name: {n}\n" for n in names)
    draft = f"---\nconsent:\n{front}---\n{text}\n" if names else text
    ctx = PostContext(read_draft(draft, "t.md", markdown=True), Config())
    return [h.evidence or "" for h in CuesDetector(spec, BUILD).find(ctx)]


def test_unless_consented_leaves_out_only_the_consented_persons_match():
    assert consented(CONSENT_SPEC, CONSENT_POST, []) == [CONSENT_POST]
    # consent for someone else: the patient is still counted
    assert consented(CONSENT_SPEC, CONSENT_POST, ["Agnes Blyth"]) == [CONSENT_POST]
    # consent for her: her name no longer counts, and the age alone is not enough
    assert consented(CONSENT_SPEC, CONSENT_POST, ["Olive Parfitt"]) == []
    # without unless_consented, consent changes nothing in this kind
    plain = {**CONSENT_SPEC, "groups": {**CONSENT_SPEC["groups"], "named": {
        "patterns": CONSENT_SPEC["groups"]["named"]["patterns"]}}}
    assert consented(plain, CONSENT_POST, ["Olive Parfitt"]) == [CONSENT_POST]


def test_a_sentence_ends_at_its_stop_not_at_a_dose_a_title_or_an_initial():
    # The one sentence splitter (cue windows, the classifier's per-sentence scores and the
    # encoder's training sentences all read it).
    from socialpolicy.kinds.textsource import SENTENCE

    text = "Dr. Shah said take 2.5mg for C. difficile. Then stop! Ring us\nor call 111"
    found = [m.group(0).strip() for m in SENTENCE.finditer(text) if m.group(0).strip()]
    assert found == ["Dr. Shah said take 2.5mg for C. difficile.", "Then stop!", "Ring us",
                     "or call 111"]
