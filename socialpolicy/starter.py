"""``socialpolicy init``: starter files for a content-calendar repository."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def write_starter(folder: Path) -> Iterator[str]:
    yield "nothing written yet"
