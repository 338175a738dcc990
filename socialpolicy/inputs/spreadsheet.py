"""Spreadsheet calendars (``.xlsx``, SPEC §1), read with openpyxl.

The workbook is opened read-only (rows are streamed, so a big calendar is never
held whole) and with ``data_only`` (a formula cell gives the value the spreadsheet
program last saved for it; no formula is ever evaluated here). Dates and times
are taken as the cell holds them: a date cell is a date, text is text.

The sheet named ``posts`` is read, or else the first sheet. Findings point at the
row (as the line) and column; the text report adds the sheet's name. Columns are
the same as a CSV calendar's (``columns``), dotted columns included.

A password-protected workbook (an encrypted OLE file, not a zip), an old ``.xls``,
a macro-enabled ``.xlsm`` and a damaged file each end the run with a message that
says what to do, never a traceback.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import InputError
from ..models import Position, Post
from .columns import Cell, build_entry, names_a_column, parse_header
from .loaded import Loaded
from .metadata import build_post
from .reading import read_bytes

SHEET = "posts"
NOT_A_CALENDAR = (
    "not a content calendar (it has no sheet named posts, and its first sheet's first row "
    "names none of a calendar's columns, such as text)"
)
# An OLE compound file: what Excel writes for a password-protected workbook (and .xls).
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def read_spreadsheet(path: str, config: Config, data: bytes | None = None) -> Loaded:
    """The posts of a spreadsheet calendar; ``data`` is the file's bytes if already read."""
    max_bytes = int(config.max_file_mb * 1_000_000)
    if data is None:
        data = read_bytes(path, max_bytes)
    workbook = open_workbook(path, data, max_bytes)
    try:
        return _read_sheet(workbook, path)
    finally:
        workbook.close()


def sheet_rows(path: str, data: bytes, max_bytes: int, wanted: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of each non-blank row of the sheet named ``wanted`` (any
    case), else the first: for other readers of workbooks (triage's messages)."""
    workbook = open_workbook(path, data, max_bytes)
    try:
        names = list(workbook.sheetnames)
        if not names:
            raise InputError(path, "this workbook has no sheets")
        sheet = workbook[next((n for n in names if n.strip().lower() == wanted), names[0])]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        try:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if row and not all(_blank(v) for v in row):
                    yield number, tuple(row)
        except InputError:
            raise
        except Exception as exc:  # a damaged sheet part is found only while streaming
            raise InputError(path, f"this workbook is damaged and cannot be read "
                             f"({type(exc).__name__}); open it in your spreadsheet program "
                             "and save it again as .xlsx") from None
    finally:
        workbook.close()


def open_workbook(path: str, data: bytes, max_bytes: int) -> Any:
    """An openpyxl workbook (read-only, cached values, no links) once the file is known
    to be a plain .xlsx that unpacks to a sane size; else ``InputError`` saying why."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsm":
        raise InputError(
            path,
            "this is a macro-enabled workbook (.xlsm), which is not read, so that no macro "
            "can come along; save it as an Excel Workbook (.xlsx) and check that",
        )
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            path,
            "this workbook is password-protected (encrypted) or in the old .xls format, so "
            "it cannot be read; remove the password or save it as an Excel Workbook (.xlsx)",
        )
    if suffix == ".xls" or not data.startswith(_ZIP_MAGIC):
        raise InputError(
            path,
            "this is not an Excel Workbook (.xlsx) file, or it is damaged; open it in your "
            "spreadsheet program and save it again as .xlsx",
        )
    _refuse_bombs(path, data, max_bytes)
    return _open(path, data)


# A real workbook's XML packs 5-30 times smaller; far more is a "zip bomb".
MAX_RATIO = 200


def _refuse_bombs(path: str, data: bytes, max_bytes: int) -> None:
    """Refuse a workbook that would unpack to far more than it weighs, before reading it.

    The sizes a zip declares are the most its reader will ever unpack (Python's zip
    reader stops there), so checking them is enough."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # _open says it is damaged, in the same words as any other damage
    if unpacked > 10 * max_bytes or unpacked > MAX_RATIO * max(len(data), 1):
        raise InputError(
            path,
            f"this workbook would unpack to {unpacked / 1_000_000:,.0f} MB, far more than a "
            "content calendar needs; it is refused in case it is built to exhaust memory. "
            "Save it again from your spreadsheet program, or split it",
        )


def _open(path: str, data: bytes) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError) as exc:
        raise InputError(
            path,
            "this workbook is damaged and cannot be read "
            f"({type(exc).__name__}); open it in your spreadsheet program and save it again as .xlsx",
        ) from None
    except Exception as exc:  # openpyxl raises its own and lxml's errors for broken parts
        raise InputError(
            path,
            f"this workbook cannot be read ({type(exc).__name__}); open it in your spreadsheet "
            "program and save it again as .xlsx",
        ) from None


def _read_sheet(workbook: Any, path: str) -> Loaded:
    names = list(workbook.sheetnames)
    if not names:
        raise InputError(path, "this workbook has no sheets")
    chosen = next((n for n in names if n.strip().lower() == SHEET), names[0])
    sheet = workbook[chosen]
    if hasattr(sheet, "reset_dimensions"):
        # The size a file records for its sheet can be wrong (some programs never update
        # it); reading every row that is really there is the safe choice.
        sheet.reset_dimensions()
    posts: list[Post] = []
    header = None
    try:
        rows = sheet.iter_rows(values_only=True)
        for number, row in enumerate(rows, start=1):
            if not row or all(_blank(v) for v in row):
                continue
            if header is None:
                if chosen.strip().lower() != SHEET and not names_a_column(row):
                    # Some other spreadsheet (a budget, a rota): skipped with a notice,
                    # as a YAML file without posts: is, so it never breaks a run.
                    return Loaded(path, skipped=NOT_A_CALENDAR)
                header = parse_header(list(row), f"{path} (sheet {chosen!r})", number,
                                      list(range(1, len(row) + 1)))
                continue
            cells = [Cell(value, number, index + 1) for index, value in enumerate(row)]
            entry = build_entry(header, cells, path, number)
            posts.append(_post(entry, len(posts), path, number, chosen))
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet part is found only while streaming
        raise InputError(
            path,
            f"this workbook is damaged and cannot be read ({type(exc).__name__}); open it "
            "in your spreadsheet program and save it again as .xlsx",
        ) from None
    if header is None:
        raise InputError(path, f"the sheet {chosen!r} is empty; its first row must name the "
                         "columns (id, platform, scheduled, text, ...)")
    return Loaded(path, tuple(posts), calendar=True)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _post(entry: Any, index: int, path: str, row: int, sheet: str) -> Post:
    if "text" not in entry:
        # A formula's result is read as last saved; a file written by a program rather
        # than saved by a spreadsheet program may hold none (the cell then reads empty).
        raise InputError(path, f"row {row} has no text; every post needs its text (if the "
                               "cell holds a formula, open the file in your spreadsheet "
                               "program and save it, so that its result is stored)", row)
    text = entry["text"]
    line, column = entry.value_positions["text"]
    post = build_post(
        entry,
        text=text if isinstance(text, str) else str(text),
        source=path,
        default_id=None,
        position=Position(line, column),
        # A cell's inner lines cannot be pointed at in a spreadsheet: every line is the cell.
        text_lines=tuple(Position(line, column) for _ in text.split("\n")) if isinstance(text, str) else (),
        exact_columns=False,
        field_base=Position(row, 1),
    )
    return replace(post, sheet=sheet)
