"""The "plain" view of a folded post: disguised spellings undone, for detectors that ask.

A detector with ``plain: true`` matches on this view instead of the folded text, so a
pattern or word list written once in plain spelling also finds its disguises:

* accents and other marks on Latin letters dropped ("fück" -> "fuck");
* letters spaced, dotted or starred apart with one repeated separator joined
  ("f u c k", "s.h.i.t", "t*w*a*t", "k . i . l . l"); three letters at least, and the
  separator must be the same throughout, so "J. K. Rowling" and "Plan A or B" stay;
* a letter typed three times or more read once ("fuuuuck", "diiie");
* digits and "$" standing for letters in a word that has at least two letters
  ("d34d", "1mmigrants", "$hit"), unless the word reads as a number with a unit
  ("4pm", "10mins", "5th"). Folding already reads a disguise *between* two letters;
  this adds the ones at a word's edge or side by side. A mention ("@user"), sentence
  punctuation ("idiot!") and email addresses are left as written.

Every character keeps the index of the folded character it came from, so a match on
the plain view maps back to the folded text and from there to the user's own text.
Only detectors that ask for it (``plain: true``) read it: others keep the folded text, where
"A & E", codes and names are exactly as written.
"""

from __future__ import annotations

import unicodedata

import regex

from ..normalize import Folded
from .leet import LETTER_FOR

# One letter, a separator, then letters each followed by the *same* separator.
_SPACED = regex.compile(
    r"(?<![\p{L}\p{N}])(\p{L})( \. |[ .\-_*/]{1,2})(?:\p{L}\2){1,}\p{L}(?![\p{L}\p{N}])"
)
_REPEATED = regex.compile(r"(\p{L})\1{2,}", regex.IGNORECASE)
_TOKEN = regex.compile(r"[\p{L}\p{N}$]+")
_EDGE_LEET = frozenset("013457$")
_NUMBER_WITH_UNIT = regex.compile(
    r"\d+(?:st|nd|rd|th|am|pm|s|k|m|mg|ml|kg|km|g|p|hrs?|mins?|secs?|yrs?|yo|x|d|h|mph|ft|cm|mm)",
    regex.IGNORECASE,
)
# Letters NFKD does not split into a base letter and a mark.
_BASE_LETTER = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"}


def _base(ch: str) -> str:
    """``ch`` without its accent when it is a Latin letter with one, else ``ch``."""
    if ch.isascii() or not ch.isalpha():
        return ch
    if ch in _BASE_LETTER:
        return _BASE_LETTER[ch]
    stripped = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return stripped if len(stripped) == 1 and stripped.isascii() else ch


def _one_letter_word(run: str) -> bool:
    """Whether a run of spaced letters starts with a word of one letter ("a", "I", "u")
    rather than the first letter of the spelled-out word: its case differs from the
    rest ("a M O R O N"), or the whole is no word and the rest is one ("a f u c k")."""
    first, rest = run[0], run[2:].replace(" ", "")
    if first.lower() not in "aiur" or len(rest) < 3:
        return False
    if rest.isupper() and first.islower() or rest.islower() and first.isupper() and first != "I":
        return True
    from .words import common_words

    words = common_words()
    return (first + rest).lower() not in words and rest.lower() in words


def _leet_letter(token: str, i: int) -> str:
    ch = token[i]
    if ch == "1" and (i + 1 < len(token) and token[i + 1].lower() in "aeiou1" or i and token[i - 1] == "1"):
        return "l"  # "1ive", "bo11ocks": a 1 before a vowel, or doubled, is more often an l
    return LETTER_FOR[ch]


def plain(folded: Folded) -> Folded:
    """The plain view of ``folded``; its ``origin`` indexes ``folded.text``."""
    chars = [_base(ch) for ch in folded.text]
    keep = [True] * len(chars)
    text = "".join(chars)
    for run in _SPACED.finditer(text):
        start = run.start()
        if run.group(2) == " ":
            # "is a M O R O N", "u r a f u c k": one-letter words of their own before
            # the spelled-out one; "u r a" alone is text-speak, not a word spelled out.
            while start < run.end() - 6 and _one_letter_word(text[start:run.end()]):
                start += 2
            if run.end() - start < 7:
                continue
        for i in range(start, run.end()):
            if not text[i].isalpha():
                keep[i] = False
    for run in _REPEATED.finditer(text):
        for i in range(run.start() + 1, run.end()):
            keep[i] = False
    for token in _TOKEN.finditer(text):
        word = token.group(0)
        letters = sum(ch.isalpha() for ch in word)
        if letters < 2 or not any(ch in _EDGE_LEET for ch in word) or _NUMBER_WITH_UNIT.fullmatch(word):
            continue
        if word[-1] == "$":  # "a$$" reads either way; "£5$" is no word
            continue
        for offset, ch in enumerate(word):
            if ch in _EDGE_LEET:
                chars[token.start() + offset] = _leet_letter(word, offset)
    out = [c for c, k in zip(chars, keep, strict=True) if k]
    origin = tuple(i for i, k in enumerate(keep) if k)
    masked = frozenset(j for j, i in enumerate(origin) if i in folded.masked) if folded.masked else frozenset()
    return Folded("".join(out), origin, masked)
