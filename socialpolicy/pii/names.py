"""Matching a name found in a post against consent entries and public figures.

People are named loosely: "Sister Jones", "Dr Patel", "Jane", "Jane's". A
mention matches an entry when, once titles, case and accents are set aside, one
name's parts are all among the other's ("Jones" matches "Sister Amy Jones",
"Jane Smith" matches a consent entry "Jane"). A different surname never matches.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import regex

from .people import TITLES

_PART = regex.compile(r"\p{L}+(?:['’\-]\p{L}+)*")


def name_parts(name: str) -> frozenset[str]:
    """The parts of a name that identify someone: no titles, no possessive 's."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    parts = set()
    for match in _PART.finditer(text):
        part = match.group(0)
        if part.endswith(("'s", "’s")):
            part = part[:-2]
        part = part.replace("’", "'").replace("'", "").replace("-", "")
        if part and part not in TITLES:
            parts.add(part)
    return frozenset(parts)


def matches_any(mention: str, known: Iterable[frozenset[str]]) -> bool:
    """Whether a mention names one of the known people (consent or allow list)."""
    parts = name_parts(mention)
    if not parts:
        return False
    return any(entry and (parts <= entry or entry <= parts) for entry in known)


@lru_cache(maxsize=1)
def _surname_list() -> str:
    """The names package's 88,799 surnames (US census 1990), one per line, casefolded."""
    try:
        from importlib.resources import files

        text = files("names").joinpath("dist.all.last").read_text(encoding="utf-8")
    except (ImportError, ModuleNotFoundError, OSError):
        return ""
    return "\n" + text.casefold()


@lru_cache(maxsize=16384)
def is_surname(word: str) -> bool:
    """Whether a casefolded word is a surname of the census list. Many are ordinary
    words too ("Way", "Park"), so a surname alone never makes a span a person; it only
    keeps a real surname after a first name or a title. Looked up in the list's text
    (no 88,799-entry set is built: a cold run checks only a few words)."""
    return bool(word) and f"\n{word} " in _surname_list()
