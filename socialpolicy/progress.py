"""A progress bar on stderr for long runs, drawn only on a terminal."""

from __future__ import annotations

import time
from typing import TextIO

_DELAY = 1.0  # seconds before drawing: short runs stay quiet


class Bar:
    def __init__(self, stream: TextIO):
        self.stream = stream
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self.drawn = False

    def add_total(self, count: int) -> None:
        self.total += count

    def advance(self, count: int) -> None:
        self.done += count
        if time.monotonic() - self.started < _DELAY:
            return
        width = 30
        if self.done > self.total:
            # A streamed archive's size is not known ahead: count without a bar.
            self.stream.write(f"\rchecking posts: {self.done}")
            self.stream.flush()
            self.drawn = True
            return
        filled = int(width * self.done / self.total) if self.total else width
        self.stream.write(f"\rchecking posts [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
