"""``matches`` conditions: a text lacking the strings a match needs is not searched,
and the answer is the same as searching it."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy import conditions

PATTERNS = [
    r"\b(?:what|which)\s+(?:dose|tablets?)\b",
    r"\bshould\s+i\b|\bis\s+it\s+(?:normal|safe)\b",
    r"(?=.*\bpain\b)\bknee\b",
    r"\w+\?$",
]
WORDS = st.sampled_from(["what", "which", "dose", "tablet", "s", "should", "I", "is it", "normal",
                         "safe", "pain", "knee", "?", " ", "\n", "É"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(WORDS | st.text(max_size=3), max_size=12).map("".join))
def test_a_matches_condition_answers_as_a_search_would(text: str) -> None:
    for pattern in PATTERNS:
        expected = regex.search(pattern, text, regex.I) is not None
        assert conditions.test(text, {"matches": pattern}) is expected, (pattern, text)


def test_a_reply_condition_holds_only_on_replies_that_ask() -> None:
    when = {"reply_to.text": {"matches": PATTERNS[0]}}
    assert conditions.holds({"reply_to": {"text": "Which dose should I take?"}}, when)
    assert not conditions.holds({"reply_to": {"text": "Thank you to the whole team"}}, when)
    assert not conditions.holds({}, when)
