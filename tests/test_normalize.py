"""Folding text for matching, and mapping matches back to the user's own columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from socialpolicy.normalize import fold


def test_smart_quotes_zero_width_and_lookalikes_fold():
    original = "Don\u2019t t\u200ba\u0301ke th\u0456s"
    folded = fold(original)
    assert folded.text == "Don't táke this"


def test_span_maps_back_to_original_text():
    original = "Please d\u200bon\u2019t share"
    folded = fold(original)
    start = folded.text.index("don't")
    o_start, o_end = folded.to_original(start, start + len("don't"))
    assert original[o_start:o_end] == "d\u200bon\u2019t"


def test_ligature_expands_but_maps_to_one_character():
    folded = fold("ﬁne")
    assert folded.text == "fine"
    assert folded.to_original(0, 2) == (0, 1)


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200))
def test_every_folded_character_maps_inside_the_original(text):
    folded = fold(text)
    assert len(folded.origin) == len(folded.text)
    assert all(0 <= i < len(text) for i in folded.origin)
    assert list(folded.origin) == sorted(folded.origin)
    for start in range(len(folded.text)):
        o_start, o_end = folded.to_original(start, start + 1)
        assert 0 <= o_start < o_end <= len(text)
