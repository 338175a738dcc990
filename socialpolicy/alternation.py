"""Long alternations rewritten so the regex engine tries only the branches that can start.

The ``regex`` module tries the branches of an alternation one by one at every place in
the text; the rule pack's vocabularies make alternations of hundreds of words
(``\\b(?:absolutely|abysmal|...)\\b``), and trying each at each character is most of
the time the pack spends matching. :func:`by_first_letter` writes such an alternation
with the branches that start with the same letter gathered under it
(``\\b(?:a(?:bsolutely|bysmal)|...)\\b``), applied again inside each gathering, so at
each place only the branches starting with the letter found there are tried.

The rewritten pattern matches exactly what the written one does, span for span and
group for group:

* only branches that start with an ASCII letter or digit that is not repeated
  (``a?``, ``a{2}`` are left alone) are gathered, and only among branches next to each
  other: a branch of any other shape stays where it is, and so does the order of the
  branches on either side of it;
* within a gathering the branches keep their order; two gatherings start with
  letters no one character can match both of (case-insensitively too: branches are
  gathered by their letter in lower case, and an alternation where one letter is
  written in both cases is left alone), so at any place at most one gathering can
  match, and which comes first cannot matter;
* only non-capturing groups are added, so group numbers and names are unchanged;
  lookbehinds (matched backwards) are copied as written, and a pattern using syntax
  this reader does not follow (inline flags, conditionals, branch resets, comments,
  ``regex``'s VERSION1 sets) is left as written.

Only the compiled form changes: a pattern's written source (the literal index's key,
error messages) stays as the rule author wrote it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import regex

# Group openings whose contents are read (and rewritten) like the pattern itself.
_GROUPS = ("(?:", "(?=", "(?!", "(?>")
# Lookbehinds are matched backwards: their contents are copied unchanged.
_LOOKBEHINDS = ("(?<=", "(?<!")
_REPEAT = frozenset("?*+{")
# A brace that is not a repeat count ({2}, {1,3}) nor part of an escape (\p{L}) is fuzzy
# matching in ``regex``, whose search order this reader does not follow.
_FUZZY = re.compile(r"(?<!\\[pPNx])\{(?!\d*(?:,\d*)?\})")


class _Unsure(Exception):
    """Syntax this reader does not follow: the pattern is left as written."""


@lru_cache(maxsize=4096)
def by_first_letter(source: str) -> str:
    """``source`` with its alternations gathered by first letter (see the module), or
    ``source`` itself when there is nothing to gather or it uses syntax not read here."""
    if "(?V1)" in source or "(?x)" in source or _FUZZY.search(source):
        return source
    try:
        out, end = _alternation(source, 0, rewrite=True)
    except (_Unsure, IndexError):
        return source
    if end != len(source):
        return source  # an unbalanced ")": let the regex module say so
    return out


def compile_gathered(source: str, flags: int) -> Any:
    """``source`` compiled by ``regex`` with its alternations gathered; errors are the
    written pattern's own."""
    written = by_first_letter(source)
    if written != source:
        try:
            return regex.compile(written, flags, cache_pattern=False)
        except regex.error:  # pragma: no cover - the rewrite reads only syntax it knows
            pass
    return regex.compile(source, flags, cache_pattern=False)


def _alternation(s: str, i: int, rewrite: bool) -> tuple[str, int]:
    """The alternation starting at ``i`` up to the ``)`` that closes its group (or the
    end), rewritten; and where it stopped."""
    branches: list[str] = []
    piece: list[str] = []
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            piece.append(s[i:i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(s, i)
            piece.append(s[i:end])
            i = end
        elif ch == "(":
            text, i = _group(s, i, rewrite)
            piece.append(text)
        elif ch == ")":
            break
        elif ch == "|":
            branches.append("".join(piece))
            piece = []
            i += 1
        else:
            piece.append(ch)
            i += 1
    branches.append("".join(piece))
    if len(branches) == 1:
        return branches[0], i
    return (_gather(branches) if rewrite else "|".join(branches)), i


def _group(s: str, i: int, rewrite: bool) -> tuple[str, int]:
    """A group starting at ``s[i] == "("``, rewritten inside, and the index after it."""
    if s.startswith(_LOOKBEHINDS, i):
        head, inner_rewrite = s[i:i + 4], False
    elif s.startswith(_GROUPS, i):
        head, inner_rewrite = s[i:i + 3], rewrite
    elif s.startswith(("(?P<", "(?<"), i):
        close = s.index(">", i)
        name = s[i + s[i:].index("<") + 1:close]
        if not name.isidentifier():
            raise _Unsure
        head, inner_rewrite = s[i:close + 1], rewrite
    elif s.startswith("(?", i):
        raise _Unsure  # inline flags, conditionals, comments, branch resets, ...
    else:
        head, inner_rewrite = "(", rewrite
    inner, end = _alternation(s, i + len(head), inner_rewrite)
    if end >= len(s) or s[end] != ")":
        raise _Unsure
    return head + inner + ")", end + 1


def _class_end(s: str, i: int) -> int:
    """The index after the character class opening at ``s[i] == "["``."""
    j = i + 1
    if j < len(s) and s[j] == "^":
        j += 1
    if j < len(s) and s[j] == "]":
        j += 1  # a "]" first in a class is a character of it
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == "[":
            raise _Unsure  # a nested set (VERSION1) or a POSIX class: not read here
        if s[j] == "]":
            return j + 1
        j += 1
    raise _Unsure


def _leading(branch: str) -> tuple[str, str] | None:
    """How a branch must start: an optional word boundary (``\\b``, zero-width) and a
    plain ASCII letter or digit that is not repeated or made optional; None if not so."""
    head = "\\b" if branch.startswith("\\b") else ""
    rest = branch[len(head):]
    if not rest or not (rest[0].isascii() and rest[0].isalnum()):
        return None
    if len(rest) > 1 and rest[1] in _REPEAT:
        return None
    return head, rest[0]


def _gather(branches: list[str]) -> str:
    """The branches of one alternation joined, runs of neighbours that start with a
    plain letter gathered by it (recursively, within each gathering). Branches of one
    letter that differ in how they start (its case, a word boundary before it) are
    left as written."""
    out: list[str] = []
    run: dict[str, list[tuple[str, str]]] = {}

    def flush() -> None:
        for members in run.values():
            if len(members) == 1:
                out.append(members[0][0] + members[0][1])
                continue
            inner = _gather([rest for _, rest in members])
            # A gathering with one way through needs no group of its own ("l(?:eader)").
            single = _top_level_branches(inner) == 1
            out.append(members[0][0] + (inner if single else "(?:" + inner + ")"))
        run.clear()

    for branch in branches:
        leading = _leading(branch)
        if leading is None:
            flush()
            out.append(branch)
            continue
        head, letter = leading
        members = run.setdefault(letter.lower(), [])
        prefix = head + letter
        if members and members[0][0] != prefix:
            return "|".join(branches)  # one letter written two ways: left as written
        members.append((prefix, branch[len(prefix):]))
    flush()
    return "|".join(out)


def _top_level_branches(source: str) -> int:
    """How many branches the alternation ``source`` has at its top level."""
    count, depth, i = 1, 0, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(source, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            count += 1
        i += 1
    return count
