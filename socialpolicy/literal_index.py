"""Writing ``rules/literals.json``: the strings each built-in pattern's matches need.

Run as ``socialpolicy rules index`` after editing a pattern or a list in ``rules/``
(a test fails while the file is stale; a stale file only slows runs down).
"""

from __future__ import annotations

import json
from pathlib import Path

from .config import Config
from .literals import INDEX_NAME, build_index
from .resources import package_dir
from .ruleset import builtin_pattern_sources


def write_index(folder: Path | None = None) -> str:
    """Rebuild the index for the built-in pack; returns a one-line summary."""
    folder = folder or package_dir("rules")
    index = build_index(builtin_pattern_sources(Config()))
    (folder / INDEX_NAME).write_text(json.dumps(index, indent=0, sort_keys=True) + "\n",
                                     encoding="utf-8")
    return f"wrote {folder / INDEX_NAME}: {len(index['patterns'])} patterns"


if __name__ == "__main__":  # pragma: no cover - the same as `socialpolicy rules index`
    print(write_index())
