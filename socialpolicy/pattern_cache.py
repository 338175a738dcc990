"""The built-in pack's regular expressions, prepared ahead of time.

A cold one-draft check compiled some 150 of the pack's regular expressions (the rule
patterns a post could match, ``when:`` conditions, the personal-data kind's phrase lists)
and read about 30 of them with Python's own parser to find the strings their matches need
(``literals.required_clauses``). ``regex`` parses a pattern in pure Python, so that was
about half of our own share of a cold start. ``socialpolicy rules index`` writes
``rules/patterns.bin``: for each of those patterns, keyed by its text and flags, the
compiled program as ``regex`` itself pickles a pattern, and its required strings.

``compile_regex`` takes a pattern from there only when its exact text and flags are
listed and the file was written by the same ``regex`` version; anything else (an edited
rule, a Trust's own, another ``regex``) is compiled as before, so the file can never
give a stale pattern, only a slower start (a test fails while it lags the pack). It is
read from the package, never written at run time.

Each entry is read back through an unpickler that can call nothing but ``regex``'s own
function for restoring a pickled pattern, with the program ``regex`` wrote; the
pattern it gives must have the text and flags asked for. The program itself is trusted
as the package's code beside it is: ``rules index`` writes it, and it ships with them.
"""

from __future__ import annotations

import io
import marshal
import pickle
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, cast

import regex

from .alternation import compile_gathered
from .resources import package_dir

CACHE_NAME = "patterns.bin"
# Bumped whenever an entry changes shape: a file of another version is ignored.
# (2: rule patterns and conditions are stored with their alternations gathered.)
CACHE_VERSION = 2
# Set in a key's flags (above every flag ``regex`` has) when the stored program is of the
# pattern with its alternations gathered by first letter (``alternation``): rule patterns
# and conditions are compiled so, and the rewrite is itself a cost a cold start avoids.
GATHERED = 1 << 30
# How ``regex`` restores a pickled pattern (its copyreg reducer names this function).
_RESTORE = ("regex._regex", "compile")
# Set only while ``rules index`` builds the file: every pattern compiled through here.
_RECORDING: ContextVar[set[tuple[str, int]] | None] = ContextVar("_RECORDING", default=None)


class _PatternOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) != _RESTORE:
            raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")
        return super().find_class(module, name)


def compile_regex(source: str, flags: int = 0, cache_pattern: bool = True,
                  gathered: bool = False) -> regex.Pattern[str]:
    """``regex.compile(source, flags, cache_pattern=...)`` (with ``gathered``, of the
    source with its alternations gathered: the same matches), but the shipped program when
    there is one for exactly this text, these flags and this form."""
    key = int(flags) | (GATHERED if gathered else 0)
    seen = _RECORDING.get()
    if seen is not None:
        seen.add((source, key))
    compiled = _restored(source, key)
    if compiled is not None:
        return compiled
    if gathered:
        return cast("regex.Pattern[str]", compile_gathered(source, flags))
    return regex.compile(source, flags, cache_pattern=cache_pattern)


@lru_cache(maxsize=2048)
def _restored(source: str, key: int) -> regex.Pattern[str] | None:
    """The shipped program of (source, key), restored once per process (a pattern is
    immutable, so sharing it is safe), or None."""
    stored = shipped_entries()[0].get((source, key))
    flags = key & ~GATHERED
    if stored is None:
        return None
    try:
        compiled = _PatternOnly(io.BytesIO(zlib.decompress(stored))).load()
    except Exception:  # noqa: BLE001 - a damaged entry costs a compile, never a finding
        return None
    # A gathered program's text is the rewritten one; its key still binds it to ``source``.
    if (isinstance(compiled, regex.Pattern) and (key & GATHERED or compiled.pattern == source)
            and compiled.flags & flags == flags):
        return cast("regex.Pattern[str]", compiled)
    return None


_NOT_SHIPPED = object()


def shipped_clauses(source: str) -> Any:
    """The shipped ``literals.required_clauses`` of ``source``, or a value for which
    ``is_shipped`` is false (then the caller works it out)."""
    stored = shipped_entries()[1].get(source)
    if stored is None:
        return _NOT_SHIPPED
    try:
        answer = marshal.loads(zlib.decompress(stored))
    except (zlib.error, EOFError, ValueError, TypeError):
        return _NOT_SHIPPED
    # A wrong answer could skip a pattern that matches: anything but the shape
    # ``required_clauses`` gives (or None) is worked out afresh.
    if answer is None or (isinstance(answer, tuple) and all(
            isinstance(way, tuple) and all(
                isinstance(clause, tuple) and clause and all(isinstance(s, str) for s in clause)
                for clause in way)
            for way in answer)):
        return answer
    return _NOT_SHIPPED


def is_shipped(answer: Any) -> bool:
    return answer is not _NOT_SHIPPED


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[Mapping[tuple[str, int], bytes], Mapping[str, bytes]]:
    """The shipped programs by (text, flags) and required strings by text; both empty
    when the file is missing, damaged, of another version or from another ``regex``."""
    empty: tuple[dict[tuple[str, int], bytes], dict[str, bytes]] = ({}, {})
    try:
        data = marshal.loads((package_dir("rules") / CACHE_NAME).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return empty
    if (not isinstance(data, tuple) or len(data) != 4 or data[0] != CACHE_VERSION
            or data[1] != regex.__version__):
        return empty
    programs, clauses = data[2], data[3]
    if not isinstance(programs, dict) or not isinstance(clauses, dict):
        return empty
    return programs, clauses


@contextmanager
def recording() -> Iterator[set[tuple[str, int]]]:
    """Every (text, flags) compiled through ``compile_regex`` inside the block."""
    seen: set[tuple[str, int]] = set()
    token = _RECORDING.set(seen)
    try:
        yield seen
    finally:
        _RECORDING.reset(token)


__all__ = ["CACHE_NAME", "CACHE_VERSION", "compile_regex", "is_shipped", "recording",
           "shipped_clauses", "shipped_entries"]
