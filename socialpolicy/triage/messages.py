"""Inbound messages: CSV, JSON and YAML exports of comments and direct messages.

A file holds ``messages:`` (YAML, JSON) or rows under a header (CSV), each with
``id`` and ``text`` and optionally ``channel``, ``author``, ``created`` and
``in_reply_to``. A labelled set may also carry ``categories``, ``priority`` and
``note``, which triage ignores. Any other key is refused, naming the file and the
line, so a misspelt column never leaves a message's text unread.

Every format is turned into rows of (line, mapping) first and checked in one place
(``_message``), so another table format (a spreadsheet reader) plugs in by
producing rows: see ``ROW_READERS``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..inputs.reading import decode, read_bytes
from ..yamlpos import PosDict, load_yaml

MESSAGE_KEYS = ("id", "channel", "author", "text", "created", "in_reply_to")
# Keys of a labelled set (tests/corpus/triage-dev.yaml): accepted and ignored.
LABEL_KEYS = ("categories", "priority", "note")
MAX_FILE_BYTES = 100 * 1024 * 1024

Row = tuple[int, Mapping[str, Any], Mapping[str, int]]


@dataclass(frozen=True)
class Message:
    """One inbound comment or direct message."""

    id: str
    text: str
    channel: str | None = None
    author: str | None = None
    created: str | None = None
    in_reply_to: str | None = None
    source: str = "<messages>"
    line: int = 1


def read_messages(path: str, max_bytes: int = MAX_FILE_BYTES) -> list[Message]:
    """The messages of one file; ``InputError`` (exit 2) with file and line if unusable."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return messages_from_rows(_xlsx_rows(read_bytes(path, max_bytes), path, max_bytes), path)
    reader = ROW_READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted([*ROW_READERS, ".xlsx"]))
        hint = " (save the spreadsheet as .xlsx or CSV)" if suffix in (".xls", ".ods", ".xlsm") else ""
        raise InputError(path, f"cannot read {suffix or 'a file without an extension'} "
                               f"files for triage{hint}; use one of {known}")
    text = decode(read_bytes(path, max_bytes), path)
    return messages_from_rows(reader(text, path), path)


def messages_from_bytes(data: bytes, path: str) -> list[Message]:
    """Messages from an uploaded file's bytes (the web page), by ``path``'s extension."""
    if path.lower().endswith(".xlsx"):
        return messages_from_rows(_xlsx_rows(data, path, len(data) + 1), path)
    return messages_from_text(decode(data, path), path)


def messages_from_text(text: str, path: str) -> list[Message]:
    """Messages from already-read text, the format chosen by ``path``'s extension."""
    reader = ROW_READERS.get(Path(path).suffix.lower(), _yaml_rows)
    return messages_from_rows(reader(text, path), path)


def messages_from_rows(rows: Iterator[Row], path: str) -> list[Message]:
    out: list[Message] = []
    seen: dict[str, int] = {}
    for line, entry, lines in rows:
        message = _message(entry, lines, path, line)
        if message.id in seen:
            raise InputError(path, f"message id {message.id!r} is used twice (first on line "
                                   f"{seen[message.id]}); give every message its own id", line)
        seen[message.id] = line
        out.append(message)
    return out


def _message(entry: Mapping[str, Any], lines: Mapping[str, int], path: str, line: int) -> Message:
    for key in entry:
        if key not in MESSAGE_KEYS and key not in LABEL_KEYS:
            raise InputError(
                path,
                f"unknown key {str(key)!r} in a message; known keys: {', '.join(MESSAGE_KEYS)}",
                lines.get(key, line),
            )
    values: dict[str, str | None] = {}
    for key in MESSAGE_KEYS:
        value = entry.get(key)
        if value is None or value == "":
            values[key] = None
            continue
        if isinstance(value, (dict, list, bool)):
            raise InputError(path, f"{key} must be plain text, not a list, a mapping or "
                                   "true/false; quote it", lines.get(key, line))
        values[key] = str(value)
    if values["text"] is None:
        raise InputError(path, "this message has no text; every message needs its text",
                         lines.get("text", line))
    if values["id"] is None:
        raise InputError(path, "this message has no id; give every message an id (the "
                               "platform's comment or message id will do)", line)
    return Message(
        id=values["id"], text=values["text"] or "", channel=values["channel"],
        author=values["author"], created=values["created"],
        in_reply_to=values["in_reply_to"], source=path, line=line,
    )


def _yaml_rows(text: str, path: str) -> Iterator[Row]:
    """YAML or JSON (JSON is read by the same position-keeping YAML parser)."""
    data = load_yaml(text, path)
    if not isinstance(data, dict) or "messages" not in data:
        raise InputError(path, "not a file of messages: it needs a top-level messages: list "
                               "of {id, channel, author, text}", 1)
    for key in data:
        if key != "messages":
            at = data.key_positions.get(key, (1, 1))[0] if isinstance(data, PosDict) else 1
            raise InputError(path, f"unknown top-level key {str(key)!r}; the file holds "
                                   "only messages:", at)
    items = data["messages"]
    top_line = data.key_positions.get("messages", (1, 1))[0] if isinstance(data, PosDict) else 1
    if not isinstance(items, list):
        raise InputError(path, "messages: must be a list of messages", top_line)
    positions = getattr(items, "item_positions", [])
    for index, item in enumerate(items):
        line = positions[index][0] if index < len(positions) else top_line
        if not isinstance(item, dict):
            raise InputError(path, "each message must be a mapping with id and text", line)
        lines = {k: p[0] for k, p in getattr(item, "key_positions", {}).items()}
        yield line, item, lines


def _csv_rows(text: str, path: str) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)

    def rows() -> Iterator[tuple[int, list[str]]]:
        while True:
            first_line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(path, f"not valid CSV: {exc}", reader.line_num or first_line) from None
            yield first_line, row

    return _table_rows(rows(), path, "CSV file")


def _table_rows(rows: Iterator[tuple[int, list[str]]], path: str, what: str) -> Iterator[Row]:
    """Rows under a header row naming the message keys (CSV and workbooks alike)."""
    header: list[str] | None = None
    header_line = 1
    for first_line, row in rows:
        if not row or all(not cell.strip() for cell in row):
            continue
        if header is None:
            header_line = first_line
            header = [name.strip().lower() for name in row]
            for index, name in enumerate(header):
                if name not in MESSAGE_KEYS and name not in LABEL_KEYS:
                    raise InputError(path, f"unknown column {row[index].strip()!r} in the header "
                                           f"(column {index + 1}); known columns: "
                                           f"{', '.join(MESSAGE_KEYS)}", header_line)
            if "text" not in header:
                raise InputError(path, "the header has no text column; every message needs "
                                       "its text", header_line)
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            raise InputError(path, f"this row has {len(row)} cells but the header names "
                                   f"{len(header)} columns; check for a missing or extra comma, "
                                   "or a cell that needs quotes", first_line)
        if len(row) < len(header) and what == "CSV file":
            raise InputError(path, f"this row has {len(row)} cells but the header names "
                                   f"{len(header)} columns; check for a missing or extra comma, "
                                   "or a cell that needs quotes", first_line)
        cells = list(row[:len(header)]) + [""] * (len(header) - len(row))
        yield first_line, dict(zip(header, cells, strict=True)), {}
    if header is None:
        raise InputError(path, f"this {what} is empty; its first row must name the columns", 1)


def _xlsx_rows(data: bytes, path: str, max_bytes: int) -> Iterator[Row]:
    """A workbook's sheet named ``messages`` (else the first), read as the CSV is:
    a header row naming the columns, one message a row (the row is the line)."""
    from ..inputs.spreadsheet import sheet_rows

    def cell(value: Any) -> str:
        return "" if value is None else str(value)

    return _table_rows(((n, [cell(v) for v in row]) for n, row in
                        sheet_rows(path, data, max_bytes, "messages")), path, "workbook")


ROW_READERS: dict[str, Callable[[str, str], Iterator[Row]]] = {
    ".csv": _csv_rows,
    ".json": _yaml_rows,
    ".yaml": _yaml_rows,
    ".yml": _yaml_rows,
}
