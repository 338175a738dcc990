"""``socialpolicy init``: starter files for a content-calendar repository.

Nothing that already exists is ever replaced: a Trust's register or settings may
be the only copy, so an existing file is reported as skipped and left alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


@dataclass(frozen=True)
class Starter:
    """One file ``init`` writes: where, from which template, and what it is for."""

    name: str
    template: str
    purpose: str


SETTINGS = Starter("socialpolicy.toml", "socialpolicy.toml", "settings")
ACCOUNTS = Starter("accounts.yaml", "accounts.yaml", "the register of approved accounts")
CALENDAR = Starter("calendar.yaml", "calendar.yaml", "an example content calendar")
# Built by ``workbook``, not copied from a template: the same columns as a CSV calendar.
SPREADSHEET = Starter(
    "calendar.xlsx", "", "a spreadsheet calendar to fill in, with a platform drop-down"
)
PRE_COMMIT = Starter(
    ".pre-commit-config.yaml", "pre-commit-config.yaml", "runs the check on every commit"
)
# The name starts with ".pre-commit-" so that `socialpolicy check .` never reads it as a post.
PRE_COMMIT_SNIPPET = Starter(
    ".pre-commit-socialpolicy.yaml",
    "pre-commit-snippet.yaml",
    "the hook to add to your .pre-commit-config.yaml",
)


def template_text(name: str) -> str:
    """A starter template shipped inside the package."""
    return (resources.files("socialpolicy") / "templates" / name).read_text(encoding="utf-8")


def write_starter(folder: Path) -> Iterator[str]:
    """Write the starter files into ``folder``, yielding one plain-English line per file."""
    wrote = False
    if _pyproject_has_settings(folder / "pyproject.toml"):
        yield (
            "skipped socialpolicy.toml: pyproject.toml already has a [tool.socialpolicy] "
            "section with your settings"
        )
    else:
        line, written = _write(folder, SETTINGS)
        wrote = wrote or written
        yield line
    for starter in (ACCOUNTS, CALENDAR):
        line, written = _write(folder, starter)
        wrote = wrote or written
        yield line
    line, written = _write(folder, SPREADSHEET, starter_workbook())
    wrote = wrote or written
    yield line
    existing = folder / PRE_COMMIT.name
    if existing.exists() and _mentions_socialpolicy(existing):
        yield f"skipped {PRE_COMMIT.name}: it already exists and already runs socialpolicy"
    elif existing.exists():
        yield f"skipped {PRE_COMMIT.name}: it already exists"
        line, written = _write(folder, PRE_COMMIT_SNIPPET)
        if written:
            line += f"; copy it into {PRE_COMMIT.name}"
        wrote = wrote or written
        yield line
    else:
        line, written = _write(folder, PRE_COMMIT)
        wrote = wrote or written
        yield line
    if wrote:
        yield (
            "Next: list your accounts in accounts.yaml, then run `socialpolicy check .` "
            "(and `pre-commit install` to check every commit)."
        )
    else:
        yield "Nothing written."


def starter_workbook() -> bytes:
    """A spreadsheet calendar: the plain columns of SPEC §1, one example row, drop-downs."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .config import PLATFORMS
    from .inputs.columns import STARTER_COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.title = "posts"
    sheet.append(list(STARTER_COLUMNS))
    example = {
        "id": "visiting-times", "account": "@JamesPagetNHS", "platform": "twitter",
        "text": "From Monday, visiting times on our adult wards are 11am to 8pm every day. "
                "Find out more at https://www.jpaget.nhs.uk/visiting #VisitingTimes",
    }
    sheet.append([example.get(name) for name in STARTER_COLUMNS])
    for index, name in enumerate(STARTER_COLUMNS, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = 60 if name == "text" else 18
    sheet.freeze_panes = "A2"
    choices = {
        "platform": ",".join(PLATFORMS),
        "media.people": "yes,no",
    }
    for name, allowed in choices.items():
        letter = get_column_letter(STARTER_COLUMNS.index(name) + 1)
        rule = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True,
                              showErrorMessage=True, errorTitle=f"Choose a {name}",
                              error=f"Choose one of: {allowed.replace(',', ', ')}")
        rule.add(f"{letter}2:{letter}1000")
        sheet.add_data_validation(rule)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write(folder: Path, starter: Starter, content: bytes | None = None) -> tuple[str, bool]:
    target = folder / starter.name
    try:
        # "x" creates the file only if it is not there, in one step, so a file that
        # appears between a check and the write is still never overwritten.
        if content is not None:
            with target.open("xb") as binary:
                binary.write(content)
        else:
            with target.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(template_text(starter.template))
    except FileExistsError:
        return f"skipped {starter.name}: it already exists", False
    except OSError as exc:
        return f"could not write {starter.name}: {exc.strerror or exc}", False
    return f"wrote {starter.name} ({starter.purpose})", True


def _pyproject_has_settings(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool", {})
    return isinstance(tool, dict) and "socialpolicy" in tool


def _mentions_socialpolicy(path: Path) -> bool:
    try:
        return "socialpolicy" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
