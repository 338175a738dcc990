"""Report formatters, one per output format, all behind one interface."""

from __future__ import annotations

import importlib
from typing import Protocol

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


def get_formatter(name: str) -> Formatter:
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    formatter: Formatter = module.render
    return formatter
