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
from pathlib import Path

import regex

from .people import TITLES, given_names, is_given

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


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Each nickname's full names ("becky": rebecca; "peggy": margaret), from
    socialpolicy/data/nicknames.txt (see its header and training/nicknames/build.py)."""
    path = Path(__file__).resolve().parent.parent / "data" / "nicknames.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    fulls: dict[str, set[str]] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        full, *nicks = line.split()
        for nick in nicks:
            fulls.setdefault(nick, set()).add(full)
    return {nick: frozenset(names) for nick, names in fulls.items()}


_Z_FORM = regex.compile(r"(\p{L}{2,3}?)(?:z|zz|zza|zzy|zzer)")


def _short_form(short: str, full: str) -> bool:
    """Whether a first name is written short for another: some of its letters in order from
    the first ("Kev" for Kevin, "Tom" for Thomas), a short form that keeps the first two
    ("Gaz" for Gareth), or a nickname of it ("Becky" for Rebecca, "Sandy" for Alexandra)."""
    if full in _nicknames().get(short, ()):
        return True
    # The British "z" forms: the first letters up to an "r", then "z" for the rest
    # ("Gaz" for Gareth, "Kezza" for Kerry, "Shaz" for Sharon, "Baz" for Barry)
    if _Z_FORM.fullmatch(short) and _nickname_of(full, short):
        return True
    if not 2 <= len(short) < len(full) or short[0] != full[0]:
        return False
    if len(short) <= 4 and short[:2] == full[:2]:
        return True
    letters = iter(full[1:])  # its letters in order ("Tom" for Thomas, "Chris" for Christopher)
    return len(short) >= 3 and all(c in letters for c in short[1:])


def _nickname_of(full: str, short: str) -> bool:
    """Whether a first name has the other as a known nickname (the list, or a "z" form):
    a consent entry under the nickname then covers the full name ("Margaret" for an entry
    "Maggie Hall"). Not the looser letter rules: "Alice" is no form of an entry "Al"."""
    if full in _nicknames().get(short, ()):
        return True
    # the first letters up to an "r", then "z": Gareth Gaz, Sharon Shazza, Kerry Kezza
    stem = full.find("r", 2)
    form = _Z_FORM.fullmatch(short)
    return form is not None and 2 <= stem <= 3 and len(full) >= 4 and form.group(1) == full[:stem]


def _same_but_short(parts: frozenset[str], entry: frozenset[str]) -> bool:
    """The same person with a first name written short: a shared surname, and each other
    part a short form of one of the entry's ("Gaz Thurtell" for Gareth Thurtell), or the
    full name of the entry's nickname ("Margaret Hall" for an entry "Maggie Hall"). A
    different surname never matches ("Chris Ambler" is not Christopher Oduya)."""
    shared = parts & entry
    rest, others = parts - entry, entry - parts
    return bool(shared) and bool(rest) and all(
        any(_short_form(p, o) or _nickname_of(p, o) for o in others) for p in rest)


def matches_any(mention: str, known: Iterable[frozenset[str]], *, greeting: bool = False,
                alone: bool = False) -> bool:
    """Whether a mention names one of the known people (consent or allow list). A first
    name written short counts beside the surname; alone, with ``alone`` (the post's own
    consent entries, not public figures), as a short form or a nickname of at least three
    letters ("Bernie fixed every boiler" for Bernard Loades), or of two that the nickname
    list gives ("Mo" for Mohammed); in a greeting of the
    person being answered (``greeting``: "Cheers Dave!" to David Horrocks), one sharing its
    first three letters does too, and two letters that open it ("Hi Mo" to Mohammed)."""
    parts = name_parts(mention)
    if not parts:
        return False
    for entry in known:
        if not entry:
            continue
        if parts <= entry or entry <= parts or (len(entry) > 1 and _same_but_short(parts, entry)):
            return True
        if alone and len(parts) == 1 and len(entry) > 1:
            (word,) = parts
            if len(word) >= 3 and any(_short_form(word, o) or _nickname_of(word, o) for o in entry):
                return True
            # "Mo" for Mohammed, "Jo" for Joanna: two letters only as the list gives them
            if len(word) == 2 and any(word in _nicknames() and o in _nicknames()[word] for o in entry):
                return True
            # "Toyin" for Oluwatoyin, "Segun" for Olusegun: a long first name's own ending
            # of four letters or more, the short form many names with a prefix take
            if len(word) >= 4 and any(len(o) >= 8 and len(o) - len(word) >= 3 and o.endswith(word)
                                      for o in entry):
                return True
        if greeting and len(parts) == 1:
            (word,) = parts
            if len(word) >= 3 and any(len(word) < len(o) and o[:3] == word[:3] for o in entry):
                return True
            # "Morning Gaz!" to Gareth, "Thanks Peggy" to Margaret; "Hi Kerry" to an author
            # known only by the handle @kezza_lowestoft: a nickname or short form either way
            if len(word) >= 3 and any(len(o) >= 3 and (_short_form(word, o) or _short_form(o, word))
                                      for o in entry):
                return True
            # "Hi Mo" to Mohammed, "Hi Jo" to Joanne: a short form of two letters only as
            # the whole opening of the first name
            if len(word) == 2 and any(len(o) > 3 and o.startswith(word) for o in entry):
                return True
    return False


# "Chukwuemeka \"Emeka\" Obi", "Margaret (Peggy) Hurst": a nickname set inside a full name
# (the surname may be double-barrelled: "Olusegun (Segun) Adebayo-Clarke")
_QUOTED_NICKNAME = regex.compile(
    r"(?<![\p{L}])(\p{L}+)[ \t]+[\"“”‘’'(](\p{L}{2,})[\"“”‘’')][ \t]+(\p{L}+(?:[-‐][\p{L}]+)*)(?![\p{L}])")


# "known to everyone as Birdie", "better known as Ted", "Ted to his friends": a nickname the
# post itself gives the person it has just named
_KNOWN_AS = regex.compile(
    r"(?i:\bknown\s+(?:to\s+(?:[\p{L}'’-]+\s+){1,4}?)?as|\bnicknamed|\ba\.?k\.?a\.?|"
    r"\b(?:everyone|everybody|we|they)\s+calls?\s+(?:her|him|them))\s+"
    r"[\"“‘']?(\p{Lu}\p{Ll}+)\b"
    r"|\b(\p{Lu}\p{Ll}+)\s+to\s+(?:his|her|their|all\s+(?:his|her|their))\s+"
    r"(?:friends|family|colleagues|mates|patients|team|pals)\b")


_THEIR_PERSON = regex.compile(r"(?i)\b(?:his|her|their|whose)\s+[\p{L}'’-]+")


def _add_known_as(out: list[frozenset[str]], text: str) -> None:
    """Give each nickname the post introduces ("known to everyone as Birdie") to the consent
    entry whose name the text wrote last before it, within the same few sentences; a name no
    entry covers in between (somebody else) keeps it from any entry."""
    for match in _KNOWN_AS.finditer(text):
        nick = name_parts(match.group(1) or match.group(2))
        if not nick:
            continue
        window = text[max(0, match.start() - 160):match.start()]
        best, where = -1, -1
        for i, entry in enumerate(out):
            for word in _PART.finditer(window):
                if name_parts(word.group(0)) and name_parts(word.group(0)) <= entry and word.start() > where:
                    best, where = i, word.start()
        if best < 0:
            continue
        # somebody else named after the entry's person ("Bernadette Crowe and Pauline,
        # known as the Scone Sisters") leaves the nickname unattached
        between = window[where:]
        # ... or somebody of theirs ("Margaret Hall and her husband, known to all as Bunny")
        if _THEIR_PERSON.search(between):
            continue
        if any(w.group(0)[:1].isupper() and not name_parts(w.group(0)) <= out[best]
               and _looks_name_word(w.group(0)) for w in _PART.finditer(between)):
            continue
        out[best] = out[best] | nick


def _looks_name_word(word: str) -> bool:
    """A capitalised word that could be another person's first name."""
    return is_given(word, given_names())


def with_nicknames(entries: Iterable[frozenset[str]], text: str) -> tuple[frozenset[str], ...]:
    """Consent entries with the nicknames the post gives their people: a quoted or
    bracketed word between an entry's first name and its surname ("Chukwuemeka
    \"Emeka\" Obi") is that person's, so a later "Emeka" alone is covered too; and an
    entry given under the short form ("Les Carver") covers the full first name the post
    writes before it ("Leslie 'Les' Carver")."""
    entries = tuple(entries)
    out = list(entries)
    if entries and _KNOWN_AS.search(text):
        _add_known_as(out, text)
    if not any(c in text for c in "\"“”‘’'("):
        return tuple(out)
    for match in _QUOTED_NICKNAME.finditer(text):
        first, nick, last = (name_parts(match.group(i)) for i in (1, 2, 3))
        for i, entry in enumerate(out):
            if first and last and nick and last <= entry and (first <= entry or nick <= entry):
                out[i] = entry | nick | first
    return tuple(out)


@lru_cache(maxsize=1)
def _surname_list() -> str:
    """The names package's 88,799 surnames (US census 1990), one per line, casefolded."""
    try:
        from importlib.resources import files

        text = files("names").joinpath("dist.all.last").read_text(encoding="utf-8")
    except (ImportError, ModuleNotFoundError, OSError):
        return ""
    return "\n" + text.casefold()


@lru_cache(maxsize=4096)
def surname_rank(word: str) -> int | None:
    """A casefolded surname's rank in the census list (1 is "smith"), None if it is none:
    "king" is 30th, "rash" 3,216th (a surname of few people and a word of many)."""
    if not word:
        return None
    text = _surname_list()
    at = text.find(f"\n{word} ")
    if at < 0:
        return None
    line = text[at + 1:text.find("\n", at + 1)]
    fields = line.split()
    return int(fields[-1]) if len(fields) > 1 and fields[-1].isdigit() else None


# Surnames ranked above this in the census list are common enough to be read as one where
# a word could be either ("Will Smith?", "... Brittany Maynard's Final Choice").
COMMON_SURNAME_RANK = 1500


def is_common_surname(word: str) -> bool:
    """Whether a casefolded word is among the census list's COMMON_SURNAME_RANK commonest."""
    rank = surname_rank(word)
    return rank is not None and rank <= COMMON_SURNAME_RANK


@lru_cache(maxsize=16384)
def is_surname(word: str) -> bool:
    """Whether a casefolded word is a surname of the census list. Many are ordinary
    words too ("Way", "Park"), so a surname alone never makes a span a person; it only
    keeps a real surname after a first name or a title. Looked up in the list's text
    (no 88,799-entry set is built: a cold run checks only a few words)."""
    return surname_rank(word) is not None


def lower_name(name: str, names: frozenset[str]) -> bool:
    """Whether words written in lower case after a role are a person's name: a first name
    of ``names`` or a word rare even on the web, then (if any) a surname or a rare word
    ("ron pettifer", "tamsin trewhella"; not "team", "drivers", "practitioner")."""
    from ..text.words import common_words, is_frequent

    words = name.split()
    if not words:
        return False
    # Before a surname, a first name no list has needs only to be no English word ("tamsin").
    first = is_given(words[0], names) or (
        words[0] not in common_words() if len(words) > 1 else not is_frequent(words[0]))
    return first and all(is_surname(w) or not is_frequent(w) for w in words[1:])
