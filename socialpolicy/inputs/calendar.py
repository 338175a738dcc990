"""Content calendars (placeholder until calendar support lands)."""

from __future__ import annotations

from ..config import Config
from . import Loaded


def read_calendar(text: str, path: str, config: Config) -> Loaded:
    return Loaded(path, skipped="calendar files are not supported yet")
