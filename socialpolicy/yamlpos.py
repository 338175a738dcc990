"""Safe YAML loading that remembers where every key and item was written.

Built on PyYAML's safe constructor (no Python objects can be constructed), with
three guards a plain ``yaml.safe_load`` lacks: duplicate keys are errors rather
than a silent last-one-wins, aliases are capped (a "billion laughs" document is
refused before it is expanded), and nesting depth is capped (no recursion crash).

Scanning and parsing run in libyaml's C parser when PyYAML has it (about ten
times faster: it is most of the cost of reading rule files and big calendars);
composing stays in Python, because that is where the guards live.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml

from .errors import InputError

MAX_DEPTH = 64
MAX_ALIASES = 256
NESTED_TOO_DEEP = (
    f"lists or mappings are nested more than {MAX_DEPTH} levels deep: refused "
    "(a calendar never needs that many; check for a run of unclosed brackets)"
)

# Limits that libyaml enforces itself, in its own words, by PyYAML version: whichever
# parser refuses first, the user reads the same plain-English reason.
_PARSER_LIMITS = (
    ("maximum nesting depth", NESTED_TOO_DEEP),
    ("exceeded max depth", NESTED_TOO_DEEP),
)


def duplicate_key(source: str, key: Any, first: int, where: tuple[int, int]) -> InputError:
    """The error for a key written twice in one mapping (YAML or JSON alike)."""
    return InputError(
        source,
        f"duplicate key {key!r} (first written on line {first}); remove one so it is clear "
        "which value is meant",
        *where,
    )


class PosDict(dict[Any, Any]):
    """A mapping that knows the (line, column) of itself and each of its keys."""

    line: int = 1
    column: int = 1
    key_positions: dict[Any, tuple[int, int]]
    value_styles: dict[Any, str | None]
    value_positions: dict[Any, tuple[int, int]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Empty until a parser fills them, so an empty front matter is a valid PosDict.
        self.key_positions, self.value_styles, self.value_positions = {}, {}, {}


class PosList(list[Any]):
    """A sequence that knows the (line, column) of itself and each item."""

    line: int = 1
    column: int = 1
    item_positions: list[tuple[int, int]]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_positions = []


class _Guarded:
    """Composing and constructing with positions and guards, over any event parser."""

    _source: str
    _depth: int
    _aliases: int
    # Provided by the parser and constructor classes mixed in below.
    check_event: Any
    peek_event: Any
    flatten_mapping: Any

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # PyYAML raises a bare ValueError or OverflowError for a value it cannot
        # build (30 February, year 99999, a 5,000-digit number): say where and why.
        try:
            return yaml.constructor.SafeConstructor.construct_object(self, node, deep=deep)  # type: ignore[arg-type]
        except (ValueError, OverflowError):
            tag = getattr(node, "tag", "")
            if tag.endswith(":timestamp"):
                reason = ("is not a real date (a day that does not exist, or a year out of "
                          "range); write it as YYYY-MM-DD, e.g. 2026-03-14")
            elif tag.endswith((":int", ":float")):
                reason = "is a number too long to read; put it in quotes if it is an id"
            else:
                reason = "cannot be read as a value"
            raise InputError(
                self._source, f"the value {reason}",
                node.start_mark.line + 1, node.start_mark.column + 1,
            ) from None

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise InputError(
                    self._source,
                    f"more than {MAX_ALIASES} YAML aliases: refused, as an alias bomb would expand "
                    "without bound",
                    mark.line + 1,
                    mark.column + 1,
                )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise InputError(
                self._source,
                NESTED_TOO_DEEP,
                mark.line + 1,
                mark.column + 1,
            )
        try:
            return yaml.composer.Composer.compose_node(self, parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> PosDict:
        result = PosDict()
        result.line = node.start_mark.line + 1
        result.column = node.start_mark.column + 1
        result.key_positions = {}
        result.value_positions = {}
        result.value_styles = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, bool) and isinstance(key_node, yaml.ScalarNode) and not key_node.style:
                # YAML 1.1 reads a bare `on:` or `yes:` key as a boolean; every key we
                # know is text, so keep what the author wrote.
                key = key_node.value
            if not isinstance(key, Hashable):
                raise InputError(
                    self._source, "a mapping key must be a plain value",
                    key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                )
            if key in result:
                first = result.key_positions[key][0]
                raise duplicate_key(self._source, key, first,
                                    (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            result[key] = self.construct_object(value_node, deep=True)
            result.key_positions[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result.value_positions[key] = (
                value_node.start_mark.line + 1,
                value_node.start_mark.column + 1,
            )
            # libyaml writes a plain scalar's style as "", PyYAML as None.
            result.value_styles[key] = getattr(value_node, "style", None) or None
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> PosList:
        result = PosList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.column = node.start_mark.column + 1
        result.item_positions = [(c.start_mark.line + 1, c.start_mark.column + 1) for c in node.value]
        return result


def _loader_class() -> type:
    if getattr(yaml, "__with_libyaml__", False):
        from yaml._yaml import CParser as Parser
        from yaml.composer import Composer
        from yaml.constructor import SafeConstructor
        from yaml.resolver import Resolver

        class Loader(_Guarded, Composer, Parser, SafeConstructor, Resolver):  # type: ignore[misc]
            def __init__(self, stream: str, source: str):
                Parser.__init__(self, stream)
                Composer.__init__(self)
                SafeConstructor.__init__(self)
                Resolver.__init__(self)
                self._source, self._depth, self._aliases = source, 0, 0
    else:  # pragma: no cover - PyYAML built without libyaml

        class Loader(_Guarded, yaml.SafeLoader):  # type: ignore[no-redef]
            def __init__(self, stream: str, source: str):
                yaml.SafeLoader.__init__(self, stream)
                self._source, self._depth, self._aliases = source, 0, 0

    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_mapping)  # type: ignore[type-var]
    Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_sequence)  # type: ignore[type-var]
    return Loader


_Loader = _loader_class()


def load_yaml(text: str, source: str) -> Any:
    """Parse one YAML document from ``text``; ``source`` names it in errors."""
    loader = _Loader(text, source)
    try:
        return loader.get_single_data()
    except InputError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = " ".join(p for p in (exc.context, exc.problem) if p) or "not valid YAML"
        line, column = _within(text, mark)
        for words, plain in _PARSER_LIMITS:
            if words in reason:
                raise InputError(source, plain, line, column) from None
        if "could not determine a constructor" in reason or "tag" in (exc.problem or ""):
            reason = f"unsupported YAML tag ({reason}); only plain YAML data is allowed"
        raise InputError(source, f"not valid YAML: {reason}", line, column) from None
    except yaml.YAMLError as exc:
        raise InputError(source, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise InputError(source, NESTED_TOO_DEEP) from None
    finally:
        loader.dispose()


def _within(text: str, mark: Any) -> tuple[int | None, int | None]:
    """The mark as 1-based (line, column), kept inside the text: libyaml puts the
    end of a text without a final newline on the line after it."""
    if mark is None:
        return None, None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return len(lines), len(lines[-1]) + 1
    return mark.line + 1, mark.column + 1


def position_of(document: Any, path: list[Any] | tuple[Any, ...]) -> tuple[int, int] | None:
    """The (line, column) of the value at ``path`` (keys and indexes), or its nearest parent."""
    node = document
    best: tuple[int, int] | None = None
    if isinstance(node, (PosDict, PosList)):
        best = (node.line, node.column)
    for step in path:
        if isinstance(node, PosDict) and step in node:
            best = node.key_positions.get(step, best)
            node = node[step]
        elif isinstance(node, PosList) and isinstance(step, int) and 0 <= step < len(node):
            best = node.item_positions[step]
            node = node[step]
        else:
            break
    return best
