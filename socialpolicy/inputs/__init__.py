"""From files to posts: drafts (.txt, .md, stdin), content calendars (.yaml, .json, .csv)
and platform archives (X ``tweets.js``, a Facebook Page's posts JSON)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from ..models import Post
from .discovery import discover
from .draft import read_draft
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
    # A platform archive's posts, read a chunk at a time when checked (``posts`` is empty).
    stream: Callable[[], Iterator[Post]] | None = field(default=None, compare=False)


def load_file(
    path: str,
    config: Config,
    metadata: Mapping[str, Any] | None = None,
    stream: BinaryIO | None = None,
) -> Loaded:
    """Read ``path`` and return its posts; an unusable file raises ``InputError``."""
    if path != STDIN:
        from .archives import is_facebook_export, is_x_archive, read_archive

        # Archives are streamed, so the file size limit applies to each entry instead.
        if is_x_archive(path) or (path.lower().endswith(".json") and is_facebook_export(path)):
            loaded: Loaded = read_archive(path, config, metadata)
            return loaded
    max_bytes = int(config.max_file_mb * 1_000_000)
    text = read_text(path, max_bytes, stream)
    suffix = Path(path).suffix.lower() if path != STDIN else ".txt"
    if suffix in CALENDAR_SUFFIXES:
        from .calendar import read_calendar

        return read_calendar(text, path, config)
    post = read_draft(text, path, metadata, markdown=suffix in (".md", ".markdown"))
    return Loaded(path, (post,))


__all__ = ["Loaded", "load_file", "discover", "STDIN"]
