"""Writing a report: to stdout, or atomically to a file so a crash leaves no half report.

A report never replaces what the user wrote: ``-o`` naming one of the files being
checked, a folder or a device is refused before anything is read or written.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from .errors import InputError


def check_target(output: str | None, inputs: Sequence[str]) -> None:
    """Refuse (exit 2) an ``--output`` that would overwrite an input or cannot be written."""
    if output is None or output == "-":
        return
    target = Path(output)
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(output, f"the report cannot be written here ({exc.strerror})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError(output, "is a folder: name a file for the report, e.g. report.json")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise InputError(output, "is not a regular file (a device or a pipe): name a file for "
                         "the report, or leave out -o to print it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(output, f"the folder {folder} does not exist: create it first or "
                         "write the report somewhere else")
    if info is None:
        return
    for path in inputs:
        if path != "-" and _would_replace_input(target, Path(path)):
            raise InputError(output, "is one of the files being checked: the report would "
                             "replace it. Write the report to another file")


def _would_replace_input(target: Path, given: Path) -> bool:
    """Whether ``target`` is a file named for checking, or a file inside a folder
    being checked that is not an earlier socialpolicy report (re-running
    ``check . -o report.json`` must keep working)."""
    try:
        resolved, root = target.resolve(), given.resolve()
        if resolved == root:
            return True
        if not (root.is_dir() and root in resolved.parents):
            return False
        with resolved.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    return not any(mark in head for mark in _REPORT_MARKS)


# How each report format starts, so an old report may be replaced by a new one.
_REPORT_MARKS = (b'"name": "socialpolicy"', b'"name":"socialpolicy"', b"No problems found in ")


def write_report(report: str | Callable[[TextIO], None], output: str | None) -> None:
    """Write ``report`` (its text, or a function that writes it to the stream it is
    given, as the formatters' ``write`` do, so a large report is never held whole)."""
    write = _writer(report)
    if output is None or output == "-":
        write(sys.stdout)
        sys.stdout.flush()
        return
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        # A new report gets the mode any new file would get (mkstemp's is 0600).
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(output, f"the report cannot be written here ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            write(stream)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _writer(report: str | Callable[[TextIO], None]) -> Callable[[TextIO], None]:
    if not isinstance(report, str):
        return report

    def write(stream: TextIO) -> None:
        stream.write(report)

    return write
