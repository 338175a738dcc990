"""Presidio is asked only for the entities whose recognizers could find something in a
text: a text with no digit skips the digit-only recognizers. It must never lose an
identifier: every entity Presidio would report is still asked for."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.kinds.pii import PiiDetector
from socialpolicy.literals import needs_digit

ROOT = Path(__file__).resolve().parent.parent
RECOGNIZERS = ROOT / "socialpolicy" / "pii" / "recognizers.yaml"


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\d{3} \d{3} \d{4}", True),
    (r"(?:bed|bay) \d+", True),
    (r"ward (?:\d+|\p{Lu}\p{L}+)", False),      # one way through needs no digit
    (r"(?<![\p{L}\p{N}])[A-Z]{1,3}\d{6}", True),  # regex-only classes read as "not a digit"
    (r"[\p{N}]+", False),                       # \p{N} is more than digits
    (r"x(?=\d)", True),                          # a lookahead's digit is in the text too
    (r"x(?!\d)", False),
    (r"(?:\d)?x", False),
    (r"[0-9a]", False),
    (r"[0-9]", True),
    (r"\d{e<=1}", False),                       # fuzzy matching: unreadable, always run
    (r"[^a-z]", False),
])
def test_needs_digit(pattern, expected):
    assert needs_digit(pattern) is expected


NO_DIGIT = st.text(st.characters(blacklist_categories=("Nd", "Cs")), max_size=40)


@functools.cache
def _digit_patterns() -> tuple[regex.Pattern[str], ...]:
    """Every recogniser pattern (and a few of our own) that needs_digit says needs a digit,
    compiled once: working this out per example made the property slow, not stronger."""
    patterns = [str(p["regex"]) for r in yaml.safe_load(RECOGNIZERS.read_text())["recognizers"]
                for p in r.get("patterns") or []]
    patterns += [r"\bw\d ?b\d\b", r"(?:a|b)\d|\d{2}", r"(?i)[a-z]{2}\s?\d"]
    flags = regex.IGNORECASE | regex.DOTALL | regex.MULTILINE
    return tuple(regex.compile(source, flags) for source in patterns if needs_digit(source))


def test_the_property_below_has_patterns_to_try() -> None:
    assert len(_digit_patterns()) >= 3


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["bed ", "bay ", "ward ", "W", "Mr ", "nhs ", "born ", "@",
                                      " ", "\n", "Jones", "st"]) | NO_DIGIT, max_size=10).map("".join))
def test_a_pattern_that_needs_a_digit_never_matches_without_one(text):
    for pattern in _digit_patterns():
        assert pattern.search(text) is None, (pattern.pattern, text)


@pytest.fixture(scope="module")
def identifiers(builtin_rules) -> PiiDetector:
    rule = next(r for r in builtin_rules if r.id == "patient-identifier")
    return next(d.inner for d in rule.detectors if isinstance(d.inner, PiiDetector))


TEXTS = [
    "Please call me on 07700 900123, my NHS number is 943 476 5919",
    "Email jane.okafor@gmail.com or ring 01493 452452",
    "Mum is in bed 4 on Cavell ward, born 12/03/1950, lives at 14 Beccles Road NR31 6LA",
    "Hospital number K1234567, NI number QQ 12 34 56 C",
    "A lovely day on the ward today, thank you to everyone",
    "jane [at] hotmail [dot] com",
    "",
]


@settings(max_examples=200, deadline=None)
@given(text=st.sampled_from(TEXTS) | st.lists(st.sampled_from(TEXTS) | NO_DIGIT, max_size=4).map(" ".join))
def test_every_entity_presidio_reports_is_asked_for(identifiers, text):
    """Whatever Presidio finds with every recognizer, the entities asked for include it."""
    engine = identifiers._engine()
    everything = {r.entity_type for r in engine.analyze(text, None, None)}
    assert everything <= set(identifiers._possible(text)), text


def test_a_text_without_digits_or_at_signs_asks_presidio_nothing(identifiers):
    assert identifiers._possible("A lovely day on Cavell ward, thank you all") == ()
    assert identifiers._possible("write to jane@example.org") == ("EMAIL_ADDRESS",)
    assert "UK_NHS" in identifiers._possible("NHS number 943 476 5919")


POSTS = [
    ("Which of our volunteers should win?", {"poll": {"question": "Who gets the award?",
                                                      "options": ["Bukola Adeyemi", "Gareth Price"]}}),
    ("A photo from today", {"media": [{"file": "ward.jpg", "alt": "Sister Jones with Mrs Pearl Hughes, 84"}]}),
    ("Vote now", {"poll": {"question": "Best ward?", "options": ["Cavell", "Nelson"]}}),
    ("Thanks all", {"media": [{"file": "a.jpg", "alt": "Darren Smith from 14 Beccles Road"},
                              {"file": "b.jpg", "alt": "our team"}]}),
]


def test_poll_and_alt_texts_read_in_a_batch_give_what_each_post_gives_alone(make_linter):
    """A batch's poll and alt texts are parsed together; each post's findings are the
    ones it gets checked on its own."""
    from socialpolicy.inputs.draft import read_draft

    linter = make_linter(select=("named-person-consent", "patient-identifier"), show_evidence=True)
    posts = [read_draft(text, "posts.yaml", meta) for text, meta in POSTS]
    together = sorted((f.line, f.rule, f.evidence) for f in linter.check_posts(posts).findings)
    alone = sorted((f.line, f.rule, f.evidence) for p in posts for f in linter.check_posts([p]).findings)
    assert together == alone
    assert any(rule == "named-person-consent" for _, rule, _ in together)


def _pattern_recognizers(builtin_rules) -> list:
    from socialpolicy.pii.recognizers import ContextPatternRecognizer

    out = []
    for rule in builtin_rules:
        for detector in rule.detectors:
            if isinstance(detector.inner, PiiDetector):
                registry = detector.inner._engine().engine.registry
                out += [r for r in registry.recognizers if isinstance(r, ContextPatternRecognizer)]
    return out


@pytest.fixture(scope="module")
def pattern_recognizers(builtin_rules) -> list:
    return _pattern_recognizers(builtin_rules)


def test_a_recognizer_searches_only_the_patterns_a_text_could_match(pattern_recognizers):
    """A pattern whose every match needs a digit (or a string) the text lacks is not
    searched: a text with no digit leaves the NHS number recognizer nothing to search."""
    nhs = next(r for r in pattern_recognizers if r.supported_entities == ["UK_NHS"])
    assert nhs._could_match("A lovely day on Cavell ward, thank you all") == []
    assert nhs._could_match("NHS number 943 476 5919") is None  # every pattern: a digit


WITH_NAMES = [*TEXTS, "Thanks to Dr Amara Okafor and Staff Nurse Jo Pike",
              "Mrs J. Smith (bed 4), Ward 12", "name: JANE OKAFOR, born 3rd of May 1948",
              "Get well soon to the Hughes family", "14 Beccles Road, Gorleston, NR31 6LA"]


@settings(max_examples=200, deadline=None)
@given(text=st.sampled_from(WITH_NAMES) | st.lists(st.sampled_from(WITH_NAMES) | NO_DIGIT,
                                                    max_size=4).map(" ".join))
def test_a_recognizer_finds_what_searching_every_pattern_finds(pattern_recognizers, text):
    """Skipping the patterns a text lacks the strings of changes no result: the same
    entities, places and scores as searching every pattern."""
    import copy

    for recognizer in pattern_recognizers:
        every = copy.copy(recognizer)
        every._could_match = lambda text: None  # search every pattern, as Presidio does
        entities = list(recognizer.supported_entities)
        fewer = [(r.entity_type, r.start, r.end, r.score)
                 for r in recognizer.analyze(text, entities, None)]
        assert fewer == [(r.entity_type, r.start, r.end, r.score)
                         for r in every.analyze(text, entities, None)], (recognizer.name, text)
