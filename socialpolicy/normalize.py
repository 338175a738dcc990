"""Text folding before matching, with a map back to the original offsets.

Rules match on a folded copy of the post (NFKC, plain quotes and dashes, no
zero-width characters, Latin letters for Cyrillic and Greek look-alikes) so that
a typographic apostrophe or an invisible character cannot slip a phrase past a
rule, and a digit or "!" standing for a letter inside a word ("pr!ck") reads as
that letter. Every offset found in the folded text maps back to the user's own
text, so reported columns are the ones they see in their editor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .text.leet import INSIDE_WORD, LETTER_FOR, MASKS

# Zero-width and formatting characters that render as nothing.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064\u034f"
)

# Characters NFKC leaves alone but that people type for quotes and dashes.
_PUNCTUATION = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2028": "\n", "\u2029": "\n",
}

# Look-alikes from Unicode TR39 confusables that are used to dodge word filters:
# Cyrillic and Greek letters that render like Latin ones.
_LOOKALIKES = {
    "а": "a", "в": "b", "с": "c", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i",
    "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s",
    "т": "t", "у": "y", "х": "x", "ԝ": "w", "ɡ": "g", "ɩ": "i", "ı": "i",
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K",
    "М": "M", "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "κ": "k", "ι": "i", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}


# A digit or symbol standing for a letter *inside* a word ("pr!ck", "d1e", "sh1t",
# "f@ckwit"), read through the one leet table every rule kind shares: only between two
# letters, so numbers, codes ("B12"), prices and email addresses keep their characters.
# Each replacement is one character for one, so offsets hold.
_INTERIOR_LEET = re.compile(
    r"(?<=[^\W\d_])(?:[" + re.escape("".join(sorted(INSIDE_WORD - {"@"}))) + r"]"
    r"|@(?![\w.-]*\.[^\W\d_]))(?=[^\W\d_])"
)


@dataclass(frozen=True)
class Folded:
    """Folded text and, for each of its characters, the index it came from."""

    text: str
    origin: tuple[int, ...]
    # Offsets of the folded text where a masking character ("f@ckwit") now reads as a
    # letter, so a word-list lookup can also read it as a mask.
    masked: frozenset[int] = frozenset()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the folded text to one of the original."""
        if not self.origin:
            return (0, 0)
        start = max(0, min(start, len(self.origin) - 1))
        if end <= start:
            return (self.origin[start], self.origin[start])
        last = min(end, len(self.origin)) - 1
        # The span ends after the whole original character the last one came from.
        return (self.origin[start], self.origin[last] + 1)


def fold(text: str) -> Folded:
    """Fold ``text`` for matching; see the module docstring."""
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        if ch in _PUNCTUATION:
            replacement = _PUNCTUATION[ch]
        elif ch in _LOOKALIKES:
            replacement = _LOOKALIKES[ch]
        elif ch.isascii():
            replacement = ch
        else:
            replacement = unicodedata.normalize("NFKC", ch)
            if unicodedata.combining(ch) and out:
                # A combining mark folds into the letter before it.
                combined = unicodedata.normalize("NFKC", out[-1] + ch)
                if len(combined) == 1:
                    out[-1] = combined
                    continue
        for piece in replacement:
            out.append(piece)
            origin.append(index)
    joined = "".join(out)
    masked = frozenset(m.start() for m in _INTERIOR_LEET.finditer(joined) if m.group(0) in MASKS)
    folded = _INTERIOR_LEET.sub(lambda m: LETTER_FOR[m.group(0)], joined)
    return Folded(folded, tuple(origin), masked)
