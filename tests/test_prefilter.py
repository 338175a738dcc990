"""RE2's "cannot match" test (``socialpolicy.prefilter``) only ever spares a search: a
pattern it rules out has no match, and a run finds the same with it as without it."""

from __future__ import annotations

from unittest.mock import patch

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy import prefilter
from socialpolicy.prefilter import loosened, safe_text, stand_in, stand_in_usable, usable

re2 = pytest.importorskip("re2")

FLAGS = regex.VERSION0 | regex.MULTILINE | regex.IGNORECASE


def test_lookarounds_are_dropped_and_everything_else_kept():
    source = r"(?<!\bnot\s)\bcall(?=\s+us)[(?=]\s+(?!now)\w+"
    assert loosened(source, FLAGS) == r"(?im:\bcall[(?=]\s+\w+)"


def test_a_bound_above_re2s_limit_is_left_open_and_end_of_text_is_re2s():
    assert loosened(r"\A[\s\S]{0,3000}?\bvote\b\Z", regex.M) == r"(?m:\A[\s\S]{0,}?\bvote\b\z)"


@pytest.mark.parametrize("source", [
    r"(?:nurse){e<=1}",  # fuzzy matching
    r"\bward{,3}",  # a repeat with no lower bound
    r"(?i)\bward\b",  # an inline flag, global in regex's VERSION0
    r"(?P<who>\w+) said",  # a named group
    r"\mward\M",  # regex's own word starts and ends
    "\u212a\\b",  # the Kelvin sign matches "k" case-insensitively
])
def test_patterns_re2_might_read_otherwise_are_always_searched(source):
    assert not usable(source)
    assert loosened(source, FLAGS) is None
    assert prefilter.LooseCheck().may_match(source, FLAGS, "anything at all")


def test_only_printable_ascii_texts_are_tested():
    assert safe_text("Ward 4's open day\n\tall welcome!")
    assert not safe_text("Ward 4 👋")
    assert not safe_text("caf\u00e9")
    assert not safe_text("a\x1cb")  # a separator regex counts as a space and RE2 does not


_PIECES = [r"\bward\b", r"(?<!not\s)\bopen\b", r"\d+(?=\s*pm)", r"(?:^|[.!?]\s+)thanks",
           r"[^.!?\n]{0,5}\bclosed", r"\bcar\s+park(?!ing)", r"\btoday\s*$", r"(?<=\bon\s)ward\s+\d"]
_WORDS = ["ward", "Ward", "open", "not", "4", "pm", "thanks", ".", "!", "closed", "car", "park",
          "parking", "today", "on", "\n", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3),
       st.lists(st.sampled_from(_WORDS), max_size=14))
def test_a_pattern_ruled_out_never_matches(pieces, words):
    source = "|".join(pieces) if len(pieces) > 1 else pieces[0]
    text = " ".join(words)
    check = prefilter.LooseCheck()
    with patch.object(prefilter, "MIN_SOURCE", 0):  # short patterns are asked too
        if regex.search(source, text, flags=FLAGS):
            assert check.may_match(source, FLAGS, text)
        else:
            assert not check.may_match(source, FLAGS, text) or "(?" in source or "$" in source


def test_a_text_with_other_characters_is_read_through_a_stand_in_of_the_same_kinds():
    # A letter, a combining accent, an emoji, a curly quote, a no-break space.
    assert stand_in("caf\u00e9 Zo\u0308e \U0001f44b it\u2019s\u00a0open") == (
        "caf_ Zo_e \x7f it\x7fs\x0copen")
    assert stand_in("Ward 4's open") == "Ward 4's open"
    # No ASCII stand-in is matched as these are: the Kelvin sign matches "k" ignoring
    # case, and an Arabic-Indic three matches \d.
    assert stand_in("\u212a ward") is None
    assert stand_in("ward \u0663") is None


def test_a_pattern_that_names_what_a_stand_in_replaces_is_not_asked_about_one():
    assert stand_in_usable(r"(?im:\bcaf\w\b|[^.!?\n]+)")
    assert not stand_in_usable("(?i:caf\u00e9)")  # the letter itself
    assert not stand_in_usable(r"(?i:caf\xe9)")  # the letter by its code
    assert not stand_in_usable(r"(?i:\bward[^_\s]+)")  # "é" is not "_", but "_" is
    assert not stand_in_usable(r"(?i:\bward[^A-z])")  # a range that holds "_"
    assert not stand_in_usable(r"(?i:\bward[^\n-_])")  # and one from an escaped character
    assert not stand_in_usable(r"(?i:\bward[^\f])")  # a form feed stands in for a space


_OTHER_WORDS = ["caf\u00e9", "\U0001f44b", "it\u2019s", "na\u00efve", "\u00a0", "\u2014", "_",
                "Zo\u0308e", "\x7f", "\x0c"]
_OTHER_PIECES = [r"\bcaf\w\b", r"\w+\s+ward", r"[^\s\w]+\s*\d", r"it\W+s\b", r"\S+\s+open",
                 r"[^a-z\s]{2}", r"\bna\w{2}ve\b", r"ward\W\w", r"\D\bopen\b", r"[^.!?\n]{3}\bthanks"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + _OTHER_PIECES), min_size=1, max_size=3),
       st.lists(st.sampled_from(_WORDS + _OTHER_WORDS), max_size=14), st.sampled_from([" ", ""]))
def test_a_pattern_ruled_out_on_a_stand_in_never_matches_the_text(pieces, words, joiner):
    source = "|".join(pieces) if len(pieces) > 1 else pieces[0]
    text = joiner.join(words)
    shadow = stand_in(text)
    if shadow is None or shadow == text:
        return
    check = prefilter.LooseCheck()
    with patch.object(prefilter, "MIN_SOURCE", 0):
        if regex.search(source, text, flags=FLAGS):
            assert check.may_match(source, FLAGS, shadow, is_stand_in=True)


def test_no_pack_pattern_is_ruled_out_on_its_own_rules_examples(linter, monkeypatch):
    monkeypatch.setattr(prefilter, "MIN_SOURCE", 0)
    check = prefilter.LooseCheck()
    tested = 0
    for rule in linter.rules:
        texts = [e.text for e in rule.examples if e.text]
        for detector in rule.detectors:
            for pattern in detector.rule_patterns():
                for text in texts:
                    checked = text if safe_text(text) else stand_in(text)
                    if checked is not None and pattern.compiled.search(text):
                        tested += 1
                        assert check.may_match(pattern.pattern, pattern.flags, checked,
                                               checked is not text), (
                            rule.id, pattern.pattern[:80], text)
    assert tested > 100


def test_a_run_finds_the_same_with_re2_as_without(make_linter, monkeypatch):
    from socialpolicy.inputs.draft import read_draft

    texts = [e.text for r in make_linter().rules for e in r.examples if e.text and not e.posts]
    # The first 300, and as many texts RE2 reads through a stand-in (an emoji, a curly quote).
    others = [t for t in texts[300:] if not safe_text(t) and stand_in(t) is not None][:100]
    posts = [read_draft(t, f"example-{i}", {}) for i, t in enumerate(texts[:300] + others)]
    assert sum(safe_text(p.text) for p in posts) > 100
    assert sum(not safe_text(p.text) and stand_in(p.text) is not None for p in posts) > 25

    def run() -> list[str]:
        linter = make_linter()
        return [repr(f) for f in linter.check_posts(posts).findings]

    monkeypatch.setattr("socialpolicy.literals.WARM_TEXTS", 0)
    monkeypatch.setattr(prefilter, "MIN_SOURCE", 0)  # every usable pattern asks RE2
    with_re2 = run()
    monkeypatch.setattr("socialpolicy.literals.loose_check", lambda: None)
    assert run() == with_re2
    assert with_re2
