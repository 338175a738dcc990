"""Calendar columns shared by CSV and spreadsheets (SPEC §1): header row to entries.

A header names the keys of a post. ``media``, ``consent``, ``poll``, ``reply_to`` and
``ignore`` may hold JSON or YAML flow text, or be written as plain dotted columns,
which is what a spreadsheet user fills in:

* ``reply_to.author``, ``reply_to.text``, ``poll.question``: one value each;
* ``poll.options``, ``media.file``, ``media.alt``, ``media.people`` (yes/no),
  ``media.consent``, ``consent.name``, ``consent.form``: several values in one cell
  separated by ``;``. The n-th ``media.alt``/``media.people`` belongs to the n-th
  ``media.file`` (one value is shared by all of them); ``media.consent`` form ids
  belong to every file of the row; the n-th ``consent.form`` to the n-th name;
* ``ignore.RULE-ID``: the reason for switching that rule off for this row.

Every entry built here is a ``PosDict`` that goes through ``build_post`` like any
calendar entry, so the schema (and its messages) is the same for every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..yamlpos import PosDict, PosList, load_yaml
from .metadata import METADATA_KEYS

STRUCTURED_KEYS = ("media", "consent", "poll", "reply_to", "ignore")
DOTTED = {
    "reply_to": ("author", "text"),
    "poll": ("question", "options"),
    "media": ("file", "alt", "people", "consent"),
    "consent": ("name", "form"),
}
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}
# The columns a starter spreadsheet offers, in the order a person fills them in.
STARTER_COLUMNS = (
    "id", "account", "platform", "scheduled", "text", "media.file", "media.alt",
    "media.people", "media.consent", "consent.name", "consent.form", "reply_to.author",
    "reply_to.text", "poll.question", "poll.options", "monitored_by",
)


@dataclass(frozen=True)
class Column:
    """One header cell: the key it fills and, for a dotted column, the part of it."""

    key: str
    part: str | None = None

    @property
    def name(self) -> str:
        return self.key if self.part is None else f"{self.key}.{self.part}"


@dataclass(frozen=True)
class Cell:
    """One cell's value and where it is (a CSV line and column, or a sheet's row and column)."""

    value: Any
    line: int
    column: int
    quoted: bool = False


def _known_columns() -> str:
    dotted = [f"{key}.{part}" for key, parts in DOTTED.items() for part in parts]
    return ", ".join([*METADATA_KEYS, *dotted, "ignore.RULE-ID"])


def names_a_column(row: Sequence[Any]) -> bool:
    """Whether a row names at least one calendar column: is it meant as a header?"""
    for raw in row:
        name = "" if raw is None else str(raw).strip().lower()
        key, _, part = name.partition(".")
        if name in METADATA_KEYS or (part and (key == "ignore" or part in DOTTED.get(key, ()))):
            return True
    return False


def parse_header(names: Sequence[Any], path: str, line: int,
                 columns: Sequence[int | None] | None = None) -> list[Column | None]:
    """The columns of a header row; ``None`` for an empty trailing header cell."""
    out: list[Column | None] = []
    seen: set[str] = set()
    for index, raw in enumerate(names):
        where = columns[index] if columns else None
        label = "" if raw is None else str(raw).strip()
        name = label.lower()
        if not name:
            out.append(None)
            continue
        key, _, part = name.partition(".")
        if part and key == "ignore":
            column = Column("ignore", label.partition(".")[2].strip())
        elif part and key in DOTTED and part in DOTTED[key]:
            column = Column(key, part)
        elif not part and name in METADATA_KEYS:
            column = Column(name)
        elif any(piece.strip() in METADATA_KEYS for piece in name.split(";")[1:]):
            # "id;text;platform": a spreadsheet program set to a European locale saves
            # CSV with semicolons between the columns.
            raise InputError(
                path,
                f"the header {label!r} is separated by semicolons; save the file as CSV "
                "with commas between the columns (in Excel: CSV UTF-8 (Comma delimited)), "
                "or save it as .xlsx",
                line, where,
            )
        else:
            raise InputError(
                path,
                f"unknown column {label!r} in the header (column {index + 1}); known columns: "
                f"{_known_columns()}. A misspelt column would silently switch a check off",
                line, where,
            )
        if column.name in seen:
            raise InputError(path, f"column {column.name!r} appears twice in the header", line, where)
        seen.add(column.name)
        out.append(column)
    for named in out:
        if named is not None and named.part is not None and named.key in seen:
            raise InputError(
                path,
                f"the header has both a {named.key!r} column and a {named.name!r} column; "
                f"use one way of writing {named.key}",
                line,
            )
    if "text" not in seen:
        raise InputError(path, "the header has no text column; every post needs its text", line)
    return out


def _relocate(value: Any, line: int, column: int) -> Any:
    """Move positions parsed from a cell's own text to where the cell is in the file."""

    def move(at: tuple[int, int]) -> tuple[int, int]:
        return (line + at[0] - 2, column + at[1] - 1 if at[0] == 2 else at[1])

    if isinstance(value, PosDict):
        value.line, value.column = move((value.line, value.column))
        value.key_positions = {k: move(p) for k, p in value.key_positions.items()}
        value.value_positions = {k: move(p) for k, p in value.value_positions.items()}
        for item in value.values():
            _relocate(item, line, column)
    elif isinstance(value, PosList):
        value.line, value.column = move((value.line, value.column))
        value.item_positions = [move(p) for p in value.item_positions]
        for item in value:
            _relocate(item, line, column)
    return value


def structured(cell: str, key: str, path: str, line: int, column: int) -> Any:
    """A cell holding JSON or YAML flow text (``{file: a.jpg, people: true}``)."""
    # A leading newline makes the cell's first line line 2, so errors can be shifted back.
    try:
        value = load_yaml("\n" + cell, path)
    except InputError as exc:
        at_line = None if exc.line is None else line + exc.line - 2
        at_col = exc.column
        if exc.line == 2 and at_col is not None:
            at_col = column + at_col - 1
        reason = exc.reason.replace("not valid YAML", f"{key}: not valid JSON or YAML flow text")
        raise InputError(path, reason, at_line, at_col) from None
    return _relocate(value, line, column)


def _text(value: Any) -> str:
    """A cell as text: a whole number typed into a spreadsheet is not ``12.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _split(value: Any) -> list[str]:
    return [piece.strip() for piece in _text(value).split(";")]


def _yes_no(value: Any, path: str, cell: Cell) -> bool | None:
    if isinstance(value, bool):
        return value
    word = _text(value).lower()
    if word in YES:
        return True
    if word in NO:
        return None if word == "" else False
    raise InputError(
        path,
        f"media.people: {_text(value)!r} is not yes or no (write yes if identifiable people "
        "appear in the photo, no if they do not)",
        cell.line, cell.column,
    )


def _mapping(line: int, column: int) -> PosDict:
    out = PosDict()
    out.line, out.column = line, column
    out.key_positions, out.value_positions, out.value_styles = {}, {}, {}
    return out


def _listing(line: int, column: int, count: int) -> PosList:
    out = PosList()
    out.line, out.column = line, column
    out.item_positions = [(line, column)] * count
    return out


def _put(target: PosDict, key: str, value: Any, cell: Cell) -> None:
    target[key] = value
    target.key_positions[key] = (cell.line, cell.column)
    target.value_positions[key] = (cell.line, cell.column)
    target.value_styles[key] = '"' if cell.quoted else None


def build_entry(columns: Sequence[Column | None], cells: Sequence[Cell], path: str,
                line: int) -> PosDict:
    """A calendar entry from one row; empty cells are left out, as if never written."""
    entry = _mapping(line, 1)
    dotted: dict[str, dict[str, tuple[Any, Cell]]] = {}
    for index, cell in enumerate(cells):
        value = cell.value
        column = columns[index] if index < len(columns) else None
        if column is None:
            if value not in (None, ""):
                raise InputError(path, "this cell has a value but its column has no name in "
                                 "the header row; name the column or empty the cell",
                                 cell.line, cell.column)
            continue
        if value is None or (isinstance(value, str) and value == "" and column.name != "text"):
            continue
        if column.part is not None:
            dotted.setdefault(column.key, {})[column.part] = (value, cell)
        elif column.key in STRUCTURED_KEYS:
            text = _text(value)
            if text:
                _put(entry, column.key, structured(
                    text, column.key, path, cell.line, cell.column + (1 if cell.quoted else 0)
                ), cell)
        elif column.key == "scheduled" and not isinstance(value, str):
            _put(entry, column.key, value, cell)  # a spreadsheet date, as the cell holds it
        else:
            _put(entry, column.key, value if isinstance(value, str) else _text(value), cell)
    for key, parts in dotted.items():
        first = min((c for _, c in parts.values()), key=lambda c: c.column)
        builder = _DOTTED_BUILDERS[key]
        built = builder(parts, path, first)
        if built is not None:
            _put(entry, key, built, first)
    return entry


def _build_reply(parts: dict[str, tuple[Any, Cell]], path: str, first: Cell) -> Any:
    out = _mapping(first.line, first.column)
    for part, (value, cell) in parts.items():
        _put(out, part, _text(value), cell)
    return out


def _build_poll(parts: dict[str, tuple[Any, Cell]], path: str, first: Cell) -> Any:
    out = _mapping(first.line, first.column)
    for part, (value, cell) in parts.items():
        if part == "options":
            options = [o for o in _split(value) if o]
            _put(out, part, _with_positions(options, cell), cell)
        else:
            _put(out, part, _text(value), cell)
    return out


def _with_positions(values: list[Any], cell: Cell) -> PosList:
    out = _listing(cell.line, cell.column, len(values))
    out.extend(values)
    return out


def _build_consent(parts: dict[str, tuple[Any, Cell]], path: str, first: Cell) -> Any:
    if "name" not in parts:
        value, cell = parts["form"]
        raise InputError(path, "consent.form has a value but consent.name is empty; write the "
                         "name of the person each form is for", cell.line, cell.column)
    names_value, names_cell = parts["name"]
    names = [n for n in _split(names_value) if n]
    forms = _split(parts["form"][0]) if "form" in parts else []
    out = _listing(names_cell.line, names_cell.column, len(names))
    for index, name in enumerate(names):
        item = _mapping(names_cell.line, names_cell.column)
        _put(item, "name", name, names_cell)
        form = forms[index] if index < len(forms) else ""
        if form:
            _put(item, "form", form, parts["form"][1])
        out.append(item)
    return out


def _build_media(parts: dict[str, tuple[Any, Cell]], path: str, first: Cell) -> Any:
    if "file" not in parts:
        cell = first
        raise InputError(path, "this row describes media (alt text, people or consent) but "
                         "media.file is empty; write the file name of the photo or video",
                         cell.line, cell.column)
    files_value, files_cell = parts["file"]
    files = [f for f in _split(files_value) if f]

    def per_file(part: str) -> list[Any]:
        if part not in parts:
            return [None] * len(files)
        values = _split(parts[part][0]) if not isinstance(parts[part][0], bool) else [parts[part][0]]
        if len(values) == 1:
            return values * len(files)
        if len(values) != len(files):
            raise InputError(
                path,
                f"media.{part} has {len(values)} values separated by ';' but media.file names "
                f"{len(files)} files; give one value for each file, in the same order",
                parts[part][1].line, parts[part][1].column,
            )
        return values

    alts = per_file("alt")
    people = per_file("people")
    forms = [f for f in _split(parts["consent"][0]) if f] if "consent" in parts else None
    out = _listing(files_cell.line, files_cell.column, len(files))
    for index, name in enumerate(files):
        item = _mapping(files_cell.line, files_cell.column)
        _put(item, "file", name, files_cell)
        if alts[index]:
            _put(item, "alt", alts[index], parts["alt"][1])
        if "people" in parts:
            seen = _yes_no(people[index], path, parts["people"][1])
            if seen is not None:
                _put(item, "people", seen, parts["people"][1])
        if forms:
            _put(item, "consent", _with_positions(list(forms), parts["consent"][1]),
                 parts["consent"][1])
        out.append(item)
    return out


def _build_ignore(parts: dict[str, tuple[Any, Cell]], path: str, first: Cell) -> Any:
    out = _mapping(first.line, first.column)
    for rule, (value, cell) in parts.items():
        _put(out, rule, _text(value), cell)
    return out


_DOTTED_BUILDERS = {
    "reply_to": _build_reply,
    "poll": _build_poll,
    "consent": _build_consent,
    "media": _build_media,
    "ignore": _build_ignore,
}
