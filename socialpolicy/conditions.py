"""Conditions on metadata, as written in rule files under ``when:`` and ``where:``.

``{platform: {in: [twitter, x]}, reply_to: {present: true}}`` holds when every
field meets every test; ``reply_to.text`` reaches into a field's own keys. Tests: ``present``, ``empty``, ``equals``, ``in``,
``not_in``, ``matches`` (a regular expression) and ``not`` (a nested test).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import regex

from .literals import Clauses, clauses_met, required_clauses
from .pattern_cache import compile_regex

OPERATORS = ("present", "empty", "equals", "in", "not_in", "matches", "not")


# Where a ``matches`` expression written out from shared lists was written, by its
# text: it compiles on the first post that reaches it, far from the rule file, and a
# word of a list that is not a valid regular expression is named at its own line.
_ORIGINS: dict[str, Callable[[Exception], Exception]] = {}


def note_origin(pattern: str, origin: Callable[[Exception], Exception]) -> None:
    """Name ``origin`` as the error for ``pattern`` when it does not compile."""
    _ORIGINS[pattern] = origin


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> regex.Pattern[str]:
    # Compiled once per pattern: ``regex.search(pattern, ...)`` relies on ``regex``'s own
    # cache, which the rule pack's hundreds of patterns fill and which then evicts at random.
    # Its alternations are gathered by first letter, as a rule pattern's are (the same
    # matches, found faster); the pack's own are read compiled from rules/patterns.bin.
    try:
        return compile_regex(pattern, regex.I, gathered=True)
    except regex.error as exc:
        origin = _ORIGINS.get(pattern)
        if origin is None:
            raise
        raise origin(exc) from None


@lru_cache(maxsize=256)
def _needs(pattern: str) -> Clauses:
    # The strings a match needs (as for rule patterns): a text without them is not
    # searched. Most conditions read a reply's text, and most replies lack them.
    return required_clauses(pattern) or ()


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or value == ()


def test(value: Any, spec: Any) -> bool:
    """Whether ``value`` passes ``spec``; a bare scalar spec means ``equals``."""
    if not isinstance(spec, Mapping):
        return bool(value == spec)
    for op, expected in spec.items():
        if op == "present":
            if (value is not None) != bool(expected):
                return False
        elif op == "empty":
            if _empty(value) != bool(expected):
                return False
        elif op == "equals":
            if value != expected:
                return False
        elif op == "in":
            if value not in expected:
                return False
        elif op == "not_in":
            if value in expected:
                return False
        elif op == "matches":
            if (not isinstance(value, str) or not clauses_met(_needs(expected), value.casefold())
                    or not _compiled(expected).search(value, timeout=0.25)):
                return False
        elif op == "not":
            if test(value, expected):
                return False
        else:
            raise ValueError(f"unknown test {op!r}")
    return True


def lookup(data: Mapping[str, Any], key: str) -> Any:
    """``data[key]``, where a dotted key (``reply_to.text``) reaches into mappings."""
    value: Any = data
    for part in key.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def holds(data: Mapping[str, Any], conditions: Mapping[str, Any]) -> bool:
    return all(test(lookup(data, key), spec) for key, spec in conditions.items())


def check_spec(conditions: Any) -> str | None:
    """A reason the conditions are malformed, or None."""
    if not isinstance(conditions, Mapping):
        return "must be a mapping of field: test"
    for key, spec in conditions.items():
        if isinstance(spec, Mapping):
            for op in spec:
                if op not in OPERATORS:
                    return f"{key}: unknown test {op!r} (known: {', '.join(OPERATORS)})"
                if op == "not":
                    inner = check_spec({key: spec[op]})
                    if inner:
                        return inner
    return None
