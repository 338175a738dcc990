"""One table of disguised spellings: the digit or symbol typed for a letter ("sh1t").

Every rule kind reads a disguise through this table, so a pattern rule and a phrase
list never disagree about what ``f@ckwit`` or ``pr!ck`` spells.

* ``LETTER_FOR``: what each character stands for.
* ``INSIDE_WORD``: the characters read as their letter by *every* rule when written
  between two letters (text folding, ``socialpolicy.normalize``). The others (8, 9, $,
  |, +, €, £) also stand between letters in ordinary writing ("A+E", codes, prices), so
  only a word-list lookup (the ``phrases`` kind), which compares a whole word against
  its list, reads them. An ``@`` inside a word is read as its letter unless it starts
  an email address's domain ("jo@nhs.net" stays as written). Two disguises side by
  side ("id10t") are not between letters, so only word-list lookups read them.
* ``ALSO_FOR``: a second letter a character often stands for ("bo11ocks"), tried by
  word-list lookups as well as the first.
* ``MASKS``: characters that hide a letter without saying which ("f*ck", "f@ck"); a
  word-list lookup matches them against any letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

LETTER_FOR: Mapping[str, str] = MappingProxyType({
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "l", "+": "t", "€": "e", "£": "l",
})
INSIDE_WORD = frozenset("013457!@")
ALSO_FOR: Mapping[str, str] = MappingProxyType({"1": "l"})
MASKS = frozenset("*@")

TRANSLATION = str.maketrans(dict(LETTER_FOR))
