"""Alternations gathered by first letter match exactly what was written, only faster."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.alternation import by_first_letter

FLAGS = regex.VERSION0 | regex.MULTILINE | regex.IGNORECASE


def matches(source: str, text: str, flags: int = FLAGS) -> list[tuple[tuple[int, int], ...]]:
    """Every match's span and the span of each of its groups."""
    return [m.regs for m in regex.compile(source, flags).finditer(text)]


def test_words_that_share_a_first_letter_are_gathered_under_it():
    written = r"\b(?:absolutely|abysmal|bad|awful)\b"
    assert by_first_letter(written) == r"\b(?:a(?:b(?:solutely|ysmal)|wful)|bad)\b"


def test_the_first_of_two_words_that_both_fit_still_wins():
    # "heart" before "heart attack" as written, and the other way round.
    for written in (r"(?:heart|heart attack|hip)", r"(?:heart attack|heart|hip)"):
        text = "a heart attack, a hip"
        assert matches(by_first_letter(written), text) == matches(written, text)


def test_a_branch_of_another_shape_keeps_its_place_between_its_neighbours():
    # "(?:ab)" may match where "ac" and "ad" do: the two are not gathered across it.
    written = r"ac|(?:ab)|ad|\w+"
    assert by_first_letter(written).startswith("ac|(?:ab)|ad")


def test_one_letter_written_in_two_cases_is_left_as_written():
    written = "(?:Apple|axe|Avocado)"
    assert by_first_letter(written) == written


def test_word_boundaries_are_gathered_with_their_letter():
    written = r"\bspotted:|\bsecretly\b|\bgoss\b"
    rewritten = by_first_letter(written)
    assert rewritten == r"\bs(?:potted:|ecretly\b)|\bgoss\b"
    text = "Spotted: the goss, secretly spotted"
    assert matches(rewritten, text) == matches(written, text)


def test_lookbehinds_fuzzy_matching_and_inline_flags_are_left_as_written():
    for written in (r"(?<!\b(?:if|in)\s)\bward", r"(?:idiot|imbecile){e<=1}", r"(?i)(?:ab|ac)",
                    r"(?:ab|ac)[[:alpha:]]"):
        assert by_first_letter(written) == written
    assert by_first_letter(r"(?<!\b(?:if|in)\s)(?:ab|ac)") == r"(?<!\b(?:if|in)\s)(?:a(?:b|c))"


def test_group_numbers_and_names_are_kept():
    written = r"(?P<verb>take|try|tell)\s+(two|ten|the)"
    rewritten = by_first_letter(written)
    text = "try the tablets, take two"
    assert [m.groupdict() for m in regex.finditer(rewritten, text, FLAGS)] == \
        [m.groupdict() for m in regex.finditer(written, text, FLAGS)]
    assert matches(rewritten, text) == matches(written, text)


PIECES = ["a", "ab", "abc", "b", "ba", "A", "x", "xy", "\\b", "\\s+", "\\w", "(?:ab|a)",
          "(a|b)", "[ab]", "a?", "b*", "(?=a)", "(?<!x)", "c{2}", ".", "$", "^"]
# Mostly plain words that share first letters (where the order of branches decides
# which match wins), some of every other shape.
WORD = st.one_of(st.sampled_from(["a", "ab", "aba", "abc", "b", "ba", "bab", "A", "Ab"]),
                 st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join))


@settings(max_examples=300, deadline=None)
@given(branches=st.lists(WORD, min_size=2, max_size=8),
       suffix=st.sampled_from(["", "\\b", "b", "(?:a|b)", "x?"]),
       text=st.text(alphabet="aabbcxAB \n.", max_size=30),
       ignore_case=st.booleans())
def test_gathered_alternations_match_exactly_what_was_written(branches, suffix, text, ignore_case):
    written = "(?:" + "|".join(branches) + ")" + suffix
    flags = regex.VERSION0 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
    try:
        regex.compile(written, flags)
    except regex.error:
        return
    assert matches(by_first_letter(written), text, flags) == matches(written, text, flags)
