"""Content calendars: YAML, JSON and CSV files of planned posts (SPEC §1).

Every entry goes through ``build_post`` like a draft's front matter, so a key means
the same everywhere and an unknown key is always an error. Each format keeps where
things were written, so a finding points at the line (and, where it can be known
exactly, the column) of the source file:

* YAML: positions of every key and item from ``yamlpos``; text in a literal block
  (``text: |``) maps line for line and column for column.
* JSON: the document is walked by hand down to the entries' fields (with the C
  decoder doing each value), so a 50 MB file is fast, duplicate keys are caught, and
  every key has its line and column.
* CSV: the header names the keys; each cell's line and column are found by scanning
  the row's own source lines, so multi-line quoted cells keep exact positions.

A YAML or JSON file without a top-level ``posts`` key is not a calendar: it is
skipped (the engine prints a one-line notice), so the accounts register and other
YAML in a repository never break a run.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import InputError
from ..jsonpos import JsonWalker
from ..models import Position, Post
from ..yamlpos import PosDict, PosList, load_yaml, position_of
from .columns import Cell, Column, build_entry, parse_header
from .loaded import Loaded
from .metadata import build_post, plain_kind
from .thread import join_parts

TOP_LEVEL_KEYS = ("posts", "calendar")
NOT_A_CALENDAR = "not a content calendar (it has no top-level posts: key)"
_YAML_POSTS = re.compile(r"^posts\s*:", re.MULTILINE)
_JSON_POSTS = re.compile(r'"posts"\s*:')
# How far to look ahead for the source line a folded or quoted text line starts on.
_ANCHOR_LOOKAHEAD = 200


def read_calendar(text: str, path: str, config: Config) -> Loaded:
    """The posts of a calendar file, or ``Loaded(skipped=...)`` when it is not one."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return _read_csv(text, path)
    if suffix == ".json":
        return _read_json(text, path)
    return _read_yaml(text, path)


# -- shared ----------------------------------------------------------------------


def parse_as_of(value: Any, source: str, line: int | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(
        source, "calendar.as_of: is not a date (write it as YYYY-MM-DD, e.g. 2026-03-14)", line
    )


def _check_top(data: Mapping[str, Any], source: str) -> date | None:
    """Check the calendar's own keys; return its ``as_of`` date."""
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            where = position_of(data, [key])
            raise InputError(
                source,
                f"unknown top-level key {key!r} (a calendar has posts: and optionally "
                "calendar:); a misspelt key would silently switch a check off",
                *(where or (None, None)),
            )
    posts = data.get("posts")
    if not isinstance(posts, list):
        where = position_of(data, ["posts"])
        raise InputError(
            source, "posts: must be a list of entries, each starting with '- '",
            *(where or (None, None)),
        )
    calendar = data.get("calendar")
    if calendar is None:
        return None
    if not isinstance(calendar, Mapping):
        where = position_of(data, ["calendar"])
        raise InputError(source, "calendar: must be a mapping such as {as_of: 2026-03-01}",
                         *(where or (None, None)))
    for key in calendar:
        if key != "as_of":
            where = position_of(data, ["calendar", key])
            raise InputError(source, f"unknown key calendar.{key!r} (known keys: as_of)",
                             *(where or (None, None)))
    where = position_of(data, ["calendar", "as_of"])
    return parse_as_of(calendar.get("as_of"), source, where[0] if where else None)


def _entry_post(
    entry: Any,
    index: int,
    source: str,
    where: Position,
    text_layout: Any,
    lines: list[str] | None = None,
) -> Post:
    """One calendar entry as a ``Post``; ``text_layout(entry)`` says where its text lies
    (``lines``, the file's lines, place the parts of a ``thread:``)."""
    if not isinstance(entry, Mapping):
        raise InputError(
            source,
            f"post {index + 1} of posts: must be a mapping of key: value (id, text, ...)",
            where.line, where.column,
        )
    if "thread" in entry:
        return _thread_post(entry, index, source, where, lines or [])
    if "text" not in entry:
        raise InputError(
            source,
            f"post {index + 1} has no text: key; every calendar entry needs its text "
            "(or thread: for a thread)",
            where.line, where.column,
        )
    text = entry["text"]
    if not isinstance(text, str):
        at = position_of(entry, ["text"])
        raise InputError(
            source,
            f"text: must be text; put it in quotes or a block (text: |), not {plain_kind(text)}",
            *(at or (where.line, where.column)),
        )
    position, layout, exact = text_layout(entry, where)
    return build_post(
        entry,
        text=text,
        source=source,
        default_id=None,
        position=position,
        text_lines=layout,
        exact_columns=exact,
        field_base=where,
    )


def _thread_post(entry: Any, index: int, source: str, where: Position, lines: list[str]) -> Post:
    """A ``thread:`` entry: its parts joined by separator lines, each line placed in the file."""
    at = position_of(entry, ["thread"]) or (where.line, where.column)
    if "text" in entry:
        raise InputError(source, f"post {index + 1} has both text: and thread:; give one of them",
                         *at)
    thread = entry["thread"]
    if (not isinstance(thread, list) or not thread
            or not all(isinstance(part, str) for part in thread)):
        raise InputError(source, "thread: must be a list of the thread's parts, each one text "
                         "(- first part, - second part, ...)", *at)
    positions = getattr(thread, "item_positions", None) or [at] * len(thread)
    anchors: list[Position] = []
    for part, (line, column) in zip(thread, positions, strict=False):
        first = Position(line, column)
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        marker = source_line[column - 1:column]
        if marker and marker in "|>":
            # A block scalar: the part starts on the next line that has text.
            first = next(
                (Position(n + 1, _indent_column(lines[n]))
                 for n in range(line, min(len(lines), line + _ANCHOR_LOOKAHEAD)) if lines[n].strip()),
                first,
            )
        elif marker and marker in "\"'":
            first = Position(line, column + 1)
        if anchors:
            anchors.append(anchors[-1])  # the separator line between two parts
        pieces = part.split("\n")
        anchors.extend(_anchors(pieces, lines, first, first.line) if lines else [first] * len(pieces))
    return build_post(
        entry,
        text=join_parts(thread),
        source=source,
        default_id=None,
        position=anchors[0],
        text_lines=tuple(anchors),
        exact_columns=False,
        field_base=where,
    )


def _indent_column(line: str) -> int:
    return len(line) - len(line.lstrip(" \t")) + 1


def _anchors(
    text_lines: list[str], lines: list[str], first: Position, search_from: int
) -> tuple[Position, ...]:
    """Where each text line starts, for texts whose columns cannot be exact.

    The first text line starts at ``first``; each later one at the next source line
    (0-based ``search_from`` onwards) whose content begins like it. A line that
    cannot be found shares the previous anchor rather than guessing.
    """
    out = [first]
    cursor = search_from
    for piece in text_lines[1:]:
        probe = piece.strip()[:24]
        found = None
        if probe:
            for number in range(cursor, min(len(lines), cursor + _ANCHOR_LOOKAHEAD)):
                content = lines[number].strip()
                if content and (content.startswith(probe) or probe.startswith(content)):
                    found = number
                    break
        if found is None:
            out.append(out[-1])
            continue
        out.append(Position(found + 1, _indent_column(lines[found])))
        cursor = found + 1
    return tuple(out)


# -- YAML ------------------------------------------------------------------------


def _read_yaml(text: str, path: str) -> Loaded:
    try:
        data = load_yaml(text, path)
    except InputError:
        if not _YAML_POSTS.search(text):
            return Loaded(path, skipped=NOT_A_CALENDAR + " and is not valid YAML")
        raise
    if not isinstance(data, Mapping) or "posts" not in data:
        return Loaded(path, skipped=NOT_A_CALENDAR)
    as_of = _check_top(data, path)
    lines = text.split("\n")
    entries = data["posts"]
    positions = getattr(entries, "item_positions", [])

    def layout(entry: Any, where: Position) -> tuple[Position, tuple[Position, ...], bool]:
        return _yaml_text_layout(entry, where, lines)

    posts = tuple(
        _entry_post(entry, index, path, Position(*positions[index]), layout, lines)
        for index, entry in enumerate(entries)
    )
    return Loaded(path, posts, as_of=as_of, calendar=True)


def _yaml_text_layout(
    entry: Any, where: Position, lines: list[str]
) -> tuple[Position, tuple[Position, ...], bool]:
    text: str = entry["text"]
    value_positions = getattr(entry, "value_positions", {})
    if "text" not in value_positions:
        return where, (), False
    vline, vcol = value_positions["text"]
    style = entry.value_styles.get("text")
    pieces = text.split("\n")
    if style == "|":
        # A literal block: text line i is source line (header + 1 + i), verbatim after its indent.
        out: list[Position] = []
        indent = next(
            (_indent_column(lines[n]) for n in range(vline, min(len(lines), vline + len(pieces)))
             if lines[n].strip()),
            vcol,
        )
        for i, piece in enumerate(pieces):
            number = vline + i  # 0-based index of source line header + 1 + i
            source_line = lines[number] if number < len(lines) else ""
            if piece and source_line.endswith(piece):
                out.append(Position(number + 1, len(source_line) - len(piece) + 1))
            else:
                out.append(Position(number + 1, indent))
        return out[0], tuple(out), True
    if style == ">":
        start = vline  # 0-based index of the first content line
        first = next(
            (Position(n + 1, _indent_column(lines[n]))
             for n in range(start, min(len(lines), start + _ANCHOR_LOOKAHEAD)) if lines[n].strip()),
            Position(vline, vcol),
        )
        return first, _anchors(pieces, lines, first, first.line), False
    quote = 1 if style in ('"', "'") else 0
    source_line = lines[vline - 1] if vline - 1 < len(lines) else ""
    begin = vcol - 1 + quote
    if len(pieces) == 1 and source_line[begin:begin + len(text)] == text:
        # Written exactly as it reads (no escapes, one line): columns are exact.
        return Position(vline, vcol + quote), (), True
    first = Position(vline, vcol + quote)
    return first, _anchors(pieces, lines, first, vline), False


# -- JSON ------------------------------------------------------------------------


def _read_json(text: str, path: str) -> Loaded:
    walker = JsonWalker(text, path)
    start = walker.skip(0)
    if text[start:start + 1] != "{":
        return Loaded(path, skipped=NOT_A_CALENDAR)
    try:
        return _walk_calendar(walker, start, path)
    except InputError:
        if not _JSON_POSTS.search(text):
            return Loaded(path, skipped=NOT_A_CALENDAR + " and is not valid JSON")
        raise


def _walk_calendar(walker: JsonWalker, start: int, path: str) -> Loaded:
    top = PosDict()
    top.line, top.column = walker.position(start)
    posts: list[Post] = []
    text = walker.text
    lines: list[str] | None = None

    def layout(entry: Any, where: Position) -> tuple[Position, tuple[Position, ...], bool]:
        line, column = entry.value_positions["text"]
        count = entry["text"].count("\n") + 1
        # Columns count from the first character inside the opening quote.
        if entry.value_styles.get("text") == '"':
            return Position(line, column + 1), (), True
        spot = Position(line, column + 1)
        return spot, (spot,) * count, False

    def read_entry(item_at: int) -> int:
        nonlocal lines
        where = Position(*walker.position(item_at))
        entry, end = walker.value(item_at, 2)
        # Posts are built as the walk goes, so entries are not all held at once.
        if isinstance(entry, dict) and "thread" in entry and lines is None:
            lines = text.split("\n")  # only a calendar with threads pays for this
        posts.append(_entry_post(entry, len(posts), path, where, layout, lines))
        return end

    def read_top(key: str, key_at: int, value_at: int) -> int:
        if key in top:
            raise InputError(path, f"duplicate top-level key {key!r}", *walker.position(key_at))
        top.key_positions[key] = walker.position(key_at)
        top.value_positions[key] = walker.position(value_at)
        if key == "posts" and text[value_at:value_at + 1] == "[":
            top[key] = PosList()
            return walker.each_item(value_at, read_entry)
        top[key], end = walker.value(value_at, 1)
        return end

    end = walker.skip(walker.each_key(start, read_top))
    if end < len(text):
        raise walker.fail(end, "extra text after the end of the calendar")
    if "posts" not in top:
        return Loaded(path, skipped=NOT_A_CALENDAR)
    as_of = _check_top(top, path)
    return Loaded(path, tuple(posts), as_of=as_of, calendar=True)


# -- CSV -------------------------------------------------------------------------


def _cells(raw: str, line: int) -> list[tuple[int, int, bool]]:
    """(line, column, quoted) of each cell of one CSV record written from ``line`` on."""
    cells: list[tuple[int, int, bool]] = []
    column = 1
    at_start = True
    quoted = in_quotes = False
    start = (line, 1)
    for char in raw:
        if at_start:
            start = (line, column)
            at_start = False
            quoted = in_quotes = char == '"'
            if char == ",":
                cells.append((*start, False))
                at_start = True
        elif in_quotes:
            if char == '"':
                in_quotes = False
        elif char == ",":
            cells.append((*start, quoted))
            at_start = True
        elif char == '"':
            in_quotes = True  # the second quote of a doubled "" inside a quoted cell
        if char == "\n":
            line, column = line + 1, 1
        else:
            column += 1
    if at_start:
        cells.append((line, column, False))
    else:
        cells.append((*start, quoted))
    return cells


def _read_csv(text: str, path: str) -> Loaded:
    raw_lines: list[str] = []

    def source_lines() -> Iterator[str]:
        # Keeps the raw lines of the record being read, to find each cell's column.
        for raw in io.StringIO(text, newline=""):
            raw_lines.append(raw)
            yield raw

    reader = csv.reader(source_lines(), strict=True)
    header: list[Column | None] | None = None
    posts: list[Post] = []
    index = 0
    while True:
        first_line = reader.line_num + 1
        raw_lines.clear()
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(path, f"not valid CSV: {exc}", reader.line_num or first_line) from None
        if not row or all(not cell.strip() for cell in row):
            continue
        if header is None:
            simple = all('"' not in c and "\n" not in c for c in row)
            spots = [c[1] for c in _cells(",".join(row), first_line)] if simple else None
            header = parse_header(row, path, first_line, spots)
            continue
        if len(row) != len(header):
            raise InputError(
                path,
                f"this row has {len(row)} cells but the header names {len(header)} columns; "
                "check for a missing or extra comma, or a cell that needs quotes",
                first_line,
            )
        record = "".join(raw_lines)
        if record.endswith("\n"):
            record = record[:-1]
        places = _cells(record, first_line)
        if len(places) != len(row):
            places = [(first_line, 1, False)] * len(row)
        cells = [Cell(value, line, column, quoted)
                 for value, (line, column, quoted) in zip(row, places, strict=True)]
        entry = build_entry(header, cells, path, first_line)
        where = Position(first_line, 1)
        posts.append(_entry_post(entry, index, path, where, _csv_text_layout))
        index += 1
    if header is None:
        raise InputError(path, "this CSV file is empty; its first row must name the columns", 1)
    return Loaded(path, tuple(posts), calendar=True)


def _csv_text_layout(entry: Any, where: Position) -> tuple[Position, tuple[Position, ...], bool]:
    text: str = entry["text"]
    line, column = entry.value_positions["text"]
    if entry.value_styles.get("text") != '"':
        return Position(line, column), (), True
    pieces = text.split("\n")
    lines = tuple(
        Position(line, column + 1) if i == 0 else Position(line + i, 1) for i in range(len(pieces))
    )
    # A doubled "" inside the cell reads as one quote, so columns after it would drift.
    return lines[0], lines, '"' not in text
