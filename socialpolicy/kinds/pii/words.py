"""How the pii checks cut a text: its words, its sentences, its lists, and a list of
phrases as one pattern. Shared by every check of a name, so each reads a span the same way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from ...pattern_cache import compile_regex

NAME_ENTITY = "PERSON"
# Set by the name-shape recogniser on names no list knows: they need evidence.
NEEDS_EVIDENCE = "needs_evidence"
# A sentence ends at . ! ? or a new line, but not at the full stop of "Mr.", "Dr." or "Rep.".
SENTENCE_END = regex.compile(
    r"(?<!\b(?i:mr|mrs|ms|mx|dr|st|prof|rev|revd|sr|cllr|gov|sen)|\bRep)[.!?\n]\s|(?<=\n)")
# A web address in a post: its dots end no sentence, and its letters are no words of it.
LINK = regex.compile(r"\S*(?:https?://|www\.)\S*")
# Words in quotation marks: someone quoted, whose "we" or "I" is not the poster's voice
# ('Martha Zarway: "I'm a doctor, so we can't run away" http://n.pr/...'). A single quote
# opens only where no letter is before it and closes where none follows ("Jane's" is none).
QUOTED = regex.compile(r"\"[^\"\n]*\"|“[^”\n]*”|(?<![\p{L}\p{N}])['‘][^'’\n]+['’](?![\p{L}\p{N}])")
NAME_WORD = regex.compile(r"\p{L}[\p{L}'’\-]*")
LETTERS = regex.compile(r"[\p{L}]+")
# What joins the names of a list: ", ", " and ", " & ", ", and " (as a pattern's part, and compiled).
LIST_JOIN = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+)"
LISTED = regex.compile(LIST_JOIN)
# A capitalised word of a name ("Trelawny", "O'Neill", "Smith-Jones").
CAPITAL_WORD = r"\p{Lu}[\p{L}'’\-]*"
# "the Samaritans", "the Marina": how a place or a thing's name is written.
THE_BEFORE = regex.compile(r"(?i:\bthe)\s+$")
FAMILY_AFTER = regex.compile(r"\s+family\b", regex.IGNORECASE)
JOINING_WORDS = frozenset({"of", "for", "the", "and", "at", "in", "on", "to", "from", "with"})


def phrases(words: Sequence[str], ignore_case: bool = True) -> Any:
    """One pattern matching any of ``words`` whole, the longest first."""
    body = "|".join(
        r"\s+".join(regex.escape(w) for w in str(p).split()) for p in sorted(words, key=len, reverse=True)
    )
    return compile_regex(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])",
                         regex.IGNORECASE if ignore_case else 0)


def ends_with(patterns: Any, words: Sequence[str]) -> bool:
    """Whether one of ``patterns`` is the last thing written in ``words``."""
    joined = " ".join(words)
    return any(m.end() == len(joined) for m in patterns.finditer(joined))
# An English place name's ending ("Sizewell", "Northgate", "Gorleston's").
PLACE_ENDING = regex.compile(
    r"(?:ham|ton|thorpe|well|gate|wich|mouth|field|ford|bury|borough|burgh|stead|worth|ness|"
    r"caster|chester|minster|port|haven|wick|hithe|stowe?|combe|cliffe?|dale|wood|holme|"
    r"bridge|by)(?:['’]s)?$")


def bare(word: str) -> str:
    """A word without its possessive ("Jane's" -> "Jane")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word
