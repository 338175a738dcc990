"""A detector's patterns asked together (``PatternSet``) give the same patterns, in the
same order, as asking each pattern's ``could_match`` in turn."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.literals import LiteralScan, PatternSet, RulePattern, required_literals

_SOURCES = [
    r"\bward\s+\d+\b",
    r"\b(?:parking|car\s+park)\b",
    r"\bnurse|doctor\b",
    r"\b\d{4}\b",  # needs no string in particular: always asked
    r"\bward\b",  # shares its string with the first
    r"(?:thanks|thank\s+you)\s+to\b",
    r"\bpark\b",
]


def _patterns() -> list[RulePattern]:
    return [RulePattern(s, regex.I, required_literals(s)) for s in _SOURCES]


def _brute(patterns: list[RulePattern], folded: str) -> list[str]:
    return [p.pattern for p in patterns if p.could_match(folded)]


_WORDS = ["ward", "7", "parking", "car park", "nurse", "doctor", "thanks", "thank you", "to",
          "park", "2024", "the", "WARD", "Parking", "doc"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_candidates_are_the_patterns_that_could_match_in_written_order(words):
    patterns = _patterns()
    scan = LiteralScan(patterns)
    detector = PatternSet(patterns)
    folded = " ".join(words).casefold()
    found = scan.found(folded)
    assert [p.pattern for p in detector.candidates(folded, found)] == _brute(patterns, folded)
    # And with no scan at all (outside a Linter), each pattern searches the text itself.
    assert [p.pattern for p in detector.candidates(folded, None)] == _brute(patterns, folded)


def test_a_pattern_from_another_scan_still_searches_the_text_itself():
    mine, other = _patterns(), [RulePattern(r"\bbleep\b", regex.I, required_literals(r"\bbleep\b"))]
    scan = LiteralScan(mine)
    LiteralScan(other)  # ``other`` belongs to a different scan
    detector = PatternSet([*mine, *other])
    folded = "a bleep on ward 3"
    chosen = [p.pattern for p in detector.candidates(folded, scan.found(folded))]
    assert chosen == [r"\bward\s+\d+\b", r"\b\d{4}\b", r"\bward\b", r"\bbleep\b"]


def test_no_candidate_is_skipped_for_a_match_the_text_holds():
    patterns = _patterns()
    scan = LiteralScan(patterns)
    detector = PatternSet(patterns)
    text = "Thanks to the nurse on Ward 4 - see the car park"
    folded = text.casefold()
    matched = {p.pattern for p in patterns if p.compiled.search(text)}
    chosen = {p.pattern for p in detector.candidates(folded, scan.found(folded))}
    assert matched <= chosen and matched
