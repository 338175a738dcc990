"""From files to posts: drafts (.txt, .md, stdin), content calendars (.yaml, .json, .csv,
.xlsx) and platform archives (X ``tweets.js``, a Facebook Page's posts JSON)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from .discovery import discover
from .draft import front_matter_hint, read_draft
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
    stdin_filename: str | None = None,
) -> Loaded:
    """Read ``path`` and return its posts; an unusable file raises ``InputError``.

    ``stdin_filename`` says how to read ``-``: as that file would be read (a
    calendar, or a Markdown draft with front matter), and named so in reports."""
    if path != STDIN:
        from .archives import is_archive, read_archive

        # Archives are streamed, so the file size limit applies to each entry instead.
        if is_archive(path):
            loaded: Loaded = read_archive(path, config, metadata)
            return loaded
    max_bytes = int(config.max_file_mb * 1_000_000)
    source = stdin_filename if path == STDIN and stdin_filename else path
    suffix = Path(source).suffix.lower() if source != STDIN else ".txt"
    if suffix in SPREADSHEET_SUFFIXES:
        from .spreadsheet import read_spreadsheet

        return read_spreadsheet(path, config, read_bytes(path, max_bytes, stream))
    text = read_text(path, max_bytes, stream)
    if suffix in CALENDAR_SUFFIXES:
        from .calendar import read_calendar

        return read_calendar(text, source, config)
    markdown = suffix in (".md", ".markdown")
    post = read_draft(text, source, metadata, markdown=markdown)
    notices = () if markdown else front_matter_hint(text, source)
    return Loaded(source, (post,), notices=notices)


__all__ = ["Loaded", "load_file", "discover", "STDIN"]
