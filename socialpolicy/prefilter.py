"""A cheaper "cannot match" test for a rule pattern: RE2 on a loosened copy of it.

The required strings of ``literals`` rule out a pattern whose words are absent; most
searches that remain still find nothing ("rate" is in the post, but not "rate your
stay"), and ``regex`` (a backtracking engine) can take a millisecond to say so on a
long alternation. RE2 (``pip install google-re2``, optional) answers in linear time,
but it lacks lookarounds. So each pattern is *loosened* into one RE2 can read that
matches wherever the pattern matches and perhaps elsewhere (``loosened``: every
lookaround dropped, since an assertion only ever narrows a match; a repeat bound
above RE2's limit left open). Where the loosened copy finds nothing, the pattern
cannot match and its ``regex`` search is skipped; everywhere else it is searched as
before. Findings are the same with or without RE2: it only ever spares a search.

That holds only where RE2 reads a pattern as ``regex`` does, so a pattern is left out
(always searched) unless it is plain (``usable``): no fuzzy matching, inline flags,
``regex``-only escapes or ``{,n}`` repeats, and no character that matches an ASCII
letter only by Unicode case folding (the Kelvin sign). And a text is tested only when
it is printable ASCII with tabs and line breaks (``safe_text``): there ``\\w``, ``\\s``,
``\\d``, ``\\b`` and case-insensitive matching mean the same in both engines (RE2's
are ASCII-only).

Any other text (a post with an emoji, a curly quote, an accented name: half the corpus)
is tested through its *stand-in* (``stand_in``): a copy of the same length in which each
other character is replaced by an ASCII one of the same kind, as ``regex`` itself tells
it: a word character by ``_``, a space by a form feed, anything else by DEL. Wherever the
pattern matches the text, its loosened copy then matches the stand-in (each part of a
pattern that accepts a replaced character accepts its stand-in, and ``\\b`` sees the same
word edges), provided the pattern names none of those characters itself: a pattern is
asked about a stand-in only if it is ASCII, has no escape for a character code, and no
negated class that holds ``_``, a form feed or DEL (``stand_in_usable``). A text with a
non-ASCII digit, or a character ``regex`` matches to an ASCII letter ignoring case (the
Kelvin sign, the long s), has no stand-in and is searched as before.

A call into RE2 costs a few microseconds, more than ``regex`` needs for most short
patterns, so only patterns of ``MIN_SOURCE`` characters or more ask it. Compiling
costs about a millisecond a pattern, so a ``LiteralScan`` starts using RE2 only after
``WARM_TEXTS`` texts: a one-draft check never pays for it.
"""

from __future__ import annotations

import re
from typing import Any

# Texts a LiteralScan reads before it starts using RE2 (about a batch of posts).
WARM_TEXTS = 200
_SAFE_TEXT = re.compile(r"[\t\n\r\x20-\x7e]*")
# What RE2 reads differently from ``regex`` (VERSION0), or not at all: a brace that is
# not a repeat count (fuzzy matching), a repeat with no lower bound ("{,3}"), any
# inline flag or named group ("(?i)" in the middle of a pattern is global in
# ``regex``'s VERSION0 and scoped in RE2), POSIX classes, and escapes that are
# ``regex``'s own or that RE2 reads otherwise (\N, \v, \h, \R, \G, \K, \X, \m, \M,
# \L<name>, \Q, \E, \e, \z).
_UNSAFE_SOURCE = re.compile(
    r"\{,|\(\?(?![:=!]|<[=!])|\[\[:|\\[NvVhHRGKXmMLQEez]"
)
_BRACES = re.compile(r"(?<!\\)\{([^}]*)\}")
_COUNT = re.compile(r"\d+(?:,\d*)?")
# A call into RE2 costs some microseconds, more than ``regex`` takes to search most
# short patterns: only long ones (big alternations, where ``regex`` can take a
# millisecond) are worth asking RE2 first.
MIN_SOURCE = 1000
# RE2 refuses a repeat bound above 1000.
_LARGE_REPEAT = re.compile(r"(?<!\\)\{(\d+),(\d{4,})\}")
_IGNORECASE, _MULTILINE, _DOTALL = 2, 8, 16  # regex.I, regex.M, regex.S


def usable(source: str) -> bool:
    """Whether RE2 reads ``source`` as ``regex`` does on a printable-ASCII text."""
    if _UNSAFE_SOURCE.search(source):
        return False
    if any(not _COUNT.fullmatch(m.group(1)) for m in _BRACES.finditer(source)):
        return False
    for ch in source:
        if not ch.isascii() and any(
                c.isascii() for c in {ch.lower(), ch.upper(), ch.casefold()} if c != ch):
            return False  # "K" (Kelvin) matches "k" case-insensitively
    return True


def safe_text(text: str) -> bool:
    return _SAFE_TEXT.fullmatch(text) is not None


# Every character outside ``_SAFE_TEXT``, and what stands in for it (see the module's
# docstring). ``_NO_STAND_IN`` marks a character that has none (a text holding one is
# searched as before); no character's own stand-in is NUL, which is DEL's kind.
_OTHER_CHAR = re.compile(r"[^\t\n\r\x20-\x7e]")
_WORD, _SPACE, _SYMBOL, _NO_STAND_IN = "_", "\x0c", "\x7f", "\x00"
_STAND_INS: dict[int, str] = {}


def _stand_in_for(ch: str) -> str:
    import regex

    flags = regex.VERSION0 | regex.IGNORECASE
    if not ch.isascii() and regex.match(r"[\x00-\x7f]", ch, flags=flags):
        return _NO_STAND_IN  # matches an ASCII character ignoring case (K, the Kelvin sign)
    if regex.match(r"\d", ch, flags=flags):
        return _NO_STAND_IN  # a digit of another script: no ASCII one is matched as it is
    if regex.match(r"\w", ch, flags=flags):
        return _WORD
    if regex.match(r"\s", ch, flags=flags):
        return _SPACE
    return _SYMBOL


def stand_in(text: str) -> str | None:
    """``text`` with every character outside ``safe_text``'s replaced by an ASCII one that
    ``regex`` reads as the same kind (word, space, other), or None when one has none."""
    table = _STAND_INS
    for ch in set(_OTHER_CHAR.findall(text)):
        if ord(ch) not in table:
            table[ord(ch)] = _stand_in_for(ch)
    out = text.translate(table)
    return None if _NO_STAND_IN in out else out


# An escape that names a character by its code (\x7f, \u00e9, \0), or a form feed
# (\f): it may name a character a stand-in replaces, or a stand-in itself.
_CODE_ESCAPES = frozenset("xuU01234567f")
_STAND_IN_CHARS = frozenset((_WORD, _SPACE, _SYMBOL))


def stand_in_usable(loose: str) -> bool:
    """Whether the loosened pattern ``loose`` matches a text's stand-in wherever it matches
    the text itself: ASCII, no character-code escape, and no negated class that holds a
    stand-in (``[^_]`` accepts an "é" but not the "_" for it), as a literal or in a range.
    Read in one pass over the source (a pattern is asked this once, but Python's own
    parser took longer than RE2's compiling); a doubt answers False."""
    if not loose.isascii():
        return False
    i, n = 0, len(loose)
    negated = False  # inside a negated class
    in_class = False
    while i < n:
        ch = loose[i]
        if ch == "\\":
            if loose[i + 1:i + 2] in _CODE_ESCAPES:
                return False
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = negated = False
            elif negated:
                if ch in _STAND_IN_CHARS:
                    return False
                if ch == "-" and loose[i + 1:i + 2] not in ("]", ""):
                    low, high = loose[i - 1], loose[i + 1]
                    escaped = low == "\\" or high == "\\" or loose[i - 2:i - 1] == "\\"
                    if escaped or any(low <= c <= high for c in _STAND_IN_CHARS):
                        return False
            i += 1
            continue
        if ch == "[":
            in_class = True
            i += 1
            if loose[i:i + 1] == "^":
                negated = True
                i += 1
            if loose[i:i + 1] == "]":  # a ] first in a class is a character
                i += 1
            continue
        i += 1
    return True


def loosened(source: str, flags: int) -> str | None:
    """``source`` as RE2 can read it, matching wherever it matches and maybe more: every
    lookaround dropped (an assertion only ever narrows), a bounded repeat above RE2's
    limit left open, ``\\Z`` written as RE2's ``\\z``, flags as inline flags. None when
    it is not ``usable``."""
    if not usable(source):
        return None
    out: list[str] = []
    i, n = 0, len(source)
    in_class = False
    while i < n:
        ch = source[i]
        if ch == "\\":
            pair = source[i:i + 2]
            out.append("\\z" if pair == "\\Z" and not in_class else pair)
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            if source[i:i + 1] == "^":
                out.append("^")
                i += 1
            if source[i:i + 1] == "]":  # a ] first in a class is a character
                out.append("]")
                i += 1
            continue
        if source.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            end = _group_end(source, i)
            if end is None:
                return None
            i = end
            if i < n and source[i] in "*+?{":
                return None  # a repeated assertion: leave it to regex
            continue
        out.append(ch)
        i += 1
    loose = _LARGE_REPEAT.sub(lambda m: "{" + m.group(1) + ",}", "".join(out))
    inline = ("i" if flags & _IGNORECASE else "") + ("m" if flags & _MULTILINE else "") + (
        "s" if flags & _DOTALL else "")
    return f"(?{inline}:{loose})" if inline else loose


def _group_end(source: str, start: int) -> int | None:
    """The index just after the group opened at ``start``."""
    depth = 0
    i, n = start, len(source)
    in_class = False
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if source[i + 1:i + 2] == "^":
                i += 1
            if source[i + 1:i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


class LooseCheck:
    """Each pattern's loosened RE2 copy, compiled on first use; ``may_match`` is False
    only when the pattern cannot match ``text``."""

    def __init__(self) -> None:
        import re2

        self._re2: Any = re2
        self._options = re2.Options()
        # Only whether there is a match is asked: without capturing groups RE2 reports
        # one span, not one per group.
        self._options.never_capture = True
        # The loosened copy compiled (None: RE2 cannot read it), and whether it may be
        # asked about a stand-in (None: not yet worked out).
        self._compiled: dict[tuple[str, int], list[Any]] = {}
        # The last text asked about and its UTF-8 bytes: a post is asked about by many
        # patterns in a row, and RE2 given bytes neither encodes the text again nor maps
        # the match's byte offsets back to characters (a fifth of this check's time on
        # 1,000 posts' 35,154 questions).
        self._last: tuple[str, bytes] = ("", b"")

    def may_match(self, source: str, flags: int, text: str, is_stand_in: bool = False) -> bool:
        """False only when the pattern cannot match the text that ``text`` is: the text
        itself (``safe_text``), or with ``is_stand_in`` its ``stand_in``."""
        if len(source) < MIN_SOURCE:
            return True
        key = (source, flags)
        known = self._compiled.get(key)
        if known is None:
            checker = None
            loose = loosened(source, flags)
            if loose is not None:
                try:
                    checker = self._re2.compile(loose, self._options)
                except Exception:  # noqa: BLE001 - RE2 cannot read it: always search
                    checker = None
            known = self._compiled[key] = [checker, None if checker is not None else False]
        checker = known[0]
        if checker is None:
            return True
        if is_stand_in:
            if known[1] is None:
                known[1] = stand_in_usable(checker.pattern)
            if not known[1]:
                return True
        last = self._last
        if last[0] is not text:
            last = self._last = (text, text.encode("utf-8"))
        return checker.search(last[1]) is not None


def loose_check() -> LooseCheck | None:
    """A LooseCheck, or None when RE2 is not installed."""
    try:
        return LooseCheck()
    except ImportError:
        return None
