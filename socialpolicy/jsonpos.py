"""JSON read with positions: the line and column of every key and item walked.

The standard library's decoder gives no positions, and neither do ijson or
json-stream, so the outer levels of a document (where a finding must point) are
walked here by hand, while every value below them is handed to the C decoder whole:
a 50 MB calendar stays fast. Duplicate keys are errors rather than a silent
last-one-wins, and nesting is capped at the same depth as YAML, so a file reads the
same in either format (``yamlpos`` is the YAML half).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .errors import InputError
from .yamlpos import MAX_DEPTH, NESTED_TOO_DEEP, PosDict, PosList, duplicate_key

WHITESPACE = re.compile(r"[ \t\n\r]*")
# Containers this deep or shallower are walked by hand for positions; deeper ones are
# decoded whole by the C decoder (top = 0, list of entries = 1, entry = 2, a field's list = 3).
WALK_DEPTH = 3


def column_of(text: str, offset: int) -> int:
    """The 1-based column of ``offset`` on its line of ``text``."""
    return offset - (text.rfind("\n", 0, offset) + 1) + 1


def skip_blanks(text: str, offset: int) -> int:
    """The first offset from ``offset`` on that is not JSON white space."""
    match = WHITESPACE.match(text, offset)
    return match.end() if match else offset


class _Duplicate(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _nesting(value: Any) -> int:
    """How many containers deep ``value`` goes, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, level + 1) for c in children if isinstance(c, (dict, list)))
    return deepest


class JsonWalker:
    """Walks one JSON text, recording the line and column of every key and item.

    ``each_key`` and ``each_item`` hand each member to a reader that reads it (with
    ``value``, or however the caller likes) and returns the offset just after it;
    so a caller can stream a long list instead of holding it whole.
    """

    def __init__(self, text: str, source: str):
        self.text = text
        self.source = source
        self.decoder = json.JSONDecoder(object_pairs_hook=_no_duplicates)
        self._offset = 0
        self._line = 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``, both from 1."""
        # Offsets mostly rise, so counting newlines since the last call keeps this linear.
        if offset >= self._offset:
            self._line += self.text.count("\n", self._offset, offset)
        else:
            self._line -= self.text.count("\n", offset, self._offset)
        self._offset = offset
        return self._line, column_of(self.text, offset)

    def fail(self, offset: int, reason: str) -> InputError:
        return InputError(self.source, f"not valid JSON: {reason}", *self.position(offset))

    def skip(self, offset: int) -> int:
        return skip_blanks(self.text, offset)

    def expect(self, offset: int, char: str, what: str) -> int:
        offset = self.skip(offset)
        if self.text[offset:offset + 1] != char:
            found = self.text[offset:offset + 1] or "the end of the file"
            raise self.fail(offset, f"expected {what}, found {found!r}")
        return offset + 1

    def scalar(self, offset: int, depth: int = 0) -> tuple[Any, int]:
        """The value at ``offset`` decoded whole, and the offset after it."""
        try:
            value, end = self.decoder.raw_decode(self.text, offset)
        except json.JSONDecodeError as exc:
            raise InputError(self.source, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except _Duplicate as exc:
            raise InputError(
                self.source,
                f"duplicate key {exc.key!r} in the value starting here; remove one so it is "
                "clear which is meant",
                *self.position(offset),
            ) from None
        except RecursionError:
            raise self.fail(offset, NESTED_TOO_DEEP) from None
        if isinstance(value, (dict, list)) and depth + _nesting(value) > MAX_DEPTH:
            raise InputError(self.source, NESTED_TOO_DEEP, *self.position(offset))
        return value, end

    def value(self, offset: int, depth: int) -> tuple[Any, int]:
        """The value at ``offset`` (with positions down to ``WALK_DEPTH``) and the offset after it."""
        offset = self.skip(offset)
        char = self.text[offset:offset + 1]
        if depth <= WALK_DEPTH and char == "{":
            return self.mapping(offset, depth)
        if depth <= WALK_DEPTH and char == "[":
            return self.sequence(offset, depth)
        return self.scalar(offset, depth)

    def _members(self, offset: int, opener: str, closer: str, what: str,
                 read: Callable[[int], int]) -> int:
        offset = self.skip(self.expect(offset, opener, f"'{opener}'"))
        if self.text[offset:offset + 1] == closer:
            return offset + 1
        while True:
            offset = self.skip(read(self.skip(offset)))
            char = self.text[offset:offset + 1]
            if char == ",":
                offset += 1
                continue
            if char == closer:
                return offset + 1
            raise self.fail(offset, f"expected ',' or '{closer}' after {what}")

    def each_key(self, offset: int, read: Callable[[str, int, int], int]) -> int:
        """Walk the object at ``offset``: ``read(key, key offset, value offset)`` reads each
        value and returns the offset after it. Returns the offset after the object."""

        def one(at: int) -> int:
            if self.text[at:at + 1] != '"':
                raise self.fail(at, "expected a key in double quotes")
            key, after = self.scalar(at)
            return read(key, at, self.skip(self.expect(after, ":", "':' after the key")))

        return self._members(offset, "{", "}", "a value", one)

    def each_item(self, offset: int, read: Callable[[int], int]) -> int:
        """Walk the array at ``offset``: ``read(item offset)`` reads each item and returns the
        offset after it. Returns the offset after the array."""
        return self._members(offset, "[", "]", "an item", read)

    def mapping(self, offset: int, depth: int) -> tuple[PosDict, int]:
        result = PosDict()
        result.line, result.column = self.position(offset)

        def read(key: str, key_at: int, value_at: int) -> int:
            if key in result:
                raise duplicate_key(self.source, key, result.key_positions[key][0],
                                    self.position(key_at))
            result.key_positions[key] = self.position(key_at)
            result.value_positions[key] = self.position(value_at)
            value, end = self.value(value_at, depth + 1)
            result[key] = value
            if isinstance(value, str):
                # Escapes shift columns; remember whether the literal had any.
                result.value_styles[key] = '"\\' if "\\" in self.text[value_at:end] else '"'
            else:
                result.value_styles[key] = None
            return end

        return result, self.each_key(offset, read)

    def sequence(self, offset: int, depth: int) -> tuple[PosList, int]:
        result = PosList()
        result.line, result.column = self.position(offset)

        def read(at: int) -> int:
            result.item_positions.append(self.position(at))
            value, end = self.value(at, depth + 1)
            result.append(value)
            return end

        return result, self.each_item(offset, read)
