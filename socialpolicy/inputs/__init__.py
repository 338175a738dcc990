"""From files to posts: drafts (.txt, .md, stdin) and content calendars (.yaml, .json, .csv)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from ..models import Post
from .discovery import discover
from .draft import front_matter_hint, read_draft
from .reading import STDIN, read_text

CALENDAR_SUFFIXES = (".yaml", ".yml", ".json", ".csv")


@dataclass(frozen=True)
class Loaded:
    """What one file gave: its posts, a calendar's ``as_of`` date, or why it was skipped."""

    path: str
    posts: tuple[Post, ...] = ()
    as_of: date | None = None
    skipped: str | None = None
    calendar: bool = False
    accounts: tuple[Any, ...] = field(default=())
    # One-line hints about how the file was read ("rename it to .md").
    notices: tuple[str, ...] = ()


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
    max_bytes = int(config.max_file_mb * 1_000_000)
    text = read_text(path, max_bytes, stream)
    source = stdin_filename if path == STDIN and stdin_filename else path
    suffix = Path(source).suffix.lower() if source != STDIN else ".txt"
    if suffix in CALENDAR_SUFFIXES:
        from .calendar import read_calendar

        return read_calendar(text, source, config)
    markdown = suffix in (".md", ".markdown")
    post = read_draft(text, source, metadata, markdown=markdown)
    notices = () if markdown else front_matter_hint(text, source)
    return Loaded(source, (post,), notices=notices)


__all__ = ["Loaded", "load_file", "discover", "STDIN"]
