"""What reading one file gives: a value every reader returns and the engine takes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from ..models import Post


@dataclass(frozen=True)
class Loaded:
    """What one file gave: its posts, a calendar's ``as_of`` date, or why it was skipped."""

    path: str
    posts: tuple[Post, ...] = ()
    as_of: date | None = None
    skipped: str | None = None
    calendar: bool = False
    # One-line hints about how the file was read ("rename it to .md").
    notices: tuple[str, ...] = ()
    # A platform archive's posts, read a chunk at a time when checked (``posts`` is empty).
    stream: Callable[[], Iterator[Post]] | None = field(default=None, compare=False)
