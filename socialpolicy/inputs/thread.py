"""Threads: one post written as several parts (SPEC §1).

In a draft (and in a calendar's text cell) the parts are separated by a line holding
only three or more hyphens (``---``); a calendar entry may instead give ``thread:``, a
list of parts, which is joined with that same line. The post's text keeps the
separator lines, so every offset still maps to its line in the file; ``parts`` says
where each part lies, and the length and hashtag rules measure each part on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SEPARATOR = "---"
_SEPARATOR_LINE = re.compile(r"^[ \t]*-{3,}[ \t]*$", re.MULTILINE)


def join_parts(parts: Sequence[str]) -> str:
    """The text of a thread given as a list: the parts with a separator line between."""
    return f"\n{SEPARATOR}\n".join(parts)


def split_parts(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each non-empty part; ``()`` when the text has no separator line."""
    spans: list[tuple[int, int]] = []
    start = 0
    found = False
    for match in _SEPARATOR_LINE.finditer(text):
        found = True
        spans.append((start, max(start, match.start() - 1)))
        start = min(len(text), match.end() + 1)
    if not found:
        return ()
    spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())
