"""Report formatters, one per output format, all behind one interface.

Each format module has ``write(result, rules, version, stream)``, which writes the
report to ``stream`` finding by finding (``Result.findings`` is read once, in order,
never copied into a list: an archive's findings wait on disk), and ``render(...)``,
the same report as a string for the library and tests.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from ..models import Result
from ..ruleset import Rule

FORMATS = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
}


class Formatter(Protocol):
    def __call__(self, result: Result, rules: list[Rule], version: str) -> str: ...


class Writer(Protocol):
    def __call__(self, result: Result, rules: list[Rule], version: str, stream: TextIO) -> None: ...


def get_formatter(name: str) -> Formatter:
    """The report as a string (whole in memory: for a draft or a calendar)."""
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    formatter: Formatter = module.render
    return formatter


def get_writer(name: str) -> Writer:
    """The report written to a stream as it is made (for any size of input)."""
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    writer: Writer = module.write
    return writer


def rendered(write: Callable[..., None], *args: Any, **options: Any) -> str:
    """What ``write(*args, stream, **options)`` writes, as a string."""
    buffer = io.StringIO()
    write(*args, buffer, **options)
    return buffer.getvalue()
