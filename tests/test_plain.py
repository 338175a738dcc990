"""The plain view offensive-content matches on: disguises undone, real words left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialpolicy.normalize import fold
from socialpolicy.text.plain import plain


@pytest.mark.parametrize(("written", "read"), [
    ("f u c k this", "fuck this"),
    ("s.h.i.t day", "shit day"),
    ("ur a t*w*a*t", "ur a twat"),
    ("the manager is a M O R O N", "the manager is a MORON"),
    ("I will k . i . l . l you", "I will kill you"),
    ("fuuuuck", "fuck"),
    ("Hope you diiiie", "Hope you die"),
    ("you absolute fück", "you absolute fuck"),
    ("ur d34d mate", "ur dead mate"),
    ("1mmigrants are vermin", "immigrants are vermin"),
    ("I know where you 1ive", "I know where you live"),
    ("Absolute bo11ocks", "Absolute bollocks"),
])
def test_disguises_read_as_the_word(written: str, read: str) -> None:
    assert plain(fold(written)).text == read


@pytest.mark.parametrize("text", [
    "u r a disgrace", "the N H S at 78", "J. K. Rowling visits", "Ward 3B at 4pm, 10mins",
    "Plan A or B", "email jo@nhs.net", "@user thanks!", "Take B12 daily", "Scunthorpe and Sussex",
])
def test_ordinary_text_is_left_as_written(text: str) -> None:
    assert plain(fold(text)).text == text


@given(st.text(max_size=60))
def test_every_character_maps_back_to_the_folded_text(text: str) -> None:
    folded = fold(text)
    view = plain(folded)
    assert len(view.origin) == len(view.text)
    assert list(view.origin) == sorted(set(view.origin))
    assert all(0 <= i < len(folded.text) for i in view.origin)
