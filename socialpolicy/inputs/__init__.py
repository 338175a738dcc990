"""From files to posts: drafts (.txt, .md, stdin) and content calendars (.yaml, .json, .csv, .xlsx)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from .discovery import discover
from .draft import read_draft
from .loaded import Loaded
from .reading import STDIN, read_bytes, read_text

CALENDAR_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
# Read as bytes by ``spreadsheet``; .xlsm and .xls are refused there with a clear message.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def load_file(
    path: str,
    config: Config,
    metadata: Mapping[str, Any] | None = None,
    stream: BinaryIO | None = None,
) -> Loaded:
    """Read ``path`` and return its posts; an unusable file raises ``InputError``."""
    max_bytes = int(config.max_file_mb * 1_000_000)
    suffix = Path(path).suffix.lower() if path != STDIN else ".txt"
    if suffix in SPREADSHEET_SUFFIXES:
        from .spreadsheet import read_spreadsheet

        return read_spreadsheet(path, config, read_bytes(path, max_bytes, stream))
    text = read_text(path, max_bytes, stream)
    if suffix in CALENDAR_SUFFIXES:
        from .calendar import read_calendar

        return read_calendar(text, path, config)
    post = read_draft(text, path, metadata, markdown=suffix in (".md", ".markdown"))
    return Loaded(path, (post,))


__all__ = ["Loaded", "load_file", "discover", "STDIN"]
