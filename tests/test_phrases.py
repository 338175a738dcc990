"""The phrase-list kind: one pass over many terms, robust to common disguises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_a_one_for_an_l_and_an_at_sign_inside_a_word_are_disguises(make_linter):
    linter = make_linter()
    for text in ("Absolute bo11ocks from the trust again", "the f@ckwits in the car park office"):
        assert "offensive-content" in {f.rule for f in linter.check_text(text)}, text
    for text in ("email jo@nhs.net for a copy", "Room 101 is on level 1", "b1llboard"):
        assert "offensive-content" not in {f.rule for f in linter.check_text(text)}, text


@pytest.mark.parametrize(
    "word, spelling",
    [("fackwit", "f@ckwit"), ("shit", "sh1t"), ("prick", "pr!ck"), ("slag", "sl@g"),
     ("bollocks", "b0ll0cks"), ("twat", "tw@t"), ("wanker", "w4nker"), ("idiot", "id1ot")],
)
def test_pattern_and_phrase_rules_read_a_disguise_alike(word: str, spelling: str) -> None:
    # One leet table: a pattern rule and a phrase list for the same word agree on it
    # (the phrase list may also read an "@" as a mask: "f@ckwit" is "fuckwit" to it too).
    from socialpolicy.kinds.pattern import PatternDetector

    text = f"what a {spelling} that was"
    ctx = PostContext(read_draft(text, "t.txt"), Config())
    pattern = PatternDetector({"patterns": [rf"\b{word}\b"]}, BUILD)
    assert list(pattern.find(ctx)), spelling
    assert found({"phrases": [word]}, text), spelling


def test_an_email_address_is_not_a_disguise() -> None:
    from socialpolicy.normalize import fold

    assert fold("email jo@nhs.net today").text == "email jo@nhs.net today"
    assert fold("the f@ckwits again").text == "the fackwits again"


PIECES = ["idiot", "waste", "of", "space", "w a s t e", "id*ot", "st*pid", "s.t.u.p.i.d", "1d10t",
          "idiots", "nurse", "*", "a", " ", "\n", ",", "Idiot", "spaces"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=10))
def test_the_quick_no_phrase_answer_is_the_full_walks(words: list[str]) -> None:
    """A post whose words offer no phrase is answered without walking its windows; with
    the shortcut taken away, every text finds the very same hits."""
    import socialpolicy.kinds.phrases as phrases

    text = " ".join(words)
    quick = found(SPEC, text)
    real_of = phrases._Seen.of
    try:
        # A text that seems to offer everything: the full walk always runs.
        phrases._Seen.of = classmethod(lambda cls, tokens: cls(frozenset({"*"}), frozenset({" "})))
        assert found(SPEC, text) == quick, text
    finally:
        phrases._Seen.of = real_of
