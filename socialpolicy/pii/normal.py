"""Text as the identifier recognizers should see it, with a map back to the original.

People (and careless copy-paste) hide identifiers from a pattern: an NHS number
split by no-break or zero-width spaces, full-width digits from a phone keyboard,
``jane.okafor [at] gmail [dot] com``, an NHS number run into a hashtag
(``#NHS9434765919``) or a media file name (``nhs_9434765919_xray.jpg``). This
rewrites those forms into the plain ones the recognizers know and keeps, for every
character of the result, the index it came from, so a finding still points at (and
masks) the original characters. Pure functions: no Presidio, no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Characters that take no space: dropped.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
# Spaces of every width: one ordinary space.
_SPACES = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                    "\u2009\u200a\u202f\u205f\u3000")
_OBFUSCATED = regex.compile(
    r"\s*(?:\[\s*(at|dot)\s*\]|\(\s*(at|dot)\s*\)|\{\s*(at|dot)\s*\})\s*", regex.IGNORECASE)
# A letter next to a digit inside one word of a hashtag or file name: a word boundary.
_LETTER_DIGIT = regex.compile(r"(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})")
_HASHTAG = regex.compile(r"#[\p{L}\p{N}_]+")


@dataclass(frozen=True)
class Normalised:
    """``text`` for the recognizers; ``origin[i]`` is where its character i came from."""

    text: str
    origin: tuple[int, ...]
    length: int  # of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]``."""
        if start >= len(self.origin):
            return self.length, self.length
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


def normalise(text: str, file_name: bool = False) -> Normalised:
    """Rewrite hidden identifiers into plain ones (see the module docstring)."""
    chars: list[str] = []
    origin: list[int] = []
    splits = _split_points(text, file_name)
    index = 0
    while index < len(text):
        match = _OBFUSCATED.match(text, index)
        if match:
            word = (match.group(1) or match.group(2) or match.group(3)).casefold()
            chars.append("@" if word == "at" else ".")
            origin.append(index)
            index = match.end()
            continue
        char = text[index]
        if index in splits:
            chars.append(" ")
            origin.append(index)
        if char in _INVISIBLE:
            index += 1
            continue
        if char in _SPACES or (file_name and char in "_-."):
            char = " "
        elif "\uff01" <= char <= "\uff5e":  # full-width forms: the ASCII character
            char = chr(ord(char) - 0xFEE0)
        chars.append(char)
        origin.append(index)
        index += 1
    return Normalised("".join(chars), tuple(origin), len(text))


def _split_points(text: str, file_name: bool) -> frozenset[int]:
    """Where a space goes in: between letters and digits of a hashtag (or a whole file
    name), so "#NHS9434765919" reads "#NHS 9434765919"."""
    spans = [(0, len(text))] if file_name else [m.span() for m in _HASHTAG.finditer(text)]
    points: set[int] = set()
    for start, end in spans:
        points.update(m.start() for m in _LETTER_DIGIT.finditer(text, start, end))
    return frozenset(points)


def needs_normalising(text: str) -> bool:
    """Whether ``normalise`` could change anything (most posts: no)."""
    return (any(c in _INVISIBLE or c in _SPACES or "\uff01" <= c <= "\uff5e" for c in text)
            or "#" in text or bool(_OBFUSCATED.search(text)))
