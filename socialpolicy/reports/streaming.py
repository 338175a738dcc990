"""Writing a report to its stream as it goes, so a million findings are never held.

A report's findings come from ``Result.findings``, which for a platform archive is a
``SortedFindings`` read back from disk a segment at a time. Every formatter writes
each finding as soon as it has it and keeps only counts, so memory at the end of a
run does not grow with the report (issue 16).

``write_json`` writes exactly what ``json.dumps(value, indent=2, ensure_ascii=False)``
would, byte for byte, where parts of ``value`` may be ``Streamed`` (a list given
as an iterable, written an item at a time) or ``Later`` (a value worked out only
when the writer reaches it, e.g. a summary counted while the findings were written).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

INDENT = 2


class Streamed:
    """A JSON array whose items are written one by one as ``items`` yields them."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


class Later:
    """A JSON value made by ``make()`` when the writer reaches it, not before."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class Counts:
    """Findings per severity, counted in the one pass that writes them."""

    def __init__(self) -> None:
        self.by_severity = {"error": 0, "warning": 0, "info": 0}

    def add(self, severity: str) -> None:
        self.by_severity[severity] += 1

    def total(self) -> int:
        return sum(self.by_severity.values())


def write_json(stream: TextIO, value: Any, level: int = 0) -> None:
    """``value`` as indented JSON text (no final newline), streamed parts item by item."""
    if isinstance(value, Later):
        value = value.make()
    if isinstance(value, Streamed):
        _write_items(stream, value.items, level)
    elif isinstance(value, dict) and _lazy(value):
        if not value:
            stream.write("{}")
            return
        inner = "\n" + " " * (INDENT * (level + 1))
        for number, (key, item) in enumerate(value.items()):
            stream.write(("{" if number == 0 else ",") + inner + _dumps(key, 0) + ": ")
            write_json(stream, item, level + 1)
        stream.write("\n" + " " * (INDENT * level) + "}")
    elif isinstance(value, list) and _lazy(value):
        _write_items(stream, value, level)
    else:
        stream.write(_dumps(value, level))


def _write_items(stream: TextIO, items: Iterable[Any], level: int) -> None:
    inner = "\n" + " " * (INDENT * (level + 1))
    empty = True
    for item in items:
        stream.write(("[" if empty else ",") + inner)
        write_json(stream, item, level + 1)
        empty = False
    stream.write("[]" if empty else "\n" + " " * (INDENT * level) + "]")


def _lazy(value: Any) -> bool:
    """Whether ``value`` holds a part to be streamed or made later (looked for only in
    the report's outline: plain values are written by ``json.dumps`` whole)."""
    if isinstance(value, (Streamed, Later)):
        return True
    if isinstance(value, dict):
        return any(isinstance(v, (dict, list, Streamed, Later)) and _lazy(v) for v in value.values())
    if isinstance(value, list):
        return any(isinstance(v, (dict, list, Streamed, Later)) and _lazy(v) for v in value)
    return False


def _dumps(value: Any, level: int) -> str:
    # JSON escapes every control character inside strings, so each raw line break is
    # structure: indenting the text after it nests the value ``level`` deep.
    text = json.dumps(value, indent=INDENT, ensure_ascii=False)
    return text.replace("\n", "\n" + " " * (INDENT * level)) if level else text
